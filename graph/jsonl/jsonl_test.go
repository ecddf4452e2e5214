package jsonl

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

func TestRoundTrip(t *testing.T) {
	b := graph.Batch{
		Article:    graph.Article{ID: "a1", Lang: "ar", SHA256: "x"},
		Relations:  []graph.Relation{{Subject: "country:MA", Predicate: graph.Hosts, Object: "event:e", Article: "a1", Evidence: "يستضيف المغرب “الاجتماع”", Confidence: 0.9}},
		Attributes: []graph.Attribute{{Subject: "event:e", Name: graph.AttrDate, Value: "2022-05", Article: "a1"}},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Facts(b); err != nil {
		t.Fatal(err)
	}
	for _, e := range []graph.Entity{
		{ID: "country:MA", Type: graph.TypeCountry, Name: "Morocco", Mentions: []graph.Mention{{Article: "a1", Start: 7, End: 13, Text: "المغرب"}}},
		{ID: "event:e", Type: graph.TypeEvent, Name: "الاجتماع", Articles: []string{"a1"}},
	} {
		if err := w.Entity(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `\u`) {
		t.Errorf("Arabic or quotes escaped: %s", buf.String())
	}
	bs, err := ReadBatches(&buf, func(err error) { t.Errorf("unexpected: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 {
		t.Fatalf("got %d batches", len(bs))
	}
	got := bs[0]
	if got.Article.SHA256 != "x" || len(got.Relations) != 1 || len(got.Attributes) != 1 || len(got.Entities) != 2 {
		t.Errorf("batch = %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// TestReadBatchesBadInput: bad lines are reported with their number and
// skipped; facts that name an entity with no record are dropped, not loaded
// half-way.
func TestReadBatchesBadInput(t *testing.T) {
	in := strings.Join([]string{
		`{"kind":"article","id":"a1","sha256":"h1"}`,
		`not json`,
		`{"kind":"relation","subject":"s","predicate":"HOSTS","object":"missing","article":"a1","evidence":"e","confidence":1}`,
		`{"kind":"relation","subject":"s","predicate":"HOSTS","article":"a1"}`,
		`{"kind":"entity","id":"s","type":"Country","name":"S","articles":["a1"]}`,
		`{"kind":"comment","text":"unknown kinds are skipped"}`,
		``,
	}, "\n")
	var errs []error
	bs, err := ReadBatches(strings.NewReader(in), func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatal(err)
	}
	var lineErrs []int
	for _, e := range errs {
		var le *LineError
		if errors.As(e, &le) {
			lineErrs = append(lineErrs, le.Line)
		}
	}
	if len(lineErrs) != 2 || lineErrs[0] != 2 || lineErrs[1] != 4 {
		t.Errorf("line errors at %v, want [2 4] (all: %v)", lineErrs, errs)
	}
	if len(errs) != 3 {
		t.Errorf("want 3 errors (2 bad lines, 1 missing entity), got %v", errs)
	}
	if len(bs) != 1 || len(bs[0].Relations) != 0 || len(bs[0].Entities) != 1 {
		t.Errorf("batch = %+v", bs)
	}
}

func TestReaderEOF(t *testing.T) {
	r := NewReader(strings.NewReader(""))
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next on empty input = %v, want io.EOF", err)
	}
}

func TestForArticle(t *testing.T) {
	e := graph.Entity{ID: "x", Articles: []string{"a", "b"}, Mentions: []graph.Mention{{Article: "a"}, {Article: "b"}, {Article: "a"}}}
	got := ForArticle(e, "a")
	if len(got.Mentions) != 2 || len(got.Articles) != 1 || got.Articles[0] != "a" {
		t.Errorf("ForArticle = %+v", got)
	}
	if len(e.Mentions) != 3 {
		t.Error("ForArticle changed its argument")
	}
}
