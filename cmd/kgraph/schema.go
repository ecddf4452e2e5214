package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func init() { register(func(g *globals) *cobra.Command { return newSchemaCmd(g, nil) }) }

func newSchemaCmd(g *globals, runF func(context.Context) error) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Create the graph's constraints and indexes (idempotent)",
		Long: `Schema creates the uniqueness constraints and indexes kgraph relies on
(Entity.id, Article.id, name and full-text indexes) if they do not exist, and
waits until they are online. Running it again changes nothing. "load" and
"build" run it themselves; use it to prepare an empty database.`,
		Example: `  kgraph schema
  kgraph schema --neo4j-uri neo4j+s://xxxx.databases.neo4j.io --database neo4j`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context())
			}
			return runSchema(cmd.Context(), g)
		},
	}
}

func runSchema(ctx context.Context, g *globals) error {
	start := time.Now()
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	if err := store.CreateSchema(ctx); err != nil {
		return err
	}
	if !g.quiet {
		fmt.Fprintf(g.logOut, "kgraph: schema ready in %v\n", time.Since(start).Round(time.Millisecond))
	}
	return nil
}
