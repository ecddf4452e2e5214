package extract

import (
	"reflect"
	"testing"

	"github.com/kgraph/kgraph/extract/ner"
)

func TestSplitNamedClitics(t *testing.T) {
	// Sentences written for this test. Words are tagged by hand: the test
	// is about the split, not about the tagger.
	const text = "وصل المدرب تشافي إلى المدينة. ورحبت الجماهير بتشافي وبكمال. وحضر بومدين."
	d := readWith(t, "ar", text, &Language{})
	tags := make([][]string, len(d.sents))
	for i, s := range d.sents {
		tags[i] = make([]string, len(s.words))
		for k, w := range s.words {
			tags[i][k] = "O"
			if w.Text == "تشافي" {
				tags[i][k] = "B-PER" // named on its own in the first sentence
			}
		}
	}
	d.splitNamedClitics(tags)
	got := map[string][2]string{}
	for _, s := range d.sents {
		for _, w := range s.words {
			got[w.Text] = [2]string{w.pre, w.stem}
		}
	}
	tests := []struct {
		word, pre, stem string
	}{
		{"بتشافي", "ب", "تشافي"}, // the name named bare elsewhere: ب is a proclitic
		{"تشافي", "", "تشافي"},
		{"بومدين", "", "بومدين"}, // ومدين is named nowhere: stays whole
		{"وبكمال", "وب", "كمال"}, // كمال is known as a given name, split by the word-level splitter
	}
	for _, tt := range tests {
		g := got[tt.word]
		if g[0] != tt.pre || g[1] != tt.stem {
			t.Errorf("%s: pre %q stem %q, want %q %q", tt.word, g[0], g[1], tt.pre, tt.stem)
		}
	}
}

func TestDropPlaceLeads(t *testing.T) {
	// A sentence written for this test, tagged by hand as a tagger may
	// read it: the governor's city run into his name.
	d := readWith(t, "ar", "وقال محافظ البصرة كريم جاسم العيداني إن المياه وصلت.", &Language{})
	s := d.sents[0]
	spans := []ner.Span{{Start: 2, End: 6, Type: "PER"}, {Start: 2, End: 3, Type: "LOC"}}
	got := d.dropPlaceLeads(s, spans)
	want := []ner.Span{{Start: 3, End: 6, Type: "PER"}, {Start: 2, End: 3, Type: "LOC"}}
	if s.words[2].Text != "البصرة" || !reflect.DeepEqual(got, want) {
		t.Errorf("words %q: spans %+v, want %+v", s.words[2].Text, got, want)
	}
	// Two words, or a given name first, stay as tagged (باريس | ماري).
	two := []ner.Span{{Start: 2, End: 4, Type: "PER"}}
	if got := d.dropPlaceLeads(s, append([]ner.Span(nil), two...)); !reflect.DeepEqual(got, two) {
		t.Errorf("a two-word name lost its first word: %+v", got)
	}
}
