package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
	"github.com/kgraph/kgraph/internal/pipeline"
)

type extractOptions struct {
	Paths []string
	Out   string // "" or "-" means stdout
}

func init() { register(func(g *globals) *cobra.Command { return newExtractCmd(g, nil) }) }

func newExtractCmd(g *globals, runF func(context.Context, extractOptions) error) *cobra.Command {
	var opts extractOptions
	cmd := &cobra.Command{
		Use:   "extract PATH... [--out FILE]",
		Short: "Extract entities and facts from articles into exchange-format JSON Lines",
		Long: `Extract reads articles and writes what it finds as exchange-format JSON Lines
(one record a line: article, relation and attribute records as each article is
done, then one entity record per entity, merged across all articles).

PATH is a file, a directory (read recursively, in name order) or "-" for
stdin. A file that cannot be read is logged with its name and skipped; the
others still go through, and the exit code is then 1.`,
		Example: `  # Every article under a folder, to a file
  kgraph extract examples/articles --out facts.jsonl

  # One article from stdin, records to stdout
  cat article.txt | kgraph extract -

  # Score the result with the Python scorer
  kgraph extract examples/articles -o out.jsonl && python3 score.py gold.json out.jsonl`,
		Args: minArgs(1, "at least one PATH (a file, a directory or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExtract(cmd.Context(), g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write the records to FILE instead of stdout (replaced only when the run completes)")
	addSourceFlag(cmd.Flags())
	return cmd
}

func runExtract(ctx context.Context, g *globals, opts extractOptions) error {
	if err := checkPaths(opts.Paths); err != nil {
		return err
	}
	engine, err := extract.NewEngine()
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	out, commit, err := createOutput(opts.Out, g.stdout)
	if err != nil {
		return err
	}
	defer commit(false)
	w := jsonl.NewWriter(out)

	bar, stop := g.progress("extracting")
	sum, err := pipeline.Run(ctx, g.walker(opts.Paths), engine, factsSink{w}, g.hooks(bar))
	stop()
	if err != nil {
		return err
	}
	entities := engine.Entities()
	for _, e := range entities {
		if err := w.Entity(e); err != nil {
			return fmt.Errorf("write %s: %w", outName(opts.Out), err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", outName(opts.Out), err)
	}
	if err := commit(true); err != nil {
		return err
	}
	g.printSummary(summary{
		articles: sum.Articles, entities: len(entities), relations: sum.Relations,
		attributes: sum.Attributes, failed: len(sum.Failed), elapsed: sum.Duration,
	})
	return failedErr(sum)
}

// failedErr is the error of a run in which some articles failed.
func failedErr(sum pipeline.Summary) error {
	if len(sum.Failed) == 0 {
		return nil
	}
	return &failedError{failed: len(sum.Failed), total: sum.Articles + len(sum.Failed)}
}

// factsSink writes each article's own records as soon as it is extracted;
// entity records, which span articles, are written at the end.
type factsSink struct{ w *jsonl.Writer }

func (s factsSink) Write(_ context.Context, b graph.Batch) error { return s.w.Facts(b) }

func outName(path string) string {
	if path == "" || path == "-" {
		return "stdout"
	}
	return path
}

// createOutput opens where records go. A file is written under a temporary
// name beside it and renamed by commit(true), so a failed run never leaves
// half a file where a good one was; commit(false) removes the temporary file
// (and is a no-op after commit(true)).
func createOutput(path string, stdout io.Writer) (io.Writer, func(ok bool) error, error) {
	if path == "" || path == "-" {
		return stdout, func(bool) error { return nil }, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", path, err)
	}
	done := false
	return f, func(ok bool) error {
		if done {
			return nil
		}
		done = true
		if !ok {
			f.Close()
			os.Remove(f.Name())
			return nil
		}
		if err := f.Close(); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(f.Name(), path); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}, nil
}
