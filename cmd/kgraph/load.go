package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/pipeline"
)

type loadOptions struct {
	Files []string
}

func init() { register(func(g *globals) *cobra.Command { return newLoadCmd(g, nil) }) }

func newLoadCmd(g *globals, runF func(context.Context, loadOptions) error) *cobra.Command {
	var opts loadOptions
	cmd := &cobra.Command{
		Use:   "load FILE.jsonl...",
		Short: "Load exchange-format JSON Lines into Neo4j",
		Long: `Load reads exchange-format JSON Lines (as written by "kgraph extract") and
writes them into Neo4j, one transaction per --batch-size articles.

Loading is idempotent: an article whose sha256 is already in the graph is
skipped, and a changed article replaces what it contributed before. A bad
line is reported with its file and line number and the rest still loads
(exit code 1). The schema (constraints and indexes) is created first if
missing. "-" reads stdin.`,
		Example: `  kgraph extract examples/articles -o facts.jsonl
  kgraph load facts.jsonl

  # Into another database, with smaller transactions
  kgraph load --database news --batch-size 10 facts.jsonl`,
		Args: minArgs(1, "at least one FILE.jsonl"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLoad(cmd.Context(), g, opts)
		},
	}
	addBatchSizeIntFlag(cmd.Flags())
	return cmd
}

func runLoad(ctx context.Context, g *globals, opts loadOptions) error {
	start := time.Now()
	defer limitHeap(loadMemoryLimit)()
	if err := checkPaths(opts.Files); err != nil {
		return err
	}
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	if err := store.CreateSchema(ctx); err != nil {
		return err
	}
	var (
		total    neo4jstore.WriteStats
		failed   int
		entities = map[string]bool{}
	)
	for _, path := range opts.Files {
		bad, err := loadFile(ctx, g, store, path, func(bs []graph.Batch, stats neo4jstore.WriteStats) {
			total = total.Add(stats)
			for _, b := range bs {
				for _, e := range b.Entities {
					entities[e.ID] = true
				}
			}
		})
		failed += bad
		if err != nil {
			return err
		}
	}
	g.printSummary(summary{
		articles: total.Articles + total.Unchanged, unchanged: total.Unchanged, entities: len(entities),
		relations: total.Relations, attributes: total.Attributes, failed: failed, elapsed: time.Since(start),
	})
	if failed > 0 {
		return &failedError{failed: failed, total: total.Articles + total.Unchanged + failed, what: "articles or lines"}
	}
	return nil
}

// loadFile streams one exchange file into the store: a first pass indexes
// it (logging each bad line with file:line), a second writes it one
// transaction per --batch-size articles, holding one group at a time. Stdin
// is spooled to a temporary file first, since the second pass reads the
// lines it needs by offset. It returns the number of bad lines and
// rejected articles.
func loadFile(ctx context.Context, g *globals, store *neo4jstore.Store, path string,
	onGroup func([]graph.Batch, neo4jstore.WriteStats)) (int, error) {
	name := path
	var f *os.File
	if path == "-" {
		name = "stdin"
		tmp, err := os.CreateTemp("", "kgraph-load-*.jsonl")
		if err != nil {
			return 0, fmt.Errorf("spool stdin: %w", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		if _, err := io.Copy(tmp, g.stdin); err != nil {
			return 0, fmt.Errorf("spool stdin: %w", err)
		}
		f = tmp
	} else {
		var err error
		if f, err = os.Open(path); err != nil {
			return 0, err
		}
		defer f.Close()
	}
	bad := 0
	onError := func(err error) {
		bad++
		var le *jsonl.LineError
		if errors.As(err, &le) {
			g.log.Warn("bad line skipped", "at", fmt.Sprintf("%s:%d", name, le.Line), "err", le.Err)
			return
		}
		g.log.Warn("record skipped", "path", name, "err", err)
	}
	ix, err := jsonl.NewIndex(io.NewSectionReader(f, 0, 1<<62), onError)
	if err != nil {
		return bad, fmt.Errorf("read %s: %w", name, err)
	}
	defer ix.Close()
	err = ix.Batches(f, g.cfg.BatchSize, func(bs []graph.Batch) error {
		stats, err := store.WriteBatches(ctx, bs)
		onGroup(bs, stats)
		var rejected *neo4jstore.ArticleError
		for _, e := range pipeline.Unjoin(err) {
			if errors.As(e, &rejected) {
				bad++
				g.log.Warn("article rejected", "path", name, "article", rejected.Article, "err", rejected.Err)
				continue
			}
			return fmt.Errorf("load %s: %w", name, e)
		}
		return nil
	}, onError)
	return bad, err
}

// checkPaths makes a missing file on the command line a usage error.
func checkPaths(paths []string) error {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			return &usageError{err: err}
		}
	}
	return nil
}
