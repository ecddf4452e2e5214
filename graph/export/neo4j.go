package export

import (
	"context"
	"fmt"
	"slices"
)

// Querier runs one read query and returns all its rows; *neo4j.Store is
// one. Values are plain: nodes and relationships as maps, lists as []any.
type Querier interface {
	Query(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error)
}

// Neo4jSource reads the graph from Neo4j in pages of PageSize nodes, walking
// the unique id index, so that neither side holds the whole graph.
type Neo4jSource struct {
	Q        Querier
	PageSize int // default 500
}

// The queries of the Neo4j source. Every read of the stored model is here.
const (
	// Entities with the ids of the articles that mention them.
	qEntities = `MATCH (e:Entity) WHERE e.id > $after
WITH e ORDER BY e.id LIMIT $limit
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(e)
WITH e, a ORDER BY a.id
RETURN e.id AS id, labels(e) AS labels, properties(e) AS props, collect(a.id) AS articles
ORDER BY id`
	qArticles = `MATCH (a:Article) WHERE a.id > $after
RETURN a.id AS id, labels(a) AS labels, properties(a) AS props
ORDER BY a.id LIMIT $limit`
	// The start nodes of a page, then their outgoing relationships to
	// entities. Relationships to anything else (locks) are not the graph's.
	qStartIDs = `MATCH (n:%s) WHERE n.id > $after RETURN n.id AS id ORDER BY n.id LIMIT $limit`
	qRels     = `MATCH (s:%s)-[r]->(o:Entity) WHERE s.id IN $ids
RETURN s.id AS start, type(r) AS type, o.id AS end, properties(r) AS props
ORDER BY start, type, end, elementId(r)`
)

func (s Neo4jSource) pageSize() int {
	if s.PageSize > 0 {
		return s.PageSize
	}
	return 500
}

// Nodes yields the entities, then the articles, each in id order.
func (s Neo4jSource) Nodes(ctx context.Context, fn func(Node) error) error {
	for _, q := range []string{qEntities, qArticles} {
		after := ""
		for {
			_, rows, err := s.Q.Query(ctx, q, map[string]any{"after": after, "limit": int64(s.pageSize())})
			if err != nil {
				return fmt.Errorf("read nodes: %w", err)
			}
			for _, row := range rows {
				n := Node{ID: fmt.Sprint(row[0]), Labels: labelList(row[1])}
				n.Props, _ = row[2].(map[string]any)
				if len(row) > 3 {
					n.Articles = Strings(row[3])
				}
				if err := fn(n); err != nil {
					return err
				}
				after = n.ID
			}
			if len(rows) < s.pageSize() {
				break
			}
		}
	}
	return nil
}

// Rels yields the relationships of entities, then those of articles,
// grouped by start node in id order.
func (s Neo4jSource) Rels(ctx context.Context, fn func(Rel) error) error {
	for _, label := range []string{LabelEntity, LabelArticle} {
		after := ""
		for {
			_, idRows, err := s.Q.Query(ctx, fmt.Sprintf(qStartIDs, label), map[string]any{"after": after, "limit": int64(s.pageSize())})
			if err != nil {
				return fmt.Errorf("read relationships: %w", err)
			}
			if len(idRows) == 0 {
				break
			}
			ids := make([]any, len(idRows))
			for i, r := range idRows {
				ids[i] = r[0]
			}
			after = fmt.Sprint(ids[len(ids)-1])
			_, rows, err := s.Q.Query(ctx, fmt.Sprintf(qRels, label), map[string]any{"ids": ids})
			if err != nil {
				return fmt.Errorf("read relationships: %w", err)
			}
			for _, row := range rows {
				r := Rel{Start: fmt.Sprint(row[0]), Type: fmt.Sprint(row[1]), End: fmt.Sprint(row[2]), StartLabel: label, EndLabel: LabelEntity}
				r.Props, _ = row[3].(map[string]any)
				if err := fn(r); err != nil {
					return err
				}
			}
			if len(idRows) < s.pageSize() {
				break
			}
		}
	}
	return nil
}

// labelList reads labels(n), the kind label first.
func labelList(v any) []string {
	ls := Strings(v)
	slices.SortFunc(ls, func(a, b string) int {
		ra, rb := labelRank(a), labelRank(b)
		if ra != rb {
			return ra - rb
		}
		if a < b {
			return -1
		} else if a > b {
			return 1
		}
		return 0
	})
	return ls
}

func labelRank(l string) int {
	if l == LabelEntity || l == LabelArticle {
		return 0
	}
	return 1
}
