package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/text"
)

// splitNamedClitics reads a proclitic off a word whose stem the tagger
// found as a name elsewhere in the article: بميسي once ميسي is tagged,
// لباربادوس once باربادوس is. The word-level splitter keeps a word it does
// not know whole, since cutting blindly would turn بوريطة into ب + وريطة;
// here the article itself is the evidence that the stem is a name. tags
// are the tagger's, one list per sentence, "O" outside names.
func (d *Document) splitNamedClitics(tags [][]string) {
	named := map[string]bool{}
	for i, s := range d.sents {
		for k, tag := range tags[i] {
			if tag != "O" && k < len(s.words) && s.words[k].Kind == text.Word {
				named[s.words[k].stem] = true
			}
		}
	}
	for i, s := range d.sents {
		for k := range s.words {
			w := &s.words[k]
			if w.Kind != text.Word || w.pre != "" {
				continue
			}
			// لمبارك الدريوش: a name the tagger starts on a proclitic and a
			// listed given name, itself no given name (لحسن is one), runs
			// on with a family name: the proclitic is no part of it.
			opens := k+1 < len(tags[i]) && strings.HasSuffix(tags[i][k], "-PER") && tags[i][k+1] == "I-PER" && !d.x.lex.IsGivenName(w.Key)
			for _, sp := range text.Splits(w.Key) {
				if sp.Prefix == "" || sp.Prefix == "ال" || utf8.RuneCountInString(sp.Stem) < 3 || !named[sp.Stem] && !(opens && d.x.lex.IsGivenName(sp.Stem)) {
					continue
				}
				w.pre, w.stem = sp.Prefix, sp.Stem
				w.fs = d.x.facts(sp.Stem)
				break
			}
		}
	}
}
