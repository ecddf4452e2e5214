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
	// Only, if set, restricts the graph to these entities: their facts
	// among themselves, the articles that mention them and the evidence of
	// those facts (see Neighbourhood).
	Only []string

	only *subset
}

// subset is the node keys of a restricted source, per kind.
type subset struct {
	keys    map[string][]any // kind -> identity keys, in order
	allowed map[string]bool  // Ref.Key() of every node in the subset
}

// The queries of a restricted source: the articles and evidence nodes that
// go with a set of entities.
const (
	qOnlyArticles = `UNWIND $ids AS id MATCH (a:Article)-[:MENTIONS|STATES]->(:Entity {id: id})
RETURN DISTINCT [a.source, a.id] AS k ORDER BY k`
	qOnlyEvidence = `UNWIND $ids AS id MATCH (v:Evidence {subject: id}) WHERE v.object IN $ids
RETURN [v.id] AS k ORDER BY k`
	qFocus = `MATCH (n:Entity) WHERE n.id = $f OR n.name = $f OR n.name_ar = $f OR n.name_en = $f OR $f IN n.aliases
RETURN n.id ORDER BY n.id LIMIT 1`
	qNeighbours = `UNWIND $ids AS id MATCH (:Entity {id: id})--(m:Entity) RETURN DISTINCT m.id`
)

// Neighbourhood returns the ids of the entities within depth facts of the
// entity that focus names (its id, name, Arabic or English name, or an
// alias, exactly), the focus first; nil if none is named so.
func Neighbourhood(ctx context.Context, q Querier, focus string, depth int) ([]string, error) {
	_, rows, err := q.ReadQuery(ctx, qFocus, map[string]any{"f": focus})
	if err != nil {
		return nil, fmt.Errorf("find %q: %w", focus, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	start := fmt.Sprint(rows[0][0])
	seen := map[string]bool{start: true}
	out := []string{start}
	frontier := []any{start}
	for hop := 0; hop < depth && len(frontier) > 0; hop++ {
		_, rows, err := q.ReadQuery(ctx, qNeighbours, map[string]any{"ids": frontier})
		if err != nil {
			return nil, fmt.Errorf("neighbours of %q: %w", focus, err)
		}
		frontier = nil
		for _, r := range rows {
			id := fmt.Sprint(r[0])
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
				frontier = append(frontier, id)
			}
		}
	}
	return out, nil
}

// restrict reads the keys of the subset once.
func (s *Neo4jSource) restrict(ctx context.Context) (*subset, error) {
	if s.only != nil || len(s.Only) == 0 {
		return s.only, nil
	}
	ids := slices.Clone(s.Only)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	sub := &subset{keys: map[string][]any{}, allowed: map[string]bool{}}
	anyIDs := make([]any, len(ids))
	for i, id := range ids {
		anyIDs[i] = id
		sub.keys[LabelEntity] = append(sub.keys[LabelEntity], []any{id})
	}
	for kind, q := range map[string]string{LabelArticle: qOnlyArticles, LabelEvidence: qOnlyEvidence} {
		_, rows, err := s.Q.ReadQuery(ctx, q, map[string]any{"ids": anyIDs})
		if err != nil {
			return nil, fmt.Errorf("read %s nodes: %w", kind, err)
		}
		for _, r := range rows {
			sub.keys[kind] = append(sub.keys[kind], r[0])
		}
	}
	for kind, keys := range sub.keys {
		for _, k := range keys {
			vals, _ := k.([]any)
			ref := Ref{Label: kind, Match: map[string]any{}}
			for i, name := range identityOf(kind) {
				if i < len(vals) {
					ref.Match[name] = vals[i]
				}
			}
			sub.allowed[ref.Key()] = true
		}
	}
	s.only = sub
	return sub, nil
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

func (s *Neo4jSource) pageSize() int {
	if s.PageSize > 0 {
		return s.PageSize
	}
	return 500
}

// pages calls fn with each page of identity keys of one kind, in order.
func (s *Neo4jSource) pages(ctx context.Context, kind string, fn func(keys []any) error) error {
	sub, err := s.restrict(ctx)
	if err != nil {
		return err
	}
	if sub != nil {
		keys := sub.keys[kind]
		for len(keys) > 0 {
			n := min(len(keys), s.pageSize())
			if err := fn(keys[:n]); err != nil {
				return err
			}
			keys = keys[n:]
		}
		return nil
	}
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
func (s *Neo4jSource) Nodes(ctx context.Context, fn func(Node) error) error {
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
func (s *Neo4jSource) Rels(ctx context.Context, fn func(Rel) error) error {
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
				if s.only != nil && !s.only.allowed[end.Key()] {
					continue
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
