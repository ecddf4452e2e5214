package neo4j

import (
	"context"
	"fmt"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// schema is every constraint and index the loader relies on. The uniqueness
// constraints also give MERGE an index to look up by.
var schema = []string{
	`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE`,
	`CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE`,
	lockConstraint,
	`CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)`,
	`CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.source)`,
	// The Arabic analyzer normalises alef/hamza forms and strips the article
	// ال, which suits the Arabic names; Latin names are only lower-cased.
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.name_ar, e.name_en, e.aliases] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
}

const lockConstraint = `CREATE CONSTRAINT kgraph_lock_name IF NOT EXISTS FOR (l:KgraphLock) REQUIRE l.name IS UNIQUE`

// CreateSchema creates the constraints and indexes if they do not exist and
// waits until they are online.
func (s *Store) CreateSchema(ctx context.Context) error {
	for _, stmt := range schema {
		if err := s.autoCommit(ctx, stmt); err != nil {
			return s.wrap("create schema", err)
		}
	}
	if err := s.autoCommit(ctx, `CALL db.awaitIndexes(300)`); err != nil {
		return s.wrap("wait for indexes", err)
	}
	return nil
}

// autoCommit runs a statement that cannot share a transaction with data
// writes (schema changes, procedures).
func (s *Store) autoCommit(ctx context.Context, cypher string) error {
	sess := s.session(ctx, neo4jdriver.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, nil)
	if err != nil {
		return fmt.Errorf("%.60s: %w", cypher, err)
	}
	if _, err := res.Consume(ctx); err != nil {
		return fmt.Errorf("%.60s: %w", cypher, err)
	}
	return nil
}
