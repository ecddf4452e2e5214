package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kgraph/kgraph/config"
	"github.com/kgraph/kgraph/extract"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/pipeline"
)

type buildOptions struct {
	Paths []string
}

func init() { register(func(g *globals) *cobra.Command { return newBuildCmd(g, nil) }) }

func newBuildCmd(g *globals, runF func(context.Context, buildOptions) error) *cobra.Command {
	var opts buildOptions
	cmd := &cobra.Command{
		Use:   "build PATH...",
		Short: "Extract articles and load them into Neo4j in one streaming run",
		Long: `Build is extract and load in one run: each article is read, extracted and
written to Neo4j before the next, so memory stays flat however large the
corpus. The extractor first learns the entities already in the graph, so an
entity named again keeps its id.

Unchanged articles (same sha256 as in the graph) are not rewritten; changed
ones replace what they contributed before. For scheduled runs that also skip
extraction of unchanged articles and prune deleted ones, see "kgraph sync".`,
		Example: `  export NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=secret
  kgraph build examples/articles

  # A feed dump, under an explicit source name
  kgraph build --source hespress /data/hespress/2024-05.jsonl`,
		Args: minArgs(1, "at least one PATH (a file, a directory or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBuild(cmd.Context(), g, opts)
		},
	}
	addSourceFlag(cmd.Flags())
	addBatchSizeIntFlag(cmd.Flags())
	return cmd
}

// addBatchSizeIntFlag declares --batch-size as an int flag on commands that
// write to Neo4j; config reads it with the environment and file fallbacks.
func addBatchSizeIntFlag(fs *pflag.FlagSet) {
	fs.Int(config.FlagBatchSize, neo4jstore.DefaultBatchSize, "articles per write transaction (env KGRAPH_BATCH_SIZE)")
}

// articleSource reads the articles of build and extract. With --source,
// every article is stored under it, over its metadata, as sync does: an
// article is identified by (source, id), so build, extract then load, and
// sync of the same files agree on each article, and an unchanged article
// stays unchanged whichever of them loaded it.
func (g *globals) articleSource(paths []string) pipeline.Source {
	w := g.walker(paths)
	src := g.cfg.Source
	if src == "" {
		return w
	}
	return pipeline.SourceFunc(func(ctx context.Context, fn func(extract.Article) error, onError func(string, error)) error {
		return w.Walk(ctx, func(a extract.Article) error {
			a.Source = src
			return fn(a)
		}, onError)
	})
}

func runBuild(ctx context.Context, g *globals, opts buildOptions) error {
	defer limitHeap(extractMemoryLimit)()
	if err := checkPaths(opts.Paths); err != nil {
		return err
	}
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	start := time.Now()
	if err := store.CreateSchema(ctx); err != nil {
		return err
	}
	g.log.Debug("schema ready", "took", time.Since(start))
	engine, err := extract.NewEngine()
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	known, err := store.Entities(ctx)
	if err != nil {
		return err
	}
	engine.Seed(known)
	g.log.Debug("seeded extractor", "entities", len(known), "took", time.Since(start))

	bar, stop := g.progress("building")
	hooks := g.hooks(bar)
	hooks.IsFatal = func(err error) bool {
		var rejected *neo4jstore.ArticleError
		return !errors.As(err, &rejected)
	}
	// One transaction per --batch-size articles; extraction of the next
	// group overlaps the write of this one.
	sum, err := pipeline.RunBatched(ctx, g.articleSource(opts.Paths), engine, store, g.cfg.BatchSize, hooks)
	stop()
	if err != nil {
		return err
	}
	g.printSummary(summary{
		articles: sum.Articles, entities: sum.Entities, relations: sum.Relations,
		attributes: sum.Attributes, failed: len(sum.Failed), elapsed: sum.Duration,
		gazetteerOnly: gazetteerOnly(engine, sum.Langs),
	})
	return failedErr(sum)
}
