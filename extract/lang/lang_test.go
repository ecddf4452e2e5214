package lang_test

import (
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract/lang"
	"github.com/kgraph/kgraph/extract/lang/ar"
	"github.com/kgraph/kgraph/extract/lang/en"
)

func TestParse(t *testing.T) {
	w, err := lang.Parse("t.tsv", []byte("# comment\n\nrelative\tالتي\nrelative\twhich\nlocative\tفي\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		class, key string
		want       bool
	}{
		{"relative", "التي", true},
		{"relative", "which", true},
		{"locative", "في", true},
		{"locative", "التي", false},
		{"unknown", "في", false},
	} {
		if got := w.Has(c.class, c.key); got != c.want {
			t.Errorf("Has(%q, %q) = %v, want %v", c.class, c.key, got, c.want)
		}
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	_, err := lang.Parse("x/words.tsv", []byte("relative\tالتي\nno-tab-here\n"))
	if err == nil || !strings.Contains(err.Error(), "x/words.tsv:2") {
		t.Fatalf("err = %v, want one naming x/words.tsv:2", err)
	}
}

func TestEmbeddedLanguagesLoad(t *testing.T) {
	for name, load := range map[string]func() (lang.Words, error){"ar": ar.Words, "en": en.Words} {
		w, err := load()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(w.Set("relative")) == 0 || len(w.Set("locative")) == 0 {
			t.Errorf("%s: relative or locative class empty", name)
		}
	}
	m := lang.Merge(must(ar.Words()), must(en.Words()))
	if !m.Has("relative", "التي") || !m.Has("relative", "which") {
		t.Errorf("merged classes lost a language's words")
	}
}

func must(w lang.Words, err error) lang.Words {
	if err != nil {
		panic(err)
	}
	return w
}
