package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/config"
	"github.com/kgraph/kgraph/graph/jsonl"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/syncer"
)

// runCLI runs a whole kgraph command line against buffers.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// articleRecords parses stdout as exchange JSONL, failing on any bad line,
// and returns the article records by id.
func articleRecords(t *testing.T, out string) map[string]map[string]any {
	t.Helper()
	arts := map[string]map[string]any{}
	rd := jsonl.NewReader(strings.NewReader(out))
	for {
		rec, err := rd.Next()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("output is not valid exchange JSONL: %v\n%s", err, out)
		}
		if rec.Article != nil {
			var m map[string]any
			b, _ := json.Marshal(rec.Article)
			_ = json.Unmarshal(b, &m)
			arts[rec.Article.ID] = m
		}
	}
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil || m["kind"] == nil {
			t.Errorf("line %d is not a JSON record with a kind: %q", i+1, line)
		}
	}
	return arts
}

var summaryLine = regexp.MustCompile(`(?m)^kgraph: (\d+) articles, (\d+) entities, (\d+) relations, (\d+) attributes, (\d+) failed in \S+$`)

func TestExtractWritesJSONL(t *testing.T) {
	isolateConfig(t)
	dir := writeTree(t, map[string]string{
		"news/a.txt":   "يستضيف المغرب اليوم الاجتماع الوزاري في مراكش.\n",
		"news/b.md":    "---\nid: b-custom\npublished: 2022-05-11\n---\nThe minister met the delegation in Rabat.\n",
		"news/c.jsonl": `{"id":"c1","text":"first"}` + "\n" + `{"id":"c2","text":"second"}` + "\n",
	})
	code, out, stderr := runCLI(t, "", "extract", filepath.Join(dir, "news"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	arts := articleRecords(t, out)
	if len(arts) != 4 {
		t.Fatalf("%d article records, want 4:\n%s", len(arts), out)
	}
	for id, want := range map[string]map[string]any{
		"a":        {"lang": "ar", "source": "news"},
		"b-custom": {"lang": "en", "published": "2022-05-11"},
		"c2":       {"source": "news"},
	} {
		for k, v := range want {
			if arts[id][k] != v {
				t.Errorf("article %s %s = %v, want %v", id, k, arts[id][k], v)
			}
		}
		if len(fmt.Sprint(arts[id]["sha256"])) != 64 {
			t.Errorf("article %s sha256 = %v", id, arts[id]["sha256"])
		}
	}
	m := summaryLine.FindStringSubmatch(stderr)
	if m == nil || m[1] != "4" || m[5] != "0" {
		t.Errorf("stderr %q lacks the summary line with 4 articles, 0 failed", stderr)
	}
}

func TestExtractBadFileExitsOneOthersGoThrough(t *testing.T) {
	isolateConfig(t)
	dir := writeTree(t, map[string]string{
		"1.txt":       "first good article",
		"broken.json": `{"id": "x", "text": `,
		"3.txt":       "third good article",
	})
	out := filepath.Join(t.TempDir(), "out.jsonl")
	code, stdout, stderr := runCLI(t, "", "extract", dir, "--out", out)
	if code != exitFailed {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitFailed, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing with --out", stdout)
	}
	if !strings.Contains(stderr, "broken.json") || !strings.Contains(stderr, "bad JSON") {
		t.Errorf("stderr %q does not name the bad file and its problem", stderr)
	}
	if !strings.Contains(stderr, "kgraph: 1 of 3 articles failed") {
		t.Errorf("stderr %q lacks the failure line", stderr)
	}
	if m := summaryLine.FindStringSubmatch(stderr); m == nil || m[1] != "2" || m[5] != "1" {
		t.Errorf("stderr %q lacks the summary line with 2 articles, 1 failed", stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	arts := articleRecords(t, string(b))
	if _, ok := arts["1"]; !ok || len(arts) != 2 {
		t.Errorf("out file has articles %v, want 1 and 3", arts)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".out.jsonl.*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestExtractStdinJSONLogsQuiet(t *testing.T) {
	isolateConfig(t)
	code, out, stderr := runCLI(t, `{"id":"s1","text":"from stdin"}`+"\n"+`{"id":"s2"}`+"\n",
		"extract", "-", "-q", "--log-format", "json")
	if code != exitFailed {
		t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
	}
	if _, ok := articleRecords(t, out)["s1"]; !ok {
		t.Errorf("stdout lacks s1: %q", out)
	}
	first, _, _ := strings.Cut(stderr, "\n")
	var rec map[string]any
	if err := json.Unmarshal([]byte(first), &rec); err != nil || rec["msg"] != "article failed" || rec["path"] != "-" {
		t.Errorf("first stderr line %q is not a JSON failure record for stdin", first)
	}
	if summaryLine.MatchString(stderr) || strings.Contains(stderr, `"summary"`) {
		t.Errorf("--quiet still printed a summary: %q", stderr)
	}
}

func TestExtractMissingPathIsUsageError(t *testing.T) {
	isolateConfig(t)
	code, _, stderr := runCLI(t, "", "extract", filepath.Join(t.TempDir(), "nope"))
	if code != exitUsage || !strings.Contains(stderr, "no such file") {
		t.Errorf("exit %d, stderr %q; want %d and the reason", code, stderr, exitUsage)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{&failedError{failed: 1, total: 3}, 1},
		{errors.New("disk full"), 1},
		{usagef("bad"), 2},
		{&config.Error{Key: "KGRAPH_BATCH_SIZE", Err: errors.New("x")}, 2},
		{fmt.Errorf("connect: %w", neo4jstore.ErrUnavailable), 3},
		{fmt.Errorf("connect: %w", neo4jstore.ErrAuth), 3},
		{&syncer.LockedError{Name: "sync:x"}, 4},
		{fmt.Errorf("wrapped: %w", syncer.ErrLocked), 4},
		{&signalError{os.Interrupt}, 130},
		{context.Canceled, 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestPasswordNotInErrors(t *testing.T) {
	isolateConfig(t)
	const secret = "hunter2-secret"
	t.Setenv("NEO4J_PASSWORD", secret)
	code, out, stderr := runCLI(t, "", "query", "RETURN 1", "--neo4j-uri", "http://u:"+secret+"@h", "--log-level", "debug")
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if strings.Contains(stderr+out, secret) {
		t.Errorf("password shown: %q", stderr)
	}
}

// An article in a language the extractor has no rules for is read by the
// gazetteer only, and the summary says so; supported ones are not listed.
func TestSummaryNamesLanguagesWithoutRules(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"fr.json": `{"id":"fr1","lang":"fr","text":"Le ministre a rencontré son homologue à Rabat."}`,
		"ar.json": `{"id":"ar1","lang":"ar","text":"استقبل وزير الخارجية نظيره في الرباط."}`,
	})
	code, _, stderr := runCLI(t, "", "extract", dir, "-o", filepath.Join(t.TempDir(), "out.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "; 1 in fr read by the gazetteer only") {
		t.Errorf("summary does not name fr:\n%s", stderr)
	}
	if strings.Contains(stderr, "in ar") {
		t.Errorf("summary lists a supported language:\n%s", stderr)
	}
}
