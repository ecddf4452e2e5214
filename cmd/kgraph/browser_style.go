package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/graph/browser"
)

type browserStyleOptions struct {
	Out string // file; "" = stdout
}

func init() { register(func(g *globals) *cobra.Command { return newBrowserStyleCmd(g, nil) }) }

func newBrowserStyleCmd(g *globals, runF func(context.Context, browserStyleOptions) error) *cobra.Command {
	var opts browserStyleOptions
	cmd := &cobra.Command{
		Use:   "browser-style [--out FILE]",
		Short: "Print a Neo4j Browser style sheet (GraSS) for the kgraph graph",
		Long: `Browser-style prints a GraSS style sheet for Neo4j Browser: one colour per
entity type (the same palette as "kgraph viz"), names as captions (titles for
articles), circles large enough for Arabic names, and faint provenance edges
(MENTIONS, STATES, SUPPORTS) so that the facts stand out.

Apply it by dragging the file onto Browser, or by running :style followed by
the file's text in Browser's editor; while "kgraph guide --serve
localhost:7475" runs, :style http://localhost:7475/kgraph.grass loads it.
:style reset goes back to the default.`,
		Example: `  kgraph browser-style > kgraph.grass
  kgraph browser-style --out kgraph.grass`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBrowserStyle(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "file to write (default stdout)")
	return cmd
}

func runBrowserStyle(g *globals, opts browserStyleOptions) error {
	if opts.Out == "" {
		return browser.WriteStyle(g.stdout)
	}
	f, err := os.Create(opts.Out)
	if err != nil {
		return fmt.Errorf("browser-style: %w", err)
	}
	if err := browser.WriteStyle(f); err != nil {
		f.Close()
		return fmt.Errorf("browser-style: write %s: %w", opts.Out, err)
	}
	return f.Close()
}
