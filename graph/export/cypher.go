package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Cypher writes a script that recreates the graph: one statement a line,
// each ending in ";", values inline. Nodes are MERGEd on their id and
// relationships between them, so running it twice gives the same graph.
// cypher-shell runs it as is (cypher-shell -f graph.cypher).
func Cypher(ctx context.Context, src Source, w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "// kgraph export: re-runnable (MERGE on ids). Run with: cypher-shell -f graph.cypher")
	for _, stmt := range []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;",
		"CREATE CONSTRAINT article_key IF NOT EXISTS FOR (a:Article) REQUIRE (a.source, a.id) IS UNIQUE;",
		"CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (v:Evidence) REQUIRE v.id IS UNIQUE;",
	} {
		fmt.Fprintln(bw, stmt)
	}
	err := src.Nodes(ctx, func(n Node) error {
		if len(n.Labels) == 0 {
			return nil
		}
		ref := n.Ref()
		var b strings.Builder
		b.WriteString("MERGE (n:")
		b.WriteString(quoteName(ref.Label))
		b.WriteString(" ")
		b.WriteString(mapLiteral(ref.Match))
		b.WriteString(") SET n = ")
		b.WriteString(mapLiteral(n.Props))
		for _, l := range n.Labels[1:] {
			b.WriteString(", n:")
			b.WriteString(quoteName(l))
		}
		b.WriteString(";\n")
		_, err := bw.WriteString(b.String())
		return err
	})
	if err != nil {
		return err
	}
	err = src.Rels(ctx, func(r Rel) error {
		var b strings.Builder
		fmt.Fprintf(&b, "MATCH (s:%s %s) MATCH (o:%s %s) MERGE (s)-[r:%s",
			quoteName(r.Start.Label), mapLiteral(r.Start.Match), quoteName(r.End.Label), mapLiteral(r.End.Match), quoteName(r.Type))
		if keys := mergeKeys[r.Type]; len(keys) > 0 {
			m := map[string]any{}
			for _, k := range keys {
				m[k] = r.Props[k]
			}
			b.WriteString(" ")
			b.WriteString(mapLiteral(m))
		}
		b.WriteString("]->(o) SET r = ")
		b.WriteString(mapLiteral(r.Props))
		b.WriteString(";\n")
		_, err := bw.WriteString(b.String())
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// quoteName backticks a label, type or key unless it is a plain identifier.
func quoteName(s string) string {
	plain := s != ""
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

func mapLiteral(m map[string]any) string {
	var b strings.Builder
	b.WriteString("{")
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteName(k))
		b.WriteString(": ")
		b.WriteString(literal(m[k]))
	}
	b.WriteString("}")
	return b.String()
}

// literal writes v as a Cypher literal.
func literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return stringLiteral(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return floatLiteral(x)
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = stringLiteral(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []float64:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = floatLiteral(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = literal(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		return mapLiteral(x)
	default:
		return stringLiteral(fmt.Sprint(x))
	}
}

func floatLiteral(f float64) string {
	switch {
	case math.IsNaN(f):
		return "0.0/0.0"
	case math.IsInf(f, 1):
		return "1.0/0.0"
	case math.IsInf(f, -1):
		return "-1.0/0.0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func stringLiteral(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}
