package ner_test

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract/ner"
	"github.com/kgraph/kgraph/extract/ner/internal/tagger"
	"github.com/kgraph/kgraph/extract/text"
)

func readLearn(t *testing.T) []tagger.Doc {
	t.Helper()
	f, err := os.Open("testdata/learn.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := tagger.ReadTSV(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) < 5 {
		t.Fatalf("read %d documents from learn.tsv, want at least 5", len(c.Docs))
	}
	return c.Docs
}

func trainSmall(t *testing.T, docs []tagger.Doc) (*tagger.Model, []byte) {
	t.Helper()
	m, err := tagger.Train("en", docs, tagger.Options{Bits: 14, Epochs: 8, Seed: 7, Folds: 3})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return m, b.Bytes()
}

func tagNames(idx [][]int) [][]string {
	out := make([][]string, len(idx))
	for s, ts := range idx {
		for _, x := range ts {
			out[s] = append(out[s], tagger.Tags[x])
		}
	}
	return out
}

// TestLearns trains on the hand-written sentences and tags new sentences
// built from the same names in new orders.
func TestLearns(t *testing.T) {
	m, _ := trainSmall(t, readLearn(t))
	tests := []struct {
		sent string
		want string
	}{
		{"Anna Berg flew to Oslo .", "B-PER I-PER O O B-LOC O"},
		{"Sam Okafor met Tom Reed in Cairo .", "B-PER I-PER O B-PER I-PER O B-LOC O"},
		{"The Delta Council praised the Northern Bank .", "O B-ORG I-ORG O O B-ORG I-ORG O"},
		{"Prices rose on Friday .", "O O O O O"},
		{"The talks went well last week .", "O O O O O O O"},
	}
	for _, tc := range tests {
		got := tagNames(m.Tag([][]string{strings.Fields(tc.sent)}))[0]
		if want := strings.Fields(tc.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", tc.sent, got, want)
		}
	}
}

// TestDeterministic trains twice and compares the model bytes, and checks
// that a model survives writing and reading.
func TestDeterministic(t *testing.T) {
	docs := readLearn(t)
	m1, b1 := trainSmall(t, docs)
	_, b2 := trainSmall(t, docs)
	if !bytes.Equal(b1, b2) {
		t.Fatalf("two trainings gave different models (%d and %d bytes)", len(b1), len(b2))
	}
	m3, err := tagger.Read(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	doc := docs[0].Tokens()
	if got, want := m3.Tag(doc), m1.Tag(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("re-read model tags %v, want %v", got, want)
	}
	if _, err := tagger.Read(strings.NewReader("not a model")); !errors.Is(err, tagger.ErrFormat) {
		t.Errorf("Read(garbage) = %v, want ErrFormat", err)
	}
}

func tokens(s string) []string {
	var out []string
	for _, tk := range text.Tokenize(s) {
		out = append(out, tk.Text)
	}
	return out
}

// TestEmbedded tags sentences written for this test with the shipped
// models: names are found, common words are not.
func TestEmbedded(t *testing.T) {
	tests := []struct {
		lang, sent string
		want       map[string]string // token -> entity type or O; unlisted tokens are not checked
		all        string            // if set, the whole sequence
	}{
		{lang: "en", sent: "Angela Merkel met Emmanuel Macron in Paris on Monday .",
			all: "B-PER I-PER O B-PER I-PER O B-LOC O O O"},
		{lang: "en", sent: "The United Nations said prices rose in Kenya last year .",
			want: map[string]string{"The": "O", "United": "ORG", "Nations": "ORG", "said": "O", "prices": "O", "Kenya": "LOC", "year": "O"}},
		{lang: "en", sent: "He said the meeting would start in the morning .",
			all: "O O O O O O O O O O"},
		{lang: "ar", sent: "التقى وزير الخارجية ناصر بوريطة نظيره الفرنسي في الرباط",
			want: map[string]string{"التقى": "O", "وزير": "O", "الخارجية": "O", "ناصر": "PER", "بوريطة": "PER", "نظيره": "O", "في": "O", "الرباط": "LOC"}},
		{lang: "ar", sent: "وقال الرئيس إن الاجتماع سيعقد في القاهرة يوم الاثنين",
			want: map[string]string{"وقال": "O", "الرئيس": "O", "إن": "O", "الاجتماع": "O", "سيعقد": "O", "القاهرة": "LOC", "الاثنين": "O"}},
	}
	for _, tc := range tests {
		tg, err := ner.Load(tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		toks := tokens(tc.sent)
		got := tg.Tag([][]string{toks})[0]
		if tc.all != "" {
			if want := strings.Fields(tc.all); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q: got %v, want %v", tc.lang, tc.sent, got, want)
			}
			continue
		}
		for i, tok := range toks {
			typ := strings.TrimPrefix(strings.TrimPrefix(got[i], "B-"), "I-")
			if want, ok := tc.want[tok]; ok && typ != want {
				t.Errorf("%s %q: %s tagged %s, want %s (all: %v)", tc.lang, tc.sent, tok, got[i], want, got)
			}
		}
	}
}

func TestLoadUnknown(t *testing.T) {
	for _, lang := range []string{"fr", "", "EN"} {
		if _, err := ner.Load(lang); !errors.Is(err, ner.ErrNoModel) {
			t.Errorf("Load(%q) = %v, want ErrNoModel", lang, err)
		}
	}
}

func TestTagShapes(t *testing.T) {
	tg, err := ner.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{{}, {"Paris"}, {"a", "b", "c"}}
	got := tg.Tag(doc)
	if len(got) != len(doc) {
		t.Fatalf("Tag returned %d sentences, want %d", len(got), len(doc))
	}
	for s := range doc {
		if len(got[s]) != len(doc[s]) {
			t.Errorf("sentence %d: %d tags for %d tokens", s, len(got[s]), len(doc[s]))
		}
	}
	if got := tg.Tag(nil); len(got) != 0 {
		t.Errorf("Tag(nil) = %v, want empty", got)
	}
}

func TestSpans(t *testing.T) {
	tests := []struct {
		tags string
		want []ner.Span
	}{
		{"O O O", nil},
		{"B-PER I-PER O B-LOC", []ner.Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"B-ORG B-ORG I-ORG", []ner.Span{{0, 1, "ORG"}, {1, 3, "ORG"}}},
		{"I-MISC I-MISC O", []ner.Span{{0, 2, "MISC"}}},           // conlleval: a stray I- starts an entity
		{"B-PER I-LOC", []ner.Span{{0, 1, "PER"}, {1, 2, "LOC"}}}, // a type change ends one
		{"", nil},
	}
	for _, tc := range tests {
		if got := ner.Spans(strings.Fields(tc.tags)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Spans(%q) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}

// TestConcurrent tags from several goroutines at once; run with -race.
func TestConcurrent(t *testing.T) {
	tg, err := ner.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{tokens("Angela Merkel met Emmanuel Macron in Paris on Monday .")}
	want := tg.Tag(doc)
	done := make(chan [][]string)
	for g := 0; g < 4; g++ {
		go func() { done <- tg.Tag(doc) }()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Errorf("concurrent Tag = %v, want %v", got, want)
		}
	}
}
