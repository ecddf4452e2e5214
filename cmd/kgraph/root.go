package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kgraph/kgraph/config"
	"github.com/kgraph/kgraph/extract/source"
	"github.com/kgraph/kgraph/graph"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/pipeline"
	"github.com/kgraph/kgraph/internal/progress"
)

// globals is what every command shares: the I/O streams, the resolved
// configuration and the logger. Commands get it at construction and read
// cfg and log only once they run (after PersistentPreRunE).
type globals struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	quiet          bool

	cfg     config.Config
	log     *slog.Logger
	logOut  *swapWriter // where log lines go; a progress bar swaps itself in
	started bool        // a command's PersistentPreRunE ran (so cobra accepted the command line)

	// openStore connects to Neo4j; tests may replace it.
	openStore func(ctx context.Context, cfg config.Config) (*neo4jstore.Store, error)
}

func newGlobals(stdin io.Reader, stdout, stderr io.Writer) *globals {
	return &globals{
		stdin: stdin, stdout: stdout, stderr: stderr,
		logOut: &swapWriter{w: stderr},
		log:    slog.New(slog.DiscardHandler),
		openStore: func(ctx context.Context, cfg config.Config) (*neo4jstore.Store, error) {
			return neo4jstore.Open(ctx, neo4jstore.Config{
				URI: cfg.Neo4j.URI, Username: cfg.Neo4j.Username, Password: cfg.Neo4j.Password,
				Database: cfg.Neo4j.Database, BatchSize: cfg.BatchSize, MaxRetryTime: cfg.MaxRetryTime,
			})
		},
	}
}

// commands holds the constructors of the subcommands; each command's file
// registers itself in an init function, so adding a command touches only
// its own file.
var commands []func(*globals) *cobra.Command

func register(newCmd func(*globals) *cobra.Command) { commands = append(commands, newCmd) }

// newRootCmd builds the command tree with the given subcommands (normally
// all registered ones).
func newRootCmd(g *globals, subcommands ...func(*globals) *cobra.Command) *cobra.Command {
	root := &cobra.Command{
		Use:   "kgraph",
		Short: "Build a knowledge graph from news articles and load it into Neo4j",
		Long: `kgraph reads news articles (Arabic and English), extracts entities, events,
relations and attributes with their evidence, writes them as exchange-format
JSON Lines, and loads them into Neo4j.

Articles are .txt, .md (optional YAML front matter), .json (one article or an
array) or .jsonl files, directories of them (read recursively), or "-" for
stdin.

Configuration comes from flags, then the environment, then kgraph.yaml
(--config, else ./kgraph.yaml, else $XDG_CONFIG_HOME/kgraph/kgraph.yaml):
  NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE
  KGRAPH_BATCH_SIZE, KGRAPH_LOG_FORMAT, KGRAPH_LOG_LEVEL, KGRAPH_SOURCE,
  KGRAPH_MAX_RETRY_TIME

` + exitCodesHelp,
		Example: `  # Extract facts from a folder of articles to a file
  kgraph extract examples/articles --out facts.jsonl

  # Build the graph in Neo4j in one run
  export NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=secret
  kgraph build examples/articles

  # Ask it a question
  kgraph query 'MATCH (c:Country)-[:CO_CHAIRS]->(o) RETURN c.name, o.name'`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			g.started = true
			return g.setup(cmd.Flags())
		},
	}
	root.SetIn(g.stdin)
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &usageError{err: err} })
	config.AddGlobalFlags(root.PersistentFlags())
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "no progress bar and no summary line; failures are still logged")
	root.CompletionOptions.HiddenDefaultCmd = true
	for _, newCmd := range subcommands {
		cmd := newCmd(g)
		// Every command's --help lists the exit codes; a command with codes
		// of its own (sync, query) lists them itself.
		if !strings.Contains(cmd.Long, "Exit codes:") {
			cmd.Long = strings.TrimRight(cmd.Long, "\n") + "\n\n" + exitCodesHelp
		}
		root.AddCommand(cmd)
	}
	return root
}

// setup loads the configuration and builds the logger.
func (g *globals) setup(flags *pflag.FlagSet) error {
	cfg, err := config.Load(config.Options{Flags: flags})
	if err != nil {
		return err
	}
	g.cfg = cfg
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(g.logOut, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(g.logOut, opts)
	}
	g.log = slog.New(h)
	g.log.Debug("configuration", "config", cfg)
	return nil
}

// walker reads the articles under paths with the configured default source.
func (g *globals) walker(paths []string) source.Walker {
	limit := g.cfg.MaxArticleBytes
	if limit == 0 {
		limit = -1 // 0 in the configuration means no limit
	}
	return source.Walker{Paths: paths, Stdin: g.stdin, Source: g.cfg.Source, Logger: g.log, MaxArticleBytes: limit}
}

// progress starts a bar on stderr when it is a terminal and not --quiet; log
// lines written meanwhile clear it first. Call the returned stop when done.
func (g *globals) progress(description string) (bar *progress.Bar, stop func()) {
	bar = progress.New(g.stderr, !g.quiet && progress.IsTerminal(g.stderr), description, -1)
	g.logOut.set(bar.Writer(g.stderr))
	return bar, func() {
		bar.Finish()
		g.logOut.set(g.stderr)
	}
}

// hooks returns pipeline hooks that tick bar and log each failure.
func (g *globals) hooks(bar *progress.Bar) pipeline.Hooks {
	return pipeline.Hooks{
		OnArticle: func(graph.Batch) { bar.Add(1) },
		OnError: func(path string, err error) {
			bar.Add(1)
			g.log.Warn("article failed", "path", path, "err", err)
		},
	}
}

// summary is the one line every successful run ends with.
type summary struct {
	verb       string // "" or e.g. "retracted"
	articles   int
	unchanged  int
	entities   int
	relations  int
	attributes int
	failed     int
	elapsed    time.Duration
	// gazetteerOnly counts articles per language the extractor has no
	// rules for: only the gazetteer read them.
	gazetteerOnly map[string]int
}

// gazetteerOnly picks, from a run's articles per language, those in a
// language x has no stages of its own for.
func gazetteerOnly(x interface{ Supports(string) bool }, langs map[string]int) map[string]int {
	var out map[string]int
	for l, n := range langs {
		if !x.Supports(l) {
			if out == nil {
				out = map[string]int{}
			}
			out[l] = n
		}
	}
	return out
}

// gazetteerOnlyText renders gazetteerOnly for the summary line:
// "; 3 in fr, 1 in de read by the gazetteer only (no rules for that
// language)".
func gazetteerOnlyText(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	langs := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(langs))
	for i, l := range langs {
		name := l
		if name == "" {
			name = "an undetected language"
		}
		parts[i] = fmt.Sprintf("%d in %s", m[l], name)
	}
	return "; " + strings.Join(parts, ", ") + " read by the gazetteer only (no rules for that language)"
}

// print writes the summary line to stderr (as a log record when logs are
// JSON, so a log collector gets one format), unless --quiet.
func (g *globals) printSummary(s summary) {
	if g.quiet {
		return
	}
	elapsed := s.elapsed.Round(time.Millisecond)
	if g.cfg.LogFormat == "json" {
		attrs := []any{"articles", s.articles, "unchanged", s.unchanged, "entities", s.entities,
			"relations", s.relations, "attributes", s.attributes, "failed", s.failed, "duration_ms", elapsed.Milliseconds()}
		if len(s.gazetteerOnly) > 0 {
			attrs = append(attrs, "gazetteer_only", s.gazetteerOnly)
		}
		g.log.Info("summary", attrs...)
		return
	}
	if s.verb != "" {
		fmt.Fprintf(g.logOut, "kgraph: %s %d articles in %v\n", s.verb, s.articles, elapsed)
		return
	}
	unchanged := ""
	if s.unchanged > 0 {
		unchanged = fmt.Sprintf(" (%d unchanged)", s.unchanged)
	}
	fmt.Fprintf(g.logOut, "kgraph: %d articles%s, %d entities, %d relations, %d attributes, %d failed in %v%s\n",
		s.articles, unchanged, s.entities, s.relations, s.attributes, s.failed, elapsed, gazetteerOnlyText(s.gazetteerOnly))
}

// swapWriter lets a progress bar take over stderr for the log handler.
type swapWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *swapWriter) set(w io.Writer) {
	s.mu.Lock()
	s.w = w
	s.mu.Unlock()
}

func (s *swapWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// addSourceFlag declares --source and --max-article-bytes on commands that
// read articles.
func addSourceFlag(fs *pflag.FlagSet) {
	fs.String(config.FlagSource, "", "source name of the articles, over their metadata (env KGRAPH_SOURCE; default: the metadata's, else the directory name)")
	fs.String(config.FlagMaxArticle, "", "longer articles are a per-file error, the rest go on; e.g. 500KB, 4MiB, 0 for no limit (env KGRAPH_MAX_ARTICLE_BYTES, default 2MiB)")
}

// exactArgs and minArgs are cobra.Args validators whose errors are usage
// errors (exit code 2).
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return &usageError{err: fmt.Errorf("%s needs %s", cmd.CommandPath(), what)}
		}
		return nil
	}
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return &usageError{err: fmt.Errorf("%s takes %s", cmd.CommandPath(), what)}
		}
		return nil
	}
}

// openStore connects to Neo4j with the configuration.
func (g *globals) store(ctx context.Context) (*neo4jstore.Store, error) {
	g.log.Debug("connecting to neo4j", "neo4j", g.cfg.Neo4j)
	return g.openStore(ctx, g.cfg)
}

// closeStore closes s with a fresh context, so an interrupted run still
// releases its connections.
func closeStore(s *neo4jstore.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.Close(ctx)
}
