package syncer

import "context"

// Querier runs one Cypher statement; *neo4j.Store is one.
type Querier interface {
	Query(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error)
}

// CypherFactCounter is a FactCounter for the Neo4j graph model of
// graph/neo4j: an article's facts are the relationships between entities it
// mentions whose provenance lists it, and its STATES attribute values.
type CypherFactCounter struct{ Q Querier }

// FactCounts implements FactCounter.
func (c CypherFactCounter) FactCounts(ctx context.Context, ids []string) (map[string]int, error) {
	_, rows, err := c.Q.Query(ctx, `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id,
       COUNT { (a)-[:MENTIONS]->(:Entity)-[r]->(:Entity) WHERE id IN r.articles } +
       COUNT { (a)-[:STATES]->(:Entity) } AS facts`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		id, _ := r[0].(string)
		n, _ := r[1].(int64)
		out[id] = int(n)
	}
	return out, nil
}
