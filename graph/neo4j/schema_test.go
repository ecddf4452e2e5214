package neo4j

import (
	"context"
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
