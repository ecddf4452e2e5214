package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
)

const samplePath = "testdata/sample.jsonl"

func TestLiteral(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"plain", `'plain'`},
		{`it's "q" \ x`, `'it\'s "q" \\ x'`},
		{"line\nnext\ttab\x01", `'line\nnext\ttab\u0001'`},
		{"المغرب", `'المغرب'`},
		{int64(3), `3`},
		{0.9, `0.9`},
		{2.0, `2.0`},
		{true, `true`},
		{nil, `null`},
		{[]string{"a", "b"}, `['a', 'b']`},
		{[]any{int64(1), "x"}, `[1, 'x']`},
		{[]float64{}, `[]`},
		{map[string]any{"b": int64(1), "a b": "x"}, "{`a b`: 'x', b: 1}"},
	}
	for _, tt := range tests {
		if got := literal(tt.in); got != tt.want {
			t.Errorf("literal(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
	for in, want := range map[string]string{"CO_CHAIRS": "CO_CHAIRS", "a`b": "`a``b`", "1x": "`1x`", "": "``"} {
		if got := quoteName(in); got != want {
			t.Errorf("quoteName(%q) = %s, want %s", in, got, want)
		}
	}
}

// counts tallies a source by node kind and relationship type.
func counts(t *testing.T, src Source) (nodes, rels map[string]int) {
	t.Helper()
	nodes, rels = map[string]int{}, map[string]int{}
	ctx := context.Background()
	if err := src.Nodes(ctx, func(n Node) error { nodes[n.Kind()]++; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := src.Rels(ctx, func(r Rel) error { rels[r.Type]++; return nil }); err != nil {
		t.Fatal(err)
	}
	return nodes, rels
}

func TestFileSourceShapesTheLoaderModel(t *testing.T) {
	src := &FileSource{Path: samplePath}
	nodes, rels := counts(t, src)
	if nodes[LabelArticle] != 3 || nodes[LabelEntity] < 20 || nodes[LabelEvidence] < 40 {
		t.Errorf("nodes = %v", nodes)
	}
	if rels[TypeSupports] != nodes[LabelEvidence] || rels[TypeMentions] == 0 || rels[TypeStates] == 0 || rels["CO_CHAIRS"] == 0 {
		t.Errorf("rels = %v (SUPPORTS must equal the evidence nodes)", rels)
	}
	// The fact that all three articles state has the three as evidence.
	var found bool
	src.Rels(context.Background(), func(r Rel) error {
		if r.Type == "CO_CHAIRS" && r.Start.ID() == "country:MA" && r.End.ID() == "org:mjmwah-alnqash-almrkzh-lmntqh-afryqya" {
			found = true
			if r.Props["article_count"] != int64(3) || r.Props["first_seen"] != "2022-11-09" {
				t.Errorf("shared fact props = %v", r.Props)
			}
		}
		return nil
	})
	if !found {
		t.Error("the shared CO_CHAIRS fact is missing")
	}
}

func TestCSVHeaders(t *testing.T) {
	dir := t.TempDir()
	files, err := CSV(context.Background(), &FileSource{Path: samplePath}, dir)
	if err != nil {
		t.Fatal(err)
	}
	header := func(name string) []string {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rec, err := csv.NewReader(f).Read()
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	for file, want := range map[string][]string{
		"nodes_Entity.csv":   {":ID", ":LABEL", "aliases:string[]", "id", "name", "type"},
		"nodes_Article.csv":  {":ID", ":LABEL", "id", "source", "sha256"},
		"nodes_Evidence.csv": {":ID", ":LABEL", "confidence:double", "evidence", "subject"},
		"rels_CO_CHAIRS.csv": {":START_ID", ":END_ID", ":TYPE", "article_count:long", "confidence:double"},
		"rels_MENTIONS.csv":  {":START_ID", ":END_ID", ":TYPE", "count:long", "names:string[]"},
	} {
		h := strings.Join(header(file), ",")
		for _, col := range want {
			if !strings.Contains(","+h+",", ","+col+",") {
				t.Errorf("%s header %q lacks %q", file, h, col)
			}
		}
	}
	script, err := os.ReadFile(filepath.Join(dir, "import.sh"))
	if err != nil || !strings.Contains(string(script), "--array-delimiter=U+001F") || !strings.Contains(string(script), "--nodes=nodes_Entity.csv") {
		t.Errorf("import.sh: %v\n%s", err, script)
	}
	if len(files) < 10 {
		t.Errorf("files = %v", files)
	}
}

func TestCSVNeedsADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o644)
	if _, err := CSV(context.Background(), &FileSource{Path: samplePath}, file); err == nil {
		t.Error("CSV into a file path: no error")
	}
	if _, err := CSV(context.Background(), &FileSource{Path: "testdata/none.jsonl"}, t.TempDir()); err == nil {
		t.Error("CSV from a missing file: no error")
	}
}

// graphML is what a GraphML reader needs of a file.
type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string    `xml:"id,attr"`
			Data []xmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []xmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type xmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func parseGraphML(t *testing.T, b []byte) graphML {
	t.Helper()
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	return g
}

func TestGraphMLParsesBack(t *testing.T) {
	src := &FileSource{Path: samplePath}
	var buf bytes.Buffer
	if err := GraphML(context.Background(), src, &buf); err != nil {
		t.Fatal(err)
	}
	checkGraphML(t, src, buf.Bytes())
}

// checkGraphML parses b back and compares it with src: every node and
// edge, every data key declared, edges between declared nodes, Arabic text
// intact.
func checkGraphML(t *testing.T, src Source, b []byte) {
	t.Helper()
	g := parseGraphML(t, b)
	nodes, rels := counts(t, src)
	nn, nr := 0, 0
	for _, c := range nodes {
		nn += c
	}
	for _, c := range rels {
		nr += c
	}
	if len(g.Graph.Nodes) != nn || len(g.Graph.Edges) != nr {
		t.Fatalf("GraphML has %d nodes and %d edges, the graph %d and %d", len(g.Graph.Nodes), len(g.Graph.Edges), nn, nr)
	}
	keys := map[string]string{}
	for _, k := range g.Keys {
		keys[k.ID] = k.Type
	}
	ids := map[string]bool{}
	var morocco map[string]string
	for _, n := range g.Graph.Nodes {
		ids[n.ID] = true
		data := map[string]string{}
		for _, d := range n.Data {
			if _, ok := keys[d.Key]; !ok {
				t.Fatalf("node %s uses undeclared key %s", n.ID, d.Key)
			}
			data[d.Key] = d.Value
		}
		if n.ID == "Entity:country:MA" {
			morocco = data
		}
	}
	if morocco["n_name_ar"] != "المغرب" || morocco["n_labels"] != ":Entity:Country" || morocco["n_label"] != "Morocco" {
		t.Errorf("Morocco's data = %v", morocco)
	}
	for _, e := range g.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Fatalf("edge %s -> %s names a missing node", e.Source, e.Target)
		}
		for _, d := range e.Data {
			if _, ok := keys[d.Key]; !ok {
				t.Fatalf("edge uses undeclared key %s", d.Key)
			}
		}
	}
	if keys["e_confidence"] != "double" || keys["e_article_count"] != "long" {
		t.Errorf("key types: %v", keys)
	}
}

func TestJSONLFromFileLoadsBack(t *testing.T) {
	var buf bytes.Buffer
	if err := JSONL(context.Background(), &FileSource{Path: samplePath}, &buf); err != nil {
		t.Fatal(err)
	}
	var bad []error
	bs, err := jsonl.ReadBatches(bytes.NewReader(buf.Bytes()), func(err error) { bad = append(bad, err) })
	if err != nil || len(bad) > 0 {
		t.Fatalf("read back: %v %v", err, bad)
	}
	in, _ := os.ReadFile(samplePath)
	orig, _ := jsonl.ReadBatches(bytes.NewReader(in), nil)
	// One relation line per (article, fact): the most confident statement.
	facts := func(bs []graph.Batch) (r, a int) {
		for _, b := range bs {
			seen := map[[3]string]bool{}
			for _, x := range b.Relations {
				seen[[3]string{x.Subject, x.Predicate, x.Object}] = true
			}
			r += len(seen)
			a += len(b.Attributes)
		}
		return r, a
	}
	nr, na := facts(bs)
	or, oa := facts(orig)
	if len(bs) != len(orig) || nr != or || na != oa {
		t.Errorf("round trip: %d articles, %d relations, %d attributes; want %d, %d, %d", len(bs), nr, na, len(orig), or, oa)
	}
}

func TestFileSourceSkipsDanglingFacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.jsonl")
	os.WriteFile(path, []byte(`{"kind":"article","id":"a","sha256":"h"}
{"kind":"entity","id":"x","type":"Country","name":"X","articles":["a"]}
{"kind":"relation","subject":"x","predicate":"MEMBER_OF","object":"nowhere","article":"a","evidence":"e","confidence":0.5}
{"kind":"attribute","subject":"nowhere","name":"founded","value":"2000","article":"a"}
`), 0o644)
	nodes, rels := counts(t, &FileSource{Path: path})
	if nodes[LabelEntity] != 1 || nodes[LabelEvidence] != 0 || rels["MEMBER_OF"] != 0 || rels[TypeStates] != 0 || rels[TypeMentions] != 1 {
		t.Errorf("nodes %v, rels %v: want only X and its mention", nodes, rels)
	}
}
