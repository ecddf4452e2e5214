package export

// Integration tests against a real Neo4j, found through NEO4J_URI (and
// NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). Without NEO4J_URI they
// skip, except under CI=true where they fail.
//
// They EMPTY THE DATABASE: a round trip needs a database that holds only
// what it imported (Community has one database). Packages' tests run one
// at a time (scripts/test uses -p 1), so no other test sees it.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kgraph/graph/jsonl"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
)

func openStore(t *testing.T) *neo4jstore.Store {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set and CI=true: integration tests need a Neo4j")
		}
		t.Skip("NEO4J_URI not set; skipping Neo4j integration test")
	}
	ctx := context.Background()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		wipe(t, s)
		s.Close(context.Background())
	})
	wipe(t, s)
	return s
}

func wipe(t *testing.T, s *neo4jstore.Store) {
	t.Helper()
	if _, _, err := s.Query(context.Background(), `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS`, nil); err != nil {
		t.Fatalf("wipe: %v", err)
	}
}

// loadSample loads testdata/sample.jsonl as kgraph load does.
func loadSample(t *testing.T, s *neo4jstore.Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateSchema(ctx); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bs, err := jsonl.ReadBatches(f, func(err error) { t.Errorf("sample: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteBatches(ctx, bs); err != nil {
		t.Fatal(err)
	}
}

// fingerprint sums up the whole database: node counts per label set,
// relationship counts per type, and a sha256 over every node's labels and
// properties and every relationship's type, ends and properties, in a
// canonical order. Empty lists count as absent (CSV cannot tell them apart).
type fingerprint struct {
	Nodes map[string]int
	Rels  map[string]int
	Sum   string
}

func fingerprintOf(t *testing.T, s *neo4jstore.Store) fingerprint {
	t.Helper()
	ctx := context.Background()
	fp := fingerprint{Nodes: map[string]int{}, Rels: map[string]int{}}
	var lines []string
	_, rows, err := s.ReadQuery(ctx, `MATCH (n) WHERE NOT n:KgraphLock RETURN labels(n), properties(n)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ls := Strings(r[0])
		sort.Strings(ls)
		fp.Nodes[strings.Join(ls, ":")]++
		lines = append(lines, "N "+strings.Join(ls, ":")+" "+canonical(r[1]))
	}
	_, rows, err = s.ReadQuery(ctx, `MATCH (a)-[r]->(b) RETURN type(r), properties(a), properties(b), properties(r)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		fp.Rels[fmt.Sprint(r[0])]++
		lines = append(lines, fmt.Sprintf("R %v %s %s %s", r[0], nodeKey(r[1]), nodeKey(r[2]), canonical(r[3])))
	}
	sort.Strings(lines)
	if dump := os.Getenv("KGRAPH_FINGERPRINT_DUMP"); dump != "" {
		// For debugging a mismatch: each call appends its lines to the file.
		f, _ := os.OpenFile(dump, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		fmt.Fprintf(f, "=== %s\n%s\n", t.Name(), strings.Join(lines, "\n"))
		f.Close()
	}
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	fp.Sum = hex.EncodeToString(h[:])
	return fp
}

func nodeKey(v any) string {
	p, _ := v.(map[string]any)
	return fmt.Sprint(p["source"], "/", p["id"])
}

func canonical(v any) string {
	p, _ := v.(map[string]any)
	clean := map[string]any{}
	for k, x := range p {
		if l, ok := x.([]any); ok && len(l) == 0 {
			continue
		}
		clean[k] = x
	}
	b, _ := json.Marshal(clean) // map keys sorted
	return string(b)
}

func (a fingerprint) diff(b fingerprint) string {
	if fmt.Sprint(a.Nodes) != fmt.Sprint(b.Nodes) || fmt.Sprint(a.Rels) != fmt.Sprint(b.Rels) {
		return fmt.Sprintf("counts differ:\n nodes %v\n    vs %v\n rels %v\n    vs %v", a.Nodes, b.Nodes, a.Rels, b.Rels)
	}
	if a.Sum != b.Sum {
		return "same counts, different properties (checksum " + a.Sum[:12] + " vs " + b.Sum[:12] + ")"
	}
	return ""
}

// TestCSVRoundTripNeo4j loads the sample, exports CSV from Neo4j, empties
// the database, imports the CSV with LOAD CSV (the harness has no
// neo4j-admin) following the files' neo4j-admin headers, and compares
// counts and checksum with what kgraph load wrote.
func TestCSVRoundTripNeo4j(t *testing.T) {
	s := openStore(t)
	loadSample(t, s)
	want := fingerprintOf(t, s)
	if want.Nodes["Evidence"] == 0 || want.Rels["SUPPORTS"] == 0 {
		t.Fatalf("sample loaded no evidence: %v %v", want.Nodes, want.Rels)
	}
	dir := t.TempDir()
	if _, err := CSV(context.Background(), &Neo4jSource{Q: s, PageSize: 7}, dir); err != nil {
		t.Fatal(err)
	}
	wipe(t, s)
	importCSV(t, s, dir)
	got := fingerprintOf(t, s)
	if d := want.diff(got); d != "" {
		t.Fatalf("CSV round trip: %s", d)
	}
	t.Logf("round trip: %v nodes, %v relationships, checksum %s", want.Nodes, want.Rels, want.Sum[:12])
}

// importCSV reads the files as neo4j-admin would: :ID, :LABEL, :START_ID,
// :END_ID, :TYPE and name:type columns, lists split on ArrayDelimiter. The
// files are served over HTTP on the loopback interface, since the server
// reads file URLs only from its own import folder.
func importCSV(t *testing.T, s *neo4jstore.Store, dir string) {
	t.Helper()
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"

	run := func(q string, params map[string]any) {
		t.Helper()
		if _, _, err := s.Query(ctx, q, params); err != nil {
			t.Fatalf("%s\n: %v", q, err)
		}
	}
	run(`CREATE INDEX csv_import_key IF NOT EXISTS FOR (n:CsvImport) ON (n.csv_import_key)`, nil)
	run(`CALL db.awaitIndexes(60)`, nil)
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	sort.Slice(files, func(i, j int) bool { // nodes before relationships
		return strings.Contains(files[i], "nodes_") && !strings.Contains(files[j], "nodes_")
	})
	for _, f := range files {
		header := readHeader(t, f)
		var sets []string
		for i, col := range header {
			if strings.HasPrefix(col, ":") {
				continue
			}
			name, typ, _ := strings.Cut(col, ":")
			sets = append(sets, fmt.Sprintf("x.%s = %s", quoteName(name), convert(fmt.Sprintf("row[%d]", i), typ)))
		}
		set := ""
		if len(sets) > 0 {
			set = "SET " + strings.Join(sets, ", ")
		}
		url := base + filepath.Base(f)
		if strings.Contains(f, "nodes_") {
			run(`LOAD CSV FROM $url AS row WITH row SKIP 1
CREATE (x:CsvImport {csv_import_key: row[0]}) SET x:$(split(row[1], ';')) `+set, map[string]any{"url": url, "d": ArrayDelimiter})
		} else {
			run(`LOAD CSV FROM $url AS row WITH row SKIP 1
MATCH (a:CsvImport {csv_import_key: row[0]}) MATCH (b:CsvImport {csv_import_key: row[1]})
CREATE (a)-[x:$(row[2])]->(b) `+set, map[string]any{"url": url, "d": ArrayDelimiter})
		}
	}
	run(`MATCH (n:CsvImport) REMOVE n:CsvImport, n.csv_import_key`, nil)
	run(`DROP INDEX csv_import_key IF EXISTS`, nil)
}

// convert is the Cypher that reads one CSV field as neo4j-admin's type.
func convert(field, typ string) string {
	var e string
	switch typ {
	case "", "string":
		e = field
	case "long", "int":
		e = "toInteger(" + field + ")"
	case "double", "float":
		e = "toFloat(" + field + ")"
	case "boolean":
		e = "toBoolean(" + field + ")"
	case "string[]":
		e = "split(" + field + ", $d)"
	case "long[]":
		e = "[v IN split(" + field + ", $d) | toInteger(v)]"
	case "double[]":
		e = "[v IN split(" + field + ", $d) | toFloat(v)]"
	default:
		e = field
	}
	return fmt.Sprintf("CASE WHEN %s IS NULL OR %s = '' THEN null ELSE %s END", field, field, e)
}

func readHeader(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := csv.NewReader(bufio.NewReader(f)).Read()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestCypherIdempotentNeo4j runs the exported script twice on an empty
// database: the graph equals the loaded one after the first run and is
// unchanged by the second.
func TestCypherIdempotentNeo4j(t *testing.T) {
	s := openStore(t)
	loadSample(t, s)
	want := fingerprintOf(t, s)
	var script bytes.Buffer
	if err := Cypher(context.Background(), &Neo4jSource{Q: s}, &script); err != nil {
		t.Fatal(err)
	}
	wipe(t, s)
	runScript := func() {
		t.Helper()
		sc := bufio.NewScanner(bytes.NewReader(script.Bytes()))
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "//") {
				continue
			}
			if !strings.HasSuffix(line, ";") {
				t.Fatalf("statement without ';': %.80s", line)
			}
			if _, _, err := s.Query(context.Background(), strings.TrimSuffix(line, ";"), nil); err != nil {
				t.Fatalf("%.200s: %v", line, err)
			}
		}
	}
	runScript()
	once := fingerprintOf(t, s)
	if d := want.diff(once); d != "" {
		t.Fatalf("after one run: %s", d)
	}
	runScript()
	if d := once.diff(fingerprintOf(t, s)); d != "" {
		t.Fatalf("second run changed the graph: %s", d)
	}
}

// TestGraphMLAndJSONLFromNeo4j exports GraphML and JSONL from Neo4j: the
// GraphML parses back with every node and relationship, and the JSONL
// loaded into an empty database gives the same facts and evidence.
func TestGraphMLAndJSONLFromNeo4j(t *testing.T) {
	s := openStore(t)
	loadSample(t, s)
	src := &Neo4jSource{Q: s, PageSize: 5}
	var gml bytes.Buffer
	if err := GraphML(context.Background(), src, &gml); err != nil {
		t.Fatal(err)
	}
	checkGraphML(t, src, gml.Bytes())

	facts := func() string {
		_, rows, err := s.ReadQuery(context.Background(), `MATCH (a:Article)-[:SUPPORTS]->(v:Evidence)
MATCH (x:Entity {id: v.subject})-[r]->(y:Entity {id: v.object}) WHERE type(r) = v.predicate
RETURN a.id, v.subject, v.predicate, v.object, v.evidence, v.confidence, r.article_count ORDER BY a.id, v.subject, v.predicate, v.object`, nil)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	want := facts()
	var out bytes.Buffer
	if err := JSONL(context.Background(), src, &out); err != nil {
		t.Fatal(err)
	}
	wipe(t, s)
	bs, err := jsonl.ReadBatches(bytes.NewReader(out.Bytes()), func(err error) { t.Errorf("exported JSONL: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteBatches(context.Background(), bs); err != nil {
		t.Fatal(err)
	}
	if got := facts(); got != want {
		t.Errorf("facts after the JSONL round trip differ:\n%.600s\nvs\n%.600s", got, want)
	}
}

// TestNeighbourhoodNeo4j restricts the source to Morocco's neighbourhood:
// only those entities, the facts among them, their evidence and the
// articles that mention them.
func TestNeighbourhoodNeo4j(t *testing.T) {
	s := openStore(t)
	loadSample(t, s)
	ctx := context.Background()
	ids, err := Neighbourhood(ctx, s, "المغرب", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 5 || ids[0] != "country:MA" {
		t.Fatalf("neighbourhood = %v", ids)
	}
	if none, err := Neighbourhood(ctx, s, "nowhere at all", 2); err != nil || none != nil {
		t.Errorf("unknown focus: %v, %v", none, err)
	}
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	src := &Neo4jSource{Q: s, PageSize: 3, Only: ids}
	nodes, rels := counts(t, src)
	if nodes[LabelEntity] != len(ids) || nodes[LabelArticle] == 0 || nodes[LabelEvidence] == 0 || rels[TypeSupports] != nodes[LabelEvidence] {
		t.Errorf("nodes %v, rels %v", nodes, rels)
	}
	src.Rels(ctx, func(r Rel) error {
		if r.Start.Label == LabelEntity && (!in[r.Start.ID()] || !in[r.End.ID()]) {
			t.Errorf("fact %s -%s-> %s leaves the neighbourhood", r.Start.ID(), r.Type, r.End.ID())
		}
		return nil
	})
	src.Nodes(ctx, func(n Node) error {
		if ev, ok := EvidenceOf(n); ok && (!in[ev.Subject] || !in[ev.Object]) {
			t.Errorf("evidence of %s -> %s leaves the neighbourhood", ev.Subject, ev.Object)
		}
		return nil
	})
}
