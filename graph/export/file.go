package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
)

// FileSource reads an exchange file (JSON Lines) and presents it as the
// loader would store it. Records are regrouped per article and facts per
// (subject, predicate, object), so the file's records are held in memory
// (they carry no article text and stay small); the file is read once.
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

type factKey struct{ s, p, o string }

// fromBatches turns per-article batches into nodes and relationships shaped
// like the loader's: entity names preferring the English name, aliases the
// union of aliases and surface forms, attribute values from the latest
// article, one Evidence node per (article, fact), and fact relationships
// with their article count, best confidence and first and last dates.
func fromBatches(bs []graph.Batch) ([]Node, []Rel) {
	type entity struct {
		node    Node
		aliases map[string]bool
		attrAt  map[string]string // attribute -> published of the article that set it
	}
	entities := map[string]*entity{}
	var entityOrder []string
	facts := map[factKey][]Evidence{}
	var factOrder []factKey
	var articles, evidence []Node
	var artRels []Rel
	for _, b := range bs {
		art := b.Article
		props := map[string]any{"id": art.ID, "source": art.Source}
		for k, v := range map[string]string{"title": art.Title, "url": art.URL,
			"published": art.Published, "lang": art.Lang, "sha256": art.SHA256, "path": art.Path} {
			if v != "" {
				props[k] = v
			}
		}
		an := Node{Labels: []string{LabelArticle}, Props: props}
		articles = append(articles, an)
		aref := an.Ref()
		for _, e := range b.Entities {
			ent, ok := entities[e.ID]
			if !ok {
				ent = &entity{
					node:    Node{Labels: []string{LabelEntity, e.Type}, Props: map[string]any{"id": e.ID, "type": e.Type}},
					aliases: map[string]bool{}, attrAt: map[string]string{},
				}
				entities[e.ID] = ent
				entityOrder = append(entityOrder, e.ID)
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
			var names, spans []string
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
				artRels = append(artRels, Rel{Start: aref, End: ent.node.Ref(), Type: TypeMentions,
					Props: map[string]any{"count": int64(len(spans)), "names": orEmpty(names), "spans": orEmpty(spans)}})
			}
		}
		// One statement per fact and article: the most confident.
		best := map[factKey]int{}
		var mine []Evidence
		for _, r := range b.Relations {
			if entities[r.Subject] == nil || entities[r.Object] == nil {
				continue // names an entity the file does not have; the loader rejects it too
			}
			k := factKey{r.Subject, r.Predicate, r.Object}
			ev := Evidence{Source: art.Source, Article: art.ID, Subject: r.Subject, Predicate: r.Predicate, Object: r.Object,
				Sentence: r.Evidence, Confidence: r.Confidence, Seen: art.Published}
			if len(r.Properties) > 0 {
				ev.Properties = jsonText(r.Properties)
			}
			if i, ok := best[k]; ok {
				if r.Confidence > mine[i].Confidence {
					mine[i] = ev
				}
				continue
			}
			best[k] = len(mine)
			mine = append(mine, ev)
		}
		for _, ev := range mine {
			k := factKey{ev.Subject, ev.Predicate, ev.Object}
			if _, ok := facts[k]; !ok {
				factOrder = append(factOrder, k)
			}
			facts[k] = append(facts[k], ev)
			en := evidenceNode(evidenceID(ev), ev)
			evidence = append(evidence, en)
			artRels = append(artRels, Rel{Start: aref, End: en.Ref(), Type: TypeSupports, Props: map[string]any{}})
		}
		for _, a := range b.Attributes {
			ent := entities[a.Subject]
			if ent == nil {
				continue
			}
			artRels = append(artRels, Rel{Start: aref, End: ent.node.Ref(), Type: TypeStates,
				Props: map[string]any{"name": a.Name, "value": a.Value, "evidence": a.Evidence, "confidence": a.Confidence}})
			if art.Published >= ent.attrAt[a.Name] {
				ent.attrAt[a.Name] = art.Published
				ent.node.Props[a.Name] = a.Value
			}
		}
	}
	var nodes []Node
	slices.Sort(entityOrder)
	for _, id := range entityOrder {
		ent := entities[id]
		ent.node.Props["aliases"] = orEmpty(sortedKeys(ent.aliases))
		nodes = append(nodes, ent.node)
	}
	nodes = append(append(nodes, articles...), evidence...)
	var rels []Rel
	for _, k := range factOrder {
		rels = append(rels, Rel{Start: entities[k.s].node.Ref(), End: entities[k.o].node.Ref(), Type: k.p, Props: factAggregates(facts[k])})
	}
	return nodes, append(rels, artRels...)
}

// factAggregates are a fact relationship's properties over its evidence.
func factAggregates(evs []Evidence) map[string]any {
	p := map[string]any{"article_count": int64(len(evs))}
	best := 0.0
	first, last := "", ""
	for _, e := range evs {
		best = max(best, e.Confidence)
		if e.Seen != "" && (first == "" || e.Seen < first) {
			first = e.Seen
		}
		if e.Seen > last {
			last = e.Seen
		}
	}
	p["confidence"] = best
	if first != "" {
		p["first_seen"], p["last_seen"] = first, last
	}
	return p
}

// evidenceID is the loader's id of an evidence node: a hash of its article
// and fact.
func evidenceID(ev Evidence) string {
	h := sha256.Sum256([]byte(strings.Join([]string{ev.Source, ev.Article, ev.Subject, ev.Predicate, ev.Object}, "\x1f")))
	return hex.EncodeToString(h[:16])
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
