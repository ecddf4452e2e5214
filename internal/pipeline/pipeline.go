// Package pipeline runs articles from a source through an extractor into a
// sink, one article at a time: source -> extract -> sink.
//
// Reading runs in its own goroutine, a few articles ahead of extraction, so
// file I/O overlaps with extraction; extraction and writing stay on one
// goroutine because an extractor's resolver is not safe for concurrent use.
// A batch is dropped as soon as the sink has it, so memory does not grow with
// the corpus.
//
// Per-article problems (a bad file, an extraction error, a batch outside the
// vocabulary) are recorded in the Summary and the run goes on. A sink error
// stops the run: it means the database or disk is in trouble, not the
// article, and every later write would fail the same way.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
)

// Source yields articles; extract/source.Walker is one.
type Source interface {
	Walk(ctx context.Context, fn func(extract.Article) error, onError func(path string, err error)) error
}

// SourceFunc adapts a function to Source.
type SourceFunc func(ctx context.Context, fn func(extract.Article) error, onError func(path string, err error)) error

// Walk calls f.
func (f SourceFunc) Walk(ctx context.Context, fn func(extract.Article) error, onError func(string, error)) error {
	return f(ctx, fn, onError)
}

// Hooks observe a run. Nil fields do nothing. They are all called from one
// goroutine, in order.
type Hooks struct {
	// OnArticle is called after an article's batch is written.
	OnArticle func(b graph.Batch)
	// OnError is called for each article or file that failed; the run goes on.
	OnError func(path string, err error)
	// IsFatal reports whether a sink error must stop the run. By default
	// every sink error does except a vocabulary error (graph.ErrUnknownType,
	// graph.ErrUnknownPredicate), which concerns one article only. A sink
	// that rejects single articles for other reasons says so here.
	IsFatal func(err error) bool
}

// Failure is one article or file that could not be processed.
type Failure struct {
	Path string // file name, or "-" for stdin
	Err  error
}

func (f Failure) Error() string { return fmt.Sprintf("%s: %v", f.Path, f.Err) }

// Summary counts what a run did.
type Summary struct {
	Articles   int // written to the sink
	Failed     []Failure
	Entities   int // distinct entity ids across written batches
	Relations  int
	Attributes int
	Duration   time.Duration
}

// Add folds a written batch into the counts. seen tracks entity ids so that
// an entity named by many articles counts once.
func (s *Summary) add(b graph.Batch, seen map[string]struct{}) {
	s.Articles++
	s.Relations += len(b.Relations)
	s.Attributes += len(b.Attributes)
	for _, e := range b.Entities {
		if _, ok := seen[e.ID]; !ok {
			seen[e.ID] = struct{}{}
			s.Entities++
		}
	}
}

// item is what the reading goroutine hands over: an article or a failure.
type item struct {
	article extract.Article
	path    string
	err     error
}

// readAhead is how many articles may wait between reading and extraction.
const readAhead = 8

// Run reads every article of src, extracts it and writes the batch to sink.
// The Summary is valid even when an error is returned.
func Run(ctx context.Context, src Source, x extract.Extractor, sink graph.Sink, hooks Hooks) (Summary, error) {
	start := time.Now()
	var sum Summary
	seen := map[string]struct{}{}
	onArticle := hooks.OnArticle
	if onArticle == nil {
		onArticle = func(graph.Batch) {}
	}
	onError := hooks.OnError
	if onError == nil {
		onError = func(string, error) {}
	}
	isFatal := hooks.IsFatal
	if isFatal == nil {
		isFatal = func(err error) bool {
			return !errors.Is(err, graph.ErrUnknownPredicate) && !errors.Is(err, graph.ErrUnknownType)
		}
	}
	fail := func(path string, err error) {
		sum.Failed = append(sum.Failed, Failure{path, err})
		onError(path, err)
	}

	g, gctx := errgroup.WithContext(ctx)
	items := make(chan item, readAhead)
	g.Go(func() error {
		defer close(items)
		send := func(it item) error {
			select {
			case items <- it:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return src.Walk(gctx,
			func(a extract.Article) error { return send(item{article: a, path: a.Path}) },
			func(path string, err error) { _ = send(item{path: path, err: err}) })
	})
	g.Go(func() error {
		for it := range items {
			if it.err != nil {
				fail(it.path, it.err)
				continue
			}
			if err := process(gctx, it.article, x, sink, &sum, seen, onArticle, fail, isFatal); err != nil {
				return err
			}
		}
		return nil
	})
	err := g.Wait()
	// The reader's error is the context's when the writer stopped first;
	// errgroup returns the first, which is the one that matters.
	if err != nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	sum.Duration = time.Since(start)
	return sum, err
}

// process extracts and writes one article. Only a sink or context error is
// returned; an article's own problems become failures.
func process(ctx context.Context, a extract.Article, x extract.Extractor, sink graph.Sink,
	sum *Summary, seen map[string]struct{}, onArticle func(graph.Batch), fail func(string, error), isFatal func(error) bool) error {
	path := a.Path
	if path == "" {
		path = a.ID
	}
	b, err := x.Extract(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		fail(path, fmt.Errorf("article %s: extract: %w", a.ID, err))
		return nil
	}
	if b.Article.ID == "" {
		b.Article = a.Article
	}
	if err := b.Validate(); err != nil {
		fail(path, err)
		return nil
	}
	if err := sink.Write(ctx, b); err != nil {
		if ctx.Err() == nil && !isFatal(err) {
			fail(path, err)
			return nil
		}
		return fmt.Errorf("write article %s: %w", a.ID, err)
	}
	sum.add(b, seen)
	onArticle(b)
	return nil
}
