package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kgraph/graph/browser"
)

type guideOptions struct {
	Out   string // directory
	Serve string // host:port to serve on
}

func init() { register(func(g *globals) *cobra.Command { return newGuideCmd(g, nil) }) }

func newGuideCmd(g *globals, runF func(context.Context, guideOptions) error) *cobra.Command {
	var opts guideOptions
	cmd := &cobra.Command{
		Use:   "guide (--out DIR | --serve HOST:PORT)",
		Short: "Write or serve the kgraph guide for Neo4j Browser",
		Long: `Guide writes the kgraph guide for Neo4j Browser: slides with runnable queries
that answer the usual questions (who chairs a body, the meetings held in a
city and who attended, an entity's neighbourhood, the evidence behind a
relation, who holds a position in a country's government, what the last run
wrote, search by name in either script). It also writes the style sheet.

--out DIR writes DIR/kgraph-guide.html and DIR/kgraph.grass.

--serve HOST:PORT serves both over HTTP until interrupted, for Browser's
:play command. Browser only plays guides from the hosts its
browser.remote_content_hostname_allowlist names, "localhost" by default, so
serve on localhost and run in Browser:

  :play http://localhost:7475/kgraph-guide.html
  :style http://localhost:7475/kgraph.grass`,
		Example: `  kgraph guide --out guide/
  kgraph guide --serve localhost:7475`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (opts.Out == "") == (opts.Serve == "") {
				return usagef("give one of --out DIR and --serve HOST:PORT")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runGuide(cmd.Context(), g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "directory to write kgraph-guide.html and kgraph.grass into")
	cmd.Flags().StringVar(&opts.Serve, "serve", "", "serve the guide on HOST:PORT (e.g. localhost:7475)")
	return cmd
}

// guideFiles renders the guide and the style sheet.
func guideFiles() (map[string][]byte, error) {
	slides, err := browser.Guide()
	if err != nil {
		return nil, err
	}
	var guide, style bytes.Buffer
	if err := browser.WriteGuideHTML(&guide, slides); err != nil {
		return nil, err
	}
	if err := browser.WriteStyle(&style); err != nil {
		return nil, err
	}
	return map[string][]byte{"kgraph-guide.html": guide.Bytes(), "kgraph.grass": style.Bytes()}, nil
}

func runGuide(ctx context.Context, g *globals, opts guideOptions) error {
	files, err := guideFiles()
	if err != nil {
		return fmt.Errorf("guide: %w", err)
	}
	if opts.Out != "" {
		if err := os.MkdirAll(opts.Out, 0o755); err != nil {
			return fmt.Errorf("guide: %w", err)
		}
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(opts.Out, name), body, 0o644); err != nil {
				return fmt.Errorf("guide: %w", err)
			}
		}
		if !g.quiet {
			fmt.Fprintf(g.logOut, "kgraph: wrote %s and %s\n",
				filepath.Join(opts.Out, "kgraph-guide.html"), filepath.Join(opts.Out, "kgraph.grass"))
		}
		return nil
	}
	ln, err := net.Listen("tcp", opts.Serve)
	if err != nil {
		return usagef("--serve %s: %v", opts.Serve, err)
	}
	srv := &http.Server{Handler: guideHandler(files), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if !g.quiet {
		addr := opts.Serve
		if host, _, err := net.SplitHostPort(addr); err == nil && host == "" {
			addr = "localhost" + addr
		}
		fmt.Fprintf(g.logOut, "kgraph: serving the guide; in Neo4j Browser run  :play http://%s/kgraph-guide.html  (Ctrl+C stops)\n", addr)
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("guide: %w", err)
	}
	return ctx.Err()
}

// guideHandler serves the files to Browser, which fetches them from its own
// page (another origin), hence the CORS header.
func guideHandler(files map[string][]byte) http.Handler {
	types := map[string]string{"kgraph-guide.html": "text/html; charset=utf-8", "kgraph.grass": "text/plain; charset=utf-8"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			// Browser's fetch sends its own headers, so it asks first.
			w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "*")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		body, ok := files[filepath.Base(r.URL.Path)]
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", types[filepath.Base(r.URL.Path)])
		w.Write(body)
	})
}
