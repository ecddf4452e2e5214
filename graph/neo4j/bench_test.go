package neo4j

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/kgraph/kgraph/graph"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// generateBatches makes a synthetic corpus from templates: nArticles
// articles, each mentioning nEntities entities drawn from a shared pool (so
// articles overlap, as news does) and stating nRelations relations among
// them, plus one attribute.
func generateBatches(nArticles, nEntities, nRelations int) []graph.Batch {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := make([]graph.Entity, 0, 4*nEntities*10)
	for i := range cap(pool) {
		typ := graph.EntityTypes[i%len(graph.EntityTypes)]
		pool = append(pool, graph.Entity{
			ID: fmt.Sprintf("%s:%04d", typ, i), Type: typ,
			Name: fmt.Sprintf("%s %d", typ, i), NameAR: fmt.Sprintf("كيان %d", i), NameEN: fmt.Sprintf("%s %d", typ, i),
		})
	}
	out := make([]graph.Batch, nArticles)
	for a := range out {
		id := fmt.Sprintf("gen-%05d", a)
		b := graph.Batch{Article: graph.Article{
			ID: id, Title: "Generated " + id, Source: "bench", Lang: "en",
			Published: fmt.Sprintf("2024-%02d-%02d", a%12+1, a%28+1), SHA256: fmt.Sprintf("sha-%d", a),
		}}
		for _, k := range rng.Perm(len(pool))[:nEntities] {
			e := pool[k]
			e.Mentions = []graph.Mention{{Article: id, Start: k, End: k + 5, Text: fmt.Sprintf("name %d", k%7)}}
			b.Entities = append(b.Entities, e)
		}
		for r := range nRelations {
			s, o := b.Entities[r%nEntities], b.Entities[(r+1+rng.IntN(nEntities-1))%nEntities]
			b.Relations = append(b.Relations, graph.Relation{
				Subject: s.ID, Predicate: graph.Predicates[rng.IntN(len(graph.Predicates))], Object: o.ID,
				Article: id, Evidence: fmt.Sprintf("Sentence %d of %s.", r, id), Confidence: 0.5 + rng.Float64()/2,
			})
		}
		b.Attributes = []graph.Attribute{{Subject: b.Entities[0].ID, Name: graph.AttrFounded, Value: fmt.Sprint(1950 + a%70), Article: id}}
		out[a] = b
	}
	return out
}

// naiveLoad is the baseline: the way many loaders write a graph, one row per
// query, each query its own auto-commit transaction. It writes the same
// model but skips the change detection and recomputation WriteBatches does,
// so the comparison flatters it.
func naiveLoad(ctx context.Context, s *Store, bs []graph.Batch) error {
	sess := s.session(ctx, neo4jdriver.AccessModeWrite)
	defer sess.Close(ctx)
	exec := func(q string, p map[string]any) error {
		res, err := sess.Run(ctx, q, p)
		if err != nil {
			return err
		}
		_, err = res.Consume(ctx)
		return err
	}
	for _, b := range bs {
		a := b.Article
		if err := exec(`MERGE (a:Article {id: $id}) SET a.title = $title, a.source = $source, a.published = $published,
a.lang = $lang, a.sha256 = $sha, a.loaded_at = datetime()`, map[string]any{
			"id": a.ID, "title": a.Title, "source": a.Source, "published": a.Published, "lang": a.Lang, "sha": a.SHA256,
		}); err != nil {
			return err
		}
		for _, e := range b.Entities {
			if !graph.IsEntityType(e.Type) {
				return fmt.Errorf("type %q", e.Type)
			}
			if err := exec(fmt.Sprintf(`MERGE (e:Entity {id: $id}) SET e:%s, e.type = $type, e.name = $name,
e.name_ar = $ar, e.name_en = $en`, e.Type), map[string]any{"id": e.ID, "type": e.Type, "name": e.Name, "ar": e.NameAR, "en": e.NameEN}); err != nil {
				return err
			}
			names, spans := mentionForms(e.Mentions, a.ID)
			if err := exec(`MATCH (a:Article {id: $a}), (e:Entity {id: $e}) MERGE (a)-[m:MENTIONS]->(e)
SET m.count = $count, m.names = $names, m.spans = $spans
WITH e SET e.aliases = [x IN coalesce(e.aliases, []) WHERE NOT x IN $names] + $names`,
				map[string]any{"a": a.ID, "e": e.ID, "count": len(spans), "names": names, "spans": spans}); err != nil {
				return err
			}
		}
		for _, r := range b.Relations {
			if !graph.IsPredicate(r.Predicate) {
				return fmt.Errorf("predicate %q", r.Predicate)
			}
			if err := exec(fmt.Sprintf(`MATCH (s:Entity {id: $s}), (o:Entity {id: $o}) MERGE (s)-[r:%s]->(o)
WITH r WHERE NOT $a IN coalesce(r.articles, [])
SET r.articles = coalesce(r.articles, []) + $a, r.evidence = coalesce(r.evidence, []) + $ev,
    r.confidences = coalesce(r.confidences, []) + $c, r.properties = coalesce(r.properties, []) + '',
    r.confidence = CASE WHEN r.confidence > $c THEN r.confidence ELSE $c END`, r.Predicate),
				map[string]any{"s": r.Subject, "o": r.Object, "a": a.ID, "ev": r.Evidence, "c": r.Confidence}); err != nil {
				return err
			}
		}
		for _, at := range b.Attributes {
			if err := exec(`MATCH (a:Article {id: $a}), (e:Entity {id: $e}) MERGE (a)-[s:STATES {name: $name, value: $value}]->(e)`,
				map[string]any{"a": a.ID, "e": at.Subject, "name": at.Name, "value": at.Value}); err != nil {
				return err
			}
		}
	}
	return nil
}

// BenchmarkLoad compares WriteBatches with the one-row-per-transaction
// baseline on the same generated corpus (200 articles x 10 entities x 10
// relations), each iteration on an empty database.
//
//	go test ./graph/neo4j -run '^$' -bench Load -benchtime 3x
func BenchmarkLoad(b *testing.B) {
	s := openClean(b)
	ctx := context.Background()
	data := generateBatches(200, 10, 10)
	loaders := []struct {
		name string
		load func([]graph.Batch) error
	}{
		{"batched", func(bs []graph.Batch) error { _, err := s.WriteBatches(ctx, bs); return err }},
		{"naive", func(bs []graph.Batch) error { return naiveLoad(ctx, s, bs) }},
	}
	graphs := map[string]Counts{}
	for _, l := range loaders {
		b.Run(l.name, func(b *testing.B) {
			// Warm up untimed, so that Cypher planning (once per query
			// string, seconds on a cold server) is not what is measured.
			wipe(b, s)
			if err := l.load(data[:20]); err != nil {
				b.Fatalf("%s warm-up: %v", l.name, err)
			}
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				wipe(b, s)
				b.StartTimer()
				if err := l.load(data); err != nil {
					b.Fatalf("%s load: %v", l.name, err)
				}
			}
			b.ReportMetric(float64(len(data)*b.N)/b.Elapsed().Seconds(), "articles/s")
			graphs[l.name] = counts(b, s)
		})
	}
	// Both must have built the same graph for the comparison to mean anything.
	if bc, nc := graphs["batched"], graphs["naive"]; len(graphs) == 2 && !reflect.DeepEqual(bc, nc) {
		b.Errorf("graphs differ:\nbatched %v\n  naive %v", bc, nc)
	}
}
