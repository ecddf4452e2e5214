package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
)

// memSink records what it is given; failOn makes Write fail for an article id.
type memSink struct {
	written []string
	failOn  map[string]error
}

func (s *memSink) Write(ctx context.Context, b graph.Batch) error {
	if err := s.failOn[b.Article.ID]; err != nil {
		return err
	}
	s.written = append(s.written, b.Article.ID)
	return nil
}

// fakeExtractor gives every article the entities named in its text
// ("a b c" -> entities a, b, c, relations a->b, b->c), and fails on "fail".
type fakeExtractor struct{}

func (fakeExtractor) Extract(ctx context.Context, a extract.Article) (graph.Batch, error) {
	b := graph.Batch{Article: a.Article}
	if a.Text == "fail" {
		return b, errors.New("cannot parse")
	}
	words := strings.Fields(a.Text)
	for i, w := range words {
		typ := graph.TypeCountry
		if w == "badtype" {
			typ = "Planet"
		}
		b.Entities = append(b.Entities, graph.Entity{ID: w, Type: typ, Name: w})
		if i > 0 {
			b.Relations = append(b.Relations, graph.Relation{Subject: words[i-1], Predicate: graph.MemberOf, Object: w, Article: a.ID})
		}
	}
	if len(words) > 0 {
		b.Attributes = append(b.Attributes, graph.Attribute{Subject: words[0], Name: graph.AttrFounded, Value: "2014", Article: a.ID})
	}
	return b, ctx.Err()
}

// items is a Source from a fixed list; an entry with err set is a bad file.
type items []item

func (its items) Walk(ctx context.Context, fn func(extract.Article) error, onError func(string, error)) error {
	for _, it := range its {
		if it.err != nil {
			onError(it.path, it.err)
			continue
		}
		if err := fn(it.article); err != nil {
			return err
		}
	}
	return nil
}

func art(id, text string) item {
	a := extract.Article{Text: text}
	a.ID, a.Path = id, id+".txt"
	return item{article: a, path: a.Path}
}

var errRejected = errors.New("rejected")

func TestRun(t *testing.T) {
	sinkDown := errors.New("connection refused")
	tests := []struct {
		name      string
		src       items
		failOn    map[string]error
		written   string
		failed    string // "path" list
		entities  int
		relations int
		attrs     int
		wantErr   error
		isFatal   func(error) bool
	}{
		{
			name:    "all good, entities counted once",
			src:     items{art("1", "ma us"), art("2", "us fr de")},
			written: "1,2", entities: 4, relations: 3, attrs: 2,
		},
		{
			name:    "bad file, extract error and invalid batch do not stop the run",
			src:     items{art("1", "ma"), {path: "bad.json", err: errors.New("bad JSON")}, art("2", "fail"), art("3", "x badtype"), art("4", "a b")},
			written: "1,4", failed: "bad.json,2.txt,3.txt", entities: 3, relations: 1, attrs: 2,
		},
		{
			name:    "sink rejecting vocabulary is per article",
			src:     items{art("1", "a"), art("2", "b")},
			failOn:  map[string]error{"1": fmt.Errorf("write: %w", graph.ErrUnknownPredicate)},
			written: "2", failed: "1.txt", entities: 1, attrs: 1,
		},
		{
			name:    "IsFatal keeps a rejected article per article",
			src:     items{art("1", "a"), art("2", "b"), art("3", "c")},
			failOn:  map[string]error{"2": errRejected},
			isFatal: func(err error) bool { return !errors.Is(err, errRejected) },
			written: "1,3", failed: "2.txt", entities: 2, attrs: 2,
		},
		{
			name:    "sink failure stops the run",
			src:     items{art("1", "a"), art("2", "b"), art("3", "c")},
			failOn:  map[string]error{"2": sinkDown},
			written: "1", entities: 1, attrs: 1, wantErr: sinkDown,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := &memSink{failOn: tt.failOn}
			var hooked []string
			var articles int
			sum, err := Run(context.Background(), tt.src, fakeExtractor{}, sink, Hooks{
				OnArticle: func(graph.Batch) { articles++ },
				OnError:   func(path string, err error) { hooked = append(hooked, path) },
				IsFatal:   tt.isFatal,
			})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got := strings.Join(sink.written, ","); got != tt.written {
				t.Errorf("written %q, want %q", got, tt.written)
			}
			var failed []string
			for _, f := range sum.Failed {
				failed = append(failed, f.Path)
			}
			if got := strings.Join(failed, ","); got != tt.failed {
				t.Errorf("failed %q, want %q", got, tt.failed)
			}
			if strings.Join(hooked, ",") != tt.failed {
				t.Errorf("OnError saw %q, want %q", hooked, tt.failed)
			}
			if sum.Articles != len(sink.written) || articles != sum.Articles {
				t.Errorf("Articles = %d, OnArticle %d, written %d", sum.Articles, articles, len(sink.written))
			}
			if sum.Entities != tt.entities || sum.Relations != tt.relations || sum.Attributes != tt.attrs {
				t.Errorf("counts = %d/%d/%d, want %d/%d/%d", sum.Entities, sum.Relations, sum.Attributes, tt.entities, tt.relations, tt.attrs)
			}
			if sum.Duration <= 0 {
				t.Error("no duration")
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	src := SourceFunc(func(ctx context.Context, fn func(extract.Article) error, onError func(string, error)) error {
		for i := 0; ; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			a := art(fmt.Sprint(i), "a")
			if err := fn(a.article); err != nil {
				return err
			}
		}
	})
	sink := &memSink{}
	_, err := Run(ctx, src, fakeExtractor{}, sinkFunc(func(b graph.Batch) error {
		if n++; n == 5 {
			cancel()
		}
		return sink.Write(ctx, b)
	}), Hooks{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

type sinkFunc func(graph.Batch) error

func (f sinkFunc) Write(_ context.Context, b graph.Batch) error { return f(b) }

// groupSink records the groups it is given and rejects articles in reject.
type groupSink struct {
	groups []string
	reject map[string]bool
	down   error
}

type rejectedErr struct{ id string }

func (e *rejectedErr) Error() string     { return "rejected " + e.id }
func (e *rejectedErr) ArticleID() string { return e.id }

func (s *groupSink) WriteGroup(ctx context.Context, bs []graph.Batch) error {
	if s.down != nil {
		return s.down
	}
	var ids []string
	var errs []error
	for _, b := range bs {
		ids = append(ids, b.Article.ID)
		if s.reject[b.Article.ID] {
			errs = append(errs, &rejectedErr{b.Article.ID})
		}
	}
	s.groups = append(s.groups, strings.Join(ids, ","))
	return errors.Join(errs...)
}

func TestRunBatched(t *testing.T) {
	isRejected := func(err error) bool {
		var r *rejectedErr
		return !errors.As(err, &r)
	}
	tests := []struct {
		name      string
		src       items
		size      int
		reject    map[string]bool
		down      error
		groups    string // groups separated by "|"
		failed    string
		articles  int
		wantError bool
	}{
		{name: "groups of three in input order", size: 3,
			src:    items{art("1", "a"), art("2", "b"), art("3", "c"), art("4", "d"), art("5", "e"), art("6", "f"), art("7", "g")},
			groups: "1,2,3|4,5,6|7", articles: 7},
		{name: "a failed extraction does not break a group", size: 2,
			src:    items{art("1", "a"), art("2", "fail"), art("3", "c"), art("4", "d")},
			groups: "1,3|4", failed: "2.txt", articles: 3},
		{name: "a rejected article fails alone", size: 5,
			src:    items{art("1", "a"), art("2", "b"), art("3", "c")},
			reject: map[string]bool{"2": true}, groups: "1,2,3", failed: "2.txt", articles: 2},
		{name: "size below one writes singly", size: 0,
			src:    items{art("1", "a"), art("2", "b")},
			groups: "1|2", articles: 2},
		{name: "sink down stops the run", size: 2,
			src:  items{art("1", "a"), art("2", "b"), art("3", "c")},
			down: errors.New("connection refused"), wantError: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := &groupSink{reject: tt.reject, down: tt.down}
			var order []string
			sum, err := RunBatched(context.Background(), tt.src, fakeExtractor{}, sink, tt.size, Hooks{
				OnArticle: func(b graph.Batch) { order = append(order, b.Article.ID) },
				IsFatal:   isRejected,
			})
			if (err != nil) != tt.wantError {
				t.Fatalf("err = %v, want error %v", err, tt.wantError)
			}
			if tt.wantError {
				if sum.Articles != 0 {
					t.Errorf("articles = %d after a sink failure, want 0", sum.Articles)
				}
				return
			}
			if got := strings.Join(sink.groups, "|"); got != tt.groups {
				t.Errorf("groups %q, want %q", got, tt.groups)
			}
			var failed []string
			for _, f := range sum.Failed {
				failed = append(failed, f.Path)
			}
			if got := strings.Join(failed, ","); got != tt.failed {
				t.Errorf("failed %q, want %q", got, tt.failed)
			}
			if sum.Articles != tt.articles || len(order) != tt.articles {
				t.Errorf("articles = %d, OnArticle %v, want %d", sum.Articles, order, tt.articles)
			}
		})
	}
}
