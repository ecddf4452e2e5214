package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write the records to FILE instead of stdout: a regular or new file is replaced only when the run completes; a device or FIFO is streamed to; a symlink is followed")
	addSourceFlag(cmd.Flags())
	return cmd
}

func runExtract(ctx context.Context, g *globals, opts extractOptions) error {
	defer limitHeap(extractMemoryLimit)()
	if err := checkPaths(opts.Paths); err != nil {
		return err
	}
	engine, err := extract.New(extract.KeepMentions())
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
	sum, err := pipeline.Run(ctx, g.articleSource(opts.Paths), engine, factsSink{w}, g.hooks(bar))
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
		gazetteerOnly: gazetteerOnly(engine, sum.Langs),
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

// createOutput opens where records go, by what the path names:
//
//   - "" or "-": stdout;
//   - a symlink: its target, resolved first (the link itself stays);
//   - a regular file or a path that does not exist yet: written under a
//     temporary name beside it and renamed by commit(true), so a failed run
//     never leaves half a file where a good one was; an existing file keeps
//     its permissions;
//   - a device (/dev/null, /dev/stdout), a FIFO or a socket: streamed to,
//     never replaced;
//   - a directory: an error.
//
// commit(false) removes the temporary file; both are no-ops after
// commit(true).
func createOutput(path string, stdout io.Writer) (io.Writer, func(ok bool) error, error) {
	if path == "" || path == "-" {
		return stdout, func(bool) error { return nil }, nil
	}
	// Stat follows links the way open does, /proc/self/fd magic included.
	fi, err := os.Stat(path)
	switch {
	case err == nil && outputKindOf(fi.Mode()) == outputDir:
		return nil, nil, fmt.Errorf("create %s: is a directory; give a file name", path)
	case err == nil && (outputKindOf(fi.Mode()) == outputStream || isSpecialPath(path)):
		return openStream(path)
	case err == nil:
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return nil, nil, fmt.Errorf("create %s: %w", path, err)
		}
		return createAtomic(path, target, fi.Mode().Perm())
	case errors.Is(err, fs.ErrNotExist):
		target, err := resolveOutput(path)
		if err != nil {
			return nil, nil, fmt.Errorf("create %s: %w", path, err)
		}
		return createAtomic(path, target, 0o644)
	}
	return nil, nil, fmt.Errorf("create %s: %w", path, err)
}

// isSpecialPath: /dev/stdout and the like name an open stream even when it
// happens to be a redirected regular file; replacing that file would not be
// what the user asked.
func isSpecialPath(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return abs == "/dev/stdout" || abs == "/dev/stderr" || strings.HasPrefix(abs, "/dev/fd/") ||
		strings.HasPrefix(abs, "/proc/") && strings.Contains(abs, "/fd/")
}

// openStream writes to path in place (a device, FIFO or socket).
func openStream(path string) (io.Writer, func(ok bool) error, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	done := false
	return f, func(bool) error {
		if done {
			return nil
		}
		done = true
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}, nil
}

type outputKind int

const (
	outputFile   outputKind = iota // replaced atomically
	outputStream                   // written in place: a device, FIFO or socket
	outputDir
)

func outputKindOf(m fs.FileMode) outputKind {
	switch {
	case m.IsDir():
		return outputDir
	case m.IsRegular():
		return outputFile
	}
	return outputStream
}

// resolveOutput follows symlinks in path to what they finally name, also
// when that does not exist yet (a dangling link is written through).
func resolveOutput(path string) (string, error) {
	p := path
	for range 40 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
			return p, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// createAtomic writes target through a temporary file beside it; name is
// what the user gave, for messages.
func createAtomic(name, target string, perm fs.FileMode) (io.Writer, func(ok bool) error, error) {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", name, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*")
	if err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", name, err)
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
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := os.Chmod(f.Name(), perm); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", name, err)
		}
		// Something may have appeared at target meanwhile: replace only a
		// regular file or nothing, never a device or FIFO created since.
		if fi, err := os.Lstat(target); err == nil && !fi.Mode().IsRegular() {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %s is no longer a regular file; not replaced", name, target)
		}
		if err := os.Rename(f.Name(), target); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	}, nil
}
