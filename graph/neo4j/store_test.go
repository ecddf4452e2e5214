package neo4j

// Integration tests against a real Neo4j, found through NEO4J_URI (and
// NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). Without NEO4J_URI they
// skip, unless CI=true. Every test wipes the database first, so the tests
// of this package never run in parallel with each other.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgraph/kgraph/graph"
)

func testConfig(tb testing.TB) Config {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("NEO4J_URI is not set and CI=true: integration tests need a Neo4j")
		}
		tb.Skip("NEO4J_URI not set; skipping Neo4j integration test")
	}
	return Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// openClean opens a Store on an empty database with the schema in place.
func openClean(tb testing.TB) *Store {
	tb.Helper()
	ctx := context.Background()
	s, err := Open(ctx, testConfig(tb))
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { s.Close(context.Background()) })
	wipe(tb, s)
	if err := s.CreateSchema(ctx); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	return s
}

func wipe(tb testing.TB, s *Store) {
	tb.Helper()
	// In chunks, so a large benchmark graph does not need one huge transaction.
	for {
		_, rows, err := s.Query(context.Background(), `
MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)`, nil)
		if err != nil {
			tb.Fatalf("wipe: %v", err)
		}
		if rows[0][0].(int64) == 0 {
			return
		}
	}
}

// query runs cypher and returns its rows, failing the test on error.
func query(tb testing.TB, s *Store, cypher string, params map[string]any) [][]any {
	tb.Helper()
	_, rows, err := s.Query(context.Background(), cypher, params)
	if err != nil {
		tb.Fatalf("query %q: %v", cypher, err)
	}
	return rows
}

func scalar(tb testing.TB, s *Store, cypher string, params map[string]any) any {
	tb.Helper()
	rows := query(tb, s, cypher, params)
	if len(rows) != 1 || len(rows[0]) != 1 {
		tb.Fatalf("query %q: want one value, got %v", cypher, rows)
	}
	return rows[0][0]
}

// snapshot renders every node and relationship with all properties, in a
// stable order, so two states of the graph can be compared exactly.
func snapshot(tb testing.TB, s *Store) []string {
	tb.Helper()
	var out []string
	for _, r := range query(tb, s, `MATCH (n) RETURN labels(n), properties(n)`, nil) {
		labels := fmt.Sprint(r[0])
		out = append(out, "node "+labels+" "+fmt.Sprint(r[1]))
	}
	for _, r := range query(tb, s, `MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.name), type(r), coalesce(b.id, b.name), properties(r)`, nil) {
		out = append(out, fmt.Sprintf("rel %v-%v->%v %v", r[0], r[1], r[2], r[3]))
	}
	sort.Strings(out)
	return out
}

func counts(tb testing.TB, s *Store) Counts {
	tb.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		tb.Fatalf("counts: %v", err)
	}
	return c
}

// Fixtures in the shape of the exchange format; names borrowed from the
// kind of news the project reads, facts made up for the tests.
func ent(id, typ, name, ar string, aliases []string, article string, texts ...string) graph.Entity {
	e := graph.Entity{ID: id, Type: typ, Name: name, NameEN: name, NameAR: ar, Aliases: aliases}
	for i, t := range texts {
		e.Mentions = append(e.Mentions, graph.Mention{Article: article, Start: 10 * i, End: 10*i + len([]rune(t)), Text: t})
	}
	return e
}

func rel(s, p, o, article, evidence string, conf float64) graph.Relation {
	return graph.Relation{Subject: s, Predicate: p, Object: o, Article: article, Evidence: evidence, Confidence: conf}
}

func articleA() graph.Batch {
	const id = "art-a"
	return graph.Batch{
		Article: graph.Article{ID: id, Title: "اجتماع مجموعة التركيز", Source: "test", Published: "2022-05-11", Lang: "ar", SHA256: "sha-a1"},
		Entities: []graph.Entity{
			ent("country:MA", graph.TypeCountry, "Morocco", "المغرب", []string{"المملكة"}, id, "المغرب", "المملكة"),
			ent("country:US", graph.TypeCountry, "United States", "الولايات المتحدة", nil, id, "الولايات المتحدة الأميركية"),
			ent("org:afg", graph.TypeOrganization, "Africa Focus Group", "مجموعة التركيز الإفريقي", nil, id, "مجموعة التركيز الإفريقي"),
			ent("org:coalition", graph.TypeOrganization, "Global Coalition", "التحالف الدولي", nil, id, "التحالف الدولي"),
			ent("city:marrakech", graph.TypeCity, "Marrakech", "مراكش", nil, id, "مراكش"),
			ent("event:meeting", graph.TypeEvent, "Ministerial Meeting", "الاجتماع الوزاري", nil, id, "الاجتماع الوزاري"),
		},
		Relations: []graph.Relation{
			rel("country:MA", graph.CoChairs, "org:afg", id, "المغرب يرأس بشكل مشترك المجموعة", 0.9),
			rel("country:US", graph.CoChairs, "org:afg", id, "والولايات المتحدة رئيسا مشتركا", 0.8),
			rel("event:meeting", graph.HeldIn, "city:marrakech", id, "انعقد في مراكش", 0.95),
		},
		Attributes: []graph.Attribute{
			{Subject: "org:coalition", Name: graph.AttrMemberCount, Value: "84", Article: id, Evidence: "يضم 84 عضوا", Confidence: 0.9},
		},
	}
}

func articleB() graph.Batch {
	const id = "art-b"
	return graph.Batch{
		Article: graph.Article{ID: id, Title: "Niamey meeting", Source: "test", Published: "2022-12-05", Lang: "en", SHA256: "sha-b1"},
		Entities: []graph.Entity{
			ent("country:MA", graph.TypeCountry, "Morocco", "المغرب", nil, id, "Morocco"),
			ent("country:NE", graph.TypeCountry, "Niger", "النيجر", nil, id, "Niger"),
			ent("city:niamey", graph.TypeCity, "Niamey", "نيامي", nil, id, "Niamey"),
			ent("org:afg", graph.TypeOrganization, "Africa Focus Group", "", []string{"AFG"}, id, "Africa Focus Group"),
			ent("org:coalition", graph.TypeOrganization, "Global Coalition", "", nil, id, "the coalition"),
		},
		Relations: []graph.Relation{
			rel("country:MA", graph.CoChairs, "org:afg", id, "Morocco co-chairs the Africa Focus Group.", 0.7),
			rel("city:niamey", graph.LocatedIn, "country:NE", id, "Niamey, Niger", 0.99),
		},
		Attributes: []graph.Attribute{
			{Subject: "org:coalition", Name: graph.AttrMemberCount, Value: "85", Article: id, Evidence: "the coalition's 85 members", Confidence: 0.8},
		},
	}
}

func mustWrite(tb testing.TB, s *Store, bs ...graph.Batch) WriteStats {
	tb.Helper()
	st, err := s.WriteBatches(context.Background(), bs)
	if err != nil {
		tb.Fatalf("write: %v", err)
	}
	return st
}

// relProvenance returns the evidence of one fact, by article id, and its
// best confidence, or ok=false. It checks that the fact's aggregates agree
// with its evidence nodes.
func relProvenance(tb testing.TB, s *Store, subj, pred, obj string) (articles, evidence []any, conf float64, ok bool) {
	tb.Helper()
	rows := query(tb, s, `
MATCH (:Entity {id: $s})-[r:$($p)]->(:Entity {id: $o})
RETURN r.article_count, r.confidence, r.first_seen, r.last_seen`, map[string]any{"s": subj, "p": pred, "o": obj})
	evs := query(tb, s, `
MATCH (a:Article)-[:SUPPORTS]->(v:Evidence {subject: $s, predicate: $p, object: $o})
RETURN v.article, v.evidence, v.confidence, a.published ORDER BY v.article`, map[string]any{"s": subj, "p": pred, "o": obj})
	if len(rows) == 0 {
		if len(evs) > 0 {
			tb.Fatalf("%s-%s->%s: no relationship but %d evidence nodes", subj, pred, obj, len(evs))
		}
		return nil, nil, 0, false
	}
	if len(rows) > 1 {
		tb.Fatalf("%s-%s->%s: %d relationships, want one", subj, pred, obj, len(rows))
	}
	best, first, last := 0.0, "", ""
	for _, e := range evs {
		articles = append(articles, e[0])
		evidence = append(evidence, e[1])
		best = max(best, e[2].(float64))
		if p, _ := e[3].(string); p != "" {
			if first == "" || p < first {
				first = p
			}
			last = max(last, p)
		}
	}
	r := rows[0]
	if r[0] != int64(len(evs)) || r[1] != best || fmt.Sprint(r[2]) != fmt.Sprint(orNil(first)) || fmt.Sprint(r[3]) != fmt.Sprint(orNil(last)) {
		tb.Fatalf("%s-%s->%s: aggregates %v disagree with evidence %v", subj, pred, obj, r, evs)
	}
	return articles, evidence, r[1].(float64), true
}

func TestLoadTwiceIsIdempotent(t *testing.T) {
	s := openClean(t)
	st := mustWrite(t, s, articleA(), articleB())
	if st.Articles != 2 || st.Unchanged != 0 || st.Relations != 5 || st.Attributes != 2 || st.Entities != 11 {
		t.Errorf("first load stats = %+v", st)
	}
	c1, snap1 := counts(t, s), snapshot(t, s)
	if c1.Labels["Article"] != 2 || c1.Labels["Entity"] != 8 || c1.Types["CO_CHAIRS"] != 2 || c1.Types["STATES"] != 2 {
		t.Fatalf("first load counts: %v", c1)
	}

	st = mustWrite(t, s, articleA(), articleB())
	if st.Articles != 0 || st.Unchanged != 2 {
		t.Errorf("second load stats = %+v, want 2 unchanged and nothing written", st)
	}
	if err := s.Write(context.Background(), articleA()); err != nil {
		t.Fatal(err)
	}
	if c2 := counts(t, s); !reflect.DeepEqual(c1, c2) {
		t.Errorf("counts changed on reload:\n first %v\nsecond %v", c1, c2)
	}
	if snap2 := snapshot(t, s); !reflect.DeepEqual(snap1, snap2) {
		t.Errorf("properties changed on reload:\n first %v\nsecond %v", snap1, snap2)
	}

	// The entity node is derived from both articles.
	row := query(t, s, `MATCH (e:Entity:Organization {id: 'org:afg'}) RETURN e.name, e.name_ar, e.aliases, e.type`, nil)[0]
	if row[0] != "Africa Focus Group" || row[1] != "مجموعة التركيز الإفريقي" || row[3] != "Organization" {
		t.Errorf("org:afg = %v", row)
	}
	if got, want := row[2], []any{"AFG", "Africa Focus Group", "مجموعة التركيز الإفريقي"}; !reflect.DeepEqual(got, want) {
		t.Errorf("org:afg aliases = %v, want %v", got, want)
	}
	arts, _, conf, ok := relProvenance(t, s, "country:MA", graph.CoChairs, "org:afg")
	if !ok || !reflect.DeepEqual(arts, []any{"art-a", "art-b"}) || conf != 0.9 {
		t.Errorf("MA CO_CHAIRS afg: articles %v confidence %v", arts, conf)
	}
	if got := scalar(t, s, `MATCH (a:Article {id:'art-a'})-[m:MENTIONS]->(:Entity {id:'country:MA'}) RETURN m.count`, nil); got != int64(2) {
		t.Errorf("MENTIONS count = %v, want 2", got)
	}
}

func TestChangedArticleReplacesItsFacts(t *testing.T) {
	s := openClean(t)
	mustWrite(t, s, articleA(), articleB())

	changed := articleA()
	changed.Article.SHA256 = "sha-a2"
	changed.Entities = []graph.Entity{
		ent("country:MA", graph.TypeCountry, "Morocco", "المغرب", nil, "art-a", "المغرب"),
		ent("country:IT", graph.TypeCountry, "Italy", "إيطاليا", nil, "art-a", "إيطاليا"),
		ent("org:afg", graph.TypeOrganization, "Africa Focus Group", "مجموعة التركيز الإفريقي", nil, "art-a", "المجموعة"),
	}
	changed.Relations = []graph.Relation{
		rel("country:MA", graph.CoChairs, "org:afg", "art-a", "جملة جديدة", 0.6),
		rel("country:IT", graph.CoChairs, "org:afg", "art-a", "وإيطاليا", 0.85),
	}
	changed.Attributes = nil
	st := mustWrite(t, s, changed)
	if st.Articles != 1 || st.Unchanged != 0 {
		t.Fatalf("stats = %+v, want the changed article written", st)
	}

	if _, _, _, ok := relProvenance(t, s, "country:US", graph.CoChairs, "org:afg"); ok {
		t.Error("US CO_CHAIRS afg survived although only the old version said it")
	}
	if n := scalar(t, s, `MATCH (e:Entity) WHERE e.id IN ['country:US', 'city:marrakech', 'event:meeting'] RETURN count(e)`, nil); n != int64(0) {
		t.Errorf("%v entities only the old version mentioned are still there", n)
	}
	if _, _, _, ok := relProvenance(t, s, "country:IT", graph.CoChairs, "org:afg"); !ok {
		t.Error("new fact IT CO_CHAIRS afg missing")
	}
	arts, ev, conf, _ := relProvenance(t, s, "country:MA", graph.CoChairs, "org:afg")
	if !reflect.DeepEqual(arts, []any{"art-a", "art-b"}) || ev[0] != "جملة جديدة" || conf != 0.7 {
		t.Errorf("shared fact: articles %v evidence %v confidence %v", arts, ev, conf)
	}
	// The alias only the old version gave is gone; the other article's stays.
	aliases := scalar(t, s, `MATCH (e:Entity {id:'country:MA'}) RETURN e.aliases`, nil)
	if got, want := aliases, []any{"Morocco", "المغرب"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Morocco aliases = %v, want %v", got, want)
	}
	// The old version's member count is gone; the node shows the one left.
	if got := scalar(t, s, `MATCH (e:Entity {id:'org:coalition'}) RETURN e.member_count`, nil); got != "85" {
		t.Errorf("member_count = %v, want 85", got)
	}
	if got := query(t, s, `MATCH (:Article {id:'art-a'})-[r]->() RETURN type(r), count(r) ORDER BY type(r)`, nil); !reflect.DeepEqual(got, [][]any{{"MENTIONS", int64(3)}, {"SUPPORTS", int64(2)}}) {
		t.Errorf("art-a has %v relationships, want 3 MENTIONS and 2 SUPPORTS", got)
	}
}

func TestRetractKeepsSharedFacts(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	mustWrite(t, s, articleA(), articleB())

	if err := s.Retract(ctx, []string{"art-a", "no-such-article"}); err != nil {
		t.Fatalf("retract: %v", err)
	}
	if n := scalar(t, s, `MATCH (a:Article {id:'art-a'}) RETURN count(a)`, nil); n != int64(0) {
		t.Error("retracted article node still there")
	}
	arts, ev, conf, ok := relProvenance(t, s, "country:MA", graph.CoChairs, "org:afg")
	if !ok || !reflect.DeepEqual(arts, []any{"art-b"}) || len(ev) != 1 || conf != 0.7 {
		t.Errorf("shared fact after retract: ok=%v articles %v evidence %v confidence %v", ok, arts, ev, conf)
	}
	for _, f := range [][3]string{{"country:US", graph.CoChairs, "org:afg"}, {"event:meeting", graph.HeldIn, "city:marrakech"}} {
		if _, _, _, ok := relProvenance(t, s, f[0], f[1], f[2]); ok {
			t.Errorf("%v survived the retract", f)
		}
	}
	if got := scalar(t, s, `MATCH (e:Entity) RETURN count(e)`, nil); got != int64(5) {
		t.Errorf("entities after retract = %v, want 5 (those art-b mentions)", got)
	}
	row := query(t, s, `MATCH (e:Entity {id:'country:MA'}) RETURN e.aliases, e.name_ar`, nil)[0]
	if !reflect.DeepEqual(row[0], []any{"Morocco"}) || row[1] != "المغرب" {
		t.Errorf("Morocco after retract: aliases %v name_ar %v; want no alias from the retracted article", row[0], row[1])
	}
	if got := scalar(t, s, `MATCH (e:Entity {id:'org:coalition'}) RETURN e.member_count`, nil); got != "85" {
		t.Errorf("member_count = %v, want 85", got)
	}

	if err := s.Retract(ctx, []string{"art-b"}); err != nil {
		t.Fatalf("retract: %v", err)
	}
	if c := counts(t, s); c.Nodes != 0 || c.Relationships != 0 {
		t.Errorf("graph not empty after retracting every article: %v", c)
	}
}

func TestConflictingAttributeValuesKeptWithTheirArticles(t *testing.T) {
	for _, order := range []string{"older first", "newer first"} {
		t.Run(order, func(t *testing.T) {
			s := openClean(t)
			if order == "older first" {
				mustWrite(t, s, articleA())
				mustWrite(t, s, articleB())
			} else {
				mustWrite(t, s, articleB())
				mustWrite(t, s, articleA())
			}
			rows := query(t, s, `
MATCH (a:Article)-[s:STATES {name: 'member_count'}]->(:Entity {id: 'org:coalition'})
RETURN a.id, s.value, s.evidence ORDER BY a.id`, nil)
			want := [][]any{{"art-a", "84", "يضم 84 عضوا"}, {"art-b", "85", "the coalition's 85 members"}}
			if !reflect.DeepEqual(rows, want) {
				t.Errorf("STATES = %v, want %v", rows, want)
			}
			if got := scalar(t, s, `MATCH (e:Entity {id:'org:coalition'}) RETURN e.member_count`, nil); got != "85" {
				t.Errorf("member_count = %v, want 85 from the later article", got)
			}
			if err := s.Retract(context.Background(), []string{"art-b"}); err != nil {
				t.Fatal(err)
			}
			if got := scalar(t, s, `MATCH (e:Entity {id:'org:coalition'}) RETURN e.member_count`, nil); got != "84" {
				t.Errorf("member_count after retracting the later article = %v, want 84", got)
			}
		})
	}
}

func TestUnknownRelationshipTypeRejected(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	bad := articleB()
	bad.Article.ID = "art-bad"
	bad.Relations = append(bad.Relations, rel("country:MA", "LIKES]->() DETACH DELETE (x) //", "org:afg", "art-bad", "x", 1))

	err := s.Write(ctx, bad)
	if !errors.Is(err, graph.ErrUnknownPredicate) {
		t.Fatalf("Write = %v, want ErrUnknownPredicate", err)
	}
	if c := counts(t, s); c.Nodes != 0 || c.Relationships != 0 {
		t.Fatalf("something was written for a rejected batch: %v", c)
	}

	badType := articleA()
	badType.Article.ID = "art-badtype"
	badType.Entities[0].Type = "Country:Admin"
	st, err := s.WriteBatches(ctx, []graph.Batch{articleA(), bad, badType})
	var ae *ArticleError
	if !errors.As(err, &ae) || !errors.Is(err, graph.ErrUnknownPredicate) || !errors.Is(err, graph.ErrUnknownType) {
		t.Fatalf("WriteBatches error = %v, want both rejections", err)
	}
	if st.Articles != 1 || st.Rejected != 2 {
		t.Errorf("stats = %+v, want 1 written, 2 rejected", st)
	}
	if got := query(t, s, `MATCH (a:Article) RETURN a.id`, nil); !reflect.DeepEqual(got, [][]any{{"art-a"}}) {
		t.Errorf("articles = %v, want only art-a", got)
	}
	if got := scalar(t, s, `MATCH ()-[r]->() WHERE NOT type(r) IN $known RETURN count(r)`,
		map[string]any{"known": append([]string{"MENTIONS", "STATES", "SUPPORTS"}, graph.Predicates...)}); got != int64(0) {
		t.Errorf("%v relationships of unknown type", got)
	}
}

func TestEntityRetypedByNewerArticle(t *testing.T) {
	s := openClean(t)
	a := articleA()
	mustWrite(t, s, a)
	a.Article.SHA256 = "sha-a2"
	for i := range a.Entities {
		if a.Entities[i].ID == "city:marrakech" {
			a.Entities[i].Type = graph.TypeLocation
		}
	}
	mustWrite(t, s, a)
	row := query(t, s, `MATCH (e:Entity {id:'city:marrakech'}) RETURN labels(e), e.type`, nil)[0]
	labels := fmt.Sprint(row[0])
	if row[1] != "Location" || !strings.Contains(labels, "Location") || strings.Contains(labels, "City") {
		t.Errorf("retyped entity: labels %v type %v", row[0], row[1])
	}
}

func TestReadHelpers(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	mustWrite(t, s, articleA(), articleB())
	other := articleB()
	other.Article.ID, other.Article.Source, other.Article.SHA256 = "art-c", "elsewhere", "sha-c"
	mustWrite(t, s, other)

	hashes, err := s.ArticleHashes(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"art-a": "sha-a1", "art-b": "sha-b1"}; !reflect.DeepEqual(hashes, want) {
		t.Errorf("ArticleHashes(test) = %v, want %v", hashes, want)
	}
	if all, _ := s.ArticleHashes(ctx, ""); len(all) != 3 {
		t.Errorf("ArticleHashes(\"\") = %v, want 3", all)
	}

	es, err := s.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 8 {
		t.Fatalf("Entities = %d, want 8", len(es))
	}
	var ma graph.Entity
	for _, e := range es {
		if e.ID == "country:MA" {
			ma = e
		}
	}
	if ma.Type != graph.TypeCountry || ma.NameAR != "المغرب" || ma.NameEN != "Morocco" || len(ma.Aliases) != 3 {
		t.Errorf("country:MA = %+v", ma)
	}

	keys, rows, err := s.Query(ctx, `MATCH (c:Country)-[r:CO_CHAIRS]->(o:Organization {id: $org}) RETURN c.name AS country, r ORDER BY country`, map[string]any{"org": "org:afg"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(keys, []string{"country", "r"}) || len(rows) != 2 || rows[0][0] != "Morocco" {
		t.Fatalf("Query = %v %v", keys, rows)
	}
	if r, ok := rows[0][1].(map[string]any); !ok || r["type"] != "CO_CHAIRS" {
		t.Errorf("relationship value = %#v, want a plain map", rows[0][1])
	}
	if v := scalar(t, s, `MATCH (a:Article {id: 'art-a'}) RETURN a.loaded_at`, nil); !strings.HasPrefix(fmt.Sprint(v), "20") {
		t.Errorf("loaded_at = %v, want an ISO datetime", v)
	}

	// The fulltext index finds an entity by an alias.
	hits := query(t, s, `CALL db.index.fulltext.queryNodes('entity_names', 'AFG') YIELD node RETURN node.id`, nil)
	if len(hits) == 0 || hits[0][0] != "org:afg" {
		t.Errorf("fulltext AFG = %v", hits)
	}
}

func TestLock(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	acquire := func(owner string, ttl time.Duration) bool {
		t.Helper()
		ok, err := s.AcquireLock(ctx, "sync:test", owner, ttl)
		if err != nil {
			t.Fatalf("acquire %s: %v", owner, err)
		}
		return ok
	}
	if !acquire("run-1", time.Minute) {
		t.Fatal("free lock not acquired")
	}
	if acquire("run-2", time.Minute) {
		t.Fatal("held lock acquired by another owner")
	}
	if !acquire("run-1", time.Minute) {
		t.Fatal("owner could not re-acquire its own lock")
	}
	if err := s.RefreshLock(ctx, "sync:test", "run-2", time.Minute); !errors.Is(err, ErrLockLost) {
		t.Errorf("refresh by non-owner = %v, want ErrLockLost", err)
	}
	if err := s.ReleaseLock(ctx, "sync:test", "run-2"); err != nil {
		t.Errorf("release by non-owner: %v", err)
	}
	if acquire("run-2", time.Minute) {
		t.Fatal("release by a non-owner freed the lock")
	}

	// A crashed run's lock expires.
	if !acquire("run-1", 300*time.Millisecond) {
		t.Fatal("owner could not shorten its lock")
	}
	if err := s.RefreshLock(ctx, "sync:test", "run-1", 300*time.Millisecond); err != nil {
		t.Fatalf("refresh: %v", err)
	}
	time.Sleep(700 * time.Millisecond)
	if !acquire("run-2", time.Minute) {
		t.Fatal("expired lock not taken over")
	}
	if err := s.RefreshLock(ctx, "sync:test", "run-1", time.Minute); !errors.Is(err, ErrLockLost) {
		t.Errorf("refresh of a lost lock = %v, want ErrLockLost", err)
	}
	if err := s.ReleaseLock(ctx, "sync:test", "run-2"); err != nil {
		t.Fatal(err)
	}
	if !acquire("run-1", time.Minute) {
		t.Fatal("released lock not acquired")
	}
	if err := s.ReleaseLock(ctx, "sync:test", "run-1"); err != nil {
		t.Fatal(err)
	}

	// Racing runs: exactly one wins.
	const racers = 6
	var wg sync.WaitGroup
	wins := make(chan string, racers)
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprintf("racer-%d", i)
			ok, err := s.AcquireLock(ctx, "sync:race", owner, time.Minute)
			if err != nil {
				t.Errorf("acquire %s: %v", owner, err)
			}
			if ok {
				wins <- owner
			}
		}()
	}
	wg.Wait()
	close(wins)
	var winners []string
	for w := range wins {
		winners = append(winners, w)
	}
	if len(winners) != 1 {
		t.Errorf("racing acquires: winners %v, want exactly one", winners)
	}
	if n := scalar(t, s, `MATCH (l:KgraphLock {name: 'sync:race'}) RETURN count(l)`, nil); n != int64(1) {
		t.Errorf("%v lock nodes for one name", n)
	}
}

func TestOpenErrors(t *testing.T) {
	cfg := testConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	down := cfg
	down.URI = "bolt://127.0.0.1:1"
	down.Password = "pw-that-must-not-leak"
	if _, err := Open(ctx, down); !errors.Is(err, ErrUnavailable) || strings.Contains(err.Error(), down.Password) {
		t.Errorf("Open(closed port) = %v, want ErrUnavailable without the password", err)
	}

	if _, err := Open(ctx, Config{URI: "ftp://127.0.0.1"}); err == nil || errors.Is(err, ErrUnavailable) {
		t.Errorf("Open(bad scheme) = %v, want a configuration error", err)
	}

	wrong := cfg
	wrong.Username, wrong.Password = "neo4j", "wrong-password-xyz"
	s, err := Open(ctx, wrong)
	if err == nil {
		s.Close(ctx)
		t.Skip("server has auth disabled; cannot test a wrong password")
	}
	if !errors.Is(err, ErrAuth) || strings.Contains(err.Error(), wrong.Password) {
		t.Errorf("Open(wrong password) = %v, want ErrAuth without the password", err)
	}
}

// The neo4j:// scheme goes through the driver's routing; a single server
// answers the routing request itself.
func TestRoutingScheme(t *testing.T) {
	cfg := testConfig(t)
	u, ok := strings.CutPrefix(cfg.URI, "bolt://")
	if !ok {
		t.Skipf("NEO4J_URI %q is not bolt://", cfg.URI)
	}
	openClean(t)
	cfg.URI = "neo4j://" + u
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open %s: %v", cfg.URI, err)
	}
	defer s.Close(ctx)
	mustWrite(t, s, articleB())
	if got := scalar(t, s, `MATCH (a:Article) RETURN count(a)`, nil); got != int64(1) {
		t.Errorf("articles via neo4j:// = %v", got)
	}
}

// The example queries of MODEL.md must run on the model as written.
func TestModelExampleQueries(t *testing.T) {
	s := openClean(t)
	mustWrite(t, s, articleA(), articleB())
	doc, err := os.ReadFile("MODEL.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(doc), "```cypher\n")
	block, _, _ = strings.Cut(block, "```")
	var stmts []string
	for _, st := range strings.Split(block, ";") {
		if strings.TrimSpace(st) != "" {
			stmts = append(stmts, st)
		}
	}
	if len(stmts) < 4 {
		t.Fatalf("found %d example queries in MODEL.md", len(stmts))
	}
	for i, st := range stmts {
		rows := query(t, s, st, map[string]any{"id": "art-a"})
		if len(rows) == 0 {
			t.Errorf("example %d returned nothing:%s", i+1, st)
		}
	}
}

// Two sources may use the same article id; each keeps its own article, and
// retracting one leaves the other.
func TestArticleIdentityIsSourceAndID(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	a, b := articleB(), articleB()
	a.Article.Source, b.Article.Source = "feedA", "feedB"
	b.Article.SHA256 = "sha-other"
	mustWrite(t, s, a)
	if st := mustWrite(t, s, b); st.Articles != 1 || st.Unchanged != 0 {
		t.Fatalf("second source's article: %+v, want it written", st)
	}
	if st := mustWrite(t, s, a, b); st.Unchanged != 2 {
		t.Errorf("reload of both: %+v, want both unchanged", st)
	}
	if got := scalar(t, s, `MATCH (a:Article {id: 'art-b'}) RETURN count(a)`, nil); got != int64(2) {
		t.Fatalf("articles art-b = %v, want one per source", got)
	}
	arts, _, _, _ := relProvenance(t, s, "country:MA", graph.CoChairs, "org:afg")
	if len(arts) != 2 {
		t.Errorf("evidence of a fact both state = %v, want one per source", arts)
	}
	if err := s.RetractFrom(ctx, "feedA", []string{"art-b"}); err != nil {
		t.Fatal(err)
	}
	if got := query(t, s, `MATCH (a:Article) RETURN a.source`, nil); !reflect.DeepEqual(got, [][]any{{"feedB"}}) {
		t.Errorf("after retracting feedA/art-b: articles %v, want feedB's only", got)
	}
	arts, _, _, ok := relProvenance(t, s, "country:MA", graph.CoChairs, "org:afg")
	if !ok || len(arts) != 1 {
		t.Errorf("fact after retracting one source: %v %v", ok, arts)
	}
	if hashes, _ := s.ArticleHashes(ctx, "feedB"); hashes["art-b"] != "sha-other" {
		t.Errorf("ArticleHashes(feedB) = %v", hashes)
	}
}

// The graph does not depend on the order articles were loaded in, nor on
// whether they shared a transaction.
func TestLoadOrderDoesNotMatter(t *testing.T) {
	s := openClean(t)
	c := articleA()
	c.Article.ID, c.Article.SHA256, c.Article.Published = "art-c", "sha-c", "2023-01-02"
	c.Entities[0].NameEN, c.Entities[0].Name = "Kingdom of Morocco", "Kingdom of Morocco"
	c.Attributes[0].Value = "86"
	orders := [][][]graph.Batch{
		{{articleA()}, {articleB()}, {c}},
		{{c}, {articleB()}, {articleA()}},
		{{articleB(), c, articleA()}},
	}
	var want []string
	for i, order := range orders {
		wipe(t, s)
		for _, group := range order {
			mustWrite(t, s, group...)
		}
		got := withoutLoadedAt(snapshot(t, s))
		if i == 0 {
			want = got
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("order %d gives another graph:\n got %v\nwant %v", i, got, want)
		}
	}
	row := query(t, s, `MATCH (e:Entity {id: 'country:MA'}) RETURN e.name, e.alias_counts, e.aliases`, nil)[0]
	if row[0] != "Kingdom of Morocco" {
		t.Errorf("name = %v, want the latest article's", row[0])
	}
	if got := scalar(t, s, `MATCH (e:Entity {id:'org:coalition'}) RETURN e.member_count`, nil); got != "86" {
		t.Errorf("member_count = %v, want 86 from the latest article", got)
	}
	// Retracting the latest article brings back the next one's name.
	if err := s.Retract(context.Background(), []string{"art-c"}); err != nil {
		t.Fatal(err)
	}
	if got := scalar(t, s, `MATCH (e:Entity {id: 'country:MA'}) RETURN e.name`, nil); got != "Morocco" {
		t.Errorf("name after retracting the latest article = %v, want Morocco", got)
	}
}

func withoutLoadedAt(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if i := strings.Index(l, "loaded_at:"); i >= 0 {
			j := strings.IndexAny(l[i:], " ]")
			l = l[:i] + l[i+j:]
		}
		out = append(out, l)
	}
	return out
}
