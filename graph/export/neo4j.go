package export

import (
	"context"
	"fmt"
	"slices"
)

// Querier runs one read-only query and returns all its rows; *neo4j.Store
// is one. Values are plain: nodes and relationships as maps, lists as []any.
type Querier interface {
	ReadQuery(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error)
}

// Neo4jSource reads the graph from Neo4j in pages of PageSize nodes, walking
// each kind's unique key in order, so that neither side holds the graph.
type Neo4jSource struct {
	Q        Querier
	PageSize int // default 500
}

// The queries of the Neo4j source, per node kind. Each page query returns
// the identity values of the next PageSize nodes after $after (the last
// page's last key); the node and relationship queries read those nodes
// ($keys: one list of identity values each) and their outgoing
// relationships. Every read of the stored model is here.
var kindQueries = map[string]struct{ page, nodes, rels string }{
	LabelEntity: {
		page: `MATCH (n:Entity) WHERE n.id > $after[0] RETURN [n.id] AS k ORDER BY n.id LIMIT $limit`,
		nodes: `UNWIND $keys AS k MATCH (n:Entity {id: k[0]})
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(n)
WITH k, n, a ORDER BY a.id
RETURN k, labels(n) AS labels, properties(n) AS props, collect(a.id) AS articles ORDER BY k`,
		rels: `UNWIND $keys AS k MATCH (n:Entity {id: k[0]})-[r]->(o:Entity)
RETURN k, type(r) AS type, labels(o) AS olabels, o.source AS osource, o.id AS oid, properties(r) AS props
ORDER BY k, type, oid`,
	},
	LabelArticle: {
		page: `MATCH (n:Article) WHERE n.source > $after[0] OR (n.source = $after[0] AND n.id > $after[1])
RETURN [n.source, n.id] AS k ORDER BY n.source, n.id LIMIT $limit`,
		nodes: `UNWIND $keys AS k MATCH (n:Article {source: k[0], id: k[1]})
RETURN k, labels(n) AS labels, properties(n) AS props, [] AS articles ORDER BY k`,
		rels: `UNWIND $keys AS k MATCH (n:Article {source: k[0], id: k[1]})-[r]->(o)
WHERE o:Entity OR o:Evidence
RETURN k, type(r) AS type, labels(o) AS olabels, o.source AS osource, o.id AS oid, properties(r) AS props
ORDER BY k, type, oid, r.name, r.value`,
	},
	LabelEvidence: {
		page:  `MATCH (n:Evidence) WHERE n.id > $after[0] RETURN [n.id] AS k ORDER BY n.id LIMIT $limit`,
		nodes: `UNWIND $keys AS k MATCH (n:Evidence {id: k[0]}) RETURN k, labels(n) AS labels, properties(n) AS props, [] AS articles ORDER BY k`,
	},
}

func (s Neo4jSource) pageSize() int {
	if s.PageSize > 0 {
		return s.PageSize
	}
	return 500
}

// pages calls fn with each page of identity keys of one kind, in order.
func (s Neo4jSource) pages(ctx context.Context, kind string, fn func(keys []any) error) error {
	q := kindQueries[kind]
	after := []any{"", ""}
	for {
		_, rows, err := s.Q.ReadQuery(ctx, q.page, map[string]any{"after": after, "limit": int64(s.pageSize())})
		if err != nil {
			return fmt.Errorf("read %s nodes: %w", kind, err)
		}
		if len(rows) == 0 {
			return nil
		}
		keys := make([]any, len(rows))
		for i, r := range rows {
			keys[i] = r[0]
		}
		if err := fn(keys); err != nil {
			return err
		}
		if len(rows) < s.pageSize() {
			return nil
		}
		last, _ := keys[len(keys)-1].([]any)
		after = append(append([]any{}, last...), "")
	}
}

// Nodes yields the entities, then the articles, then the evidence, each
// kind in key order.
func (s Neo4jSource) Nodes(ctx context.Context, fn func(Node) error) error {
	for _, kind := range Kinds {
		err := s.pages(ctx, kind, func(keys []any) error {
			_, rows, err := s.Q.ReadQuery(ctx, kindQueries[kind].nodes, map[string]any{"keys": keys})
			if err != nil {
				return fmt.Errorf("read %s nodes: %w", kind, err)
			}
			for _, row := range rows {
				n := Node{Labels: labelList(row[1], kind), Articles: Strings(row[3])}
				n.Props, _ = row[2].(map[string]any)
				if err := fn(n); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Rels yields the relationships out of entities (facts), then out of
// articles (MENTIONS, STATES, SUPPORTS), grouped by start node in key order.
func (s Neo4jSource) Rels(ctx context.Context, fn func(Rel) error) error {
	for _, kind := range Kinds {
		q := kindQueries[kind]
		if q.rels == "" {
			continue
		}
		err := s.pages(ctx, kind, func(keys []any) error {
			_, rows, err := s.Q.ReadQuery(ctx, q.rels, map[string]any{"keys": keys})
			if err != nil {
				return fmt.Errorf("read relationships: %w", err)
			}
			for _, row := range rows {
				k, _ := row[0].([]any)
				start := Ref{Label: kind, Match: map[string]any{}}
				for i, name := range identityOf(kind) {
					if i < len(k) {
						start.Match[name] = k[i]
					}
				}
				endKind := labelList(row[2], "")[0]
				end := Ref{Label: endKind, Match: map[string]any{"id": row[4]}}
				if endKind == LabelArticle {
					end.Match["source"] = row[3]
				}
				r := Rel{Start: start, End: end, Type: fmt.Sprint(row[1])}
				r.Props, _ = row[5].(map[string]any)
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// labelList reads labels(n) with the kind label first and the rest sorted.
func labelList(v any, kind string) []string {
	ls := slices.Clone(Strings(v))
	slices.Sort(ls)
	if kind == "" {
		for _, k := range Kinds {
			if slices.Contains(ls, k) {
				kind = k
				break
			}
		}
	}
	if i := slices.Index(ls, kind); i > 0 {
		ls = append(append([]string{kind}, ls[:i]...), ls[i+1:]...)
	}
	if len(ls) == 0 {
		ls = []string{kind}
	}
	return ls
}
