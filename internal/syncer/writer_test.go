package syncer

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/kgraph/kgraph/graph"
)

// groupStore is a fakeStore that also writes groups, one "transaction" per
// call, failing a whole group when groupErr says so.
type groupStore struct {
	*fakeStore
	groups   [][]string // ids per WriteGroup call that succeeded
	groupErr func(ids []string) error
	onGroup  func(ids []string)
}

func (g *groupStore) WriteGroup(ctx context.Context, bs []graph.Batch) error {
	ids := make([]string, len(bs))
	for i, b := range bs {
		ids[i] = b.Article.ID
	}
	if g.onGroup != nil {
		g.onGroup(ids)
	}
	if g.groupErr != nil {
		if err := g.groupErr(ids); err != nil {
			return err // the whole transaction rolled back
		}
	}
	for _, b := range bs {
		if err := g.fakeStore.Write(ctx, b); err != nil {
			return err
		}
	}
	g.fakeStore.mu.Lock()
	g.groups = append(g.groups, ids)
	g.fakeStore.mu.Unlock()
	return nil
}

func TestSyncWritesBatchSizeArticlesPerTransaction(t *testing.T) {
	tests := []struct {
		batch      int
		wantGroups [][]string
	}{
		{batch: 3, wantGroups: [][]string{{"a000", "a001", "a002"}, {"a003", "a004", "a005"}, {"a006"}}},
		{batch: 50, wantGroups: [][]string{{"a000", "a001", "a002", "a003", "a004", "a005", "a006"}}},
		{batch: 1, wantGroups: [][]string{{"a000"}, {"a001"}, {"a002"}, {"a003"}, {"a004"}, {"a005"}, {"a006"}}},
	}
	for _, tt := range tests {
		st, c := &groupStore{fakeStore: newFakeStore()}, corpus(7)
		opts := c.options(st.fakeStore)
		opts.Store, opts.BatchSize = st, tt.batch
		sum := mustRun(t, opts)
		if !slices.EqualFunc(st.groups, tt.wantGroups, slices.Equal) {
			t.Errorf("batch %d: groups = %v, want %v", tt.batch, st.groups, tt.wantGroups)
		}
		if sum.New != 7 || sum.FactsAdded != 14 || len(st.snapshot()) != 7 {
			t.Errorf("batch %d: summary %+v, stored %d", tt.batch, countsOf(sum), len(st.snapshot()))
		}
	}
}

func TestSyncGroupCountsChangedFacts(t *testing.T) {
	st, c := &groupStore{fakeStore: newFakeStore()}, corpus(6)
	opts := c.options(st.fakeStore)
	opts.Store, opts.BatchSize = st, 4
	mustRun(t, opts)
	c.edit("a001")
	c.edit("a004")
	sum := mustRun(t, opts)
	if got := countsOf(sum); got != (counts{Changed: 2, Unchanged: 4}) {
		t.Errorf("counts = %+v", got)
	}
	if sum.FactsRetracted != 4 || sum.FactsAdded != 4 {
		t.Errorf("facts retracted %d, added %d; want 4 and 4", sum.FactsRetracted, sum.FactsAdded)
	}
}

// A group whose transaction fails for a reason that is neither the
// connection nor a rejected article is written again one article at a
// time, so that only the article at fault fails and the rest are loaded.
func TestSyncGroupFailureFallsBackToSingleArticles(t *testing.T) {
	st, c := &groupStore{fakeStore: newFakeStore()}, corpus(5)
	st.groupErr = func(ids []string) error {
		if slices.Contains(ids, "a002") {
			return errors.New("constraint violated")
		}
		return nil
	}
	st.writeErr = func(id string) error {
		if id == "a002" {
			return errors.New("constraint violated")
		}
		return nil
	}
	opts := c.options(st.fakeStore)
	opts.Store, opts.BatchSize = st, 5
	sum, err := mustNew(t, opts).Run(context.Background())
	if !errors.Is(err, ErrPartial) {
		t.Fatalf("err = %v, want ErrPartial", err)
	}
	if got := countsOf(sum); got != (counts{New: 4, Failed: 1}) {
		t.Errorf("counts = %+v", got)
	}
	if len(sum.Failures) != 1 || sum.Failures[0].ID != "a002" || sum.Failures[0].Path != "/corpus/a002.txt" {
		t.Errorf("failures = %+v", sum.Failures)
	}
	if _, ok := st.snapshot()["a003"]; !ok {
		t.Error("a003 was not loaded after a002 failed its group")
	}
}

// A fatal store error (the connection) stops the run instead of failing
// articles one by one.
func TestSyncGroupFatalErrorStops(t *testing.T) {
	unavailable := errors.New("neo4j unavailable")
	st, c := &groupStore{fakeStore: newFakeStore()}, corpus(6)
	st.groupErr = func(ids []string) error {
		if ids[0] == "a002" {
			return unavailable
		}
		return nil
	}
	opts := c.options(st.fakeStore)
	opts.Store, opts.BatchSize = st, 2
	opts.IsFatal = func(err error) bool { return errors.Is(err, unavailable) }
	sum, err := mustNew(t, opts).Run(context.Background())
	if !errors.Is(err, unavailable) {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if sum.New != 2 || st.writes != 2 {
		t.Errorf("new %d, writes %d; want the first group only", sum.New, st.writes)
	}
}

// A signal during a group's transaction lets that group finish and starts
// no other.
func TestInterruptFinishesCurrentGroup(t *testing.T) {
	st, c := &groupStore{fakeStore: newFakeStore()}, corpus(9)
	ctx, cancel := context.WithCancel(context.Background())
	st.writeDelay = 5 * time.Millisecond
	st.onGroup = func(ids []string) {
		if ids[0] == "a003" {
			cancel()
		}
	}
	opts := c.options(st.fakeStore)
	opts.Store, opts.BatchSize = st, 3
	sum, err := mustNew(t, opts).Run(ctx)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	want := [][]string{{"a000", "a001", "a002"}, {"a003", "a004", "a005"}}
	if !slices.EqualFunc(st.groups, want, slices.Equal) {
		t.Errorf("groups = %v, want %v", st.groups, want)
	}
	if sum.New != 6 || !sum.Interrupted {
		t.Errorf("summary = %+v", sum)
	}
}
