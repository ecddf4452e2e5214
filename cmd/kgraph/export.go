package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/graph/export"
)

type exportOptions struct {
	Format string // cypher, csv, graphml, jsonl
	From   string // "neo4j" or an exchange file
	Out    string // directory; "" = stdout (not for csv)
}

// exportFormats maps a format to the file it writes under --out.
var exportFormats = map[string]string{"cypher": "graph.cypher", "csv": "", "graphml": "graph.graphml", "jsonl": "graph.jsonl"}

func init() { register(func(g *globals) *cobra.Command { return newExportCmd(g, nil) }) }

func newExportCmd(g *globals, runF func(context.Context, exportOptions) error) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export --format cypher|csv|graphml|jsonl [--from neo4j|FILE.jsonl] [--out DIR]",
		Short: "Write the graph as a Cypher script, neo4j-admin CSV, GraphML or JSON Lines",
		Long: `Export writes the whole graph (entities, articles, facts, MENTIONS and
STATES) in another format. It reads Neo4j page by page (--from neo4j, the
default) or an exchange file (--from FILE.jsonl).

  cypher   a re-runnable script, values inline, MERGE on ids: running it twice
           gives the same graph (cypher-shell -f graph.cypher)
  csv      nodes_<Label>.csv and rels_<TYPE>.csv with neo4j-admin import headers
           (id:ID, :LABEL, :START_ID, :END_ID, :TYPE), lists joined with U+001F,
           and import.sh with the neo4j-admin command line; needs --out
  graphml  for Gephi and yEd; lists as JSON arrays
  jsonl    the exchange format, which "kgraph load" reads

Without --out the file goes to stdout; with --out DIR it is written as
DIR/graph.cypher, DIR/graph.graphml or DIR/graph.jsonl.`,
		Example: `  kgraph export --format cypher > graph.cypher
  kgraph export --format csv --out export/
  kgraph export --format graphml --from facts.jsonl --out export/`,
		Args: exactArgs(0, "no arguments (use --from FILE.jsonl)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, ok := exportFormats[opts.Format]; !ok {
				return usagef(`--format must be one of cypher, csv, graphml, jsonl, not %q`, opts.Format)
			}
			if opts.Format == "csv" && opts.Out == "" {
				return usagef("--format csv writes several files: give --out DIR")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExport(cmd.Context(), g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "", "cypher, csv, graphml or jsonl (required)")
	cmd.Flags().StringVar(&opts.From, "from", "neo4j", `"neo4j" or an exchange file (FILE.jsonl)`)
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "directory to write into (default: stdout; csv needs it)")
	return cmd
}

// graphSource opens what --from names. Call the returned close when done.
func graphSource(ctx context.Context, g *globals, from string) (export.Source, func(), error) {
	if from == "" || from == "neo4j" {
		store, err := g.store(ctx)
		if err != nil {
			return nil, nil, err
		}
		return &export.Neo4jSource{Q: store}, func() { closeStore(store) }, nil
	}
	if _, err := os.Stat(from); err != nil {
		return nil, nil, usagef("--from %s: not \"neo4j\" and not a readable file", from)
	}
	src := &export.FileSource{Path: from, OnError: func(err error) {
		g.log.Warn("bad line", "file", from, "err", err)
	}}
	return src, func() {}, nil
}

func runExport(ctx context.Context, g *globals, opts exportOptions) error {
	start := time.Now()
	src, done, err := graphSource(ctx, g, opts.From)
	if err != nil {
		return err
	}
	defer done()
	var written []string
	if opts.Format == "csv" {
		written, err = export.CSV(ctx, src, opts.Out)
		if err != nil {
			return fmt.Errorf("export csv to %s: %w", opts.Out, err)
		}
	} else {
		w := g.stdout
		var f *os.File
		if opts.Out != "" {
			if err := os.MkdirAll(opts.Out, 0o755); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			path := filepath.Join(opts.Out, exportFormats[opts.Format])
			if f, err = os.Create(path); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			defer f.Close()
			w = f
			written = append(written, path)
		}
		if err := writeExport(ctx, src, opts.Format, w); err != nil {
			return fmt.Errorf("export %s: %w", opts.Format, err)
		}
		if f != nil {
			if err := f.Close(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	if !g.quiet {
		where := "stdout"
		switch {
		case opts.Format == "csv":
			where = fmt.Sprintf("%s (%d files)", opts.Out, len(written))
		case len(written) > 0:
			where = strings.Join(written, ", ")
		}
		fmt.Fprintf(g.logOut, "kgraph: exported %s to %s in %v\n", opts.Format, where, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func writeExport(ctx context.Context, src export.Source, format string, w io.Writer) error {
	switch format {
	case "cypher":
		return export.Cypher(ctx, src, w)
	case "graphml":
		return export.GraphML(ctx, src, w)
	case "jsonl":
		return export.JSONL(ctx, src, w)
	}
	return fmt.Errorf("unknown format %q", format)
}
