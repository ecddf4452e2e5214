// Package viz draws the knowledge graph as one self-contained HTML page:
// cytoscape.js and its fcose layout are embedded (see assets/LICENSES.md),
// the graph is inlined as JSON, and the page needs no network. It offers
// pan, zoom and drag, a legend with type filters, a date filter, search in
// Arabic or English, labels in either language laid out right to left where
// Arabic, and a side panel with a node's properties and articles or an
// edge's evidence sentences.
package viz

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph/export"
)

// Data is what the page draws. Its JSON field names are read by app.js.
type Data struct {
	Nodes    []Node             `json:"nodes"`
	Edges    []Edge             `json:"edges"`
	Articles map[string]Article `json:"articles"`
	Colours  map[string]Colour  `json:"colours"`
}

// Node is an entity.
type Node struct {
	ID       string            `json:"id"`
	Type     string            `json:"type"`
	Name     string            `json:"name"`
	NameAR   string            `json:"name_ar,omitempty"`
	NameEN   string            `json:"name_en,omitempty"`
	Aliases  []string          `json:"aliases,omitempty"`
	Articles []string          `json:"articles,omitempty"`
	Props    map[string]string `json:"props,omitempty"` // attribute values
	Keys     string            `json:"keys"`            // folded names for search, "\n"-separated
}

// Edge is one fact with its evidence.
type Edge struct {
	ID         string     `json:"id"`
	Source     string     `json:"source"`
	Target     string     `json:"target"`
	Type       string     `json:"type"`
	Confidence float64    `json:"confidence"`
	Evidence   []Evidence `json:"evidence"`
}

// Evidence is one article's statement of a fact.
type Evidence struct {
	Article    string  `json:"article"`
	Sentence   string  `json:"sentence"`
	Confidence float64 `json:"confidence"`
	Title      string  `json:"title,omitempty"` // e.g. a position's title
}

// Article is what the panel shows of an article.
type Article struct {
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Path      string `json:"path,omitempty"`
}

// Options select what to draw.
type Options struct {
	Focus string   // an entity id or any of its names: draw its neighbourhood only
	Depth int      // hops around Focus (default 2)
	Types []string // entity types to keep (default all)
	Since string   // keep facts stated by articles published on or after this date (YYYY-MM-DD, or a prefix)
}

// ErrNoFocus is returned when Options.Focus names no entity.
var ErrNoFocus = fmt.Errorf("no entity of that id or name")

// Build reads the graph from src and selects what opts ask for.
func Build(ctx context.Context, src export.Source, opts Options) (*Data, error) {
	d := &Data{Articles: map[string]Article{}, Colours: Palette}
	index := map[string]int{}
	type factKey struct{ s, p, o string }
	evidence := map[factKey][]Evidence{}
	err := src.Nodes(ctx, func(n export.Node) error {
		p := n.Props
		switch n.Kind() {
		case export.LabelArticle:
			d.Articles[n.ID()] = Article{Title: export.Str(p, "title"), Published: export.Str(p, "published"),
				URL: export.Str(p, "url"), Source: export.Str(p, "source"), Path: export.Str(p, "path")}
			return nil
		case export.LabelEvidence:
			ev, _ := export.EvidenceOf(n)
			k := factKey{ev.Subject, ev.Predicate, ev.Object}
			item := Evidence{Article: ev.Article, Sentence: ev.Sentence, Confidence: ev.Confidence}
			if ev.Properties != "" {
				item.Title = propTitle(ev.Properties)
			}
			evidence[k] = append(evidence[k], item)
			return nil
		case export.LabelEntity:
		default:
			return nil
		}
		node := Node{ID: n.ID(), Type: export.Str(p, "type"), Name: export.Str(p, "name"),
			NameAR: export.Str(p, "name_ar"), NameEN: export.Str(p, "name_en"),
			Aliases: export.Strings(p["aliases"]), Articles: n.Articles}
		if node.Type == "" && len(n.Labels) > 1 {
			node.Type = n.Labels[1]
		}
		if node.Name == "" {
			node.Name = node.ID
		}
		for k, v := range p {
			switch k {
			case "id", "type", "name", "name_ar", "name_en", "aliases":
				continue
			}
			if export.IsBookkeeping(k) {
				continue
			}
			if node.Props == nil {
				node.Props = map[string]string{}
			}
			node.Props[k] = fmt.Sprint(v)
		}
		index[node.ID] = len(d.Nodes)
		d.Nodes = append(d.Nodes, node)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = src.Rels(ctx, func(r export.Rel) error {
		if r.Start.Label != export.LabelEntity || r.End.Label != export.LabelEntity {
			return nil
		}
		s, o := r.Start.ID(), r.End.ID()
		if _, ok := index[s]; !ok {
			return nil
		}
		if _, ok := index[o]; !ok {
			return nil
		}
		e := Edge{ID: fmt.Sprintf("e%d", len(d.Edges)), Source: s, Target: o, Type: r.Type,
			Evidence: evidence[factKey{s, r.Type, o}]}
		e.Confidence, _ = r.Props["confidence"].(float64)
		d.Edges = append(d.Edges, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := d.selectWhat(opts); err != nil {
		return nil, err
	}
	for i := range d.Nodes {
		d.Nodes[i].Keys = searchKeys(d.Nodes[i])
	}
	return d, nil
}

// propTitle reads a relation's "title" property out of its JSON text.
func propTitle(js string) string {
	const key = `"title":"`
	i := strings.Index(js, key)
	if i < 0 {
		return ""
	}
	rest := js[i+len(key):]
	if j := strings.Index(rest, `"`); j >= 0 {
		return rest[:j]
	}
	return ""
}

// searchKeys is every name of n folded the way the extractor matches names,
// so that the page finds المغرب, مغرب (as a substring) and morocco alike.
func searchKeys(n Node) string {
	seen := map[string]bool{}
	var keys []string
	for _, s := range append([]string{n.Name, n.NameAR, n.NameEN, n.ID}, n.Aliases...) {
		k := text.Fold(s)
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, "\n")
}

// selectWhat applies the type, date and focus filters, in that order.
func (d *Data) selectWhat(opts Options) error {
	keep := map[string]bool{}
	for _, n := range d.Nodes {
		keep[n.ID] = len(opts.Types) == 0 || slices.Contains(opts.Types, n.Type)
	}
	if opts.Since != "" {
		recent := func(a string) bool { return d.Articles[a].Published >= opts.Since }
		var edges []Edge
		for _, e := range d.Edges {
			var ev []Evidence
			for _, x := range e.Evidence {
				if recent(x.Article) {
					ev = append(ev, x)
				}
			}
			if len(ev) > 0 {
				e.Evidence = ev
				edges = append(edges, e)
			}
		}
		d.Edges = edges
		for _, n := range d.Nodes {
			if keep[n.ID] && !slices.ContainsFunc(n.Articles, recent) {
				keep[n.ID] = false
			}
		}
	}
	if opts.Focus != "" {
		start := d.find(opts.Focus)
		if start == "" {
			return fmt.Errorf("--focus %q: %w", opts.Focus, ErrNoFocus)
		}
		depth := opts.Depth
		if depth <= 0 {
			depth = 2
		}
		adj := map[string][]string{}
		for _, e := range d.Edges {
			if keep[e.Source] && keep[e.Target] {
				adj[e.Source] = append(adj[e.Source], e.Target)
				adj[e.Target] = append(adj[e.Target], e.Source)
			}
		}
		near := map[string]bool{start: true}
		frontier := []string{start}
		for hop := 0; hop < depth && len(frontier) > 0; hop++ {
			var next []string
			for _, id := range frontier {
				for _, o := range adj[id] {
					if !near[o] {
						near[o] = true
						next = append(next, o)
					}
				}
			}
			frontier = next
		}
		for id := range keep {
			keep[id] = keep[id] && near[id] || id == start
		}
	}
	var nodes []Node
	for _, n := range d.Nodes {
		if keep[n.ID] {
			nodes = append(nodes, n)
		}
	}
	d.Nodes = nodes
	var edges []Edge
	for _, e := range d.Edges {
		if keep[e.Source] && keep[e.Target] {
			edges = append(edges, e)
		}
	}
	d.Edges = edges
	return nil
}

// find returns the id of the entity that focus names: its id, else a name
// or alias equal after folding.
func (d *Data) find(focus string) string {
	for _, n := range d.Nodes {
		if n.ID == focus {
			return n.ID
		}
	}
	f := text.Fold(focus)
	for _, n := range d.Nodes {
		for _, s := range append([]string{n.Name, n.NameAR, n.NameEN}, n.Aliases...) {
			if text.Fold(s) == f {
				return n.ID
			}
		}
	}
	return ""
}
