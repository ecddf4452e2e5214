package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestVizExportGuideFlags(t *testing.T) {
	type result struct {
		got  any
		code int
		err  string
	}
	tests := []struct {
		name string
		run  func() result
		want any
		code int
		err  string
	}{
		{"viz defaults", func() result {
			o, c, e := parse(t, newVizCmd, "viz", "--out", "g.html")
			return result{o, c, e}
		}, vizOptions{From: "neo4j", Depth: 2, Lang: "ar", Title: "kgraph", Out: "g.html"}, 0, ""},
		{"viz all flags", func() result {
			o, c, e := parse(t, newVizCmd, "viz", "--from", "f.jsonl", "--focus", "المغرب", "--depth", "1", "--types", "Country,Event",
				"--since", "2022-05", "--lang", "en", "-o", "x.html")
			return result{o, c, e}
		}, vizOptions{From: "f.jsonl", Focus: "المغرب", Depth: 1, Types: []string{"Country", "Event"}, Since: "2022-05", Lang: "en", Title: "kgraph", Out: "x.html"}, 0, ""},
		{"viz needs --out", func() result { o, c, e := parse(t, newVizCmd, "viz"); return result{o, c, e} }, nil, exitUsage, "kgraph: --out FILE.html is required"},
		{"viz bad type", func() result {
			o, c, e := parse(t, newVizCmd, "viz", "-o", "x", "--types", "Planet")
			return result{o, c, e}
		}, nil, exitUsage, `kgraph: --types: unknown entity type "Planet"`},
		{"viz bad date", func() result {
			o, c, e := parse(t, newVizCmd, "viz", "-o", "x", "--since", "May 2022")
			return result{o, c, e}
		}, nil, exitUsage, `kgraph: --since "May 2022"`},
		{"viz bad lang", func() result {
			o, c, e := parse(t, newVizCmd, "viz", "-o", "x", "--lang", "fr")
			return result{o, c, e}
		}, nil, exitUsage, `kgraph: --lang must be "ar" or "en"`},
		{"viz bad depth", func() result {
			o, c, e := parse(t, newVizCmd, "viz", "-o", "x", "--depth", "0")
			return result{o, c, e}
		}, nil, exitUsage, "kgraph: --depth must be at least 1"},
		{"export", func() result {
			o, c, e := parse(t, newExportCmd, "export", "--format", "graphml", "--from", "f.jsonl", "--out", "d")
			return result{o, c, e}
		}, exportOptions{Format: "graphml", From: "f.jsonl", Out: "d"}, 0, ""},
		{"export needs a format", func() result { o, c, e := parse(t, newExportCmd, "export"); return result{o, c, e} }, nil, exitUsage, "kgraph: --format must be one of"},
		{"export csv needs --out", func() result {
			o, c, e := parse(t, newExportCmd, "export", "-f", "csv")
			return result{o, c, e}
		}, nil, exitUsage, "kgraph: --format csv writes several files: give --out DIR"},
		{"guide needs one of", func() result { o, c, e := parse(t, newGuideCmd, "guide"); return result{o, c, e} }, nil, exitUsage, "kgraph: give one of --out DIR and --serve HOST:PORT"},
		{"guide both", func() result {
			o, c, e := parse(t, newGuideCmd, "guide", "--out", "d", "--serve", "localhost:1")
			return result{o, c, e}
		}, nil, exitUsage, "kgraph: give one of"},
		{"guide out", func() result { o, c, e := parse(t, newGuideCmd, "guide", "-o", "d"); return result{o, c, e} }, guideOptions{Out: "d"}, 0, ""},
		{"browser-style takes no args", func() result {
			o, c, e := parse(t, newBrowserStyleCmd, "browser-style", "x")
			return result{o, c, e}
		}, nil, exitUsage, "kgraph: kgraph browser-style takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run()
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d (stderr %q)", r.code, tt.code, r.err)
			}
			if tt.code == 0 && !reflect.DeepEqual(r.got, tt.want) {
				t.Errorf("options %+v, want %+v", r.got, tt.want)
			}
			if !strings.HasPrefix(r.err, tt.err) || strings.Contains(r.err, "Usage:") {
				t.Errorf("stderr %q, want prefix %q", r.err, tt.err)
			}
		})
	}
}

// TestVizAndExportFromFile runs the commands on an exchange file, without
// Neo4j.
func TestVizAndExportFromFile(t *testing.T) {
	isolateConfig(t)
	dir := t.TempDir()
	facts := filepath.Join(dir, "f.jsonl")
	os.WriteFile(facts, []byte(`{"kind":"article","id":"a1","sha256":"h","published":"2022-05-11"}
{"kind":"entity","id":"country:MA","type":"Country","name":"Morocco","name_ar":"المغرب","articles":["a1"]}
{"kind":"entity","id":"org:g","type":"Organization","name":"Group","articles":["a1"]}
{"kind":"relation","subject":"country:MA","predicate":"CO_CHAIRS","object":"org:g","article":"a1","evidence":"S.","confidence":0.9}
`), 0o644)
	page := filepath.Join(dir, "out", "g.html")
	code, _, stderr := runCLI(t, "", "viz", "--from", facts, "--out", page)
	if code != 0 || !strings.Contains(stderr, "kgraph: drew 2 entities and 1 relations to ") {
		t.Fatalf("viz exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(page); err != nil || !strings.Contains(string(b), "country:MA") {
		t.Errorf("page: %v", err)
	}
	if code, _, stderr := runCLI(t, "", "viz", "--from", facts, "--focus", "nowhere", "--out", page); code != exitUsage || !strings.Contains(stderr, "no entity of that id or name") {
		t.Errorf("unknown focus: exit %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "viz", "--from", filepath.Join(dir, "missing.jsonl"), "--out", page); code != exitUsage || !strings.Contains(stderr, "not \"neo4j\" and not a readable file") {
		t.Errorf("missing file: exit %d %s", code, stderr)
	}
	code, out, _ := runCLI(t, "", "export", "-q", "--format", "cypher", "--from", facts)
	if code != 0 || !strings.Contains(out, "MERGE (n:Entity {id: 'country:MA'})") || !strings.Contains(out, "MERGE (s)-[r:CO_CHAIRS]->(o)") {
		t.Errorf("cypher export exit %d:\n%s", code, out)
	}
	code, _, stderr = runCLI(t, "", "export", "--format", "csv", "--from", facts, "--out", filepath.Join(dir, "csv"))
	if _, err := os.Stat(filepath.Join(dir, "csv", "nodes_Entity.csv")); code != 0 || err != nil {
		t.Errorf("csv export exit %d %v: %s", code, err, stderr)
	}
	code, out, _ = runCLI(t, "", "browser-style")
	if code != 0 || !strings.Contains(out, "node.Country {") {
		t.Errorf("browser-style exit %d: %s", code, out)
	}
	code, _, _ = runCLI(t, "", "guide", "-q", "--out", filepath.Join(dir, "guide"))
	if b, err := os.ReadFile(filepath.Join(dir, "guide", "kgraph-guide.html")); code != 0 || err != nil || !strings.Contains(string(b), `class="guide`) {
		t.Errorf("guide exit %d %v", code, err)
	}
}
