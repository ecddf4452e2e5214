package main

import (
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract/text"
)

func TestSilverTag(t *testing.T) {
	conv := map[string]bool{text.Fold("الملك"): true, text.Fold("وزارة"): true} // as oLeaders gives them
	names := silverNames([]goldEntity{
		{Type: "Person", Names: []string{"الملك محمد السادس", "محمد", "Mohammed VI"}},
		{Type: "Country", Names: []string{"المغرب"}},
		{Type: "Organization", Names: []string{"وزارة الفلاحة", "مجلس الحكومة"}},
		{Type: "Event", Names: []string{"اجتماع مجلس الحكومة"}},
	}, conv)
	toks := strings.Fields("استقبل الملك محمد السادس وزير الفلاحة وبالمغرب قبل اجتماع مجلس الحكومة للمغرب في وزارة الفلاحة")
	got, n := silverTag(toks, names)
	want := "O O B-PER I-PER O O B-LOC O O B-ORG I-ORG B-LOC O O O"
	if strings.Join(got, " ") != want || n != 4 {
		t.Errorf("got %q (%d entities), want %q (4)", strings.Join(got, " "), n, want)
	}
}

func TestSilverRefusesCheckSet(t *testing.T) {
	for _, f := range silverFiles {
		if strings.Contains(f, "fresh3") {
			t.Fatalf("silver reads %s, the untouched check set", f)
		}
	}
}
