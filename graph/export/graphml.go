package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// GraphML writes the graph as GraphML for Gephi and yEd. Every property
// becomes a <data> key; lists are written as JSON arrays, since GraphML has
// no list type. Nodes also get "labels" (":Entity:Country") and "label" (the
// name, or an article's title), edges "label" (the type), so the tools show
// something readable by default.
//
// The source is read twice: first for the keys, then for the elements.
func GraphML(ctx context.Context, src Source, w io.Writer) error {
	nodeKeys := &header{seen: map[string]int{}}
	edgeKeys := &header{seen: map[string]int{}}
	nodeKeys.add("labels", "")
	nodeKeys.add("label", "")
	edgeKeys.add("label", "")
	err := src.Nodes(ctx, func(n Node) error {
		for _, k := range sortedKeys(n.Props) {
			nodeKeys.add(k, n.Props[k])
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = src.Rels(ctx, func(r Rel) error {
		for _, k := range sortedKeys(r.Props) {
			edgeKeys.add(k, r.Props[k])
		}
		return nil
	})
	if err != nil {
		return err
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, set := range []struct {
		h   *header
		dom string
		pfx string
	}{{nodeKeys, "node", "n_"}, {edgeKeys, "edge", "e_"}} {
		for _, c := range set.h.cols {
			fmt.Fprintf(bw, `  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n",
				escAttr(set.pfx+c.key), set.dom, escAttr(c.key), graphmlType(c.typ))
		}
	}
	bw.WriteString(`  <graph id="kgraph" edgedefault="directed">` + "\n")
	err = src.Nodes(ctx, func(n Node) error {
		fmt.Fprintf(bw, `    <node id="%s">`, escAttr(n.Ref().Key()))
		writeData(bw, "n_labels", ":"+strings.Join(n.Labels, ":"))
		writeData(bw, "n_label", firstNonEmpty(Str(n.Props, "name"), Str(n.Props, "title"), n.ID()))
		for _, k := range sortedKeys(n.Props) {
			writeData(bw, "n_"+k, graphmlValue(n.Props[k]))
		}
		_, err := bw.WriteString("</node>\n")
		return err
	})
	if err != nil {
		return err
	}
	i := 0
	err = src.Rels(ctx, func(r Rel) error {
		fmt.Fprintf(bw, `    <edge id="e%d" source="%s" target="%s">`, i, escAttr(r.Start.Key()), escAttr(r.End.Key()))
		i++
		writeData(bw, "e_label", r.Type)
		for _, k := range sortedKeys(r.Props) {
			writeData(bw, "e_"+k, graphmlValue(r.Props[k]))
		}
		_, err := bw.WriteString("</edge>\n")
		return err
	})
	if err != nil {
		return err
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func writeData(w *bufio.Writer, key, value string) {
	w.WriteString(`<data key="`)
	w.WriteString(escAttr(key))
	w.WriteString(`">`)
	xml.EscapeText(w, []byte(value))
	w.WriteString(`</data>`)
}

func escAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func graphmlType(t string) string {
	switch t {
	case "boolean":
		return "boolean"
	case "long":
		return "long"
	case "double":
		return "double"
	}
	return "string"
}

func graphmlValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []string, []float64, []any, map[string]any:
		return jsonText(x)
	}
	return fmt.Sprint(v)
}
