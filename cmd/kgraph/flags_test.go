package main

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parse runs a command line through cobra with runF capturing the options,
// so argument handling is tested apart from what the commands do.
func parse[O any](t *testing.T, newCmd func(*globals, func(context.Context, O) error) *cobra.Command, args ...string) (O, int, string) {
	t.Helper()
	isolateConfig(t)
	var got O
	var stdout, stderr bytes.Buffer
	g := newGlobals(strings.NewReader(""), &stdout, &stderr)
	root := newRootCmd(g, func(g *globals) *cobra.Command {
		return newCmd(g, func(_ context.Context, o O) error { got = o; return nil })
	})
	code := execute(context.Background(), g, root, args)
	return got, code, stderr.String()
}

// isolateConfig keeps the developer's environment and files out of a test.
func isolateConfig(t *testing.T) {
	t.Helper()
	for _, k := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE",
		"KGRAPH_BATCH_SIZE", "KGRAPH_LOG_FORMAT", "KGRAPH_LOG_LEVEL", "KGRAPH_SOURCE", "KGRAPH_CONFIG",
		"KGRAPH_MAX_RETRY_TIME"} {
		t.Setenv(k, "") // restored after the test
		os.Unsetenv(k)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Chdir(t.TempDir())
}

func TestExtractFlags(t *testing.T) {
	tests := []struct {
		args     []string
		want     extractOptions
		code     int
		errMatch string
	}{
		{[]string{"extract", "a", "b/"}, extractOptions{Paths: []string{"a", "b/"}}, 0, ""},
		{[]string{"extract", "-", "--out", "x.jsonl"}, extractOptions{Paths: []string{"-"}, Out: "x.jsonl"}, 0, ""},
		{[]string{"extract", "-o", "y.jsonl", "d", "--source", "feed"}, extractOptions{Paths: []string{"d"}, Out: "y.jsonl"}, 0, ""},
		{[]string{"extract"}, extractOptions{}, exitUsage, "kgraph: kgraph extract needs at least one PATH"},
		{[]string{"extract", "--nope", "a"}, extractOptions{}, exitUsage, "kgraph: unknown flag: --nope\nRun 'kgraph extract --help' for usage."},
		{[]string{"extract", "--log-format", "xml", "a"}, extractOptions{}, exitUsage, `kgraph: config: --log-format="xml" (from flag): must be "text" or "json"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, code, stderr := parse(t, newExtractCmd, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.code == 0 && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options %+v, want %+v", got, tt.want)
			}
			if !strings.HasPrefix(stderr, tt.errMatch) {
				t.Errorf("stderr %q, want prefix %q", stderr, tt.errMatch)
			}
			if strings.Contains(stderr, "Usage:") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr dumps usage or a stack: %q", stderr)
			}
		})
	}
}

func TestQueryFlags(t *testing.T) {
	tests := []struct {
		args []string
		want queryOptions
		code int
	}{
		{[]string{"query", "MATCH (n) RETURN n"}, queryOptions{Cypher: "MATCH (n) RETURN n", Format: "table"}, 0},
		{[]string{"query", "-p", "id=x", "--param", "n=3", "--format", "json", "Q"},
			queryOptions{Cypher: "Q", Params: []string{"id=x", "n=3"}, Format: "json"}, 0},
		{[]string{"query", "--write", "Q"}, queryOptions{Cypher: "Q", Format: "table", Write: true}, 0},
		{[]string{"query", "Q", "--format", "csv"}, queryOptions{}, exitUsage},
		{[]string{"query", "Q", "--neo4j-uri", "bolt://db:70000"}, queryOptions{}, exitUsage},
		{[]string{"query", "Q", "--neo4j-uri", ""}, queryOptions{}, exitUsage},
		{[]string{"query"}, queryOptions{}, exitUsage},
		{[]string{"query", "A", "B"}, queryOptions{}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, code, stderr := parse(t, newQueryCmd, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if code == 0 && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestOtherCommandFlags(t *testing.T) {
	t.Run("load", func(t *testing.T) {
		got, code, _ := parse(t, newLoadCmd, "load", "a.jsonl", "b.jsonl", "--batch-size", "7")
		if code != 0 || !reflect.DeepEqual(got.Files, []string{"a.jsonl", "b.jsonl"}) {
			t.Errorf("load: code %d, %+v", code, got)
		}
		if _, code, _ := parse(t, newLoadCmd, "load", "--batch-size", "x", "a"); code != exitUsage {
			t.Errorf("bad --batch-size: code %d, want %d", code, exitUsage)
		}
	})
	t.Run("build", func(t *testing.T) {
		got, code, _ := parse(t, newBuildCmd, "build", "dir", "--source", "feed", "-q")
		if code != 0 || !reflect.DeepEqual(got.Paths, []string{"dir"}) {
			t.Errorf("build: code %d, %+v", code, got)
		}
	})
	t.Run("retract", func(t *testing.T) {
		got, code, _ := parse(t, newRetractCmd, "retract", "a1", "a2")
		if code != 0 || !reflect.DeepEqual(got.IDs, []string{"a1", "a2"}) {
			t.Errorf("retract: code %d, %+v", code, got)
		}
		if _, code, _ := parse(t, newRetractCmd, "retract"); code != exitUsage {
			t.Errorf("retract without ids: code %d", code)
		}
	})
	t.Run("eval", func(t *testing.T) {
		got, code, _ := parse(t, newEvalCmd, "eval", "--gold", "g.json", "--explain", "d")
		if code != 0 || got.Gold != "g.json" || !got.Explain || !reflect.DeepEqual(got.Paths, []string{"d"}) {
			t.Errorf("eval: code %d, %+v", code, got)
		}
		if _, code, stderr := parse(t, newEvalCmd, "eval", "d"); code != exitUsage || !strings.Contains(stderr, "--gold") {
			t.Errorf("eval without --gold: code %d, %q", code, stderr)
		}
	})
}

func TestEmptyURIEnvIsAnError(t *testing.T) {
	isolateConfig(t)
	t.Setenv("NEO4J_URI", "")
	var stdout, stderr bytes.Buffer
	g := newGlobals(strings.NewReader(""), &stdout, &stderr)
	root := newRootCmd(g, func(g *globals) *cobra.Command {
		return newQueryCmd(g, func(context.Context, queryOptions) error { return nil })
	})
	code := execute(context.Background(), g, root, []string{"query", "RETURN 1"})
	if code != exitUsage || !strings.Contains(stderr.String(), "NEO4J_URI") || !strings.Contains(stderr.String(), "set but empty") {
		t.Errorf("exit %d, stderr %q; want a usage error naming NEO4J_URI", code, stderr.String())
	}
}

func TestEveryHelpListsExitCodes(t *testing.T) {
	g := newGlobals(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	root := newRootCmd(g, commands...)
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" {
			continue
		}
		if !strings.Contains(c.Long, "Exit codes:") || !strings.Contains(c.Long, "  2 ") {
			t.Errorf("kgraph %s --help does not list the exit codes", c.Name())
		}
	}
}
