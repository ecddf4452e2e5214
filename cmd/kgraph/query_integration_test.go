package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQueryIsReadOnlyByDefault(t *testing.T) {
	p := needNeo4j(t)
	create := `CREATE (:QueryScratch {p: $p})`
	count := `MATCH (n:QueryScratch {p: $p}) RETURN count(n) AS n`
	t.Cleanup(func() {
		runCLI(t, "", "query", "-q", "--write", `MATCH (n:QueryScratch {p: $p}) DELETE n`, "-p", "p="+p)
	})

	code, _, stderr := runCLI(t, "", "query", "-q", create, "-p", "p="+p)
	if code != exitCypher || !strings.Contains(stderr, "read-only; add --write") {
		t.Errorf("write without --write: exit %d, stderr %q; want %d with a hint", code, stderr, exitCypher)
	}
	if rows := queryJSON(t, count, "-p", "p="+p); rows[0]["n"] != float64(0) {
		t.Fatalf("a read-only query wrote: %v", rows)
	}
	if code, _, stderr := runCLI(t, "", "query", "-q", "--write", create, "-p", "p="+p); code != 0 {
		t.Fatalf("--write: exit %d, %s", code, stderr)
	}
	if rows := queryJSON(t, count, "-p", "p="+p); rows[0]["n"] != float64(1) {
		t.Errorf("--write did not write: %v", rows)
	}

	code, _, stderr = runCLI(t, "", "query", "MATCH (n RETURN n")
	if code != exitCypher || strings.Contains(stderr, "articles failed") || strings.Contains(stderr, "--write") {
		t.Errorf("syntax error: exit %d, stderr %q; want %d", code, stderr, exitCypher)
	}

	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:0")
	if code, _, stderr := runCLI(t, "", "query", "RETURN 1"); code != exitUsage || !strings.Contains(stderr, `port "0"`) {
		t.Errorf("port 0: exit %d, stderr %q; want a usage error", code, stderr)
	}
}

func TestSyncPruneGuardNeo4j(t *testing.T) {
	p := needNeo4j(t)
	root := t.TempDir()
	dir := filepath.Join(root, p)
	files := map[string]string{}
	for i, text := range []string{"The minister met the delegation in Rabat.", "Morocco hosts the meeting in Marrakesh.", "Niger and Italy co-chair the group."} {
		files[p+"/"+p+"-"+string(rune('a'+i))+".txt"] = text
	}
	for name, body := range files {
		os.MkdirAll(filepath.Join(root, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(root, name), []byte(body), 0o644)
	}
	t.Cleanup(func() { runCLI(t, "", "retract", "-q", p+"-a", p+"-b", p+"-c") })
	if code, _, stderr := runCLI(t, "", "sync", "-q", dir); code != 0 {
		t.Fatalf("first sync exit %d: %s", code, stderr)
	}
	stored := `MATCH (a:Article {source: $s}) RETURN count(a) AS n`

	// The folder empties (an unmounted volume): refused, nothing retracted.
	for name := range files {
		os.Remove(filepath.Join(root, name))
	}
	code, stdout, stderr := runCLI(t, "", "sync", "--dry-run", "--prune", dir)
	if code != exitPruneRefused || strings.Count(stdout, "retract") != 3 {
		t.Errorf("dry run on an empty folder: exit %d, plan %q; want %d listing 3 retractions", code, stdout, exitPruneRefused)
	}
	code, _, stderr = runCLI(t, "", "sync", "--prune", dir)
	if code != exitPruneRefused || !strings.Contains(stderr, "no articles found") || !strings.Contains(stderr, "--prune-max 100%") {
		t.Errorf("prune of an empty folder: exit %d, stderr %q; want %d", code, stderr, exitPruneRefused)
	}
	if rows := queryJSON(t, stored, "-p", "s="+p); rows[0]["n"] != float64(3) {
		t.Fatalf("refused prune retracted: %v", rows)
	}
	if code, _, stderr := runCLI(t, "", "sync", "-q", "--prune", "--prune-max", "100%", dir); code != 0 {
		t.Fatalf("--prune-max 100%%: exit %d: %s", code, stderr)
	}
	if rows := queryJSON(t, stored, "-p", "s="+p); rows[0]["n"] != float64(0) {
		t.Errorf("after --prune-max 100%%: %v, want none", rows)
	}
}
