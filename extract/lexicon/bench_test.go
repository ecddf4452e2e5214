package lexicon

import (
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract/text"
)

// benchText is about 4 KB of Arabic news prose of our own making.
var benchText = strings.Repeat("وأعلن وزير الشؤون الخارجية والتعاون الإفريقي أمس في الرباط أن المغرب سيستضيف اجتماعا للتحالف الدولي ضد داعش بمشاركة الولايات المتحدة الأمريكية والاتحاد الأوروبي، وقال المبعوث الخاص للأمم المتحدة إن الوفد النيجري وصل إلى مراكش يوم 11 ماي 2022. ", 12)

// BenchmarkMatch measures what the engine does per article: tokenise,
// then try every gazetteer at every token.
func BenchmarkMatch(b *testing.B) {
	l := Default()
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		toks := text.Tokenize(benchText)
		keys := make([]string, len(toks))
		for i, t := range toks {
			keys[i] = t.Key
		}
		for i := range keys {
			l.MatchPlace(keys, i)
			l.MatchOrg(keys, i)
			l.MatchTitle(keys, i)
			l.Nisba(keys[i])
			l.OrgHead(keys[i])
		}
	}
}
