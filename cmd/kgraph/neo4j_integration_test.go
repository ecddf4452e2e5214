package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needNeo4j skips without a server, except in CI where a missing server is
// a failure. The tests share the server with others, so everything they
// write carries a unique prefix and is retracted at the end.
func needNeo4j(t *testing.T) (prefix string) {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set (CI=true): start Neo4j with scripts/neo4j start")
		}
		t.Skip("NEO4J_URI not set; start Neo4j with scripts/neo4j start")
	}
	user, pw, db := os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), os.Getenv("NEO4J_DATABASE")
	isolateConfig(t)
	t.Setenv("NEO4J_URI", uri)
	t.Setenv("NEO4J_USERNAME", user)
	t.Setenv("NEO4J_PASSWORD", pw)
	t.Setenv("NEO4J_DATABASE", db)
	return fmt.Sprintf("clitest%d", time.Now().UnixNano())
}

func queryJSON(t *testing.T, cypher string, params ...string) []map[string]any {
	t.Helper()
	args := append([]string{"query", "-q", "--format", "json", cypher}, params...)
	code, out, stderr := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("query exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("query output is not JSON: %v\n%s", err, out)
	}
	return rows
}

func TestLoadQueryRetractNeo4j(t *testing.T) {
	p := needNeo4j(t)
	fixture := strings.NewReplacer("P", p).Replace(`{"kind":"article","id":"P-a1","sha256":"h1","source":"P","lang":"en"}
{"kind":"article","id":"P-a2","sha256":"h2","source":"P","lang":"en"}
{"kind":"entity","id":"P:ma","type":"Country","name":"Morocco P","articles":["P-a1","P-a2"]}
{"kind":"entity","id":"P:g","type":"Organization","name":"Group P","articles":["P-a1","P-a2"]}
{"kind":"relation","subject":"P:ma","predicate":"CO_CHAIRS","object":"P:g","article":"P-a1","evidence":"Morocco co-chairs the group.","confidence":0.9}
{"kind":"relation","subject":"P:ma","predicate":"CO_CHAIRS","object":"P:g","article":"P-a2","evidence":"The group is co-chaired by Morocco.","confidence":0.8}
{"kind":"relation","subject":"P:ma","predicate":"ADMIRES","object":"P:g","article":"P-a3","evidence":"x","confidence":0.5}
{"kind":"entity","id":"P:x","type":"Country","name":"X","articles":["P-a3"]}
this line is not JSON
`)
	file := filepath.Join(t.TempDir(), "facts.jsonl")
	if err := os.WriteFile(file, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { runCLI(t, "", "retract", "-q", p+"-a1", p+"-a2", p+"-a3") })

	code, _, stderr := runCLI(t, "", "load", file)
	if code != exitFailed {
		t.Fatalf("load exit %d, want 1 (a bad line and an unknown predicate): %s", code, stderr)
	}
	for _, want := range []string{file + ":9", `unknown predicate \"ADMIRES\"`, "kgraph: 2 articles, "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("load stderr lacks %q:\n%s", want, stderr)
		}
	}
	const facts = `MATCH (c:Entity)-[r:CO_CHAIRS]->(g:Entity) WHERE c.id STARTS WITH $p RETURN c.name AS c, g.name AS g, r.article_count AS n`
	rows := queryJSON(t, facts, "-p", "p="+p+":")
	if len(rows) != 1 || rows[0]["c"] != "Morocco "+p || rows[0]["n"] != float64(2) {
		t.Fatalf("CO_CHAIRS rows = %v, want one supported by 2 articles", rows)
	}
	if rows := queryJSON(t, `MATCH ()-[r:ADMIRES]->() RETURN count(r) AS n`); rows[0]["n"] != float64(0) {
		t.Errorf("unknown predicate was written: %v", rows)
	}

	// Loading again changes nothing and says so.
	code, _, stderr = runCLI(t, "", "load", file)
	if code != exitFailed || !strings.Contains(stderr, "(2 unchanged)") {
		t.Errorf("second load exit %d, stderr %s; want 2 unchanged", code, stderr)
	}

	// The table view names nodes by caption.
	code, out, _ := runCLI(t, "", "query", "-q", `MATCH (c:Country {id: $id}) RETURN c, c.name AS name`, "-p", "id="+p+":ma")
	if code != 0 || !strings.Contains(out, "(:Entity:Country Morocco "+p+")") || !strings.HasPrefix(out, "c ") {
		t.Errorf("table output %q", out)
	}

	// Retracting one supporting article keeps the fact; both removes it.
	if code, _, stderr := runCLI(t, "", "retract", p+"-a1"); code != 0 || !strings.Contains(stderr, "kgraph: retracted 1 articles") {
		t.Fatalf("retract exit %d: %s", code, stderr)
	}
	if rows := queryJSON(t, facts, "-p", "p="+p+":"); len(rows) != 1 || rows[0]["n"] != float64(1) {
		t.Errorf("after retracting a1: %v, want the fact kept with 1 article", rows)
	}
	runCLI(t, "", "retract", p+"-a2")
	if rows := queryJSON(t, facts, "-p", "p="+p+":"); len(rows) != 0 {
		t.Errorf("after retracting both: %v, want none", rows)
	}
}

func TestBuildNeo4j(t *testing.T) {
	p := needNeo4j(t)
	dir := writeTree(t, map[string]string{
		p + "/" + p + "-1.txt": "The minister met the delegation in Rabat.",
		p + "/" + p + "-2.md":  "---\npublished: 2024-03-01\n---\nيستضيف المغرب اليوم الاجتماع.\n",
		p + "/bad.txt":         "\xff\xfe",
	})
	t.Cleanup(func() { runCLI(t, "", "retract", "-q", p+"-1", p+"-2") })
	code, _, stderr := runCLI(t, "", "build", filepath.Join(dir, p))
	if code != exitFailed || !strings.Contains(stderr, "bad.txt") {
		t.Fatalf("build exit %d, want 1 naming bad.txt: %s", code, stderr)
	}
	rows := queryJSON(t, `MATCH (a:Article {source: $s}) RETURN a.id AS id, a.lang AS lang, a.published AS published ORDER BY id`, "-p", "s="+p)
	if len(rows) != 2 || rows[0]["lang"] != "en" || rows[1]["lang"] != "ar" || rows[1]["published"] != "2024-03-01" {
		t.Errorf("articles = %v", rows)
	}
}
