// Package export writes the knowledge graph in formats other tools read:
// a re-runnable Cypher script, CSV files for neo4j-admin import, GraphML for
// Gephi and yEd, and the JSON Lines exchange format.
//
// The graph comes from a Source: Neo4j (read page by page, so memory stays
// flat) or an exchange file. Both present it as the Neo4j loader stores it
// (graph/neo4j/MODEL.md): Entity, Article and Evidence nodes; fact
// relationships between entities; MENTIONS, STATES and SUPPORTS from
// articles. What the model's labels, keys and provenance properties are
// lives in this file, so a change of the model is adapted here.
package export

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Labels and relationship types of the loader's model.
const (
	LabelEntity   = "Entity"
	LabelArticle  = "Article"
	LabelEvidence = "Evidence"
	TypeMentions  = "MENTIONS"
	TypeStates    = "STATES"
	TypeSupports  = "SUPPORTS"
)

// Kinds lists the node kinds in the order sources yield them.
var Kinds = []string{LabelEntity, LabelArticle, LabelEvidence}

// identity is what identifies a node of each kind: the properties its
// uniqueness constraint covers, which MERGE matches on.
var identity = map[string][]string{
	LabelEntity:   {"id"},
	LabelArticle:  {"source", "id"},
	LabelEvidence: {"id"},
}

// mergeKeys are the relationship properties that tell apart two
// relationships of one type between the same nodes: an article states
// several values of one entity, one STATES each.
var mergeKeys = map[string][]string{TypeStates: {"name", "value"}}

// Node is one node: its kind label first, then any others (an entity's type).
type Node struct {
	Labels []string
	Props  map[string]any
	// Articles are the ids of the articles that mention an entity (its
	// MENTIONS), for the formats that list them on the entity.
	Articles []string
}

// Kind is the node's first label.
func (n Node) Kind() string {
	if len(n.Labels) == 0 {
		return ""
	}
	return n.Labels[0]
}

// ID is the node's "id" property.
func (n Node) ID() string { return Str(n.Props, "id") }

// Ref names the node as relationships do.
func (n Node) Ref() Ref {
	r := Ref{Label: n.Kind(), Match: map[string]any{}}
	for _, k := range identityOf(r.Label) {
		v := n.Props[k]
		if v == nil {
			v = ""
		}
		r.Match[k] = v
	}
	return r
}

func identityOf(label string) []string {
	if keys, ok := identity[label]; ok {
		return keys
	}
	return []string{"id"}
}

// Ref names a node by its kind label and identity properties.
type Ref struct {
	Label string
	Match map[string]any
}

// Key is a string unique among all nodes: the kind and identity values.
func (r Ref) Key() string {
	keys := identityOf(r.Label)
	if len(keys) == 1 {
		return r.Label + ":" + fmt.Sprint(r.Match[keys[0]])
	}
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = r.Match[k]
	}
	return r.Label + ":" + jsonText(vals)
}

// ID is the node's "id" identity property.
func (r Ref) ID() string { return fmt.Sprint(r.Match["id"]) }

// Rel is one relationship.
type Rel struct {
	Start, End Ref
	Type       string
	Props      map[string]any
}

// Source yields the graph: every node, then every relationship. Each may be
// called more than once (formats that need their headers first read twice).
type Source interface {
	Nodes(ctx context.Context, fn func(Node) error) error
	Rels(ctx context.Context, fn func(Rel) error) error
}

// Evidence is one article's statement of a fact.
type Evidence struct {
	Source, Article            string
	Subject, Predicate, Object string
	Sentence                   string
	Confidence                 float64
	Properties                 string // JSON text, "" if none
	Seen                       string // the article's published date
}

// EvidenceOf reads an Evidence node; ok is false for any other node.
func EvidenceOf(n Node) (ev Evidence, ok bool) {
	if n.Kind() != LabelEvidence {
		return Evidence{}, false
	}
	p := n.Props
	conf, _ := p["confidence"].(float64)
	return Evidence{
		Source: Str(p, "source"), Article: Str(p, "article"),
		Subject: Str(p, "subject"), Predicate: Str(p, "predicate"), Object: Str(p, "object"),
		Sentence: Str(p, "evidence"), Confidence: conf, Properties: Str(p, "properties"), Seen: Str(p, "seen"),
	}, true
}

// evidenceNode is the Evidence node of ev, with the given id.
func evidenceNode(id string, ev Evidence) Node {
	p := map[string]any{"id": id, "source": ev.Source, "article": ev.Article, "subject": ev.Subject,
		"predicate": ev.Predicate, "object": ev.Object, "evidence": ev.Sentence, "confidence": ev.Confidence}
	if ev.Properties != "" {
		p["properties"] = ev.Properties
	}
	if ev.Seen != "" {
		p["seen"] = ev.Seen
	}
	return Node{Labels: []string{LabelEvidence}, Props: p}
}

// IsBookkeeping reports whether an entity property is the loader's own
// bookkeeping (which article a value came from, alias counts) rather than
// something to show.
func IsBookkeeping(key string) bool {
	return strings.HasPrefix(key, "_") || key == "alias_counts"
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
