package extract

import (
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
	if len(named) == 0 {
		return
	}
	for _, s := range d.sents {
		for k := range s.words {
			w := &s.words[k]
			if w.Kind != text.Word || w.pre != "" {
				continue
			}
			for _, sp := range text.Splits(w.Key) {
				if sp.Prefix == "" || sp.Prefix == "ال" || utf8.RuneCountInString(sp.Stem) < 3 || !named[sp.Stem] {
					continue
				}
				w.pre, w.stem = sp.Prefix, sp.Stem
				w.fs = d.x.facts(sp.Stem)
				break
			}
		}
	}
}
