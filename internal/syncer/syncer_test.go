package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustNew(t *testing.T, opts Options) *Syncer {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustRun(t *testing.T, opts Options) Summary {
	t.Helper()
	sum, err := mustNew(t, opts).Run(context.Background())
	if err != nil {
		t.Fatalf("run: %v (summary %+v)", err, sum)
	}
	return sum
}

type counts struct{ New, Changed, Unchanged, Retracted, Failed int }

func countsOf(s Summary) counts {
	return counts{s.New, s.Changed, s.Unchanged, s.Retracted, s.Failed}
}

func TestSyncClassifiesArticles(t *testing.T) {
	tests := []struct {
		name        string
		change      func(c *fakeCorpus)
		prune       bool
		want        counts
		wantWritten []string
		wantGone    []string
		wantFactsRm int
	}{
		{name: "unchanged corpus", change: func(*fakeCorpus) {}, want: counts{Unchanged: 5}},
		{name: "one edited", change: func(c *fakeCorpus) { c.edit("a002") },
			want: counts{Changed: 1, Unchanged: 4}, wantWritten: []string{"a002"}, wantFactsRm: 2},
		{name: "one added", change: func(c *fakeCorpus) { c.articles = append(c.articles, corpus(6).articles[5]) },
			want: counts{New: 1, Unchanged: 5}, wantWritten: []string{"a005"}},
		{name: "one deleted without prune", change: func(c *fakeCorpus) { c.remove("a001") },
			want: counts{Unchanged: 4}},
		{name: "one deleted with prune", change: func(c *fakeCorpus) { c.remove("a001") }, prune: true,
			want: counts{Unchanged: 4, Retracted: 1}, wantGone: []string{"a001"}, wantFactsRm: 2},
	}
	// One of five is 20%: these cases are about classification, not the
	// prune guard (TestPruneGuard).
	pruneMax := 1.0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, c := newFakeStore(), corpus(5)
			first := mustRun(t, c.options(st))
			if got := countsOf(first); got != (counts{New: 5}) {
				t.Fatalf("first sync = %+v, want 5 new", got)
			}
			if first.FactsAdded != 10 {
				t.Errorf("first sync facts added = %d, want 10", first.FactsAdded)
			}
			before := st.snapshot()
			st.written, c.extracted = nil, nil

			tt.change(c)
			opts := c.options(st)
			opts.Prune, opts.PruneMax = tt.prune, pruneMax
			sum := mustRun(t, opts)

			if got := countsOf(sum); got != tt.want {
				t.Errorf("counts = %+v, want %+v", got, tt.want)
			}
			if !slices.Equal(st.written, tt.wantWritten) {
				t.Errorf("written = %v, want %v", st.written, tt.wantWritten)
			}
			if !slices.Equal(c.extracted, tt.wantWritten) {
				t.Errorf("extracted = %v, want only what was written (%v)", c.extracted, tt.wantWritten)
			}
			if !slices.Equal(sum.RetractedIDs, tt.wantGone) {
				t.Errorf("retracted = %v, want %v", sum.RetractedIDs, tt.wantGone)
			}
			if sum.FactsRetracted != tt.wantFactsRm || !sum.FactsRetractedKnown() {
				t.Errorf("facts retracted = %d (known %v), want %d", sum.FactsRetracted, sum.FactsRetractedKnown(), tt.wantFactsRm)
			}
			after := st.snapshot()
			for id, a := range before {
				if slices.Contains(tt.wantWritten, id) || slices.Contains(tt.wantGone, id) {
					continue
				}
				if after[id] != a {
					t.Errorf("article %s touched: %+v -> %+v", id, a, after[id])
				}
			}
			for _, id := range tt.wantGone {
				if _, ok := after[id]; ok {
					t.Errorf("article %s still stored after prune", id)
				}
			}
			if h := st.lockHolder(LockName("feed")); h != "" {
				t.Errorf("lock still held by %s after run", h)
			}
		})
	}
}

func TestSyncStoresUnderItsSource(t *testing.T) {
	st, c := newFakeStore(), corpus(2)
	mustRun(t, c.options(st))
	for id, a := range st.snapshot() {
		if a.source != "feed" {
			t.Errorf("article %s stored under source %q, want the sync's source %q", id, a.source, "feed")
		}
	}
	// Articles of another source are neither compared nor pruned.
	st.articles["other"] = storedArticle{source: "elsewhere", sha: "x"}
	opts := c.options(st)
	opts.Prune = true
	if sum := mustRun(t, opts); sum.Retracted != 0 || sum.Unchanged != 2 {
		t.Errorf("sync touched another source: %+v", countsOf(sum))
	}
	if _, ok := st.snapshot()["other"]; !ok {
		t.Error("article of another source was pruned")
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	st, c := newFakeStore(), corpus(4)
	mustRun(t, c.options(st))
	c.edit("a000")
	c.remove("a003")
	c.articles = append(c.articles, corpus(6).articles[5])
	st.writes, c.extracted = 0, nil
	before := st.snapshot()

	var plan []string
	opts := c.options(st)
	opts.DryRun, opts.Prune, opts.Locker, opts.PruneMax = true, true, nil, 1
	opts.OnPlan = func(k Kind, id, path string) { plan = append(plan, string(k)+" "+id) }
	sum := mustRun(t, opts)

	want := []string{"changed a000", "unchanged a001", "unchanged a002", "new a005", "retract a003"}
	if !slices.Equal(plan, want) {
		t.Errorf("plan = %q, want %q", plan, want)
	}
	if got := countsOf(sum); got != (counts{New: 1, Changed: 1, Unchanged: 2, Retracted: 1}) {
		t.Errorf("counts = %+v", got)
	}
	if st.writes != 0 || st.retracts != 0 || len(c.extracted) != 0 {
		t.Errorf("dry run wrote %d, retracted %d times, extracted %v", st.writes, st.retracts, c.extracted)
	}
	if len(st.snapshot()) != len(before) {
		t.Error("dry run changed the store")
	}
}

func TestFailedArticlesDoNotStopTheRest(t *testing.T) {
	st, c := newFakeStore(), corpus(4)
	c.extractErr = func(id string) error {
		if id == "a001" {
			return errors.New("bad text")
		}
		return nil
	}
	st.writeErr = func(id string) error {
		if id == "a002" {
			return errors.New("constraint violated")
		}
		return nil
	}
	sum, err := mustNew(t, c.options(st)).Run(context.Background())
	if !errors.Is(err, ErrPartial) {
		t.Fatalf("err = %v, want ErrPartial", err)
	}
	if code := exitCode(err); code != ExitPartial {
		t.Errorf("exit code = %d, want %d", code, ExitPartial)
	}
	if got := countsOf(sum); got != (counts{New: 2, Failed: 2}) {
		t.Errorf("counts = %+v", got)
	}
	var paths []string
	for _, f := range sum.Failures {
		paths = append(paths, f.Path)
	}
	if !slices.Equal(paths, []string{"/corpus/a001.txt", "/corpus/a002.txt"}) {
		t.Errorf("failure paths = %v", paths)
	}
	// The next run retries the failed ones: they are still new.
	c.extractErr, st.writeErr = nil, nil
	if sum := mustRun(t, c.options(st)); countsOf(sum) != (counts{New: 2, Unchanged: 2}) {
		t.Errorf("retry counts = %+v", countsOf(sum))
	}
}

func TestFatalErrorStopsRun(t *testing.T) {
	errDown := errors.New("neo4j unreachable")
	st, c := newFakeStore(), corpus(5)
	st.writeErr = func(id string) error {
		if id == "a001" {
			return errDown
		}
		return nil
	}
	opts := c.options(st)
	opts.IsFatal = func(err error) bool { return errors.Is(err, errDown) }
	sum, err := mustNew(t, opts).Run(context.Background())
	if !errors.Is(err, errDown) {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if st.writes != 1 || sum.New != 1 {
		t.Errorf("writes = %d, new = %d; want the run to stop after the first", st.writes, sum.New)
	}
	if sum.Error == "" {
		t.Error("summary does not carry the error that stopped the run")
	}
	if h := st.lockHolder(LockName("feed")); h != "" {
		t.Errorf("lock still held by %s", h)
	}
}

func TestUnreadableFileBlocksPrune(t *testing.T) {
	st, c := newFakeStore(), corpus(3)
	mustRun(t, c.options(st))
	c.remove("a000")
	c.unread = []string{"/corpus/broken.json"}
	opts := c.options(st)
	opts.Prune = true
	sum, err := mustNew(t, opts).Run(context.Background())
	if !errors.Is(err, ErrPartial) {
		t.Fatalf("err = %v, want ErrPartial", err)
	}
	if sum.Retracted != 0 || sum.PruneSkipped != 1 || st.retracts != 0 {
		t.Errorf("retracted %d, prune skipped %d, retract calls %d; want prune skipped", sum.Retracted, sum.PruneSkipped, st.retracts)
	}
	if sum.Failures[0].Path != "/corpus/broken.json" {
		t.Errorf("failures = %+v", sum.Failures)
	}
}

func TestDuplicateIDFails(t *testing.T) {
	st, c := newFakeStore(), corpus(2)
	dup := c.articles[0]
	dup.Path, dup.SHA256 = "/corpus/copy.txt", "other"
	c.articles = append(c.articles, dup)
	sum, err := mustNew(t, c.options(st)).Run(context.Background())
	if !errors.Is(err, ErrPartial) || sum.New != 2 || sum.Failed != 1 {
		t.Fatalf("err %v, counts %+v", err, countsOf(sum))
	}
	if f := sum.Failures[0]; f.Path != "/corpus/copy.txt" || !strings.Contains(f.Error, "/corpus/a000.txt") {
		t.Errorf("failure = %+v, want it to name both files", f)
	}
	if st.snapshot()["a000"].sha != "h-a000" {
		t.Error("the duplicate overwrote the first article")
	}
}

func TestLocking(t *testing.T) {
	t.Run("held lock gives ErrLocked after the wait", func(t *testing.T) {
		st, c := newFakeStore(), corpus(2)
		st.AcquireLock(context.Background(), LockName("feed"), "other-run", time.Hour)
		opts := c.options(st)
		opts.Wait = 30 * time.Millisecond
		start := time.Now()
		_, err := mustNew(t, opts).Run(context.Background())
		if !errors.Is(err, ErrLocked) || exitCode(err) != ExitLocked {
			t.Fatalf("err = %v (exit %d), want ErrLocked with exit 4", err, exitCode(err))
		}
		if waited := time.Since(start); waited < 30*time.Millisecond {
			t.Errorf("gave up after %s, before the 30ms wait", waited)
		}
		if st.writes != 0 {
			t.Errorf("a locked-out run wrote %d articles", st.writes)
		}
		if st.lockHolder(LockName("feed")) != "other-run" {
			t.Error("a locked-out run released the other run's lock")
		}
	})
	t.Run("waits for the lock to be released", func(t *testing.T) {
		st, c := newFakeStore(), corpus(2)
		st.AcquireLock(context.Background(), LockName("feed"), "other-run", time.Hour)
		go func() {
			time.Sleep(20 * time.Millisecond)
			st.ReleaseLock(context.Background(), LockName("feed"), "other-run")
		}()
		opts := c.options(st)
		opts.Wait = 5 * time.Second
		if sum := mustRun(t, opts); sum.New != 2 {
			t.Errorf("new = %d, want 2", sum.New)
		}
	})
	t.Run("crashed run's lock expires", func(t *testing.T) {
		st, c := newFakeStore(), corpus(2)
		st.AcquireLock(context.Background(), LockName("feed"), "crashed-run", 10*time.Millisecond)
		time.Sleep(15 * time.Millisecond)
		if sum := mustRun(t, c.options(st)); sum.New != 2 {
			t.Errorf("new = %d, want 2", sum.New)
		}
	})
	t.Run("other sources are not blocked", func(t *testing.T) {
		st, c := newFakeStore(), corpus(2)
		st.AcquireLock(context.Background(), LockName("another-feed"), "other-run", time.Hour)
		mustRun(t, c.options(st))
	})
}

func TestHeartbeatKeepsLongRunLocked(t *testing.T) {
	st, c := newFakeStore(), corpus(6)
	st.writeDelay = 20 * time.Millisecond // the run lasts ~4 TTLs
	opts := c.options(st)
	opts.LockTTL = 30 * time.Millisecond
	var stolen []bool
	st.onWrite = func(string) {
		ok, _ := st.AcquireLock(context.Background(), LockName("feed"), "intruder", time.Hour)
		stolen = append(stolen, ok)
	}
	mustRun(t, opts)
	if slices.Contains(stolen, true) {
		t.Errorf("another run took the lock during a live run: %v", stolen)
	}
	if st.refreshes < 2 {
		t.Errorf("refreshes = %d, want the lease renewed during the run", st.refreshes)
	}
}

func TestLostLockStopsRun(t *testing.T) {
	st, c := newFakeStore(), corpus(20)
	st.writeDelay = 10 * time.Millisecond
	st.refreshErr = errors.New("lock lost")
	opts := c.options(st)
	opts.LockTTL = 15 * time.Millisecond
	_, err := mustNew(t, opts).Run(context.Background())
	if !errors.Is(err, ErrLockLost) {
		t.Fatalf("err = %v, want ErrLockLost", err)
	}
	if st.writes >= 20 {
		t.Errorf("wrote all %d articles after losing the lock", st.writes)
	}
}

func TestInterruptFinishesCurrentArticle(t *testing.T) {
	st, c := newFakeStore(), corpus(5)
	ctx, cancel := context.WithCancel(context.Background())
	st.writeDelay = 10 * time.Millisecond
	st.onWrite = func(id string) {
		if id == "a001" {
			cancel() // the signal arrives while a001 is being written
		}
	}
	sum, err := mustNew(t, c.options(st)).Run(ctx)
	if !errors.Is(err, ErrInterrupted) || exitCode(err) != ExitInterrupted {
		t.Fatalf("err = %v (exit %d), want ErrInterrupted", err, exitCode(err))
	}
	if !slices.Equal(st.written, []string{"a000", "a001"}) {
		t.Errorf("written = %v, want a000 and the in-flight a001 finished", st.written)
	}
	if !sum.Interrupted || sum.New != 2 {
		t.Errorf("summary = %+v", sum)
	}
	if h := st.lockHolder(LockName("feed")); h != "" {
		t.Errorf("lock still held by %s after interrupt", h)
	}
}

func TestRunEvery(t *testing.T) {
	st, c := newFakeStore(), corpus(3)
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	var sums []Summary
	s := mustNew(t, c.options(st))
	done := make(chan error)
	go func() {
		done <- s.RunEvery(ctx, 10*time.Millisecond, func(sum Summary, err error) {
			mu.Lock()
			defer mu.Unlock()
			sums = append(sums, sum)
			if len(sums) == 1 {
				c.edit("a001") // appears between runs, like a file edited mid-day
			}
			if len(sums) == 3 {
				cancel()
			}
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("RunEvery = %v, want nil on cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("RunEvery did not stop after cancel")
	}
	want := []counts{{New: 3}, {Changed: 1, Unchanged: 2}, {Unchanged: 3}}
	for i, w := range want {
		if got := countsOf(sums[i]); got != w {
			t.Errorf("run %d = %+v, want %+v", i+1, got, w)
		}
	}
}

func TestSummaryOutput(t *testing.T) {
	sum := Summary{Source: "feed", Duration: 1500 * time.Millisecond, New: 2, Changed: 1, Unchanged: 7, Retracted: 1, Failed: 1,
		FactsAdded: 12, FactsRetracted: 4, Failures: []Failure{{Path: "/c/x.json", Error: "bad json"}}}
	var text bytes.Buffer
	sum.WriteText(&text)
	want := "sync feed: 2 new, 1 changed, 7 unchanged, 1 retracted, 1 failed; facts +12 -4; 1.5s\n  failed /c/x.json: bad json\n"
	if text.String() != want {
		t.Errorf("text =\n%q\nwant\n%q", text.String(), want)
	}

	var js bytes.Buffer
	sum.WriteJSON(&js)
	var got map[string]any
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{"msg": "sync summary", "level": "WARN", "new": 2.0, "unchanged": 7.0, "failed": 1.0, "facts_added": 12.0,
		"facts_retracted": 4.0, "duration_ms": 1500.0} {
		if got[k] != v {
			t.Errorf("json %s = %v, want %v", k, got[k], v)
		}
	}
	if f := got["failures"].([]any); len(f) != 1 || f[0].(map[string]any)["path"] != "/c/x.json" {
		t.Errorf("json failures = %v", got["failures"])
	}

	sum.factsRetractedUnknown = true
	js.Reset()
	sum.WriteJSON(&js)
	if !strings.Contains(js.String(), `"facts_retracted":null`) {
		t.Errorf("unknown facts retracted not null: %s", js.String())
	}
}

func TestNewRejectsMissingSource(t *testing.T) {
	c := corpus(1)
	opts := c.options(newFakeStore())
	opts.Source = ""
	_, err := New(opts)
	if exitCode(err) != ExitUsage {
		t.Errorf("err = %v (exit %d), want a usage error", err, exitCode(err))
	}
}

func exitCode(err error) int {
	var ec interface{ ExitCode() int }
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return -1
}

func TestPruneGuard(t *testing.T) {
	tests := []struct {
		name        string
		stored      int
		remove      int // articles removed from the corpus after the first sync
		pruneMax    float64
		dryRun      bool
		wantRefused bool
		wantMsg     string
	}{
		{name: "within the default 10%", stored: 20, remove: 2},
		{name: "beyond the default 10%", stored: 20, remove: 3, wantRefused: true,
			wantMsg: `prune refused: 3 of the 20 articles stored under source "feed" (15%) are no longer under the paths, more than --prune-max 10%; nothing was retracted; check with --dry-run, then pass --prune-max 15% to allow it`},
		{name: "empty folder", stored: 5, remove: 5, wantRefused: true,
			wantMsg: `prune refused: no articles found under the paths, but 5 are stored under source "feed" (is the folder empty or a volume not mounted?); nothing was retracted; to retract them all, pass --prune-max 100%`},
		{name: "empty folder allowed with 100%", stored: 5, remove: 5, pruneMax: 1},
		{name: "raised limit", stored: 20, remove: 3, pruneMax: 0.15},
		{name: "dry run reports the refusal", stored: 20, remove: 3, dryRun: true, wantRefused: true},
		{name: "nothing to prune", stored: 3, remove: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, c := newFakeStore(), corpus(tt.stored)
			mustRun(t, c.options(st))
			var gone []string
			for i := 0; i < tt.remove; i++ {
				id := c.articles[0].ID
				gone = append(gone, id)
				c.remove(id)
			}
			opts := c.options(st)
			opts.Prune, opts.PruneMax, opts.DryRun = true, tt.pruneMax, tt.dryRun
			if tt.dryRun {
				opts.Locker = nil
			}
			var planned []string
			opts.OnPlan = func(k Kind, id, _ string) {
				if k == KindRetract {
					planned = append(planned, id)
				}
			}
			sum, err := mustNew(t, opts).Run(context.Background())
			after := st.snapshot()
			if !tt.wantRefused {
				if err != nil {
					t.Fatalf("run: %v", err)
				}
				if sum.Retracted != tt.remove || len(after) != tt.stored-tt.remove {
					t.Errorf("retracted %d, %d stored; want %d retracted", sum.Retracted, len(after), tt.remove)
				}
				return
			}
			var pe *PruneRefusedError
			if !errors.Is(err, ErrPruneRefused) || !errors.As(err, &pe) || exitCode(err) != ExitPruneRefused {
				t.Fatalf("err = %v (exit %d), want a PruneRefusedError with exit %d", err, exitCode(err), ExitPruneRefused)
			}
			if tt.wantMsg != "" && err.Error() != tt.wantMsg {
				t.Errorf("message\n got %s\nwant %s", err, tt.wantMsg)
			}
			if st.retracts != 0 || len(after) != tt.stored || sum.Retracted != 0 || sum.PruneRefused != tt.remove {
				t.Errorf("refused prune retracted: %d calls, %d stored, summary retracted %d refused %d",
					st.retracts, len(after), sum.Retracted, sum.PruneRefused)
			}
			if tt.dryRun && !slices.Equal(planned, gone) {
				t.Errorf("dry run planned %v, want what would go: %v", planned, gone)
			}
			var text bytes.Buffer
			sum.WriteText(&text)
			if !strings.Contains(text.String(), fmt.Sprintf("prune refused (%d articles would go)", tt.remove)) {
				t.Errorf("summary does not tell the refusal: %s", text.String())
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	for in, want := range map[string]float64{"10%": 0.1, "100%": 1, " 2.5% ": 0.025, "0.5%": 0.005} {
		if got, err := ParsePercent(in); err != nil || got != want {
			t.Errorf("ParsePercent(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "10", "0%", "-5%", "101%", "x%", "NaN%", "%"} {
		if _, err := ParsePercent(in); err == nil {
			t.Errorf("ParsePercent(%q) accepted", in)
		}
	}
}

func TestLockedErrorNamesHolder(t *testing.T) {
	st, c := newFakeStore(), corpus(1)
	holder := OwnerID()
	st.AcquireLock(context.Background(), LockName("feed"), holder, time.Hour)
	opts := c.options(st)
	opts.Owner = "someone-else"
	_, err := mustNew(t, opts).Run(context.Background())
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a LockedError", err)
	}
	host, _ := os.Hostname()
	for _, want := range []string{
		fmt.Sprintf("host %q", host), fmt.Sprintf("pid %d", os.Getpid()),
		"running since " + processStart.UTC().Format(time.RFC3339), "lease expires ", "(in 1h0m0s) unless renewed",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host {
		t.Errorf("holder = %+v", le.Holder)
	}
	// Every owner is new, and parses.
	if a, b := OwnerID(), OwnerID(); a == b {
		t.Errorf("two owners of one process are the same: %s", a)
	} else if _, pid, _, ok := ParseOwner(b); !ok || pid != os.Getpid() {
		t.Errorf("ParseOwner(%q) = pid %d, %v", b, pid, ok)
	}
	// An owner kgraph did not write is quoted as is.
	if got := newHolder("cron-7", time.Time{}).String(); got != `owner "cron-7"` {
		t.Errorf("foreign owner = %s", got)
	}
}
