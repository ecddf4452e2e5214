// Package syncer makes a graph store reflect a set of articles on disk:
// new articles are loaded, changed ones replaced, unchanged ones skipped
// without extraction, and (with Prune) vanished ones retracted.
//
// The state lives in the store itself: the sha256 of each article's
// normalised text is kept on its (:Article) node, so a sync compares the
// hashes the walk computes with those the store holds and touches only what
// differs. Article texts are streamed one at a time and never collected; the
// only per-article state held is ids and hashes.
package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
)

// Store is what a sync needs from the graph store.
type Store interface {
	// ArticleHashes returns id -> sha256 of every article stored under source.
	ArticleHashes(ctx context.Context, source string) (map[string]string, error)
	// Write replaces everything b.Article contributed before with b.
	Write(ctx context.Context, b graph.Batch) error
	// Retract removes everything the articles contributed; facts that other
	// articles also support stay.
	Retract(ctx context.Context, articleIDs []string) error
}

// FactCounter is an optional ability of a Store: how many facts (relations
// and attributes) each article currently contributes. With it the summary
// reports facts retracted; without it that count is left out.
type FactCounter interface {
	FactCounts(ctx context.Context, articleIDs []string) (map[string]int, error)
}

// Locker is a lease-style lock kept in the store, so that one sync at a time
// runs per (database, source) and a crashed run's lock expires after ttl.
type Locker interface {
	// AcquireLock takes name for owner unless another owner holds an
	// unexpired lease. It reports whether owner now holds it.
	AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	// RefreshLock extends owner's lease, failing if owner no longer holds
	// the lock.
	RefreshLock(ctx context.Context, name, owner string, ttl time.Duration) error
	// ReleaseLock gives the lock up if owner holds it.
	ReleaseLock(ctx context.Context, name, owner string) error
}

// LockInspector is an optional ability of a Locker: who holds name and
// until when (the lease's end on the store's clock). owner is "" when
// nobody does. With it, a locked-out run names the holder.
type LockInspector interface {
	LockHolder(ctx context.Context, name string) (owner string, expires time.Time, err error)
}

// WalkFunc streams the articles to sync: fn is called once per article, in
// order; onError is called for each file that cannot be read. Walk stops and
// returns fn's error if fn returns one. extract/source.Walk bound to its
// paths fits.
type WalkFunc func(ctx context.Context, fn func(extract.Article) error, onError func(path string, err error)) error

// Options configure a Syncer. Source, Store and Walk are required; so are
// Locker and NewExtractor unless DryRun.
type Options struct {
	// Source names the set of articles this sync owns. Every article walked
	// is stored under it, Prune retracts only articles stored under it, and
	// the lock is taken per source.
	Source string

	Store        Store
	Locker       Locker
	Walk         WalkFunc
	NewExtractor func(ctx context.Context) (extract.Extractor, error) // called once per run, on the first article to extract

	// FactCounter counts the facts changed and pruned articles take away,
	// for the summary; if nil, Store is used when it is one.
	FactCounter FactCounter

	// BatchSize is how many articles go in one write transaction when
	// Store is a GroupWriter; 1 if <= 0.
	BatchSize int

	Prune  bool
	DryRun bool
	// PruneMax is the largest share of the source's stored articles Prune
	// may retract in one run, in (0, 1]; DefaultPruneMax if <= 0. Beyond it,
	// or when the walk yields no article at all while some are stored (an
	// unmounted volume looks like an empty folder), nothing is retracted
	// and Run returns a *PruneRefusedError. 1 allows everything.
	PruneMax float64

	// Wait is how long to wait for another run's lock before ErrLocked;
	// LockTTL the lease length, refreshed every LockTTL/3 while running.
	Wait     time.Duration
	LockTTL  time.Duration
	LockPoll time.Duration // how often a waiting run retries; default 1s
	Owner    string        // lock owner; default OwnerID()

	// IsFatal reports whether a per-article error means the whole run must
	// stop (the store is unreachable, authentication failed) rather than
	// count as one failed article. Context errors are always fatal.
	IsFatal func(error) bool

	// OnArticle, if set, is called after each article has been classified
	// (and, for new and changed articles, written or failed).
	OnArticle func(a graph.Article, kind Kind)
	// OnPlan, if set, receives each decision in a dry run.
	OnPlan func(kind Kind, id, path string)

	Logger *slog.Logger
}

// Kind is what a sync does with one article.
type Kind string

const (
	KindNew       Kind = "new"
	KindChanged   Kind = "changed"
	KindUnchanged Kind = "unchanged"
	KindRetract   Kind = "retract"
	KindFailed    Kind = "failed"
)

// Default lock and prune settings.
const (
	DefaultLockTTL  = 2 * time.Minute
	DefaultLockPoll = time.Second
	DefaultPruneMax = 0.10
)

// Syncer runs syncs. A Syncer may run many times (see RunEvery) but not
// concurrently with itself.
type Syncer struct {
	opts Options
	log  *slog.Logger
}

// New checks opts and returns a Syncer.
func New(opts Options) (*Syncer, error) {
	switch {
	case opts.Source == "":
		return nil, &UsageError{Err: errors.New("sync needs a source name")}
	case opts.Store == nil:
		return nil, errors.New("syncer: no store")
	case opts.Walk == nil:
		return nil, errors.New("syncer: no article walk")
	case !opts.DryRun && opts.Locker == nil:
		return nil, errors.New("syncer: no locker")
	case !opts.DryRun && opts.NewExtractor == nil:
		return nil, errors.New("syncer: no extractor")
	}
	if opts.LockTTL <= 0 {
		opts.LockTTL = DefaultLockTTL
	}
	if opts.LockPoll <= 0 {
		opts.LockPoll = DefaultLockPoll
	}
	if opts.Owner == "" {
		opts.Owner = OwnerID()
	}
	if opts.PruneMax <= 0 {
		opts.PruneMax = DefaultPruneMax
	}
	if opts.PruneMax > 1 {
		return nil, &UsageError{Err: fmt.Errorf("prune max %v is more than 100%%", opts.PruneMax)}
	}
	if opts.IsFatal == nil {
		opts.IsFatal = func(error) bool { return false }
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Syncer{opts: opts, log: log.With("source", opts.Source)}, nil
}

// OwnerID names a new lock owner in this process: host, pid, the
// process's start time and a sequence number, "host:pid:2006-01-02T15:04:05.000000000Z:1",
// so a locked-out run can say who holds the lock (see ParseOwner). Each
// call gives a new owner: two Syncers of one process exclude each other.
func OwnerID() string {
	host, _ := os.Hostname()
	if host == "" {
		host = "unknown-host"
	}
	return host + ":" + strconv.Itoa(os.Getpid()) + ":" + processStart.UTC().Format(ownerTimeLayout) +
		":" + strconv.FormatInt(ownerSeq.Add(1), 10)
}

const ownerTimeLayout = "2006-01-02T15:04:05.000000000Z" // fixed width

var (
	processStart = time.Now()
	ownerSeq     atomic.Int64
)

// ParseOwner splits an owner made by OwnerID. ok is false for any other
// owner string (another tool's, an older kgraph's).
func ParseOwner(owner string) (host string, pid int, started time.Time, ok bool) {
	host, rest, found := strings.Cut(owner, ":")
	if !found {
		return "", 0, time.Time{}, false
	}
	p, at, found := strings.Cut(rest, ":")
	if !found {
		return "", 0, time.Time{}, false
	}
	pid, err := strconv.Atoi(p)
	if err != nil {
		return "", 0, time.Time{}, false
	}
	if len(at) > len(ownerTimeLayout) && at[len(ownerTimeLayout)] == ':' {
		at = at[:len(ownerTimeLayout)] // the sequence number
	}
	started, err = time.Parse(ownerTimeLayout, at)
	if err != nil {
		return "", 0, time.Time{}, false
	}
	return host, pid, started, true
}

// LockName is the name of the lock a sync of source takes.
func LockName(source string) string { return "sync:" + source }

// Run performs one sync and returns its summary. The summary is filled in
// even when Run returns an error, as far as the run got.
//
// New and changed articles are extracted on every core and written
// BatchSize per transaction (see writer). Cancelling ctx stops the run
// between transactions: the group being written finishes, the lock is
// released, nothing is pruned, and Run returns an error matching
// ErrInterrupted.
//
// Errors: *LockedError (errors.Is ErrLocked) when another run holds the
// lock past Wait; *PartialError when some articles failed and the rest were
// loaded; the store's own errors when it is unreachable.
func (s *Syncer) Run(ctx context.Context) (sum Summary, err error) {
	start := time.Now()
	sum = Summary{Source: s.opts.Source, DryRun: s.opts.DryRun, Started: start}
	defer func() {
		sum.Duration = time.Since(start)
		if err != nil && !errors.Is(err, ErrPartial) {
			sum.Error = err.Error()
		}
	}()

	if !s.opts.DryRun {
		release, lockCtx, err := s.lock(ctx)
		if err != nil {
			return sum, err
		}
		defer release()
		ctx = lockCtx
	}

	stored, err := s.opts.Store.ArticleHashes(ctx, s.opts.Source)
	if err != nil {
		return sum, fmt.Errorf("read stored article hashes: %w", err)
	}
	r := &run{Syncer: s, ctx: ctx, stored: stored, seen: make(map[string]string), sum: &sum}
	r.w = &writer{r: r}
	walkErr := s.opts.Walk(ctx, r.article, r.readError)
	if err := r.w.finish(); err != nil && r.fatal == nil && !isContextErr(err) {
		r.fatal = err
	}
	if err := r.stopErr(ctx, walkErr); err != nil {
		return sum, err
	}
	if s.opts.Prune {
		if err := r.prune(ctx); err != nil {
			return sum, err
		}
	}
	if sum.Failed > 0 {
		return sum, &PartialError{Failed: sum.Failed}
	}
	return sum, nil
}

// run is the state of one Run: ids and hashes only, never texts. The walk
// classifies articles on one goroutine; the writer's pipeline counts what
// it wrote on another, so sum, readErrs and OnArticle calls are under mu.
type run struct {
	*Syncer
	ctx    context.Context   // the run's: cancelled to stop between groups
	stored map[string]string // id -> sha256 in the store at the start
	seen   map[string]string // id -> path, every article walked
	w      *writer
	fatal  error // set when an article error stops the run

	mu       sync.Mutex
	sum      *Summary
	readErrs int
}

func (r *run) article(a extract.Article) error {
	if err := context.Cause(r.ctx); err != nil {
		return err
	}
	a.Source = r.opts.Source
	kind, err := r.handle(a)
	if err != nil {
		if r.opts.IsFatal(err) || isContextErr(err) {
			r.fatal = err
			return err
		}
		r.fail(a.Path, a.ID, err)
		r.onArticle(a.Article, KindFailed)
		return nil
	}
	if kind == KindUnchanged || r.opts.DryRun {
		r.onArticle(a.Article, kind)
		return nil
	}
	// New or changed: the writer reports it once written or failed.
	if err := r.w.add(a, kind); err != nil {
		r.fatal = err
		return err
	}
	return nil
}

// handle decides what the run does with a: KindUnchanged, or KindNew or
// KindChanged for the writer. An error fails the article alone.
func (r *run) handle(a extract.Article) (Kind, error) {
	if a.ID == "" {
		return "", errors.New("article has no id")
	}
	if a.SHA256 == "" {
		return "", fmt.Errorf("article %s has no content hash", a.ID)
	}
	if prev, dup := r.seen[a.ID]; dup {
		return "", fmt.Errorf("article id %s also used by %s", a.ID, prev)
	}
	r.seen[a.ID] = a.Path

	old, exists := r.stored[a.ID]
	kind := KindNew
	switch {
	case exists && old == a.SHA256:
		r.mu.Lock()
		r.sum.Unchanged++
		r.mu.Unlock()
		r.plan(KindUnchanged, a)
		return KindUnchanged, nil
	case exists:
		kind = KindChanged
	}
	if r.opts.DryRun {
		r.count(kind)
		r.plan(kind, a)
	}
	return kind, nil
}

func (r *run) onArticle(a graph.Article, kind Kind) {
	if r.opts.OnArticle == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opts.OnArticle(a, kind)
}

// factCounts returns how many facts ids contribute now, or -1 if the store
// cannot tell.
func (r *run) factCounts(ctx context.Context, ids []string) int {
	counts, ok := r.factCountsByID(ctx, ids)
	if !ok {
		return -1
	}
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// factCountsByID is factCounts per article; ok is false if the store
// cannot tell.
func (r *run) factCountsByID(ctx context.Context, ids []string) (map[string]int, bool) {
	fc := r.opts.FactCounter
	if fc == nil {
		fc, _ = r.opts.Store.(FactCounter)
	}
	if fc == nil || len(ids) == 0 {
		return nil, false
	}
	counts, err := fc.FactCounts(ctx, ids)
	if err != nil {
		r.log.Warn("cannot count facts before retracting", "err", err)
		return nil, false
	}
	return counts, true
}

func (r *run) addRetracted(n int) {
	if n < 0 {
		r.sum.factsRetractedUnknown = true
		return
	}
	r.sum.FactsRetracted += n
}

func (r *run) readError(path string, err error) {
	r.mu.Lock()
	r.readErrs++
	r.mu.Unlock()
	r.fail(path, "", err)
}

func (r *run) fail(path, id string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Failed++
	r.sum.Failures = append(r.sum.Failures, Failure{Path: path, ID: id, Error: err.Error()})
	r.log.Warn("article failed", "path", path, "id", id, "err", err)
}

func (r *run) count(k Kind) {
	switch k {
	case KindNew:
		r.sum.New++
	case KindChanged:
		r.sum.Changed++
	}
}

func (r *run) plan(k Kind, a extract.Article) {
	if r.opts.DryRun && r.opts.OnPlan != nil {
		r.opts.OnPlan(k, a.ID, a.Path)
	}
}

// stopErr turns the walk's outcome into Run's error: nil if the walk went
// through, ErrInterrupted if the run was stopped, or the fatal error.
func (r *run) stopErr(ctx context.Context, walkErr error) error {
	if cause := context.Cause(ctx); cause != nil {
		if errors.Is(cause, ErrLockLost) {
			return cause
		}
		r.sum.Interrupted = true
		return &interruptedError{cause: cause}
	}
	if r.fatal != nil {
		return r.fatal
	}
	if walkErr != nil {
		return fmt.Errorf("read articles: %w", walkErr)
	}
	return nil
}

// prune retracts articles stored under the source that the walk did not
// see. It is skipped when some file could not be read: the articles in it
// are unknown, and retracting them because of a read error would lose data.
func (r *run) prune(ctx context.Context) error {
	var gone []string
	for id := range r.stored {
		if _, ok := r.seen[id]; !ok {
			gone = append(gone, id)
		}
	}
	slices.Sort(gone)
	if r.readErrs > 0 && len(gone) > 0 {
		r.sum.PruneSkipped = len(gone)
		r.log.Warn("prune skipped: some files could not be read", "unreadable", r.readErrs, "would_retract", len(gone))
		return nil
	}
	for _, id := range gone {
		if r.opts.DryRun && r.opts.OnPlan != nil {
			r.opts.OnPlan(KindRetract, id, "")
		}
	}
	if refused := r.pruneGuard(len(gone)); refused != nil {
		r.sum.PruneRefused = len(gone)
		r.log.Warn("prune refused", "would_retract", len(gone), "stored", len(r.stored),
			"walked", len(r.seen), "prune_max", r.opts.PruneMax)
		return refused
	}
	r.sum.Retracted = len(gone)
	r.sum.RetractedIDs = gone
	if r.opts.DryRun || len(gone) == 0 {
		return nil
	}
	wctx := context.WithoutCancel(ctx)
	r.addRetracted(r.factCounts(wctx, gone))
	if err := r.retract(wctx, gone); err != nil {
		r.sum.Retracted = 0
		r.sum.RetractedIDs = nil
		return fmt.Errorf("retract %d vanished articles: %w", len(gone), err)
	}
	r.log.Info("retracted vanished articles", "count", len(gone))
	return nil
}

// SourceRetracter is an optional ability of a Store whose articles are
// identified by (source, id): it retracts only the given source's articles,
// leaving another source's article with the same id alone.
type SourceRetracter interface {
	RetractFrom(ctx context.Context, source string, articleIDs []string) error
}

func (r *run) retract(ctx context.Context, ids []string) error {
	if sr, ok := r.opts.Store.(SourceRetracter); ok {
		return sr.RetractFrom(ctx, r.opts.Source, ids)
	}
	return r.opts.Store.Retract(ctx, ids)
}

// pruneGuard returns the refusal when retracting n of the stored articles
// goes beyond PruneMax, and nil when it may go ahead.
func (r *run) pruneGuard(n int) error {
	stored := len(r.stored)
	if n == 0 || stored == 0 || r.opts.PruneMax >= 1 {
		return nil
	}
	if float64(n) <= r.opts.PruneMax*float64(stored) {
		return nil
	}
	return &PruneRefusedError{Source: r.opts.Source, Retract: n, Stored: stored, Walked: len(r.seen), Max: r.opts.PruneMax}
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
