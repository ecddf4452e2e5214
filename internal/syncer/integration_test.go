package syncer_test

// Integration tests against a real Neo4j, found through NEO4J_URI (and
// NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). Without NEO4J_URI they
// skip, unless CI=true.
//
// Every test empties the database first, because "the graph equals a clean
// single run's" can only be checked on a graph nothing else writes to. Neo4j
// Community has one database, so packages whose tests share it must not run
// at the same time: scripts/test runs `go test -p 1`.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/extract/source"
	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/syncer"
)

var (
	_ syncer.Store  = (*neo4j.Store)(nil)
	_ syncer.Locker = (*neo4j.Store)(nil)
)

func neo4jConfig(tb testing.TB) neo4j.Config {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("NEO4J_URI is not set and CI=true: integration tests need a Neo4j")
		}
		tb.Skip("NEO4J_URI not set; skipping Neo4j integration test")
	}
	return neo4j.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// openEmpty opens a Store on an emptied database with the schema in place.
func openEmpty(tb testing.TB) *neo4j.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := neo4j.Open(ctx, neo4jConfig(tb))
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { st.Close(context.Background()) })
	empty(tb, st)
	return st
}

func empty(tb testing.TB, st *neo4j.Store) {
	tb.Helper()
	for {
		_, rows, err := st.Query(context.Background(), `MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)`, nil)
		if err != nil {
			tb.Fatalf("empty database: %v", err)
		}
		if rows[0][0].(int64) == 0 {
			break
		}
	}
	if err := st.CreateSchema(context.Background()); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
}

// --- the corpus: generated from this file's own templates -----------------

type place struct{ id, en, ar, capitalEN, capitalAR string }

var places = []place{
	{"eg", "Egypt", "مصر", "Cairo", "القاهرة"},
	{"ma", "Morocco", "المغرب", "Rabat", "الرباط"},
	{"jo", "Jordan", "الأردن", "Amman", "عمّان"},
	{"qa", "Qatar", "قطر", "Doha", "الدوحة"},
	{"fr", "France", "فرنسا", "Paris", "باريس"},
	{"jp", "Japan", "اليابان", "Tokyo", "طوكيو"},
	{"br", "Brazil", "البرازيل", "Brasília", "برازيليا"},
	{"ke", "Kenya", "كينيا", "Nairobi", "نيروبي"},
}

var orgs = []struct{ id, en, ar string }{
	{"al", "Arab League", "جامعة الدول العربية"},
	{"au", "African Union", "الاتحاد الأفريقي"},
	{"un", "United Nations", "الأمم المتحدة"},
	{"wto", "World Trade Organization", "منظمة التجارة العالمية"},
}

var months = []string{"January", "March", "May", "July", "September", "November"}

// article i of the corpus, in Arabic (even i) or English (odd i), with
// enough numbers in it that every text is distinct.
func articleText(i, version int) string {
	p, q, o := places[i%len(places)], places[(i*3+1)%len(places)], orgs[i%len(orgs)]
	day, month, year := i%27+1, months[i%len(months)], 2020+i%5
	if i%2 == 0 {
		return fmt.Sprintf("عقدت %s اجتماعا في %s عاصمة %s في اليوم %d من الشهر.\n"+
			"وشارك مسؤولون من %s في المحادثات التي جرت في %s.\n"+
			"ويتناول التقرير رقم %d (النسخة %d) التجارة بين %s و%s في عام %d.\n",
			o.ar, p.capitalAR, p.ar, day, q.ar, p.capitalAR, i, version, p.ar, q.ar, year)
	}
	return fmt.Sprintf("The %s held a meeting in %s, the capital of %s, on %d %s %d.\n"+
		"Officials from %s attended the talks in %s.\n"+
		"Report number %d (version %d) covers trade between %s and %s.\n",
		o.en, p.capitalEN, p.en, day, month, year, q.en, p.capitalEN, i, version, p.en, q.en)
}

// writeCorpus writes n articles under dir in the three file formats, in
// nested directories, and returns their paths by article number.
func writeCorpus(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	paths := make([]string, n)
	for i := range n {
		paths[i] = writeArticle(tb, dir, i, articleText(i, 1))
	}
	return paths
}

func writeArticle(tb testing.TB, dir string, i int, text string) string {
	tb.Helper()
	sub := filepath.Join(dir, fmt.Sprintf("batch-%02d", i/100))
	if err := os.MkdirAll(sub, 0o755); err != nil {
		tb.Fatal(err)
	}
	lang := map[bool]string{true: "ar", false: "en"}[i%2 == 0]
	var path, body string
	switch i % 3 {
	case 0:
		path, body = filepath.Join(sub, fmt.Sprintf("art-%04d.txt", i)), text
	case 1:
		path = filepath.Join(sub, fmt.Sprintf("art-%04d.md", i))
		body = fmt.Sprintf("---\nid: art-%04d\ntitle: Report %d\nlang: %s\npublished: 2024-%02d-%02d\n---\n%s", i, i, lang, i%12+1, i%27+1, text)
	default:
		path = filepath.Join(sub, fmt.Sprintf("art-%04d.json", i))
		data, err := json.Marshal(map[string]string{"id": fmt.Sprintf("art-%04d", i), "title": fmt.Sprintf("Report %d", i), "lang": lang, "text": text})
		if err != nil {
			tb.Fatal(err)
		}
		body = string(data)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// templateExtractor knows this file's vocabulary, so the graph gets real
// entities, relations and attributes whatever stage extract.Engine is at:
// capital LOCATED_IN country, country MEMBER_OF organisation, and the
// organisation's member_count, which differs between articles.
type templateExtractor struct{}

func (templateExtractor) Extract(ctx context.Context, a extract.Article) (graph.Batch, error) {
	b := graph.Batch{Article: a.Article}
	var sentences []string
	for _, s := range strings.Split(a.Text, "\n") {
		if s != "" {
			sentences = append(sentences, s)
		}
	}
	evidence := func(name string) string {
		for _, s := range sentences {
			if strings.Contains(s, name) {
				return s
			}
		}
		return ""
	}
	add := func(id, typ, en, ar string) bool {
		name := en
		if a.Lang == "ar" {
			name = ar
		}
		at := strings.Index(a.Text, name)
		if at < 0 {
			return false
		}
		start := utf8.RuneCountInString(a.Text[:at])
		b.Entities = append(b.Entities, graph.Entity{ID: id, Type: typ, Name: en, NameEN: en, NameAR: ar,
			Mentions: []graph.Mention{{Article: a.ID, Start: start, End: start + utf8.RuneCountInString(name), Text: name}}})
		return true
	}
	name := func(en, ar string) string {
		if a.Lang == "ar" {
			return ar
		}
		return en
	}
	var org string
	for _, o := range orgs {
		if add("org:"+o.id, graph.TypeOrganization, o.en, o.ar) {
			org = "org:" + o.id
			b.Attributes = append(b.Attributes, graph.Attribute{Subject: org, Name: graph.AttrMemberCount,
				Value: fmt.Sprint(20 + len(a.Text)%7), Article: a.ID, Evidence: evidence(name(o.en, o.ar)), Confidence: 0.7})
			break
		}
	}
	for _, p := range places {
		country := "country:" + p.id
		if !add(country, graph.TypeCountry, p.en, p.ar) {
			continue
		}
		if org != "" {
			b.Relations = append(b.Relations, graph.Relation{Subject: country, Predicate: graph.MemberOf, Object: org,
				Article: a.ID, Evidence: evidence(name(p.en, p.ar)), Confidence: 0.6})
		}
		if add("city:"+p.id, graph.TypeCity, p.capitalEN, p.capitalAR) {
			b.Relations = append(b.Relations, graph.Relation{Subject: "city:" + p.id, Predicate: graph.LocatedIn, Object: country,
				Article: a.ID, Evidence: evidence(name(p.capitalEN, p.capitalAR)), Confidence: 0.9})
		}
	}
	return b, ctx.Err()
}

// --- running syncs and looking at the graph --------------------------------

type syncRun struct {
	dir, source string
	prune       bool
	wait        time.Duration
	engine      bool // the real extract.Engine instead of templateExtractor
}

func (r syncRun) run(tb testing.TB, st *neo4j.Store) (syncer.Summary, error) {
	tb.Helper()
	s, err := syncer.New(syncer.Options{
		Source:      r.source,
		Store:       st,
		FactCounter: syncer.CypherFactCounter{Q: st, Source: r.source},
		Locker:      st,
		Walk:        source.Walker{Paths: []string{r.dir}, Source: r.source}.Walk,
		NewExtractor: func(ctx context.Context) (extract.Extractor, error) {
			if !r.engine {
				return templateExtractor{}, nil
			}
			x, err := extract.NewEngine()
			if err != nil {
				return nil, err
			}
			entities, err := st.Entities(ctx)
			if err != nil {
				return nil, err
			}
			x.Seed(entities)
			return x, nil
		},
		Prune:    r.prune,
		Wait:     r.wait,
		LockPoll: 50 * time.Millisecond,
		IsFatal:  func(err error) bool { return errors.Is(err, neo4j.ErrUnavailable) || errors.Is(err, neo4j.ErrAuth) },
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s.Run(context.Background())
}

func (r syncRun) mustRun(tb testing.TB, st *neo4j.Store) syncer.Summary {
	tb.Helper()
	sum, err := r.run(tb, st)
	if err != nil {
		tb.Fatalf("sync: %v (failures %v)", err, sum.Failures)
	}
	return sum
}

type counts struct{ New, Changed, Unchanged, Retracted, Failed int }

func countsOf(s syncer.Summary) counts {
	return counts{s.New, s.Changed, s.Unchanged, s.Retracted, s.Failed}
}

// snapshot is the whole graph as sorted canonical lines: every node's
// labels and properties, every relationship's type, end ids and
// properties. Lock nodes are left out (they come and go with runs), and so
// is Article.loaded_at unless withLoadedAt.
type snapshot struct {
	lines []string
	sum   string
}

func takeSnapshot(tb testing.TB, st *neo4j.Store, withLoadedAt bool) snapshot {
	tb.Helper()
	ctx := context.Background()
	var lines []string
	_, nodes, err := st.Query(ctx, `
MATCH (n) WHERE NOT n:KgraphLock
RETURN labels(n) AS labels, properties(n) AS props`, nil)
	if err != nil {
		tb.Fatalf("snapshot nodes: %v", err)
	}
	for _, row := range nodes {
		labels := row[0].([]any)
		slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
		props := row[1].(map[string]any)
		if !withLoadedAt {
			delete(props, "loaded_at")
		}
		lines = append(lines, "node "+canonical(tb, labels)+" "+canonical(tb, props))
	}
	_, rels, err := st.Query(ctx, `
MATCH (a)-[r]->(b)
RETURN type(r), coalesce(a.id, elementId(a)), coalesce(b.id, elementId(b)), properties(r)`, nil)
	if err != nil {
		tb.Fatalf("snapshot relationships: %v", err)
	}
	for _, row := range rels {
		props := row[3].(map[string]any)
		sortProvenance(props)
		lines = append(lines, fmt.Sprintf("rel %v %v->%v %s", row[0], row[1], row[2], canonical(tb, props)))
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return snapshot{lines: lines, sum: hex.EncodeToString(h.Sum(nil))}
}

// sortProvenance puts a relationship's parallel provenance lists (articles,
// evidence, confidences, ...) in article-id order. The loader appends an
// article's entry when it writes it, so the order records which article
// was loaded first; that differs between an incremental and a clean load
// without being a difference in the graph.
func sortProvenance(props map[string]any) {
	articles, ok := props["articles"].([]any)
	if !ok {
		return
	}
	idx := make([]int, len(articles))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(fmt.Sprint(articles[a]), fmt.Sprint(articles[b])) })
	for k, v := range props {
		list, ok := v.([]any)
		if !ok || len(list) != len(articles) {
			continue
		}
		sorted := make([]any, len(list))
		for i, j := range idx {
			sorted[i] = list[j]
		}
		props[k] = sorted
	}
}

func canonical(tb testing.TB, v any) string {
	data, err := json.Marshal(v) // maps marshal with sorted keys
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// diff names the first few lines that differ, for failure messages.
func (s snapshot) diff(o snapshot) string {
	var out []string
	for _, l := range s.lines {
		if !slices.Contains(o.lines, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range o.lines {
		if !slices.Contains(s.lines, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("... and %d more", len(out)-10))
	}
	return fmt.Sprintf("%d vs %d lines\n%s", len(s.lines), len(o.lines), strings.Join(out, "\n"))
}

func mustCounts(tb testing.TB, st *neo4j.Store) neo4j.Counts {
	tb.Helper()
	c, err := st.Counts(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	delete(c.Labels, "KgraphLock")
	return c
}

// --- the tests ---------------------------------------------------------------

func TestSyncUnchangedCorpusWritesNothing(t *testing.T) {
	st := openEmpty(t)
	dir := t.TempDir()
	writeCorpus(t, dir, 1000)
	r := syncRun{dir: dir, source: "it-unchanged", engine: true}

	start := time.Now()
	first := r.mustRun(t, st)
	firstTook := time.Since(start)
	if got := countsOf(first); got != (counts{New: 1000}) {
		t.Fatalf("first sync = %+v, want 1000 new", got)
	}
	before, beforeCounts := takeSnapshot(t, st, true), mustCounts(t, st)
	if beforeCounts.Labels["Article"] != 1000 {
		t.Fatalf("articles in Neo4j = %d, want 1000", beforeCounts.Labels["Article"])
	}

	start = time.Now()
	second := r.mustRun(t, st)
	secondTook := time.Since(start)
	if got := countsOf(second); got != (counts{Unchanged: 1000}) {
		t.Errorf("second sync = %+v, want 1000 unchanged", got)
	}
	if second.FactsAdded != 0 || second.FactsRetracted != 0 {
		t.Errorf("second sync facts +%d -%d, want none", second.FactsAdded, second.FactsRetracted)
	}
	after, afterCounts := takeSnapshot(t, st, true), mustCounts(t, st)
	if after.sum != before.sum {
		t.Errorf("second sync changed the graph (loaded_at included): %s", before.diff(after))
	}
	if afterCounts.String() != beforeCounts.String() {
		t.Errorf("counts changed: %s -> %s", beforeCounts, afterCounts)
	}
	ratio := float64(firstTook) / float64(secondTook)
	t.Logf("1,000 articles: first sync %s, second (unchanged) sync %s: %.0fx faster; graph %s",
		firstTook.Round(time.Millisecond), secondTook.Round(time.Millisecond), ratio, afterCounts)
	// A loose sanity bound only: the figure for the note comes from the log
	// line above, on a quiet machine.
	if ratio < 5 {
		t.Errorf("unchanged sync only %.1fx faster than the first", ratio)
	}
}

func TestSyncEditedFileChangesOnlyItsArticle(t *testing.T) {
	st := openEmpty(t)
	dir := t.TempDir()
	writeCorpus(t, dir, 30)
	r := syncRun{dir: dir, source: "it-edit"}
	r.mustRun(t, st)
	hashes := func() map[string]string {
		h, err := st.ArticleHashes(context.Background(), r.source)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	loadedAt := func() map[string]string {
		_, rows, err := st.Query(context.Background(), `MATCH (a:Article) RETURN a.id, toString(a.loaded_at)`, nil)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, row := range rows {
			m[row[0].(string)] = row[1].(string)
		}
		return m
	}
	hashesBefore, loadedBefore := hashes(), loadedAt()

	// Article 7 now names other places: its facts must move with it.
	edited := strings.NewReplacer("Nairobi", "Doha", "Kenya", "Qatar").Replace(articleText(7, 2))
	if edited == articleText(7, 2) {
		t.Fatal("the edit changes nothing")
	}
	writeArticle(t, dir, 7, edited)

	sum := r.mustRun(t, st)
	if got := countsOf(sum); got != (counts{Changed: 1, Unchanged: 29}) {
		t.Fatalf("sync after edit = %+v, want 1 changed, 29 unchanged", got)
	}
	if sum.FactsAdded == 0 || sum.FactsRetracted == 0 {
		t.Errorf("facts +%d -%d: want the edited article's facts replaced", sum.FactsAdded, sum.FactsRetracted)
	}
	hashesAfter, loadedAfter := hashes(), loadedAt()
	for id, h := range hashesBefore {
		changed := hashesAfter[id] != h || loadedAfter[id] != loadedBefore[id]
		if changed != (id == "art-0007") {
			t.Errorf("article %s: sha256 %s -> %s, loaded_at %s -> %s", id, h, hashesAfter[id], loadedBefore[id], loadedAfter[id])
		}
	}

	// The incrementally updated graph is the graph of the edited corpus.
	got := takeSnapshot(t, st, false)
	empty(t, st)
	r.mustRun(t, st)
	if want := takeSnapshot(t, st, false); got.sum != want.sum {
		t.Errorf("graph after editing and syncing differs from a clean sync of the edited corpus: %s", want.diff(got))
	}
}

func TestSyncPruneRetractsDeletedFile(t *testing.T) {
	st := openEmpty(t)
	dir := t.TempDir()
	paths := writeCorpus(t, dir, 40)
	r := syncRun{dir: dir, source: "it-prune"}
	r.mustRun(t, st)
	// Article 5 and 13 both say Tokyo LOCATED_IN Japan (5 % 8 == 13 % 8).
	shared := func() []any {
		_, rows, err := st.Query(context.Background(),
			`MATCH (:City {id: 'city:jp'})-[r:LOCATED_IN]->(:Country {id: 'country:jp'})
MATCH (v:Evidence {subject: 'city:jp', predicate: 'LOCATED_IN', object: 'country:jp'})
RETURN collect(v.article)`, nil)
		if err != nil || len(rows) != 1 {
			t.Fatalf("shared fact: %v, %d rows", err, len(rows))
		}
		return rows[0][0].([]any)
	}
	if got := shared(); !slices.Contains(got, any("art-0005")) || !slices.Contains(got, any("art-0013")) {
		t.Fatalf("shared fact supported by %v, want art-0005 and art-0013 among them", got)
	}

	if err := os.Remove(paths[5]); err != nil {
		t.Fatal(err)
	}
	without := r
	if sum := without.mustRun(t, st); countsOf(sum) != (counts{Unchanged: 39}) {
		t.Errorf("sync without --prune = %+v, want 39 unchanged and nothing retracted", countsOf(sum))
	}
	r.prune = true
	sum := r.mustRun(t, st)
	if got := countsOf(sum); got != (counts{Unchanged: 39, Retracted: 1}) || !slices.Equal(sum.RetractedIDs, []string{"art-0005"}) {
		t.Fatalf("sync --prune = %+v %v, want art-0005 retracted", got, sum.RetractedIDs)
	}
	if sum.FactsRetracted == 0 {
		t.Error("prune reports no facts retracted")
	}
	if got := shared(); slices.Contains(got, any("art-0005")) || !slices.Contains(got, any("art-0013")) {
		t.Errorf("shared fact supported by %v after prune, want art-0013 and not art-0005", got)
	}
	if h, _ := st.ArticleHashes(context.Background(), r.source); h["art-0005"] != "" || len(h) != 39 {
		t.Errorf("after prune %d articles stored, art-0005 %q", len(h), h["art-0005"])
	}

	got := takeSnapshot(t, st, false)
	empty(t, st)
	r.mustRun(t, st)
	if want := takeSnapshot(t, st, false); got.sum != want.sum {
		t.Errorf("graph after prune differs from a clean sync without the file: %s", want.diff(got))
	}
}

func TestConcurrentSyncs(t *testing.T) {
	tests := []struct {
		name string
		wait time.Duration // of both runs
	}{
		{"no wait: one is locked out", 0},
		{"waiting: one runs after the other", 2 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openEmpty(t)
			dir := t.TempDir()
			writeCorpus(t, dir, 100)
			r := syncRun{dir: dir, source: "it-concurrent", wait: tt.wait}

			var wg sync.WaitGroup
			sums := make([]syncer.Summary, 2)
			errs := make([]error, 2)
			for i := range 2 {
				wg.Go(func() { sums[i], errs[i] = r.run(t, st) })
			}
			wg.Wait()

			var ran, locked int
			for i, err := range errs {
				var le *syncer.LockedError
				switch {
				case err == nil:
					ran++
				case errors.Is(err, syncer.ErrLocked) && errors.As(err, &le) && le.ExitCode() == syncer.ExitLocked:
					locked++
				default:
					t.Errorf("run %d: %v", i, err)
				}
			}
			// Both running is possible only one after the other: then the
			// second found everything unchanged.
			newCounts := []int{sums[0].New, sums[1].New}
			slices.Sort(newCounts)
			switch {
			case tt.wait == 0 && (ran != 1 || locked != 1):
				t.Errorf("ran %d, locked out %d; want one each", ran, locked)
			case tt.wait > 0 && (ran != 2 || !slices.Equal(newCounts, []int{0, 100})):
				t.Errorf("ran %d (new %v); want both, the second finding all 100 unchanged", ran, newCounts)
			}

			got, gotCounts := takeSnapshot(t, st, false), mustCounts(t, st)
			empty(t, st)
			r.mustRun(t, st)
			if want := takeSnapshot(t, st, false); got.sum != want.sum {
				t.Errorf("graph after concurrent syncs differs from a single run's: %s", want.diff(got))
			}
			if wantCounts := mustCounts(t, st); gotCounts.String() != wantCounts.String() {
				t.Errorf("counts %s, single run %s", gotCounts, wantCounts)
			}
		})
	}
}

// buildKgraph builds the kgraph binary once per test binary run.
var buildKgraph = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kgraph-sync-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "kgraph")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/kgraph")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/kgraph: %v\n%s", err, out)
	}
	return bin, nil
})

func kgraphCmd(tb testing.TB, args ...string) *exec.Cmd {
	tb.Helper()
	bin, err := buildKgraph()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "KGRAPH_LOG_FORMAT=json")
	return cmd
}

// runKgraph runs kgraph to the end and returns its exit code and stderr.
func runKgraph(tb testing.TB, args ...string) (int, string) {
	tb.Helper()
	var stderr strings.Builder
	cmd := kgraphCmd(tb, args...)
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), stderr.String()
	case err != nil:
		tb.Fatalf("kgraph %v: %v", args, err)
	}
	return 0, stderr.String()
}

// summaryOf finds the sync summary record in JSON stderr.
func summaryOf(tb testing.TB, stderr string) map[string]any {
	tb.Helper()
	for _, line := range strings.Split(stderr, "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil && rec["msg"] == "sync summary" {
			return rec
		}
	}
	tb.Fatalf("no sync summary in stderr:\n%s", stderr)
	return nil
}

func TestSyncKilledThenRerunEqualsCleanRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the kgraph binary")
	}
	st := openEmpty(t)
	dir := filepath.Join(t.TempDir(), "killed-news")
	const n = 400
	writeCorpus(t, dir, n)
	args := []string{"sync", "--source", "it-killed", "--lock-ttl", "5s", dir}
	articles := func() int64 {
		_, rows, err := st.Query(context.Background(), `MATCH (a:Article {source: 'it-killed'}) RETURN count(a)`, nil)
		if err != nil {
			t.Fatal(err)
		}
		return rows[0][0].(int64)
	}

	// Start a sync and SIGKILL it once it has written some articles.
	cmd := kgraphCmd(t, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for articles() < 10 {
		select {
		case err := <-exited:
			t.Fatalf("sync ended (%v) before it could be killed; the corpus is too small for this machine", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("sync wrote nothing in 2 minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	killedAt := articles()
	if killedAt >= n {
		t.Fatalf("sync had finished (%d articles) when killed", killedAt)
	}
	t.Logf("killed after %d of %d articles", killedAt, n)

	// The dead run's lock is still there until its lease runs out: a run
	// that does not wait is turned away with exit code 4.
	if code, stderr := runKgraph(t, args...); code != syncer.ExitLocked {
		t.Errorf("sync right after the kill: exit %d, want %d (locked)\n%s", code, syncer.ExitLocked, stderr)
	}
	// One that waits gets the expired lock and completes the load.
	code, stderr := runKgraph(t, append([]string{"--wait", "1m"}, args...)...)
	if code != 0 {
		t.Fatalf("sync after the kill: exit %d\n%s", code, stderr)
	}
	sum := summaryOf(t, stderr)
	if int64(sum["new"].(float64)) != n-killedAt || int64(sum["unchanged"].(float64)) != killedAt {
		t.Errorf("rerun summary new=%v unchanged=%v, want %d new and %d unchanged", sum["new"], sum["unchanged"], n-killedAt, killedAt)
	}
	got, gotCounts := takeSnapshot(t, st, false), mustCounts(t, st)

	empty(t, st)
	if code, stderr := runKgraph(t, args...); code != 0 {
		t.Fatalf("clean sync: exit %d\n%s", code, stderr)
	}
	want, wantCounts := takeSnapshot(t, st, false), mustCounts(t, st)
	if gotCounts.String() != wantCounts.String() {
		t.Errorf("counts after kill and rerun %s, clean run %s", gotCounts, wantCounts)
	}
	if got.sum != want.sum {
		t.Errorf("graph after kill and rerun differs from a clean run: %s", want.diff(got))
	}
}
