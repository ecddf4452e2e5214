package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/config"
	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/extract/source"
	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/progress"
	"github.com/kgraph/kgraph/internal/syncer"
)

const syncLong = `Sync makes Neo4j reflect the articles under PATH (files, directories, or -
for stdin), cheaply enough to run every hour for years:

  - new articles are extracted and loaded;
  - changed ones (the sha256 of the normalised text differs from the
    Article.sha256 stored in Neo4j) have their contributions replaced;
  - unchanged ones are skipped without extraction or writes;
  - with --prune, articles stored under the same source that are no longer
    under PATH are retracted. Facts other articles also support stay. If
    some file cannot be read, nothing is pruned in that run.

The state lives in Neo4j itself: there is no second database to lose.

Source. Every synced article is stored under one source: --source
(KGRAPH_SOURCE), else the name of the directory given (a file's parent
directory). It overrides a "source" field in the article metadata, because
--prune and the lock are per source. Keep it the same from run to run.

One run at a time. A run holds a lock in Neo4j per (database, source). A
second run waits up to --wait for it, then exits with code 4. The lock is a
lease of --lock-ttl, renewed while the run is alive, so the lock of a
crashed or killed run expires by itself.

Schedule. --every 1h keeps running and syncs every hour (start to start).
SIGINT or SIGTERM stops it gracefully: the article being written finishes
its transaction, the lock is released, and kgraph exits 0. Without --every,
a run stopped by a signal does the same and exits 130. Either way nothing
is half-written and the next run picks up where this one stopped.

Every run ends with one summary record on stderr: counts of new, changed,
unchanged, retracted and failed articles, facts (relations and attributes)
added and retracted, failures with file names, and duration; as text, or as
one JSON object with --log-format json. --dry-run prints the plan to stdout
(one line per article: new, changed, unchanged or retract, its id and file)
and writes nothing; it takes no lock.

Exit codes:
  0  all good (also: --every stopped by SIGINT/SIGTERM)
  1  some articles failed; the rest were loaded (see the summary)
  2  usage or configuration error
  3  Neo4j unreachable or authentication failed
  4  another run holds the lock (after --wait)
  130  stopped by a signal mid-run (without --every)

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

// syncOptions are the sync command's flags and streams.
type syncOptions struct {
	Paths   []string
	Prune   bool
	DryRun  bool
	Wait    time.Duration
	Every   time.Duration
	LockTTL time.Duration

	Flags  *cobra.Command // for config.Load: the parsed flags, global ones included
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// newSyncCmd returns the `kgraph sync` command.
func newSyncCmd() *cobra.Command { return newSyncCommand(runSync) }

// newSyncCommand lets tests capture the parsed options instead of running.
func newSyncCommand(run func(ctx context.Context, opts *syncOptions) error) *cobra.Command {
	opts := &syncOptions{}
	cmd := &cobra.Command{
		Use:   "sync PATH...",
		Short: "Incrementally load articles into Neo4j: new and changed only, optionally pruning vanished ones",
		Long:  syncLong,
		Example: `  kgraph sync --dry-run --prune ./news
  kgraph sync --prune --wait 10m /data/news
  kgraph sync --every 1h --prune --source reuters /data/reuters`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Flags = args, cmd
			opts.Stdin, opts.Stdout, opts.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			if err := opts.check(); err != nil {
				return err
			}
			return run(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Prune, "prune", false, "retract articles stored under the source that are no longer under PATH")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the plan (new, changed, unchanged, retract) and write nothing")
	f.DurationVar(&opts.Wait, "wait", 0, "how long to wait for another run's lock before exiting with code 4")
	f.DurationVar(&opts.Every, "every", 0, "keep running, syncing at this interval (e.g. 1h); stop with SIGINT/SIGTERM")
	f.DurationVar(&opts.LockTTL, "lock-ttl", syncer.DefaultLockTTL, "lease of the run lock; a killed run's lock expires after it")
	f.String(config.FlagSource, "", "source the synced articles are stored under (env KGRAPH_SOURCE; default: the directory's name)")
	return cmd
}

func (o *syncOptions) check() error {
	switch {
	case o.Wait < 0:
		return syncUsage(errors.New("--wait must not be negative"))
	case o.Every < 0:
		return syncUsage(errors.New("--every must not be negative"))
	case o.LockTTL < 3*time.Second:
		return syncUsage(errors.New("--lock-ttl must be at least 3s"))
	case o.DryRun && o.Every > 0:
		return syncUsage(errors.New("--dry-run and --every do not go together"))
	}
	return nil
}

func runSync(ctx context.Context, opts *syncOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := config.Load(config.Options{Flags: opts.Flags.Flags()})
	if err != nil {
		return syncUsage(err)
	}
	src, err := syncSource(cfg.Source, opts.Paths)
	if err != nil {
		return syncUsage(err)
	}

	// Stop between articles on SIGINT/SIGTERM; a second signal is not
	// caught, so it kills at once.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }()

	store, err := neo4j.Open(ctx, neo4j.Config{
		URI: cfg.Neo4j.URI, Username: cfg.Neo4j.Username, Password: cfg.Neo4j.Password,
		Database: cfg.Neo4j.Database, BatchSize: cfg.BatchSize,
	})
	if err != nil {
		return syncExit(err)
	}
	defer store.Close(context.WithoutCancel(ctx))

	bar := progress.New(opts.Stderr, progress.IsTerminal(opts.Stderr) && !opts.DryRun, "sync "+src, -1)
	log := slog.New(syncHandler(bar.Writer(opts.Stderr), cfg))

	s, err := syncer.New(syncer.Options{
		Source:      src,
		Store:       store,
		FactCounter: syncer.CypherFactCounter{Q: store},
		Locker:      store,
		Walk:        source.Walker{Paths: opts.Paths, Stdin: opts.Stdin, Source: src, Logger: log}.Walk,
		Prune:       opts.Prune,
		DryRun:      opts.DryRun,
		Wait:        opts.Wait,
		LockTTL:     opts.LockTTL,
		NewExtractor: func(ctx context.Context) (extract.Extractor, error) {
			return syncExtractor(ctx, store)
		},
		IsFatal:   syncFatal,
		OnArticle: func(graph.Article, syncer.Kind) { bar.Add(1) },
		OnPlan:    syncPlanPrinter(opts.Stdout, cfg.LogFormat == "json"),
		Logger:    log,
	})
	if err != nil {
		return syncExit(err)
	}
	report := func(sum syncer.Summary, err error) {
		bar.Finish()
		syncReport(opts.Stderr, cfg.LogFormat == "json", sum)
		if err != nil && !errors.Is(err, syncer.ErrPartial) && !errors.Is(err, syncer.ErrInterrupted) {
			log.Error("sync failed", "err", err)
		}
	}

	if opts.Every > 0 {
		log.Info("syncing on a schedule", "every", opts.Every.String(), "source", src)
		return syncExit(s.RunEvery(ctx, opts.Every, report))
	}
	sum, err := s.Run(ctx)
	report(sum, err)
	return syncExit(err)
}

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
func syncExtractor(ctx context.Context, store *neo4j.Store) (extract.Extractor, error) {
	x, err := extract.NewEngine()
	if err != nil {
		return nil, err
	}
	entities, err := store.Entities(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed resolver: %w", err)
	}
	x.Seed(entities)
	return x, nil
}

func syncFatal(err error) bool {
	return errors.Is(err, neo4j.ErrUnavailable) || errors.Is(err, neo4j.ErrAuth)
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

func syncReport(w io.Writer, asJSON bool, sum syncer.Summary) {
	if asJSON {
		_ = sum.WriteJSON(w)
		return
	}
	_ = sum.WriteText(w)
}

func syncHandler(w io.Writer, cfg config.Config) slog.Handler {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel)) // config has checked it; "" is info
	o := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.NewJSONHandler(w, o)
	}
	return slog.NewTextHandler(w, o)
}

// syncExitError gives an error its exit code (see the command's help).
type syncExitError struct {
	code int
	err  error
}

func (e *syncExitError) Error() string { return e.err.Error() }
func (e *syncExitError) Unwrap() error { return e.err }
func (e *syncExitError) ExitCode() int { return e.code }

func syncUsage(err error) error { return &syncExitError{syncer.ExitUsage, err} }

// syncExit maps err to the documented exit codes: the syncer's errors carry
// theirs; Neo4j being unreachable or refusing the credentials is 3; a
// configuration error is 2.
func syncExit(err error) error {
	var cfgErr *config.Error
	var coded interface{ ExitCode() int }
	switch {
	case err == nil:
		return nil
	case syncFatal(err):
		return &syncExitError{syncer.ExitUnavailable, err}
	case errors.As(err, &coded):
		return err
	case errors.As(err, &cfgErr):
		return syncUsage(err)
	}
	return err
}
