package neo4j

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/kgraph/kgraph/graph"
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
		{"naive", func(bs []graph.Batch) error { return NaiveLoad(ctx, s, bs) }},
		{"unwind", func(bs []graph.Batch) error { return UnwindLoad(ctx, s, bs) }},
	}
	graphs := map[string]map[string]int64{}
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
			graphs[l.name] = factCounts(b, s)
		})
	}
	// All must have built the same graph for the comparison to mean
	// anything; kgraph's evidence nodes are its own and left out.
	for name, c := range graphs {
		if want := graphs["batched"]; want != nil && !reflect.DeepEqual(c, want) {
			b.Errorf("graphs differ:\nbatched %v\n%7s %v", want, name, c)
		}
	}
}

// factCounts counts what every loader writes: entities by label, articles,
// MENTIONS, STATES and facts by type.
func factCounts(tb testing.TB, s *Store) map[string]int64 {
	tb.Helper()
	c := counts(tb, s)
	out := map[string]int64{"Article": c.Labels["Article"], "MENTIONS": c.Types["MENTIONS"], "STATES": c.Types["STATES"]}
	for _, t := range graph.EntityTypes {
		out[t] = c.Labels[t]
	}
	for _, p := range graph.Predicates {
		out[p] = c.Types[p]
	}
	return out
}
