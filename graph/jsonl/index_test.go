package jsonl

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

// exchangeFile writes n articles the way kgraph extract does: each
// article's facts as it is extracted, every entity at the end.
func exchangeFile(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	hub := graph.Entity{ID: "country:hub", Type: graph.TypeCountry, Name: "Hub"}
	var others []graph.Entity
	for i := range n {
		id := fmt.Sprintf("a%03d", i)
		o := graph.Entity{ID: fmt.Sprintf("org:%03d", i), Type: graph.TypeOrganization, Name: "Org",
			Mentions: []graph.Mention{{Article: id, Start: 0, End: 3, Text: "Org"}}}
		hub.Mentions = append(hub.Mentions, graph.Mention{Article: id, Start: 5, End: 8, Text: "Hub"})
		others = append(others, o)
		b := graph.Batch{
			Article:   graph.Article{ID: id, SHA256: "h" + id, Source: "s"},
			Relations: []graph.Relation{{Subject: o.ID, Predicate: graph.LocatedIn, Object: hub.ID, Article: id, Evidence: "e", Confidence: 1}},
		}
		if i%3 == 0 {
			b.Attributes = []graph.Attribute{{Subject: o.ID, Name: graph.AttrFounded, Value: "1999", Article: id}}
		}
		if err := w.Facts(b); err != nil {
			t.Fatal(err)
		}
	}
	// An article known only from a mention, with no facts and no line.
	hub.Mentions = append(hub.Mentions, graph.Mention{Article: "zz-mention-only", Start: 1, End: 2, Text: "H"})
	for _, e := range append(others, hub) {
		if err := w.Entity(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIndexBatchesInGroups(t *testing.T) {
	data := exchangeFile(t, 7)
	ix, err := NewIndex(bytes.NewReader(data), func(err error) { t.Errorf("unexpected: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 8 {
		t.Fatalf("Len = %d, want 7 articles and one known by a mention", ix.Len())
	}
	var sizes []int
	var all []graph.Batch
	err = ix.Batches(bytes.NewReader(data), 3, func(bs []graph.Batch) error {
		sizes = append(sizes, len(bs))
		all = append(all, bs...)
		return nil
	}, func(err error) { t.Errorf("unexpected: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sizes, []int{3, 3, 2}) {
		t.Errorf("group sizes = %v, want [3 3 2]", sizes)
	}
	whole, err := ReadBatches(bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, whole) {
		t.Errorf("grouped batches differ from a whole read")
	}
	b := all[2]
	if b.Article.ID != "a002" || b.Article.SHA256 != "ha002" || len(b.Entities) != 2 || len(b.Relations) != 1 {
		t.Fatalf("a002 = %+v", b)
	}
	for _, e := range b.Entities {
		if len(e.Mentions) != 1 || e.Mentions[0].Article != "a002" {
			t.Errorf("entity %s mentions not cut to the article: %v", e.ID, e.Mentions)
		}
	}
	if last := all[7]; last.Article.ID != "zz-mention-only" || len(last.Entities) != 1 {
		t.Errorf("mention-only article = %+v", last)
	}
	if err := all[0].Validate(); err != nil {
		t.Error(err)
	}
}

func TestIndexLongLinesAndCRLF(t *testing.T) {
	long := strings.Repeat("x", 200*1024) // longer than the read buffer
	in := `{"kind":"article","id":"a1","title":"` + long + `"}` + "\r\n" +
		`{"kind":"entity","id":"e","type":"Country","name":"E","articles":["a1"]}` + "\r\n"
	bs, err := ReadBatches(strings.NewReader(in), func(err error) { t.Errorf("unexpected: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 || bs[0].Article.Title != long || len(bs[0].Entities) != 1 {
		t.Errorf("batches = %d, title %d bytes", len(bs), len(bs[0].Article.Title))
	}
}

// FuzzCodec: whatever a line holds, reading it never panics, and a record
// that reads back writes out and reads in again unchanged.
func FuzzCodec(f *testing.F) {
	for _, line := range []string{
		`{"kind":"article","id":"a1","title":"اجتماع","source":"s","sha256":"x"}`,
		`{"kind":"entity","id":"country:MA","type":"Country","name":"Morocco","aliases":["المغرب"],"mentions":[{"article":"a1","start":0,"end":6,"text":"المغرب"}]}`,
		`{"kind":"relation","subject":"a","predicate":"HOSTS","object":"b","article":"a1","evidence":"e","confidence":0.5,"properties":{"title":"t"}}`,
		`{"kind":"attribute","subject":"a","name":"founded","value":"1999","article":"a1"}`,
		`{"kind":"relation","subject":"a"}`,
		`not json`,
		``,
	} {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, ok, err := parseLine(line)
		if err != nil || !ok {
			return
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		switch {
		case rec.Article != nil:
			err = w.Article(*rec.Article)
		case rec.Entity != nil:
			err = w.Entity(*rec.Entity)
		case rec.Relation != nil:
			err = w.Relation(*rec.Relation)
		case rec.Attribute != nil:
			err = w.Attribute(*rec.Attribute)
		}
		if err != nil {
			return // e.g. a float the encoder refuses; nothing was read wrongly
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		again, ok, err := parseLine(buf.Bytes())
		if err != nil || !ok {
			t.Fatalf("re-read of %q: ok=%v err=%v", buf.Bytes(), ok, err)
		}
		var out bytes.Buffer
		w2 := NewWriter(&out)
		switch {
		case again.Article != nil:
			err = w2.Article(*again.Article)
		case again.Entity != nil:
			err = w2.Entity(*again.Entity)
		case again.Relation != nil:
			err = w2.Relation(*again.Relation)
		case again.Attribute != nil:
			err = w2.Attribute(*again.Attribute)
		}
		if err != nil {
			t.Fatal(err)
		}
		_ = w2.Flush()
		if !bytes.Equal(buf.Bytes(), out.Bytes()) {
			t.Fatalf("not stable:\n%s\n%s", buf.Bytes(), out.Bytes())
		}
	})
}
