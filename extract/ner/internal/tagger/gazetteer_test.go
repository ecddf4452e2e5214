package tagger

import (
	"slices"
	"testing"

	"github.com/kgraph/kgraph/extract/text"
)

// person_words.txt is embedded and loaded under its own mark, and the
// featurizer marks a name word from it, bare and behind a proclitic.
func TestPersonWordsLoaded(t *testing.T) {
	gz := gazetteer()
	n := 0
	for _, m := range gz {
		if m&gzPerson != 0 {
			n++
		}
	}
	if n < 10000 {
		t.Fatalf("%d words marked gzPerson, want the ~12,000 of person_words.txt", n)
	}
	// Beethoven: in the list, in no ANERcorp sentence, and in no other list.
	if m := gz[text.Fold("بيتهوفن")]; m != gzPerson {
		t.Errorf("mark of بيتهوفن = %b, want gzPerson alone", m)
	}
	if m := gz[text.Fold("الحكومة")]; m&gzPerson != 0 {
		t.Errorf("الحكومة (the government) is marked as a name word")
	}

	fz := newFeaturizer("ar", nil)
	cases := []struct {
		raw  string
		feat uint32
		want bool
	}{
		{"بيتهوفن", hval(kLex, lexPerson), true},      // Beethoven
		{"وبيتهوفن", hval(kLex, lexStemPerson), true}, // and Beethoven
		{"الحكومة", hval(kLex, lexPerson), false},     // the government
		{"والحكومة", hval(kLex, lexStemPerson), false},
	}
	for _, c := range cases {
		f := fz.analyze(c.raw)
		if got := slices.Contains(f.intr, c.feat); got != c.want {
			t.Errorf("%s: has the person-word feature: %v, want %v", c.raw, got, c.want)
		}
		// The neighbours see the mark too.
		if got := slices.Contains(f.neigh[2], mix(c.feat, hval(kNeigh, uint32(offsets[2]+8)))); got != c.want {
			t.Errorf("%s: the next token sees the person-word feature: %v, want %v", c.raw, got, c.want)
		}
	}
}

// List dropout hides the person-word marks, the token's own and its
// neighbours', and nothing else.
func TestWithoutListFeatures(t *testing.T) {
	fz := newFeaturizer("ar", nil)
	sent := fz.docFeatures([][]string{{"قال", "بيتهوفن", "أمس"}}, fz.analyze).sents[0]
	hide := listFeatures()
	for i := range sent.forms {
		fs := tokenFeatures(fz, sent, i, nil)
		got := without(fs, hide)
		n := 0
		for _, h := range fs {
			if hide[h] {
				n++
			}
		}
		if n == 0 {
			t.Errorf("token %d: sees no person-word mark", i)
		}
		if len(got) != len(fs)-n {
			t.Errorf("token %d: %d features left of %d, want %d", i, len(got), len(fs), len(fs)-n)
		}
		for _, h := range got {
			if hide[h] {
				t.Errorf("token %d: a person-word feature is left", i)
			}
		}
	}
}
