// Package memsink is an in-memory graph.Sink for unit tests of the packages
// that feed a sink (pipeline, sync, CLI). It keeps each article's latest
// batch, skips unchanged articles the way the Neo4j sink does, and has
// failure hooks to test error paths. It is not a graph database: the real
// Neo4j serves integration tests.
package memsink

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/kgraph/kgraph/graph"
)

// Sink stores batches by article id. The zero value is not usable; call New.
// It is safe for concurrent use. Hooks are read under the sink's lock and
// must be set before the sink is shared.
type Sink struct {
	// FailWrite, if set, is called before each Write; a non-nil error is
	// returned and nothing is stored.
	FailWrite func(b graph.Batch) error
	// FailRetract, if set, is called before each Retract.
	FailRetract func(articleIDs []string) error
	// FailSchema, if set, is returned by CreateSchema.
	FailSchema error

	mu        sync.Mutex
	batches   map[string]graph.Batch
	order     []string // article ids in first-write order
	writes    int      // batches actually stored (changed or new)
	unchanged int      // batches skipped because their sha256 was stored
	schema    int      // CreateSchema calls
	locks     map[string]lock
	now       func() time.Time
}

type lock struct {
	owner   string
	expires time.Time
}

var (
	_ graph.Sink          = (*Sink)(nil)
	_ graph.Retracter     = (*Sink)(nil)
	_ graph.SchemaCreator = (*Sink)(nil)
)

// New returns an empty sink.
func New() *Sink {
	return &Sink{batches: map[string]graph.Batch{}, locks: map[string]lock{}, now: time.Now}
}

// SetClock replaces the clock used for lock expiry, for tests of expiry.
func (s *Sink) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Write validates b and stores it, replacing the article's previous batch.
// A batch whose sha256 equals the stored one is skipped and counted as
// unchanged.
func (s *Sink) Write(ctx context.Context, b graph.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.FailWrite != nil {
		if err := s.FailWrite(b); err != nil {
			return err
		}
	}
	if b.Article.ID == "" {
		return fmt.Errorf("memsink: batch without article id")
	}
	if err := b.Validate(); err != nil {
		return fmt.Errorf("memsink: %w", err)
	}
	old, ok := s.batches[b.Article.ID]
	if ok && old.Article.SHA256 != "" && old.Article.SHA256 == b.Article.SHA256 {
		s.unchanged++
		return nil
	}
	if !ok {
		s.order = append(s.order, b.Article.ID)
	}
	s.batches[b.Article.ID] = b
	s.writes++
	return nil
}

// Retract forgets the given articles. Unknown ids are ignored.
func (s *Sink) Retract(ctx context.Context, articleIDs []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.FailRetract != nil {
		if err := s.FailRetract(articleIDs); err != nil {
			return err
		}
	}
	gone := map[string]bool{}
	for _, id := range articleIDs {
		if _, ok := s.batches[id]; ok {
			delete(s.batches, id)
			gone[id] = true
		}
	}
	kept := s.order[:0]
	for _, id := range s.order {
		if !gone[id] {
			kept = append(kept, id)
		}
	}
	s.order = kept
	return nil
}

// CreateSchema counts the call and returns FailSchema.
func (s *Sink) CreateSchema(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.schema++
	return s.FailSchema
}

// ArticleHashes returns article id -> sha256 for the stored articles of
// source ("" = all), as the Neo4j store does.
func (s *Sink) ArticleHashes(ctx context.Context, source string) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]string{}
	for id, b := range s.batches {
		if source == "" || b.Article.Source == source {
			out[id] = b.Article.SHA256
		}
	}
	return out, nil
}

// Entities returns the stored entities merged by id (first name wins,
// aliases unioned), sorted by id.
func (s *Sink) Entities(ctx context.Context) ([]graph.Entity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	byID := map[string]*graph.Entity{}
	for _, id := range s.order {
		for _, e := range s.batches[id].Entities {
			m, ok := byID[e.ID]
			if !ok {
				m = &graph.Entity{ID: e.ID, Type: e.Type, Name: e.Name, NameAR: e.NameAR, NameEN: e.NameEN}
				byID[e.ID] = m
			}
			m.Aliases = appendNew(m.Aliases, e.Aliases...)
			for _, mention := range e.Mentions {
				m.Aliases = appendNew(m.Aliases, mention.Text)
			}
		}
	}
	out := make([]graph.Entity, 0, len(byID))
	for _, e := range byID {
		sort.Strings(e.Aliases)
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func appendNew(xs []string, ys ...string) []string {
	for _, y := range ys {
		found := y == ""
		for _, x := range xs {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			xs = append(xs, y)
		}
	}
	return xs
}

// Batch returns the stored batch of an article.
func (s *Sink) Batch(articleID string) (graph.Batch, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.batches[articleID]
	return b, ok
}

// Batches returns the stored batches in first-write order.
func (s *Sink) Batches() []graph.Batch {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]graph.Batch, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.batches[id])
	}
	return out
}

// Stats is what the sink has seen.
type Stats struct {
	Articles      int // articles stored now
	Writes        int // batches stored (new or changed)
	Unchanged     int // batches skipped as unchanged
	Relations     int // relation facts stored now
	Attributes    int // attribute values stored now
	SchemaCreated int // CreateSchema calls
}

// Stats returns counts of what is stored and what was written.
func (s *Sink) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{Articles: len(s.batches), Writes: s.writes, Unchanged: s.unchanged, SchemaCreated: s.schema}
	for _, b := range s.batches {
		st.Relations += len(b.Relations)
		st.Attributes += len(b.Attributes)
	}
	return st
}

// AcquireLock mirrors the Neo4j store's lock: true if the lock is free,
// expired, or already owner's.
func (s *Sink) AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, held := s.locks[name]
	now := s.now()
	if held && l.owner != owner && now.Before(l.expires) {
		return false, nil
	}
	s.locks[name] = lock{owner: owner, expires: now.Add(ttl)}
	return true, nil
}

// ErrLockLost is returned by RefreshLock when owner no longer holds the lock.
var ErrLockLost = fmt.Errorf("lock lost")

// RefreshLock extends owner's lock, or fails with ErrLockLost.
func (s *Sink) RefreshLock(ctx context.Context, name, owner string, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, held := s.locks[name]
	if !held || l.owner != owner {
		return fmt.Errorf("refresh lock %q: %w", name, ErrLockLost)
	}
	s.locks[name] = lock{owner: owner, expires: s.now().Add(ttl)}
	return nil
}

// ReleaseLock frees owner's lock; releasing someone else's is a no-op.
func (s *Sink) ReleaseLock(ctx context.Context, name, owner string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, held := s.locks[name]; held && l.owner == owner {
		delete(s.locks, name)
	}
	return nil
}
