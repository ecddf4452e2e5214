package syncer

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
)

// fakeStore is an in-memory Store, Locker and FactCounter with failure
// hooks, in the manner of database/sql's fakedb_test.go.
type fakeStore struct {
	mu       sync.Mutex
	articles map[string]storedArticle // id -> what it contributes
	locks    map[string]lease
	now      func() time.Time

	writes, retracts, refreshes int
	written                     []string

	writeErr   func(id string) error // per-article write failure
	writeDelay time.Duration
	refreshErr error           // makes every RefreshLock fail
	onWrite    func(id string) // called inside Write, before it stores
}

type storedArticle struct {
	source, sha string
	facts       int
	loadedAt    int // the write counter when stored: changes on every rewrite
}

type lease struct {
	owner   string
	expires time.Time
}

func newFakeStore() *fakeStore {
	return &fakeStore{articles: map[string]storedArticle{}, locks: map[string]lease{}, now: time.Now}
}

func (f *fakeStore) ArticleHashes(ctx context.Context, source string) (map[string]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string]string{}
	for id, a := range f.articles {
		if a.source == source {
			m[id] = a.sha
		}
	}
	return m, nil
}

func (f *fakeStore) Write(ctx context.Context, b graph.Batch) error {
	if f.onWrite != nil {
		f.onWrite(b.Article.ID)
	}
	if f.writeDelay > 0 {
		select {
		case <-time.After(f.writeDelay):
		case <-ctx.Done():
			return ctx.Err() // a cancelled write would be a half-written article
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.writeErr != nil {
		if err := f.writeErr(b.Article.ID); err != nil {
			return err
		}
	}
	f.writes++
	f.written = append(f.written, b.Article.ID)
	f.articles[b.Article.ID] = storedArticle{source: b.Article.Source, sha: b.Article.SHA256,
		facts: len(b.Relations) + len(b.Attributes), loadedAt: f.writes}
	return nil
}

func (f *fakeStore) Retract(ctx context.Context, ids []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.retracts++
	for _, id := range ids {
		delete(f.articles, id)
	}
	return nil
}

func (f *fakeStore) FactCounts(ctx context.Context, ids []string) (map[string]int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string]int{}
	for _, id := range ids {
		if a, ok := f.articles[id]; ok {
			m[id] = a.facts
		}
	}
	return m, nil
}

func (f *fakeStore) AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, held := f.locks[name]
	if held && l.owner != owner && f.now().Before(l.expires) {
		return false, nil
	}
	f.locks[name] = lease{owner, f.now().Add(ttl)}
	return true, nil
}

func (f *fakeStore) RefreshLock(ctx context.Context, name, owner string, ttl time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshes++
	if f.refreshErr != nil {
		return f.refreshErr
	}
	l, held := f.locks[name]
	if !held || l.owner != owner {
		return errors.New("lock lost")
	}
	f.locks[name] = lease{owner, f.now().Add(ttl)}
	return nil
}

func (f *fakeStore) ReleaseLock(ctx context.Context, name, owner string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if l, ok := f.locks[name]; ok && l.owner == owner {
		delete(f.locks, name)
	}
	return nil
}

func (f *fakeStore) LockHolder(ctx context.Context, name string) (string, time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.locks[name]
	if !ok {
		return "", time.Time{}, nil
	}
	return l.owner, l.expires, nil
}

func (f *fakeStore) lockHolder(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.locks[name].owner
}

func (f *fakeStore) snapshot() map[string]storedArticle {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.articles)
}

// fakeCorpus is a directory of articles held as ids and hashes; a test
// edits it between syncs as a user edits files.
type fakeCorpus struct {
	articles   []extract.Article
	unread     []string // paths that fail to read
	extracted  []string // ids the extractor was asked for
	extractErr func(id string) error
}

func corpus(n int) *fakeCorpus {
	c := &fakeCorpus{}
	for i := range n {
		id := fmt.Sprintf("a%03d", i)
		c.articles = append(c.articles, extract.Article{
			Article: graph.Article{ID: id, SHA256: "h-" + id, Path: "/corpus/" + id + ".txt", Source: "metadata-source"},
			Text:    "text of " + id,
		})
	}
	return c
}

func (c *fakeCorpus) edit(id string) {
	i := c.index(id)
	c.articles[i].SHA256 += "-edited"
}

func (c *fakeCorpus) remove(id string) {
	i := c.index(id)
	c.articles = slices.Delete(c.articles, i, i+1)
}

func (c *fakeCorpus) index(id string) int {
	i := slices.IndexFunc(c.articles, func(a extract.Article) bool { return a.ID == id })
	if i < 0 {
		panic("no article " + id)
	}
	return i
}

func (c *fakeCorpus) walk(ctx context.Context, fn func(extract.Article) error, onError func(string, error)) error {
	for _, p := range c.unread {
		onError(p, errors.New("unreadable"))
	}
	for _, a := range c.articles {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// Extract gives every article one entity and two facts.
func (c *fakeCorpus) Extract(ctx context.Context, a extract.Article) (graph.Batch, error) {
	c.extracted = append(c.extracted, a.ID)
	if c.extractErr != nil {
		if err := c.extractErr(a.ID); err != nil {
			return graph.Batch{}, err
		}
	}
	e := graph.Entity{ID: "e-" + a.ID, Type: graph.TypeCity, Name: a.ID}
	return graph.Batch{
		Article:    a.Article,
		Entities:   []graph.Entity{e},
		Relations:  []graph.Relation{{Subject: e.ID, Predicate: graph.LocatedIn, Object: e.ID, Article: a.ID}},
		Attributes: []graph.Attribute{{Subject: e.ID, Name: graph.AttrDate, Value: "2024", Article: a.ID}},
	}, nil
}

func (c *fakeCorpus) options(st *fakeStore) Options {
	return Options{
		Source:       "feed",
		Store:        st,
		Locker:       st,
		Walk:         c.walk,
		NewExtractor: func(context.Context) (extract.Extractor, error) { return c, nil },
		LockPoll:     5 * time.Millisecond,
	}
}
