package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ErrOldModel is returned by CreateSchema for a graph written by a kgraph
// before provenance moved to evidence nodes: it must be rebuilt (see
// MODEL.md, "Upgrading").
var ErrOldModel = errors.New("graph uses the old provenance model")

// schema is every constraint and index the loader relies on. The uniqueness
// constraints also give MERGE an index to look up by.
var schema = []string{
	`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE`,
	// An article is identified by (source, id): two feeds may both have a 1001.
	`CREATE CONSTRAINT article_key IF NOT EXISTS FOR (a:Article) REQUIRE (a.source, a.id) IS UNIQUE`,
	`CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (v:Evidence) REQUIRE v.id IS UNIQUE`,
	lockConstraint,
	`CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)`,
	`CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.source)`,
	`CREATE INDEX article_ids IF NOT EXISTS FOR (a:Article) ON (a.id)`,
	// The evidence of one fact, for recomputing its aggregates and for
	// queries from a relationship to its sentences.
	`CREATE INDEX evidence_fact IF NOT EXISTS FOR (v:Evidence) ON (v.subject, v.predicate, v.object)`,
	// The Arabic analyzer normalises alef/hamza forms and strips the article
	// ال, which suits the Arabic names; Latin names are only lower-cased.
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.name_ar, e.name_en, e.aliases] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
	// Beside it, the Latin-script names with the standard analyzer and
	// ASCII folding, for names written with or without accents (Côte,
	// Cote). Searches query both (see graph/browser's guide). Its property
	// list must differ from entity_names': IF NOT EXISTS skips an index
	// whose labels and properties another index already has.
	"CREATE FULLTEXT INDEX entity_names_latin IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.name_en, e.aliases] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
}

const lockConstraint = `CREATE CONSTRAINT kgraph_lock_name IF NOT EXISTS FOR (l:KgraphLock) REQUIRE l.name IS UNIQUE`

// CreateSchema creates the constraints and indexes that do not exist yet
// and waits until they are online. On a graph of the old model it returns
// ErrOldModel and changes nothing.
//
// A fresh server plans and commits every schema statement from cold, which
// was a third of a first build's time, so the statements already there are
// skipped (one SHOW finds them) and the missing ones share one transaction.
func (s *Store) CreateSchema(ctx context.Context) error {
	have, err := s.schemaNames(ctx)
	if err != nil {
		return s.wrap("read schema", err)
	}
	if have["article_id"] {
		if err := s.checkModel(ctx); err != nil {
			return err
		}
		// The old model's article constraint was on id alone.
		if err := s.autoCommit(ctx, `DROP CONSTRAINT article_id IF EXISTS`); err != nil {
			return s.wrap("create schema", err)
		}
	}
	var missing []string
	for _, stmt := range schema {
		if !have[schemaName(stmt)] {
			missing = append(missing, stmt)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if err := s.createTogether(ctx, missing); err != nil {
		// A server that refuses several schema changes in one transaction
		// gets them one at a time; IF NOT EXISTS makes a repeat harmless.
		for _, stmt := range missing {
			if err := s.autoCommit(ctx, stmt); err != nil {
				return s.wrap("create schema", err)
			}
		}
	}
	if err := s.autoCommit(ctx, `CALL db.awaitIndexes(300)`); err != nil {
		return s.wrap("wait for indexes", err)
	}
	return nil
}

// createTogether runs schema statements in one transaction.
func (s *Store) createTogether(ctx context.Context, stmts []string) error {
	_, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (struct{}, error) {
		for _, stmt := range stmts {
			if err := run(ctx, tx, stmt, nil); err != nil {
				return struct{}{}, fmt.Errorf("%.60s: %w", stmt, err)
			}
		}
		return struct{}{}, nil
	})
	return err
}

// schemaNames returns the names of the database's indexes, which include
// those of kgraph's constraints: a uniqueness constraint's index has the
// constraint's name. One query, since a fresh server plans each from cold.
func (s *Store) schemaNames(ctx context.Context) (map[string]bool, error) {
	return read(ctx, s, func(tx neo4jdriver.ManagedTransaction) (map[string]bool, error) {
		recs, err := collect(ctx, tx, `SHOW INDEXES YIELD name`, nil)
		if err != nil {
			return nil, err
		}
		names := map[string]bool{}
		for _, r := range recs {
			names[str(r.Values[0])] = true
		}
		return names, nil
	})
}

// schemaName is the name a CREATE statement of schema gives its index or
// constraint.
func schemaName(stmt string) string {
	f := strings.Fields(stmt)
	for i := 0; i+1 < len(f); i++ {
		if f[i] == "CONSTRAINT" || f[i] == "INDEX" {
			return f[i+1]
		}
	}
	return ""
}

// checkModel refuses a graph whose articles were written by the old model:
// they have no evidence nodes to retract, so mixing models would leave
// facts behind.
func (s *Store) checkModel(ctx context.Context) error {
	old, err := read(ctx, s, func(tx neo4jdriver.ManagedTransaction) (bool, error) {
		recs, err := collect(ctx, tx, `RETURN EXISTS { MATCH (a:Article) }`, nil)
		if err != nil || len(recs) == 0 {
			return false, err
		}
		return recs[0].Values[0] == true, nil
	})
	if err != nil {
		return s.wrap("check graph model", err)
	}
	if old {
		return fmt.Errorf("%w: this graph was loaded by an older kgraph; rebuild it: "+
			"delete it (MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS) and run load, build or sync again", ErrOldModel)
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
