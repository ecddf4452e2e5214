package export

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
)

// FileSource reads an exchange file (JSON Lines) and presents it as the
// loader would store it. Records are regrouped per article and facts per
// (subject, predicate, object), so the file's facts are held in memory (they
// carry no article text and stay small); the file is read once.
type FileSource struct {
	Path    string
	OnError func(error) // bad lines; skipped when nil

	nodes []Node
	rels  []Rel
	read  bool
}

func (f *FileSource) load() error {
	if f.read {
		return nil
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return err
	}
	defer fh.Close()
	batches, err := jsonl.ReadBatches(fh, f.OnError)
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Path, err)
	}
	f.nodes, f.rels = fromBatches(batches)
	f.read = true
	return nil
}

func (f *FileSource) Nodes(ctx context.Context, fn func(Node) error) error {
	if err := f.load(); err != nil {
		return err
	}
	for _, n := range f.nodes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

func (f *FileSource) Rels(ctx context.Context, fn func(Rel) error) error {
	if err := f.load(); err != nil {
		return err
	}
	for _, r := range f.rels {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// fromBatches turns per-article batches into nodes and relationships shaped
// like the loader's: entity names preferring the English name, aliases the
// union of aliases and surface forms, attribute values from the latest
// article.
func fromBatches(bs []graph.Batch) ([]Node, []Rel) {
	type entity struct {
		node    Node
		aliases map[string]bool
		attrAt  map[string]string // attribute -> published of the article that set it
	}
	entities := map[string]*entity{}
	type factKey struct{ s, p, o string }
	facts := map[factKey][]Evidence{}
	var nodes []Node
	var rels []Rel
	for _, b := range bs {
		art := b.Article
		props := map[string]any{"id": art.ID}
		for k, v := range map[string]string{"title": art.Title, "url": art.URL, "source": art.Source,
			"published": art.Published, "lang": art.Lang, "sha256": art.SHA256, "path": art.Path} {
			if v != "" {
				props[k] = v
			}
		}
		nodes = append(nodes, Node{ID: art.ID, Labels: []string{LabelArticle}, Props: props})
		for _, e := range b.Entities {
			ent, ok := entities[e.ID]
			if !ok {
				ent = &entity{
					node:    Node{ID: e.ID, Labels: []string{LabelEntity, e.Type}, Props: map[string]any{"id": e.ID, "type": e.Type}},
					aliases: map[string]bool{}, attrAt: map[string]string{},
				}
				entities[e.ID] = ent
			}
			p := ent.node.Props
			for k, v := range map[string]string{"name_ar": e.NameAR, "name_en": e.NameEN} {
				if v != "" && p[k] == nil {
					p[k] = v
				}
			}
			if p["name"] == nil || (e.NameEN != "" && p["name"] != e.NameEN) {
				p["name"] = firstNonEmpty(e.NameEN, e.Name, e.NameAR, e.ID)
			}
			var names []string
			var spans []string
			for _, a := range e.Aliases {
				ent.aliases[a] = true
			}
			for _, m := range e.Mentions {
				if m.Article != art.ID {
					continue
				}
				ent.aliases[m.Text] = true
				if !slices.Contains(names, m.Text) {
					names = append(names, m.Text)
				}
				spans = append(spans, strconv.Itoa(m.Start)+":"+strconv.Itoa(m.End))
			}
			if !slices.Contains(ent.node.Articles, art.ID) {
				ent.node.Articles = append(ent.node.Articles, art.ID)
				rels = append(rels, Rel{Start: art.ID, StartLabel: LabelArticle, End: e.ID, EndLabel: LabelEntity, Type: TypeMentions,
					Props: map[string]any{"count": int64(len(spans)), "names": orEmpty(names), "spans": orEmpty(spans)}})
			}
		}
		seen := map[factKey]int{}
		for _, r := range b.Relations {
			k := factKey{r.Subject, r.Predicate, r.Object}
			ev := Evidence{Article: art.ID, Sentence: r.Evidence, Confidence: r.Confidence}
			if len(r.Properties) > 0 {
				ev.Properties = jsonText(r.Properties)
			}
			if i, ok := seen[k]; ok {
				if r.Confidence > facts[k][i].Confidence {
					facts[k][i] = ev
				}
				continue
			}
			seen[k] = len(facts[k])
			facts[k] = append(facts[k], ev)
		}
		for _, a := range b.Attributes {
			rels = append(rels, Rel{Start: art.ID, StartLabel: LabelArticle, End: a.Subject, EndLabel: LabelEntity, Type: TypeStates,
				Props: map[string]any{"name": a.Name, "value": a.Value, "evidence": a.Evidence, "confidence": a.Confidence}})
			if ent := entities[a.Subject]; ent != nil && art.Published >= ent.attrAt[a.Name] {
				ent.attrAt[a.Name] = art.Published
				ent.node.Props[a.Name] = a.Value
			}
		}
	}
	for _, id := range sortedKeys(entities) {
		ent := entities[id]
		aliases := sortedKeys(ent.aliases)
		ent.node.Props["aliases"] = orEmpty(aliases)
		nodes = append(nodes, ent.node)
	}
	keys := make([]factKey, 0, len(facts))
	for k := range facts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.p != b.p {
			return a.p < b.p
		}
		return a.o < b.o
	})
	factRels := make([]Rel, 0, len(keys))
	for _, k := range keys {
		factRels = append(factRels, Rel{Start: k.s, StartLabel: LabelEntity, End: k.o, EndLabel: LabelEntity, Type: k.p, Props: factProps(facts[k])})
	}
	// Entities first, then articles, as the Neo4j source yields them.
	sort.SliceStable(nodes, func(i, j int) bool { return labelRank2(nodes[i]) < labelRank2(nodes[j]) })
	return nodes, append(factRels, rels...)
}

func labelRank2(n Node) int {
	if len(n.Labels) > 0 && n.Labels[0] == LabelEntity {
		return 0
	}
	return 1
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
