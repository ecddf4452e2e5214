package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/benchcorpus"
)

// The bench command measures loading; BENCHMARKS.md says what was run and
// what came out. Its subcommands generate inputs and time loaders on the
// configured Neo4j, which "bench load" empties first.

func init() { register(newBenchCmd) }

func newBenchCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:    "bench",
		Short:  "Benchmark loading: generate corpora and time loaders",
		Hidden: true,
		Long: `Bench generates benchmark inputs and times loaders side by side; see
BENCHMARKS.md for the runs and their figures.

  bench corpus    a synthetic exchange file with Zipf-distributed hub entities
  bench articles  N article records cycling through real articles, for extract and build
  bench load      time a loader on a synthetic corpus, per 1,000 articles`,
	}
	cmd.AddCommand(newBenchCorpusCmd(g), newBenchArticlesCmd(g), newBenchLoadCmd(g))
	return cmd
}

func newBenchCorpusCmd(g *globals) *cobra.Command {
	var n int
	var seed uint64
	var out, src string
	cmd := &cobra.Command{
		Use:   "corpus --articles N -o FILE.jsonl",
		Short: "Write a synthetic corpus in the exchange format",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n < 1 || out == "" {
				return usagef("give --articles N (at least 1) and -o FILE")
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := writeCorpus(f, benchcorpus.New(src, seed), n); err != nil {
				return fmt.Errorf("write %s: %w", out, err)
			}
			return f.Close()
		},
	}
	cmd.Flags().IntVar(&n, "articles", 1000, "number of articles")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same corpus")
	cmd.Flags().StringVarP(&out, "out", "o", "", "output file")
	cmd.Flags().StringVar(&src, "corpus-source", "bench", "source name of the articles")
	return cmd
}

// writeCorpus writes n generated articles the way kgraph extract does:
// facts as they come, entities (with every article's mentions) at the end.
func writeCorpus(w io.Writer, gen *benchcorpus.Generator, n int) error {
	jw := jsonl.NewWriter(w)
	entities := map[string]*graph.Entity{}
	var order []string
	for range n {
		b := gen.Next()
		if err := jw.Facts(b); err != nil {
			return err
		}
		for _, e := range b.Entities {
			have, ok := entities[e.ID]
			if !ok {
				c := e
				c.Mentions = append([]graph.Mention(nil), e.Mentions...)
				entities[e.ID] = &c
				order = append(order, e.ID)
				continue
			}
			have.Mentions = append(have.Mentions, e.Mentions...)
		}
	}
	for _, id := range order {
		if err := jw.Entity(*entities[id]); err != nil {
			return err
		}
	}
	return jw.Flush()
}

func newBenchArticlesCmd(g *globals) *cobra.Command {
	var n int
	var out string
	cmd := &cobra.Command{
		Use:   "articles --count N -o FILE.jsonl ARTICLES.jsonl...",
		Short: "Write N article records cycling through real ones, each with a new id and text",
		Long: `Articles writes N article records (JSON Lines with id, title, source, lang and
text) by cycling through the given ones. Each copy gets a new id and a
marker sentence appended, so its hash differs and every copy is a new
article; the real texts stay where they are and only the output holds copies.`,
		Args: minArgs(1, "at least one ARTICLES.jsonl"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if n < 1 || out == "" {
				return usagef("give --count N (at least 1) and -o FILE")
			}
			var base []map[string]any
			for _, p := range args {
				recs, err := readArticleRecords(p)
				if err != nil {
					return err
				}
				base = append(base, recs...)
			}
			if len(base) == 0 {
				return usagef("no article records in %s", strings.Join(args, ", "))
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			defer f.Close()
			w := bufio.NewWriter(f)
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			for i := range n {
				rec := map[string]any{}
				for k, v := range base[i%len(base)] {
					rec[k] = v
				}
				round := i / len(base)
				rec["id"] = fmt.Sprintf("%v-c%d", rec["id"], round)
				if t, ok := rec["text"].(string); ok && round > 0 {
					rec["text"] = t + fmt.Sprintf("\n\nCopy %d.", round)
				}
				if err := enc.Encode(rec); err != nil {
					return err
				}
			}
			if err := w.Flush(); err != nil {
				return err
			}
			return f.Close()
		},
	}
	cmd.Flags().IntVar(&n, "count", 20000, "number of articles to write")
	cmd.Flags().StringVarP(&out, "out", "o", "", "output file")
	return cmd
}

func readArticleRecords(path string) ([]map[string]any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, rec)
	}
	return out, sc.Err()
}

func newBenchLoadCmd(g *globals) *cobra.Command {
	var n, every int
	var loader string
	var seed uint64
	var wipe bool
	cmd := &cobra.Command{
		Use:   "load --wipe --loader kgraph|unwind|naive --articles N",
		Short: "Empty the database and time one loader on a synthetic corpus",
		Long: `Load empties the configured database (only with --wipe), generates a
synthetic corpus and loads it with one loader, printing the time per
--every articles and in total:

  kgraph  the kgraph loader: --batch-size articles per transaction, with change
          detection, evidence nodes and incremental aggregates
  unwind  a plain bulk loader: provenance aggregated in the client, then
          UNWIND and MERGE, 10,000 rows per transaction (needs the whole corpus)
  naive   one MERGE per article, entity, mention, fact and attribute, each in
          its own auto-commit transaction

Statements are the input's mentions, relations and attributes; statements/s
is the same measure for every loader.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !wipe {
				return usagef("bench load empties the database: give --wipe to confirm")
			}
			if n < 1 || every < 1 {
				return usagef("--articles and --every must be at least 1")
			}
			return runBenchLoad(cmd.Context(), g, loader, n, every, seed)
		},
	}
	cmd.Flags().IntVar(&n, "articles", 10000, "number of articles")
	cmd.Flags().IntVar(&every, "every", 1000, "report the time of every this many articles")
	cmd.Flags().StringVar(&loader, "loader", "kgraph", "kgraph, unwind or naive")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed of the corpus")
	cmd.Flags().BoolVar(&wipe, "wipe", false, "confirm that the database may be emptied")
	addBatchSizeIntFlag(cmd.Flags())
	return cmd
}

func runBenchLoad(ctx context.Context, g *globals, loader string, n, every int, seed uint64) error {
	load := map[string]func(*neo4jstore.Store, []graph.Batch) error{
		"kgraph": func(s *neo4jstore.Store, bs []graph.Batch) error { _, err := s.WriteBatches(ctx, bs); return err },
		"unwind": func(s *neo4jstore.Store, bs []graph.Batch) error { return neo4jstore.UnwindLoad(ctx, s, bs) },
		"naive":  func(s *neo4jstore.Store, bs []graph.Batch) error { return neo4jstore.NaiveLoad(ctx, s, bs) },
	}[loader]
	if load == nil {
		return usagef("--loader must be kgraph, unwind or naive, not %q", loader)
	}
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	if err := store.Wipe(ctx); err != nil {
		return err
	}
	if err := store.CreateSchema(ctx); err != nil {
		return err
	}
	gen := benchcorpus.New("bench", seed)
	chunk := every
	if loader == "unwind" {
		chunk = n // it aggregates over the whole corpus
	}
	fmt.Fprintf(g.stdout, "loader\tarticles\tseconds\tstatements/s\n")
	var total time.Duration
	var statements int
	for done := 0; done < n; {
		size := min(chunk, n-done)
		bs := make([]graph.Batch, size)
		st := 0
		for i := range bs {
			bs[i] = gen.Next()
			st += len(bs[i].Entities) + len(bs[i].Relations) + len(bs[i].Attributes)
		}
		start := time.Now()
		if err := load(store, bs); err != nil {
			return fmt.Errorf("%s load: %w", loader, err)
		}
		d := time.Since(start)
		total += d
		statements += st
		done += size
		fmt.Fprintf(g.stdout, "%s\t%d\t%.2f\t%.0f\n", loader, done, d.Seconds(), float64(st)/d.Seconds())
	}
	fmt.Fprintf(g.stdout, "%s\ttotal %d\t%.2f\t%.0f\n", loader, n, total.Seconds(), float64(statements)/total.Seconds())
	return nil
}
