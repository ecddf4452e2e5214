package syncer

import "context"

// Querier runs one Cypher statement; *neo4j.Store is one.
type Querier interface {
	Query(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error)
}

// CypherFactCounter is a FactCounter for the Neo4j graph model of
// graph/neo4j: an article's facts are its evidence nodes (one per relation
// it states) and its STATES attribute values. Source limits the count to
// that source's articles ("" = any), since ids are unique per source only.
type CypherFactCounter struct {
	Q      Querier
	Source string
}

// FactCounts implements FactCounter.
func (c CypherFactCounter) FactCounts(ctx context.Context, ids []string) (map[string]int, error) {
	_, rows, err := c.Q.Query(ctx, `
UNWIND $ids AS id
MATCH (a:Article {id: id})
WHERE $source = '' OR a.source = $source
RETURN id,
       COUNT { (a)-[:SUPPORTS]->(:Evidence) } +
       COUNT { (a)-[:STATES]->(:Entity) } AS facts`, map[string]any{"ids": ids, "source": c.Source})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		id, _ := r[0].(string)
		n, _ := r[1].(int64)
		out[id] += int(n)
	}
	return out, nil
}
