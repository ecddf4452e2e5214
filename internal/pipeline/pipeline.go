// Package pipeline runs articles from a source through an extractor into a
// sink: source -> extract -> sink, each stage in its own goroutine.
//
// Reading runs a few articles ahead of extraction, and extraction runs ahead
// of writing through a bounded channel, so file I/O, extraction and database
// writes overlap. A ConcurrentExtractor reads articles on every core and
// resolves them on one goroutine, in input order, since resolution shares
// state across articles; output keeps input order. With a
// BatchSink, articles are written BatchSize at a time, one transaction per
// group, and a group is dropped as soon as it is written, so memory is
// bounded by the group size and does not grow with the corpus.
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
	"runtime"
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
// goroutine (the writer's), in input order.
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
	Langs      map[string]int // written articles per language ("" unknown)
	Duration   time.Duration
}

// Add folds a written batch into the counts. seen tracks entity ids so that
// an entity named by many articles counts once.
func (s *Summary) add(b graph.Batch, seen map[string]struct{}) {
	s.Articles++
	if s.Langs == nil {
		s.Langs = map[string]int{}
	}
	s.Langs[b.Article.Lang]++
	s.Relations += len(b.Relations)
	s.Attributes += len(b.Attributes)
	for _, e := range b.Entities {
		if _, ok := seen[e.ID]; !ok {
			seen[e.ID] = struct{}{}
			s.Entities++
		}
	}
}

// BatchSink writes a group of articles in one transaction. Its error joins
// one error per rejected article, each naming the article through an
// ArticleID method (see ArticleFailure), to the sink's own errors; a
// rejection concerns that article only, anything else stops the run.
type BatchSink interface {
	WriteGroup(ctx context.Context, bs []graph.Batch) error
}

// ArticleFailure is implemented by a BatchSink's per-article errors.
type ArticleFailure interface {
	error
	ArticleID() string
}

// item is what the reading goroutine hands over: an article or a failure.
type item struct {
	article extract.Article
	path    string
	err     error
}

// readAhead is how many articles may wait between reading and extraction.
const readAhead = 8

// extracted is what extraction hands the writer: a batch or a failure.
type extracted struct {
	batch graph.Batch
	path  string
	err   error // the article's failure; batch is unset
}

// Run reads every article of src, extracts it and writes each batch to sink
// on its own. The Summary is valid even when an error is returned.
func Run(ctx context.Context, src Source, x extract.Extractor, sink graph.Sink, hooks Hooks) (Summary, error) {
	return RunBatched(ctx, src, x, singles{sink}, 1, hooks)
}

// singles writes a group one article at a time, so that a generic Sink's
// rejection of one article does not stop the others.
type singles struct{ graph.Sink }

func (s singles) WriteGroup(ctx context.Context, bs []graph.Batch) error {
	var errs []error
	for _, b := range bs {
		if err := s.Write(ctx, b); err != nil {
			errs = append(errs, &FailedArticle{ID: b.Article.ID, Err: err})
		}
	}
	return errors.Join(errs...)
}

// FailedArticle is one article's part of a BatchSink's error: the run
// counts it as that article's failure and goes on, unless Hooks.IsFatal
// says the run must stop.
type FailedArticle struct {
	ID  string
	Err error
}

func (e *FailedArticle) Error() string     { return e.Err.Error() }
func (e *FailedArticle) Unwrap() error     { return e.Err }
func (e *FailedArticle) ArticleID() string { return e.ID }

// RunBatched is Run writing batchSize articles per WriteGroup call (at
// least one). Extraction of the next articles goes on while a group is
// being written.
func RunBatched(ctx context.Context, src Source, x extract.Extractor, sink BatchSink, batchSize int, hooks Hooks) (Summary, error) {
	start := time.Now()
	batchSize = max(batchSize, 1)
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
	// Up to one group waits while the previous one is written.
	out := make(chan extracted, batchSize)
	g.Go(func() error {
		defer close(out)
		return extractAll(gctx, items, x, out)
	})
	g.Go(func() error {
		group := make([]extracted, 0, batchSize)
		flush := func() error {
			if len(group) == 0 {
				return nil
			}
			err := writeGroup(gctx, sink, group, &sum, seen, onArticle, fail, isFatal)
			clear(group) // drop the batches for the collector
			group = group[:0]
			return err
		}
		for e := range out {
			if e.err != nil {
				fail(e.path, e.err)
				continue
			}
			if group = append(group, e); len(group) == batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if gctx.Err() != nil {
			return gctx.Err()
		}
		return flush()
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

// extractAll extracts every item and hands the results on in input order.
// A ConcurrentExtractor reads articles on one goroutine per core and
// resolves them here, one at a time, in order; any other extractor runs
// here alone.
func extractAll(ctx context.Context, items <-chan item, x extract.Extractor, out chan<- extracted) error {
	send := func(e extracted) error {
		select {
		case out <- e:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	cx, ok := x.(extract.ConcurrentExtractor)
	workers := runtime.GOMAXPROCS(0)
	if !ok || workers < 2 {
		for it := range items {
			e, err := extractOne(ctx, it, x)
			if err != nil {
				return err
			}
			if err := send(e); err != nil {
				return err
			}
		}
		return nil
	}

	type read struct {
		doc *extract.Document
		err error
	}
	type job struct {
		it   item
		done chan read // buffered: a worker never waits on the resolver
	}
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	order := make(chan job, 2*workers) // bounds how far reading runs ahead
	g.Go(func() error {
		defer close(order)
		defer close(jobs)
		for it := range items {
			j := job{it: it, done: make(chan read, 1)}
			select {
			case order <- j:
			case <-gctx.Done():
				return gctx.Err()
			}
			if it.err != nil {
				continue
			}
			select {
			case jobs <- j:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	for range workers {
		g.Go(func() error {
			for j := range jobs {
				d, err := cx.Read(gctx, j.it.article)
				j.done <- read{d, err}
			}
			return nil
		})
	}
	g.Go(func() error {
		for j := range order {
			if j.it.err != nil {
				if err := send(extracted{path: j.it.path, err: j.it.err}); err != nil {
					return err
				}
				continue
			}
			var r read
			select {
			case r = <-j.done:
			case <-gctx.Done():
				return gctx.Err()
			}
			e, err := finishOne(gctx, j.it, func(ctx context.Context, _ extract.Article) (graph.Batch, error) {
				if r.err != nil {
					return graph.Batch{}, r.err
				}
				return cx.Resolve(ctx, r.doc)
			})
			if err != nil {
				return err
			}
			if err := send(e); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// extractOne extracts one article. Only a context error is returned; an
// article's own problems become a failure for the writer to report.
func extractOne(ctx context.Context, it item, x extract.Extractor) (extracted, error) {
	if it.err != nil {
		return extracted{path: it.path, err: it.err}, nil
	}
	return finishOne(ctx, it, x.Extract)
}

// finishOne runs extract on one article and checks its batch.
func finishOne(ctx context.Context, it item, run func(context.Context, extract.Article) (graph.Batch, error)) (extracted, error) {
	a := it.article
	path := a.Path
	if path == "" {
		path = a.ID
	}
	b, err := run(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			return extracted{}, ctx.Err()
		}
		return extracted{path: path, err: fmt.Errorf("article %s: extract: %w", a.ID, err)}, nil
	}
	if b.Article.ID == "" {
		b.Article = a.Article
	}
	if err := b.Validate(); err != nil {
		return extracted{path: path, err: err}, nil
	}
	return extracted{batch: b, path: path}, nil
}

// writeGroup writes one group. Only a sink or context error is returned;
// an article the sink rejects becomes a failure.
func writeGroup(ctx context.Context, sink BatchSink, group []extracted,
	sum *Summary, seen map[string]struct{}, onArticle func(graph.Batch), fail func(string, error), isFatal func(error) bool) error {
	bs := make([]graph.Batch, len(group))
	for i, e := range group {
		bs[i] = e.batch
	}
	err := sink.WriteGroup(ctx, bs)
	rejected := map[string]error{}
	for _, e := range Unjoin(err) {
		var af ArticleFailure
		if ctx.Err() == nil && errors.As(e, &af) && !isFatal(e) {
			rejected[af.ArticleID()] = e
			continue
		}
		return fmt.Errorf("write articles %s: %w", groupRange(bs), e)
	}
	for _, e := range group {
		if err, ok := rejected[e.batch.Article.ID]; ok {
			fail(e.path, err)
			continue
		}
		sum.add(e.batch, seen)
		onArticle(e.batch)
	}
	return nil
}

func groupRange(bs []graph.Batch) string {
	if len(bs) == 1 {
		return bs[0].Article.ID
	}
	return fmt.Sprintf("%s..%s", bs[0].Article.ID, bs[len(bs)-1].Article.ID)
}

// Unjoin splits an errors.Join error into its parts: a BatchSink's error
// into its articles' failures and the sink's own errors.
func Unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
