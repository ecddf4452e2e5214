// Package export writes the knowledge graph in formats other tools read:
// a re-runnable Cypher script, CSV files for neo4j-admin import, GraphML for
// Gephi and yEd, and the JSON Lines exchange format.
//
// The graph comes from a Source: Neo4j (read page by page, so memory stays
// flat) or an exchange file. Both present it the way the Neo4j loader stores
// it (graph/neo4j/MODEL.md): Entity and Article nodes, fact relationships
// with parallel provenance lists, MENTIONS and STATES. How those properties
// are named and read back lives in this file only, so a change of the model
// is adapted here.
package export

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Node is one Entity or Article node.
type Node struct {
	ID     string
	Labels []string // "Entity" and its type label, or "Article"
	// Props are the node's properties, including "id".
	Props map[string]any
	// Articles are the ids of the articles that mention an entity (its
	// MENTIONS), for formats that list them on the entity (JSONL, viz).
	Articles []string
}

// Rel is one relationship between two nodes, named by their ids.
type Rel struct {
	Start, End           string
	StartLabel, EndLabel string // LabelEntity or LabelArticle: where to look the ids up
	Type                 string
	Props                map[string]any
}

// Labels and relationship types of the loader's model.
const (
	LabelEntity  = "Entity"
	LabelArticle = "Article"
	TypeMentions = "MENTIONS"
	TypeStates   = "STATES"
)

// Source yields the graph: every node, then every relationship. Each may be
// called more than once (formats that need their headers first read twice).
type Source interface {
	Nodes(ctx context.Context, fn func(Node) error) error
	Rels(ctx context.Context, fn func(Rel) error) error
}

// mergeKeys are the relationship properties that tell apart two
// relationships of one type between the same nodes: an article states
// several values of one entity, one STATES each.
var mergeKeys = map[string][]string{TypeStates: {"name", "value"}}

// Evidence is one article's statement of a fact.
type Evidence struct {
	Article    string
	Sentence   string
	Confidence float64
	Properties string // JSON text, "" if none
}

// FactEvidence reads the provenance of a fact relationship: one entry per
// supporting article.
func FactEvidence(r Rel) []Evidence {
	arts := Strings(r.Props["articles"])
	ev := Strings(r.Props["evidence"])
	props := Strings(r.Props["properties"])
	conf := floats(r.Props["confidences"])
	out := make([]Evidence, len(arts))
	for i, a := range arts {
		out[i] = Evidence{Article: a}
		if i < len(ev) {
			out[i].Sentence = ev[i]
		}
		if i < len(conf) {
			out[i].Confidence = conf[i]
		}
		if i < len(props) {
			out[i].Properties = props[i]
		}
	}
	return out
}

// factProps builds a fact relationship's properties from its statements, as
// the loader stores them.
func factProps(ev []Evidence) map[string]any {
	arts := make([]string, len(ev))
	sents := make([]string, len(ev))
	confs := make([]float64, len(ev))
	props := make([]string, len(ev))
	best := 0.0
	for i, e := range ev {
		arts[i], sents[i], confs[i], props[i] = e.Article, e.Sentence, e.Confidence, e.Properties
		best = max(best, e.Confidence)
	}
	return map[string]any{"articles": arts, "evidence": sents, "confidences": confs, "properties": props, "confidence": best}
}

// Strings reads a list property as strings (the driver gives []any).
func Strings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			} else if e != nil {
				out = append(out, fmt.Sprint(e))
			}
		}
		return out
	case string:
		return []string{x}
	}
	return nil
}

func floats(v any) []float64 {
	switch x := v.(type) {
	case []float64:
		return x
	case []any:
		out := make([]float64, 0, len(x))
		for _, e := range x {
			switch n := e.(type) {
			case float64:
				out = append(out, n)
			case int64:
				out = append(out, float64(n))
			}
		}
		return out
	}
	return nil
}

// Str reads a string property, "" if absent.
func Str(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return s
}

// sortedKeys returns the keys of m in order, so every output is
// deterministic.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonText encodes v compactly without HTML escaping.
func jsonText(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
