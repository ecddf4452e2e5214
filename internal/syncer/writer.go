package syncer

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/internal/pipeline"
)

// GroupWriter is an optional ability of a Store: it writes several
// articles in one transaction. With it a sync writes BatchSize articles per
// transaction; without it, one at a time. *neo4j.Store is one.
type GroupWriter interface {
	WriteGroup(ctx context.Context, bs []graph.Batch) error
}

// writer extracts and writes a run's new and changed articles through
// internal/pipeline: read on every core, resolved in input order, and
// written BatchSize articles per transaction while the next ones are
// extracted. It starts on the first article that needs writing, so a sync
// with nothing to write never builds an extractor (which seeds its resolver
// from every entity in the store).
type writer struct {
	r    *run
	feed chan extract.Article
	done chan struct{} // closed when the pipeline has returned
	err  error         // the pipeline's error; read only after done

	mu      sync.Mutex
	pending map[string]pendingArticle // by id, from add until written or failed
}

type pendingArticle struct {
	kind   Kind
	path   string
	before int // facts the article contributed before this write; -1 unknown
}

// add hands one article to the pipeline. An error means the run must stop.
func (w *writer) add(a extract.Article, kind Kind) error {
	if w.feed == nil {
		if err := w.start(); err != nil {
			return err
		}
	}
	w.mu.Lock()
	w.pending[a.ID] = pendingArticle{kind: kind, path: a.Path, before: -1}
	w.mu.Unlock()
	select {
	case w.feed <- a:
		return nil
	case <-w.done:
		if w.err != nil {
			return w.err
		}
		return errors.New("writer stopped")
	}
}

func (w *writer) start() error {
	x, err := w.r.opts.NewExtractor(context.WithoutCancel(w.r.ctx))
	if err != nil {
		return fmt.Errorf("start extractor: %w", err)
	}
	w.feed = make(chan extract.Article)
	w.done = make(chan struct{})
	w.pending = map[string]pendingArticle{}
	src := pipeline.SourceFunc(func(ctx context.Context, fn func(extract.Article) error, _ func(string, error)) error {
		for {
			select {
			case a, ok := <-w.feed:
				if !ok {
					return nil
				}
				if err := fn(a); err != nil {
					return err
				}
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	hooks := pipeline.Hooks{
		OnError: w.failed,
		IsFatal: func(err error) bool { return w.r.opts.IsFatal(err) || isContextErr(err) },
	}
	go func() {
		defer close(w.done)
		_, w.err = pipeline.RunBatched(w.r.ctx, src, x, groupSink{w}, w.r.opts.BatchSize, hooks)
	}()
	return nil
}

// finish waits until everything handed over is written or failed.
func (w *writer) finish() error {
	if w.feed == nil {
		return nil
	}
	close(w.feed)
	<-w.done
	return w.err
}

// written counts one article the store has taken.
func (w *writer) written(b graph.Batch) {
	w.mu.Lock()
	p := w.pending[b.Article.ID]
	delete(w.pending, b.Article.ID)
	w.mu.Unlock()
	r := w.r
	r.mu.Lock()
	r.count(p.kind)
	r.sum.FactsAdded += len(b.Relations) + len(b.Attributes)
	if p.kind == KindChanged {
		r.addRetracted(p.before)
	}
	r.mu.Unlock()
	r.log.Debug("article written", "id", b.Article.ID, "kind", p.kind, "relations", len(b.Relations), "attributes", len(b.Attributes))
	r.onArticle(b.Article, p.kind)
}

// failed records an article that extraction or the store refused; the
// pipeline names it by path, or by id when it has none.
func (w *writer) failed(path string, err error) {
	w.mu.Lock()
	id, a := w.byPath(path)
	delete(w.pending, id)
	w.mu.Unlock()
	w.r.fail(path, id, err)
	w.r.onArticle(graph.Article{ID: id, Path: a.path}, KindFailed)
}

func (w *writer) byPath(path string) (string, pendingArticle) {
	if p, ok := w.pending[path]; ok && p.path == "" {
		return path, p
	}
	for id, p := range w.pending {
		if p.path == path {
			return id, p
		}
	}
	return "", pendingArticle{}
}

// groupSink is the pipeline's BatchSink for a sync: it stamps the source,
// notes the facts a changed article contributed before, writes, and counts
// what was written.
type groupSink struct{ w *writer }

func (s groupSink) WriteGroup(ctx context.Context, bs []graph.Batch) error {
	r := s.w.r
	if err := context.Cause(r.ctx); err != nil {
		return err // stopped: nothing more is written
	}
	// A group that has started is written whole even if the run is being
	// stopped: a signal never leaves half an article.
	ctx = context.WithoutCancel(ctx)
	for i := range bs {
		bs[i].Article.Source = r.opts.Source
	}
	s.noteBefore(ctx, bs)
	gw, ok := r.opts.Store.(GroupWriter)
	if !ok {
		return s.oneByOne(ctx, bs)
	}
	err := gw.WriteGroup(ctx, bs)
	if err != nil && !r.opts.IsFatal(err) && !onlyArticleFailures(err) {
		// Not the connection and not a rejected article: perhaps one
		// article's values (a constraint) failed the transaction. Written
		// one at a time, only that article fails.
		r.log.Warn("group write failed; writing its articles one at a time", "articles", len(bs), "err", err)
		return s.oneByOne(ctx, bs)
	}
	rejected := map[string]bool{}
	for _, e := range pipeline.Unjoin(err) {
		var af pipeline.ArticleFailure
		if errors.As(e, &af) {
			rejected[af.ArticleID()] = true
		}
	}
	if err == nil || onlyArticleFailures(err) {
		for _, b := range bs {
			if !rejected[b.Article.ID] {
				s.w.written(b)
			}
		}
	}
	return err
}

// oneByOne writes each article in its own transaction. It stops between
// articles when the run is stopped.
func (s groupSink) oneByOne(ctx context.Context, bs []graph.Batch) error {
	r := s.w.r
	var errs []error
	for _, b := range bs {
		if err := context.Cause(r.ctx); err != nil {
			return errors.Join(append(errs, err)...)
		}
		if err := r.opts.Store.Write(ctx, b); err != nil {
			errs = append(errs, &pipeline.FailedArticle{ID: b.Article.ID, Err: fmt.Errorf("write %s: %w", b.Article.ID, err)})
			continue
		}
		s.w.written(b)
	}
	return errors.Join(errs...)
}

// noteBefore records how many facts the group's changed articles
// contribute now, for the summary's retracted count.
func (s groupSink) noteBefore(ctx context.Context, bs []graph.Batch) {
	w := s.w
	var changed []string
	w.mu.Lock()
	for _, b := range bs {
		if w.pending[b.Article.ID].kind == KindChanged {
			changed = append(changed, b.Article.ID)
		}
	}
	w.mu.Unlock()
	counts, ok := w.r.factCountsByID(ctx, changed)
	if !ok {
		return
	}
	w.mu.Lock()
	for _, id := range changed {
		p := w.pending[id]
		p.before = counts[id]
		w.pending[id] = p
	}
	w.mu.Unlock()
}

func onlyArticleFailures(err error) bool {
	for _, e := range pipeline.Unjoin(err) {
		var af pipeline.ArticleFailure
		if !errors.As(e, &af) {
			return false
		}
	}
	return true
}
