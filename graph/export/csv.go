package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ArrayDelimiter separates the elements of a list inside one CSV field. It
// is the unit separator, which no name or sentence contains; neo4j-admin
// takes it as --array-delimiter=U+001F.
const ArrayDelimiter = "\x1f"

// column is one property column of a CSV file and its neo4j-admin type.
type column struct {
	key, typ string // typ "" is string
}

// header describes one CSV file: its property columns, in order.
type header struct {
	file string
	cols []column
	seen map[string]int // key -> index in cols
}

func (h *header) add(key string, v any) {
	t := csvType(v)
	if i, ok := h.seen[key]; ok {
		if h.cols[i].typ != t {
			h.cols[i].typ = widen(h.cols[i].typ, t)
		}
		return
	}
	h.seen[key] = len(h.cols)
	h.cols = append(h.cols, column{key, t})
}

// widen is the type that holds values of both types.
func widen(a, b string) string {
	switch {
	case a == b:
		return a
	case (a == "long" && b == "double") || (a == "double" && b == "long"):
		return "double"
	case (a == "long[]" && b == "double[]") || (a == "double[]" && b == "long[]"):
		return "double[]"
	case strings.HasSuffix(a, "[]") || strings.HasSuffix(b, "[]"):
		return "string[]"
	}
	return ""
}

func csvType(v any) string {
	switch x := v.(type) {
	case bool:
		return "boolean"
	case int, int64:
		return "long"
	case float64:
		return "double"
	case []string:
		return "string[]"
	case []float64:
		return "double[]"
	case []any:
		t := ""
		for i, e := range x {
			et := csvType(e)
			if i == 0 {
				t = et
			} else if t != et {
				t = widen(t, et)
			}
		}
		if t == "" || strings.HasSuffix(t, "[]") {
			return "string[]"
		}
		return t + "[]"
	}
	return ""
}

// CSV writes node and relationship files for neo4j-admin import into dir:
// nodes_<Label>.csv with :ID and :LABEL columns, rels_<TYPE>.csv with
// :START_ID, :END_ID and :TYPE, and import.sh with the neo4j-admin command
// line. Lists are joined with ArrayDelimiter. The :ID column is the node's
// kind and key (Entity:country:MA; an article's is its source and id), since
// article ids are unique only within their source; it is not stored, while
// every property, id included, is a column of its own. It returns the files
// written.
//
// The files are RFC 4180 CSV, as neo4j-admin reads them. LOAD CSV, with
// the server's default dbms.import.csv.legacy_quote_escaping, takes a
// backslash as an escape (of a quote or of another backslash), so values
// holding backslashes are misread there.
//
// The source is read twice: first for the columns, then for the rows.
func CSV(ctx context.Context, src Source, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	nodeHeaders, relHeaders := map[string]*header{}, map[string]*header{}
	var nodeOrder, relOrder []string
	get := func(m map[string]*header, order *[]string, name, prefix string) *header {
		h, ok := m[name]
		if !ok {
			h = &header{file: prefix + fileSafe(name) + ".csv", seen: map[string]int{}}
			m[name] = h
			*order = append(*order, name)
		}
		return h
	}
	err := src.Nodes(ctx, func(n Node) error {
		h := get(nodeHeaders, &nodeOrder, nodeGroup(n), "nodes_")
		for _, k := range sortedKeys(n.Props) {
			h.add(k, n.Props[k])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = src.Rels(ctx, func(r Rel) error {
		h := get(relHeaders, &relOrder, r.Type, "rels_")
		for _, k := range sortedKeys(r.Props) {
			h.add(k, r.Props[k])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	files := map[string]*csvFile{}
	var written []string
	closeAll := func() error {
		var first error
		for _, f := range files {
			if err := f.close(); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	open := func(h *header, fixed []string) (*csvFile, error) {
		if f, ok := files[h.file]; ok {
			return f, nil
		}
		path := filepath.Join(dir, h.file)
		f, err := createCSV(path)
		if err != nil {
			return nil, err
		}
		files[h.file] = f
		written = append(written, path)
		row := append([]string{}, fixed...)
		for _, c := range h.cols {
			name := c.key
			if c.typ != "" {
				name += ":" + c.typ
			}
			row = append(row, name)
		}
		return f, f.w.Write(row)
	}
	err = src.Nodes(ctx, func(n Node) error {
		h := nodeHeaders[nodeGroup(n)]
		f, err := open(h, []string{":ID", ":LABEL"})
		if err != nil {
			return err
		}
		row := []string{n.Ref().Key(), strings.Join(n.Labels, ";")}
		for _, c := range h.cols {
			row = append(row, csvValue(n.Props[c.key]))
		}
		return f.w.Write(row)
	})
	if err != nil {
		closeAll()
		return nil, err
	}
	err = src.Rels(ctx, func(r Rel) error {
		h := relHeaders[r.Type]
		f, err := open(h, []string{":START_ID", ":END_ID", ":TYPE"})
		if err != nil {
			return err
		}
		row := []string{r.Start.Key(), r.End.Key(), r.Type}
		for _, c := range h.cols {
			row = append(row, csvValue(r.Props[c.key]))
		}
		return f.w.Write(row)
	})
	if err != nil {
		closeAll()
		return nil, err
	}
	if err := closeAll(); err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "import.sh")
	if err := os.WriteFile(script, []byte(importScript(nodeOrder, nodeHeaders, relOrder, relHeaders)), 0o755); err != nil {
		return nil, err
	}
	return append(written, script), nil
}

func importScript(nodeOrder []string, nodes map[string]*header, relOrder []string, rels map[string]*header) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n# Import these files into a new, stopped database (default: neo4j) with neo4j-admin.\n")
	b.WriteString("cd \"$(dirname \"$0\")\" &&\nneo4j-admin database import full --array-delimiter=U+001F --overwrite-destination \\\n")
	for _, n := range nodeOrder {
		fmt.Fprintf(&b, "\t--nodes=%s \\\n", nodes[n].file)
	}
	for _, r := range relOrder {
		fmt.Fprintf(&b, "\t--relationships=%s \\\n", rels[r].file)
	}
	b.WriteString("\t\"${1:-neo4j}\"\n")
	return b.String()
}

// nodeGroup is the file a node goes to: its first (kind) label.
func nodeGroup(n Node) string {
	if len(n.Labels) == 0 {
		return "Node"
	}
	return n.Labels[0]
}

func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s)
}

func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []string:
		return strings.Join(x, ArrayDelimiter)
	case []float64:
		parts := make([]string, len(x))
		for i, f := range x {
			parts[i] = strconv.FormatFloat(f, 'g', -1, 64)
		}
		return strings.Join(parts, ArrayDelimiter)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = csvValue(e)
		}
		return strings.Join(parts, ArrayDelimiter)
	case map[string]any:
		return jsonText(x)
	}
	return fmt.Sprint(v)
}

type csvFile struct {
	f *os.File
	w *csv.Writer
}

func createCSV(path string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &csvFile{f: f, w: csv.NewWriter(f)}, nil
}

func (c *csvFile) close() error {
	c.w.Flush()
	err := c.w.Error()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	return err
}
