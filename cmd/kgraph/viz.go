package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/export"
	"github.com/kgraph/kgraph/graph/viz"
)

type vizOptions struct {
	From  string // "neo4j" or an exchange file
	Focus string
	Depth int
	Types []string
	Since string
	Lang  string
	Title string
	Out   string
}

func init() { register(func(g *globals) *cobra.Command { return newVizCmd(g, nil) }) }

func newVizCmd(g *globals, runF func(context.Context, vizOptions) error) *cobra.Command {
	var opts vizOptions
	cmd := &cobra.Command{
		Use:   "viz [--from neo4j|FILE.jsonl] [--focus NAME|ID] [--depth N] [--types T,…] [--since DATE] --out graph.html",
		Short: "Draw the graph as one self-contained, interactive HTML page",
		Long: `Viz writes one HTML file that shows the graph and works offline: the
drawing library (cytoscape.js with the fcose layout) and the data are inside
it. Open it in any browser, or send it to someone who has no Neo4j.

In the page: pan, zoom and drag; colours per type with a legend whose boxes
hide or show a type; labels in Arabic or English (switchable); search by any
name in either script; a date range; and a side panel that shows a node's
properties, aliases, relations and articles, or a relation's evidence
sentences, articles and confidence.

The graph comes from Neo4j (--from neo4j, the default) or an exchange file.
--focus draws only the entities within --depth hops of one entity (named by
id or by any of its names); --types keeps some entity types; --since keeps
the facts that articles published on or after DATE state.`,
		Example: `  kgraph viz --out graph.html
  kgraph viz --focus المغرب --depth 1 --lang en --out morocco.html
  kgraph viz --from facts.jsonl --types Country,Organization,Event --out groups.html`,
		Args: exactArgs(0, "no arguments (use --from FILE.jsonl)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Out == "" {
				return usagef("--out FILE.html is required")
			}
			if opts.Lang != "ar" && opts.Lang != "en" {
				return usagef(`--lang must be "ar" or "en", not %q`, opts.Lang)
			}
			if opts.Depth < 1 {
				return usagef("--depth must be at least 1, not %d", opts.Depth)
			}
			for _, t := range opts.Types {
				if !graph.IsEntityType(t) {
					return usagef("--types: unknown entity type %q (want %s)", t, strings.Join(graph.EntityTypes, ", "))
				}
			}
			if opts.Since != "" && !isDatePrefix(opts.Since) {
				return usagef("--since %q: want a date such as 2022-05-11 (or 2022-05, 2022)", opts.Since)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runViz(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.From, "from", "neo4j", `"neo4j" or an exchange file (FILE.jsonl)`)
	f.StringVar(&opts.Focus, "focus", "", "draw only the neighbourhood of this entity (id or name)")
	f.IntVar(&opts.Depth, "depth", 2, "hops around --focus")
	f.StringSliceVar(&opts.Types, "types", nil, "entity types to draw, comma-separated (default all)")
	f.StringVar(&opts.Since, "since", "", "only facts from articles published on or after this date")
	f.StringVar(&opts.Lang, "lang", "ar", `label language when the page opens: "ar" or "en"`)
	f.StringVar(&opts.Title, "title", "kgraph", "page title")
	f.StringVarP(&opts.Out, "out", "o", "", "HTML file to write (required)")
	return cmd
}

func isDatePrefix(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func runViz(ctx context.Context, g *globals, opts vizOptions) error {
	start := time.Now()
	src, done, err := graphSource(ctx, g, opts.From)
	if err != nil {
		return err
	}
	defer done()
	if ns, ok := src.(*export.Neo4jSource); ok && opts.Focus != "" {
		// Read only the neighbourhood, not the whole graph. A focus that
		// names no entity exactly (a folded spelling) is looked up in the
		// whole graph below.
		ids, err := export.Neighbourhood(ctx, ns.Q, opts.Focus, opts.Depth)
		if err != nil {
			return err
		}
		ns.Only = ids
	}
	d, err := viz.Build(ctx, src, viz.Options{Focus: opts.Focus, Depth: opts.Depth, Types: opts.Types, Since: opts.Since})
	if errors.Is(err, viz.ErrNoFocus) {
		return &usageError{err: err}
	}
	if err != nil {
		return err
	}
	if dir := filepath.Dir(opts.Out); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("viz: %w", err)
		}
	}
	f, err := os.Create(opts.Out)
	if err != nil {
		return fmt.Errorf("viz: %w", err)
	}
	if err := viz.Render(f, d, viz.PageOptions{Title: opts.Title, Lang: opts.Lang}); err != nil {
		f.Close()
		return fmt.Errorf("viz: write %s: %w", opts.Out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("viz: write %s: %w", opts.Out, err)
	}
	if !g.quiet {
		fmt.Fprintf(g.logOut, "kgraph: drew %d entities and %d relations to %s in %v\n",
			len(d.Nodes), len(d.Edges), opts.Out, time.Since(start).Round(time.Millisecond))
	}
	return nil
}
