package neo4j

import (
	"context"
	"errors"
	"testing"
)

func TestSchemaName(t *testing.T) {
	for _, stmt := range schema {
		if schemaName(stmt) == "" {
			t.Errorf("no name in %q", stmt)
		}
	}
	tests := map[string]string{
		`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE`:  "entity_id",
		"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name]": "entity_names",
		`RETURN 1`: "",
	}
	for stmt, want := range tests {
		if got := schemaName(stmt); got != want {
			t.Errorf("schemaName(%q) = %q, want %q", stmt, got, want)
		}
	}
}

// CreateSchema creates only what is missing, several statements in one
// transaction, and a second call finds everything in place.
func TestCreateSchemaCreatesWhatIsMissing(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	for _, q := range []string{`DROP INDEX evidence_fact IF EXISTS`, `DROP INDEX entity_names_latin IF EXISTS`, `DROP CONSTRAINT evidence_id IF EXISTS`} {
		if err := s.autoCommit(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	have, err := s.schemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, stmt := range schema {
		if !have[schemaName(stmt)] {
			missing = append(missing, stmt)
		}
	}
	if len(missing) != 3 {
		t.Fatalf("missing after the drops: %d statements, want 3", len(missing))
	}
	if err := s.createTogether(ctx, missing); err != nil {
		t.Fatalf("three schema statements in one transaction: %v", err)
	}
	if err := s.CreateSchema(ctx); err != nil {
		t.Fatal(err)
	}
	have, err = s.schemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range schema {
		if !have[schemaName(stmt)] {
			t.Errorf("%s missing after CreateSchema", schemaName(stmt))
		}
	}
}

// A graph written by the old model (its article constraint on id alone)
// is refused while it holds articles; an empty one is upgraded.
func TestCreateSchemaRefusesTheOldModel(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	for _, q := range []string{`DROP INDEX article_ids IF EXISTS`,
		`CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE`,
		`CREATE (:Article {id: 'old-1'})`} {
		if err := s.autoCommit(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateSchema(ctx); !errors.Is(err, ErrOldModel) {
		t.Fatalf("CreateSchema on an old graph = %v, want ErrOldModel", err)
	}
	if err := s.autoCommit(ctx, `MATCH (a:Article) DETACH DELETE a`); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSchema(ctx); err != nil {
		t.Fatalf("CreateSchema on an empty old graph: %v", err)
	}
	have, err := s.schemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if have["article_id"] || !have["article_ids"] || !have["article_key"] {
		t.Errorf("after the upgrade: article_id %v, article_ids %v, article_key %v", have["article_id"], have["article_ids"], have["article_key"])
	}
}
