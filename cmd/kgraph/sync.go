package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/extract/source"
	"github.com/kgraph/kgraph/graph"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/syncer"
)

const syncLong = `Sync makes Neo4j reflect the articles under PATH (files, directories, or -
for stdin), cheaply enough to run every hour for years:

  - new articles are extracted and loaded;
  - changed ones (the sha256 of the normalised text differs from the
    Article.sha256 stored in Neo4j) have their contributions replaced;
  - unchanged ones are skipped without extraction or writes;
  - new and changed articles are extracted on every core and written
    --batch-size (default 50) per transaction;
  - with --prune, articles stored under the same source that are no longer
    under PATH are retracted. Facts other articles also support stay. If
    some file cannot be read, nothing is pruned in that run.

Prune guard. An unmounted volume looks like an empty folder, so --prune
refuses, retracts nothing and exits with code 6 when PATH yields no
articles while the source has some stored, or when it would retract more
than --prune-max (default 10%) of the source's stored articles. New and
changed articles of that run are still loaded. Check what would go with
--dry-run --prune; allow it with --prune-max 25% (or 100% to allow
anything, an empty PATH included).

The state lives in Neo4j itself: there is no second database to lose.

Source. Every synced article is stored under one source: --source
(KGRAPH_SOURCE), else the name of the directory given (a file's parent
directory). It overrides a "source" field in the article metadata, because
--prune and the lock are per source. Keep it the same from run to run.
An article is identified by (source, id), so two sources may use the same
ids; give build or extract the same --source to load the same articles
under the same identity (they then count as unchanged here).

One run at a time. A run holds a lock in Neo4j per (database, source). A
second run waits up to --wait for it, then exits with code 4. The lock is a
lease of --lock-ttl, renewed while the run is alive, so the lock of a
crashed or killed run expires by itself.

Schedule. --every 1h keeps running and syncs every hour (start to start).
SIGINT or SIGTERM stops it gracefully: the transaction being written (up
to --batch-size articles) finishes, the lock is released, and kgraph exits
0 (stopping is what a service is asked to do). Without --every, a run stopped by a signal
does the same and exits 130 (SIGINT) or 143 (SIGTERM). Either way nothing
is half-written and the next run picks up where this one stopped.

Every run ends with one summary record on stderr: counts of new, changed,
unchanged, retracted and failed articles, facts (relations and attributes)
added and retracted, failures with file names, and duration; as text, or as
one JSON object with --log-format json (--quiet leaves it out). --dry-run prints the plan to stdout
(one line per article: new, changed, unchanged or retract, its id and file)
and writes nothing; it takes no lock.

Exit codes:
  0  all good (also: --every stopped by SIGINT/SIGTERM)
  1  some articles failed; the rest were loaded (see the summary)
  2  usage or configuration error
  3  Neo4j unreachable or authentication failed
  3  also: the connection stayed lost for longer than --max-retry-time;
     articles committed before stay committed
  4  another run holds the lock (after --wait); the message names the
     holder (host, pid, start time) and when its lease expires
  6  the prune guard refused (see above); nothing was retracted
  130  stopped by SIGINT mid-run (143 for SIGTERM); not with --every

Crontab, hourly, waiting up to 10 minutes for a slow previous run:

  0 * * * *  NEO4J_URI=neo4j://db:7687 NEO4J_PASSWORD=... kgraph sync --prune --wait 10m --log-format json /data/news >>/var/log/kgraph-sync.log 2>&1

Kubernetes CronJob:

  apiVersion: batch/v1
  kind: CronJob
  metadata:
    name: kgraph-sync
  spec:
    schedule: "0 * * * *"
    concurrencyPolicy: Forbid        # the Neo4j lock guards against overlap too
    jobTemplate:
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            containers:
              - name: kgraph
                image: registry.example.com/kgraph:latest
                args: ["sync", "--prune", "--wait", "5m", "--log-format", "json", "/data/news"]
                env:
                  - name: NEO4J_URI
                    value: neo4j://neo4j.graph.svc:7687
                  - name: NEO4J_USERNAME
                    value: neo4j
                  - name: NEO4J_PASSWORD
                    valueFrom:
                      secretKeyRef: {name: neo4j-auth, key: password}
                volumeMounts:
                  - {name: news, mountPath: /data/news, readOnly: true}
            volumes:
              - name: news
                persistentVolumeClaim: {claimName: news-archive}`

// syncOptions are the sync command's flags.
type syncOptions struct {
	Paths    []string
	Prune    bool
	PruneMax string // a percentage, "10%"; checked by check
	DryRun   bool
	Wait     time.Duration
	Every    time.Duration
	LockTTL  time.Duration
}

func init() { register(func(g *globals) *cobra.Command { return newSyncCmd(g, nil) }) }

// newSyncCmd returns the sync command; runF, if not nil, replaces the run
// (tests capture the parsed options with it).
func newSyncCmd(g *globals, runF func(context.Context, syncOptions) error) *cobra.Command {
	var opts syncOptions
	cmd := &cobra.Command{
		Use:   "sync PATH...",
		Short: "Incrementally load articles into Neo4j: new and changed only, optionally pruning vanished ones",
		Long:  syncLong,
		Example: `  kgraph sync --dry-run --prune ./news
  kgraph sync --prune --wait 10m /data/news
  kgraph sync --every 1h --prune --source reuters /data/reuters`,
		Args: minArgs(1, "at least one PATH (a file, a directory or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runSync(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	addBatchSizeIntFlag(f)
	f.BoolVar(&opts.Prune, "prune", false, "retract articles stored under the source that are no longer under PATH")
	f.StringVar(&opts.PruneMax, "prune-max", "10%", "with --prune, refuse (exit 6) to retract more than this share of the source; 100% allows anything")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the plan (new, changed, unchanged, retract) and write nothing")
	f.DurationVar(&opts.Wait, "wait", 0, "how long to wait for another run's lock before exiting with code 4")
	f.DurationVar(&opts.Every, "every", 0, "keep running, syncing at this interval (e.g. 1h); stop with SIGINT/SIGTERM")
	f.DurationVar(&opts.LockTTL, "lock-ttl", syncer.DefaultLockTTL, "lease of the run lock; a killed run's lock expires after it")
	addSourceFlag(f)
	return cmd
}

func (o syncOptions) check() error {
	switch {
	case o.Wait < 0:
		return usagef("--wait must not be negative")
	case o.Every < 0:
		return usagef("--every must not be negative")
	case o.LockTTL < 3*time.Second:
		return usagef("--lock-ttl must be at least 3s")
	case o.DryRun && o.Every > 0:
		return usagef("--dry-run and --every do not go together")
	}
	if _, err := syncer.ParsePercent(o.PruneMax); err != nil {
		return usagef("--prune-max %v", err)
	}
	return nil
}

func runSync(ctx context.Context, g *globals, opts syncOptions) error {
	defer limitHeap(extractMemoryLimit)()
	if err := checkPaths(opts.Paths); err != nil {
		return err
	}
	pruneMax, err := syncer.ParsePercent(opts.PruneMax)
	if err != nil {
		return usagef("--prune-max %v", err)
	}
	src, err := syncSource(g.cfg.Source, opts.Paths)
	if err != nil {
		return &usageError{err: err}
	}
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	if !opts.DryRun {
		// Like load and build: a first sync into an empty database needs
		// the constraints its MERGEs rely on. Idempotent.
		if err := store.CreateSchema(ctx); err != nil {
			return err
		}
	}

	asJSON := g.cfg.LogFormat == "json"
	walker := g.walker(opts.Paths)
	walker.Source = src
	var bar interface{ Add(int) } = noBar{}
	stopBar := func() {}
	s, err := syncer.New(syncer.Options{
		Source:      src,
		Store:       store,
		FactCounter: syncer.CypherFactCounter{Q: store, Source: src},
		Locker:      store,
		Walk:        walker.Walk,
		BatchSize:   g.cfg.BatchSize,
		Prune:       opts.Prune,
		PruneMax:    pruneMax,
		DryRun:      opts.DryRun,
		Wait:        opts.Wait,
		LockTTL:     opts.LockTTL,
		NewExtractor: func(ctx context.Context) (extract.Extractor, error) {
			return syncExtractor(ctx, store)
		},
		IsFatal:   syncFatal,
		OnArticle: func(graph.Article, syncer.Kind) { bar.Add(1) },
		OnPlan:    syncPlanPrinter(g.stdout, asJSON),
		Logger:    g.log,
	})
	if err != nil {
		return err
	}
	startBar := func() {
		if !opts.DryRun {
			b, stop := g.progress("syncing " + src)
			bar, stopBar = b, stop
		}
	}
	report := func(sum syncer.Summary, err error) {
		stopBar()
		if !g.quiet {
			if asJSON {
				_ = sum.WriteJSON(g.logOut)
			} else {
				_ = sum.WriteText(g.logOut)
			}
		}
		if err != nil && !errors.Is(err, syncer.ErrPartial) && !errors.Is(err, syncer.ErrInterrupted) &&
			!errors.Is(err, syncer.ErrPruneRefused) {
			g.log.Error("sync failed", "err", err)
		}
		startBar() // for the next run of --every
	}

	startBar()
	if opts.Every > 0 {
		g.log.Info("syncing on a schedule", "every", opts.Every.String(), "source", src)
		err := s.RunEvery(ctx, opts.Every, report)
		stopBar()
		return err
	}
	sum, err := s.Run(ctx)
	report(sum, err)
	stopBar()
	return err
}

type noBar struct{}

func (noBar) Add(int) {}

// syncSource is the source a sync owns: the configured one, else the name
// of the directory of the paths, which must then agree.
func syncSource(configured string, paths []string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	src := ""
	for _, p := range paths {
		s := source.RootSource(p)
		if src != "" && s != src {
			return "", fmt.Errorf("paths belong to different sources (%q, %q): give --source", src, s)
		}
		src = s
	}
	return src, nil
}

// syncExtractor starts the engine with the entities already in Neo4j, so
// that new articles reuse their ids.
func syncExtractor(ctx context.Context, store *neo4jstore.Store) (extract.Extractor, error) {
	x, err := extract.NewEngine()
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	entities, err := store.Entities(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed resolver: %w", err)
	}
	x.Seed(entities)
	return x, nil
}

// syncFatal: these store errors stop the run; any other error of one
// article only fails that article.
func syncFatal(err error) bool {
	return errors.Is(err, neo4jstore.ErrUnavailable) || errors.Is(err, neo4jstore.ErrAuth)
}

func syncPlanPrinter(w io.Writer, asJSON bool) func(syncer.Kind, string, string) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return func(k syncer.Kind, id, path string) {
		if asJSON {
			_ = enc.Encode(struct {
				Plan syncer.Kind `json:"plan"`
				ID   string      `json:"id"`
				Path string      `json:"path,omitempty"`
			}{k, id, path})
			return
		}
		if path == "" {
			fmt.Fprintf(w, "%-9s %s\n", k, id)
			return
		}
		fmt.Fprintf(w, "%-9s %s\t%s\n", k, id, path)
	}
}
