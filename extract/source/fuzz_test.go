package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract"
)

// The fuzz targets' seed corpora live in testdata/fuzz/<target>, so a plain
// go test runs them; go test -fuzz FuzzJSONL ./extract/source explores.

// fuzzMax is a small article limit, so inputs reach the limit code too.
const fuzzMax = 4096

// fuzzReader reads into articles, checking what every emitted article must
// satisfy whatever the input.
func fuzzReader(t *testing.T) (*reader, *[]extract.Article) {
	var got []extract.Article
	r := &reader{
		ctx: context.Background(),
		fn: func(a extract.Article) error {
			switch {
			case a.ID == "":
				t.Errorf("article without id: %+v", a)
			case !utf8.ValidString(a.Text):
				t.Errorf("article %q: text not UTF-8", a.ID)
			case len(a.Text) > fuzzMax:
				t.Errorf("article %q: %d bytes, over the limit %d", a.ID, len(a.Text), fuzzMax)
			case len(a.SHA256) != 64:
				t.Errorf("article %q: sha256 %q", a.ID, a.SHA256)
			case strings.IndexByte(a.Text, 0) >= 0:
				t.Errorf("article %q: NUL in text", a.ID)
			case Normalize(a.Text) == "":
				t.Errorf("article %q: empty text emitted", a.ID)
			}
			got = append(got, a)
			return nil
		},
		onError: func(string, error) {},
		seen:    map[string]string{},
		max:     fuzzMax,
	}
	return r, &got
}

func FuzzFrontMatter(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		m, body, err := splitFrontMatter(data)
		if err != nil {
			return
		}
		if !bytes.HasSuffix(data, body) {
			t.Fatalf("body %q is not the end of the input", body)
		}
		if len(body) == len(data) && m != (meta{}) {
			t.Fatalf("metadata %+v without front matter", m)
		}
		r, _ := fuzzReader(t)
		_ = r.text("a.md", "a", bytes.NewReader(data), true)
	})
}

func FuzzJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r, got := fuzzReader(t)
		err := r.json("a.json", "a", bufio.NewReader(bytes.NewReader(data)))
		var fe fatal
		if errors.As(err, &fe) {
			t.Fatalf("a bad file gave a fatal error: %v", err)
		}
		checkUniqueIDs(t, *got)
	})
}

func FuzzJSONL(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r, got := fuzzReader(t)
		err := r.jsonl("a.jsonl", "a", bytes.NewReader(data))
		var fe fatal
		if errors.As(err, &fe) {
			t.Fatalf("a bad file gave a fatal error: %v", err)
		}
		checkUniqueIDs(t, *got)
		// Every line that was emitted is a line of the input: a record never
		// spans lines.
		if n := bytes.Count(data, []byte("\n")) + 1; len(*got) > n {
			t.Fatalf("%d articles from %d lines", len(*got), n)
		}
	})
}

func checkUniqueIDs(t *testing.T, arts []extract.Article) {
	seen := map[string]bool{}
	for _, a := range arts {
		if seen[a.ID] {
			t.Fatalf("id %q emitted twice", a.ID)
		}
		seen[a.ID] = true
	}
}
