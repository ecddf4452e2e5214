package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/internal/pipeline"
	"github.com/kgraph/kgraph/internal/score"
)

type evalOptions struct {
	Gold    string
	Paths   []string
	Explain bool
	JSON    bool
	// ByConfidence adds the precision of the relations at or above each
	// confidence threshold (score.Thresholds).
	ByConfidence bool
}

func init() { register(func(g *globals) *cobra.Command { return newEvalCmd(g, nil) }) }

func newEvalCmd(g *globals, runF func(context.Context, evalOptions) error) *cobra.Command {
	var opts evalOptions
	cmd := &cobra.Command{
		Use:   "eval --gold GOLD.json PATH...",
		Short: "Extract articles and score the result against a gold annotation",
		Long: `Eval extracts the articles under PATH and scores what it found against a
gold annotation (the format of shared/eval/seeds.gold.json): precision, recall
and F1 for entities, facts and attributes, and which of the gold questions the
extracted relations answer. The figures are those of shared/eval/score.py on
the same output. Nothing is written to Neo4j.`,
		Example: `  kgraph eval --gold gold.json examples/articles

  # What was missed and what was wrong
  kgraph eval --gold gold.json --explain examples/articles

  # How precision rises with the facts' confidence
  kgraph eval --gold gold.json --by-confidence examples/articles

  # Machine-readable, for CI thresholds
  kgraph eval --gold gold.json --json examples/articles | jq .facts.f1`,
		Args: minArgs(1, "at least one PATH of articles to extract"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Gold == "" {
				return usagef("--gold GOLD.json is required")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runEval(cmd.Context(), g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Gold, "gold", "", "gold annotation file (JSON)")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "list missing, wrong and split items")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the scores as JSON")
	cmd.Flags().BoolVar(&opts.ByConfidence, "by-confidence", false, "also print the facts' precision at confidence >= 0.8 and >= 0.5")
	addSourceFlag(cmd.Flags())
	return cmd
}

func runEval(ctx context.Context, g *globals, opts evalOptions) error {
	if err := checkPaths(append([]string{opts.Gold}, opts.Paths...)); err != nil {
		return err
	}
	gold, err := score.Load(opts.Gold)
	if err != nil {
		return err
	}
	engine, err := extract.New(extract.KeepMentions())
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	var facts collector
	bar, stop := g.progress("extracting")
	sum, err := pipeline.Run(ctx, g.walker(opts.Paths), engine, &facts, g.hooks(bar))
	stop()
	if err != nil {
		return err
	}
	entities := engine.Entities()
	result := score.Score(gold, entities, facts.relations, facts.attributes)
	if opts.JSON {
		b, err := result.JSON()
		if err != nil {
			return err
		}
		if _, err := g.stdout.Write(append(b, '\n')); err != nil {
			return err
		}
	} else {
		result.Print(g.stdout, opts.Explain)
	}
	if opts.ByConfidence {
		for i, t := range score.Thresholds {
			b := result.Facts.ByConfidence[i]
			p := 0.0
			if b.Predicted > 0 {
				p = float64(b.Correct) / float64(b.Predicted)
			}
			fmt.Fprintf(g.stdout, "facts at confidence >= %.1f: precision %.2f (%d/%d)\n", t, p, b.Correct, b.Predicted)
		}
	}
	g.printSummary(summary{
		articles: sum.Articles, entities: len(entities), relations: sum.Relations,
		attributes: sum.Attributes, failed: len(sum.Failed), elapsed: sum.Duration,
		gazetteerOnly: gazetteerOnly(engine, sum.Langs),
	})
	return failedErr(sum)
}

// collector keeps the facts of every article for scoring; they are small
// (no article text), unlike the articles themselves.
type collector struct {
	relations  []graph.Relation
	attributes []graph.Attribute
}

func (c *collector) Write(_ context.Context, b graph.Batch) error {
	c.relations = append(c.relations, b.Relations...)
	c.attributes = append(c.attributes, b.Attributes...)
	return nil
}
