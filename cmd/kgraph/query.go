package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
)

type queryOptions struct {
	Cypher string
	Params []string // key=value
	Format string   // "table" or "json"
	Write  bool     // allow the statement to write
}

func init() { register(func(g *globals) *cobra.Command { return newQueryCmd(g, nil) }) }

func newQueryCmd(g *globals, runF func(context.Context, queryOptions) error) *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query CYPHER",
		Short: "Run a Cypher query and print the result as a table or JSON",
		Long: `Query runs one Cypher statement against the graph and prints its rows as an
aligned table (nodes as (:Label name), relationships as [:TYPE]), or as a
JSON array of objects keyed by column with --format json. CYPHER "-" reads
the statement from stdin. Parameters are passed with --param name=value; a
value that parses as JSON (a number, true, a list) is passed as that.

The statement runs read-only: one that would create, change or delete
anything is refused by Neo4j (exit code 5) unless --write is given, so a
DETACH DELETE pasted from somewhere does not just run.

Exit codes:
  0  the rows were printed
  2  usage or configuration error (an empty query, a bad --param, a bad
     NEO4J_URI port, NEO4J_URI set but empty)
  3  Neo4j unreachable or authentication failed
  5  Neo4j rejected the statement: a syntax or type error, a write without
     --write, a constraint`,
		Example: `  kgraph query 'MATCH (c:Country)-[:CO_CHAIRS]->(g) RETURN c.name AS country, g.name AS group'

  kgraph query 'MATCH (e:Entity {id: $id})-[r]-(o) RETURN type(r), o.name' --param id=country:MA

  kgraph query --format json 'MATCH (a:Article) RETURN a.id, a.published' | jq .

  kgraph query --write 'MATCH (a:Article {id: $id}) SET a.reviewed = true' -p id=a1`,
		Args: exactArgs(1, "one CYPHER statement (quote it)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Cypher = args[0]
			if opts.Format != "table" && opts.Format != "json" {
				return usagef(`--format must be "table" or "json", not %q`, opts.Format)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runQuery(cmd.Context(), g, opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Params, "param", "p", nil, "query parameter name=value (repeatable)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", `output format: "table" or "json"`)
	cmd.Flags().BoolVar(&opts.Write, "write", false, "allow the statement to write (default: read-only)")
	return cmd
}

func runQuery(ctx context.Context, g *globals, opts queryOptions) error {
	start := time.Now()
	params, err := parseParams(opts.Params)
	if err != nil {
		return err
	}
	cypher := opts.Cypher
	if cypher == "-" {
		b, err := io.ReadAll(g.stdin)
		if err != nil {
			return fmt.Errorf("read query from stdin: %w", err)
		}
		cypher = string(b)
	}
	if strings.TrimSpace(cypher) == "" {
		return usagef("empty query")
	}
	store, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer closeStore(store)
	query := store.ReadQuery
	if opts.Write {
		query = store.Query
	}
	keys, rows, err := query(ctx, cypher, params)
	if err != nil {
		return queryErr(err, opts.Write)
	}
	if opts.Format == "json" {
		err = writeJSONRows(g.stdout, keys, rows)
	} else {
		err = writeTable(g.stdout, keys, rows)
	}
	if err != nil {
		return err
	}
	if !g.quiet {
		fmt.Fprintf(g.logOut, "kgraph: %d rows in %v\n", len(rows), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// queryErr gives a statement Neo4j refused its own exit code, with a hint
// when the refusal is the read-only default.
func queryErr(err error, write bool) error {
	switch {
	case !write && neo4jstore.IsWriteRefused(err):
		return &cypherError{err: err, hint: "kgraph query is read-only; add --write to let it write"}
	case neo4jstore.IsCypherError(err):
		return &cypherError{err: err}
	}
	return err
}

func parseParams(kvs []string) (map[string]any, error) {
	params := map[string]any{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--param %q: want name=value", kv)
		}
		var x any
		if err := json.Unmarshal([]byte(v), &x); err == nil {
			if f, isNum := x.(float64); isNum && f == float64(int64(f)) {
				x = int64(f)
			}
			params[k] = x
		} else {
			params[k] = v
		}
	}
	return params, nil
}

// writeTable prints rows as columns aligned with spaces.
func writeTable(w io.Writer, keys []string, rows [][]any) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(keys, "\t"))
	rule := make([]string, len(keys))
	for i, k := range keys {
		rule[i] = strings.Repeat("-", max(3, len([]rune(k))))
	}
	fmt.Fprintln(tw, strings.Join(rule, "\t"))
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(cell(v))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// cell renders one value for the table: nodes as (:Label name),
// relationships as [:TYPE], lists and maps compactly.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case map[string]any:
		props, _ := x["properties"].(map[string]any)
		if labels, ok := x["labels"]; ok && props != nil {
			return "(" + labelString(labels) + " " + caption(props) + ")"
		}
		if typ, ok := x["type"].(string); ok && props != nil && len(x) == 2 {
			return "[:" + typ + "]"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + cell(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		return fmt.Sprint(v)
	}
}

func labelString(labels any) string {
	var ls []string
	switch l := labels.(type) {
	case []string:
		ls = l
	case []any:
		for _, x := range l {
			ls = append(ls, fmt.Sprint(x))
		}
	}
	if len(ls) == 0 {
		return ""
	}
	return ":" + strings.Join(ls, ":")
}

func caption(props map[string]any) string {
	for _, k := range []string{"name", "title", "id"} {
		if v, ok := props[k]; ok && v != nil {
			return cell(v)
		}
	}
	return ""
}

// writeJSONRows prints a JSON array with one object per row, its keys in
// column order.
func writeJSONRows(w io.Writer, keys []string, rows [][]any) error {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, row := range rows {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  {")
		for j, k := range keys {
			if j > 0 {
				buf.WriteString(", ")
			}
			kb, _ := json.Marshal(k)
			buf.Write(kb)
			buf.WriteString(": ")
			if err := encodeJSON(&buf, row[j]); err != nil {
				return fmt.Errorf("column %s: %w", k, err)
			}
		}
		buf.WriteString("}")
	}
	if len(rows) > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("]\n")
	_, err := w.Write(buf.Bytes())
	return err
}

func encodeJSON(buf *bytes.Buffer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
	return nil
}
