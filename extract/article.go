// Package extract turns news articles into graph records: entities, relations
// and attributes, each with its evidence sentence and a confidence.
//
// Data flows one way: a source (extract/source) yields Articles, an Extractor
// turns each into a graph.Batch, and a sink (graph/...) stores it.
package extract

import (
	"context"

	"github.com/kgraph/kgraph/graph"
)

// Article is one input article with its text.
type Article struct {
	graph.Article        // metadata; ID is stable, SHA256 is of the normalised text
	Text          string // as read; mention offsets are code points into it
}

// Extractor turns one article into the batch of facts it contributes.
// Implementations keep a resolver across calls, so the same real-world thing
// named in two articles gets one entity id.
type Extractor interface {
	Extract(ctx context.Context, a Article) (graph.Batch, error)
}

// A ConcurrentExtractor is an Extractor whose per-article work (Read) may
// run on several goroutines at once, leaving only resolution (Resolve) to
// be done one article at a time, in input order. Extract is Read then
// Resolve. A pipeline finds it by type assertion and spreads Read over
// every core.
type ConcurrentExtractor interface {
	Extractor
	Read(ctx context.Context, a Article) (*Document, error)
	Resolve(ctx context.Context, d *Document) (graph.Batch, error)
}
