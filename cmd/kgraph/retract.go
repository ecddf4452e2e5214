package main

import (
	"context"
	"time"

	"github.com/spf13/cobra"
)

type retractOptions struct {
	IDs []string
}

func init() { register(func(g *globals) *cobra.Command { return newRetractCmd(g, nil) }) }

func newRetractCmd(g *globals, runF func(context.Context, retractOptions) error) *cobra.Command {
	var opts retractOptions
	return &cobra.Command{
		Use:   "retract ARTICLE_ID...",
		Short: "Remove everything some articles contributed to the graph",
		Long: `Retract removes the articles and every fact they contributed. A fact that
another article also supports stays, with that article as its provenance; an
entity that no remaining article mentions is deleted. Unknown ids are
ignored, so retracting twice is harmless.`,
		Example: `  kgraph retract 000_9f6c80cb40dce220
  kgraph query 'MATCH (a:Article) WHERE a.published < "2020" RETURN a.id' --format json | jq -r '.[]."a.id"' | xargs kgraph retract`,
		Args: minArgs(1, "at least one ARTICLE_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRetract(cmd.Context(), g, opts)
		},
	}
}

func runRetract(ctx context.Context, g *globals, opts retractOptions) error {
	start := time.Now()
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	if err := store.Retract(ctx, opts.IDs); err != nil {
		return err
	}
	g.printSummary(summary{verb: "retracted", articles: len(opts.IDs), elapsed: time.Since(start)})
	return nil
}
