package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph/browser"
)

// TestGuideQueriesNeo4j builds the sample graph (examples/articles) and
// runs every query of the Browser guide on it: each must return rows. The
// search query must find Morocco from المغرب, مغرب and Morocco alike.
func TestGuideQueriesNeo4j(t *testing.T) {
	samples, err := filepath.Abs(filepath.Join("..", "..", "examples", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	needNeo4j(t)
	ids := sampleIDs(t, samples)
	t.Cleanup(func() { runCLI(t, "", append([]string{"retract", "-q"}, ids...)...) })
	if code, _, stderr := runCLI(t, "", "build", "-q", samples); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	slides, err := browser.Guide()
	if err != nil {
		t.Fatal(err)
	}
	params, err := browser.Params(slides)
	if err != nil {
		t.Fatal(err)
	}
	run := func(q string, params map[string]any) []map[string]any {
		t.Helper()
		args := []string{"query", "-q", "--format", "json", q}
		for k, v := range params {
			b, _ := json.Marshal(v)
			args = append(args, "-p", k+"="+string(b))
		}
		code, out, stderr := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("exit %d for\n%s\n%s", code, q, stderr)
		}
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return rows
	}
	var search string
	for i, q := range browser.Queries(slides) {
		rows := run(q, params)
		if len(rows) == 0 {
			t.Errorf("guide query %d returns no rows on the sample graph:\n%s", i+1, q)
		}
		if strings.Contains(q, "db.index.fulltext.queryNodes") {
			search = q
		}
	}
	if search == "" {
		t.Fatal("the guide has no full-text search")
	}
	for _, q := range []string{"المغرب", "مغرب", "Morocco", "morocco", "Moroc*"} {
		rows := run(search, map[string]any{"q": q})
		if len(rows) == 0 || rows[0]["id"] != "country:MA" {
			t.Errorf("search %q: first hit %v, want country:MA", q, rows)
		}
	}
	// viz --focus from Neo4j (which reads the neighbourhood only) draws
	// what viz --focus draws from the same graph exported to a file.
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "", "export", "-q", "--format", "jsonl", "--out", dir); code != 0 {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	drawn := func(from string) (nodes []string, edges int) {
		t.Helper()
		page := filepath.Join(dir, "g.html")
		if code, _, stderr := runCLI(t, "", "viz", "-q", "--from", from, "--focus", "المغرب", "--depth", "1", "--out", page); code != 0 {
			t.Fatalf("viz --from %s exit %d: %s", from, code, stderr)
		}
		b, _ := os.ReadFile(page)
		m := regexp.MustCompile(`(?s)id="kg-data">(.*?)</script>`).FindSubmatch(b)
		var d struct {
			Nodes []struct{ ID string }
			Edges []json.RawMessage
		}
		if m == nil || json.Unmarshal(m[1], &d) != nil {
			t.Fatalf("no data in the page from %s", from)
		}
		for _, n := range d.Nodes {
			nodes = append(nodes, n.ID)
		}
		sort.Strings(nodes)
		return nodes, len(d.Edges)
	}
	dbNodes, dbEdges := drawn("neo4j")
	fileNodes, fileEdges := drawn(filepath.Join(dir, "graph.jsonl"))
	if !slices.Contains(dbNodes, "country:MA") || len(dbNodes) < 5 || !slices.Equal(dbNodes, fileNodes) || dbEdges != fileEdges {
		t.Errorf("viz --focus from Neo4j: %d edges, %v\nfrom the exported file: %d edges, %v", dbEdges, dbNodes, fileEdges, fileNodes)
	}
}

func sampleIDs(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no sample articles in %s", dir)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".txt"))
	}
	return ids
}

func TestGuideHandler(t *testing.T) {
	files, err := guideFiles()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(guideHandler(files))
	defer srv.Close()
	pre, _ := http.NewRequest(http.MethodOptions, srv.URL+"/kgraph-guide.html", nil)
	if res, err := srv.Client().Do(pre); err != nil || res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Headers") == "" {
		t.Errorf("preflight: %v %v", res, err)
	}
	for path, want := range map[string]int{"/kgraph-guide.html": 200, "/kgraph.grass": 200, "/other": 404} {
		res, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
		}
		if want == 200 && (res.Header.Get("Access-Control-Allow-Origin") != "*" || len(body) == 0) {
			t.Errorf("%s: CORS %q, %d bytes", path, res.Header.Get("Access-Control-Allow-Origin"), len(body))
		}
	}
}
