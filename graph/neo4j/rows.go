package neo4j

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"

	"github.com/kgraph/kgraph/graph"
)

// ErrBadAttribute is returned (wrapped) for an attribute whose name cannot
// become an entity property: it is not a plain lower-case identifier, or it
// would overwrite one of the entity's own properties.
var ErrBadAttribute = errors.New("bad attribute name")

// attributeName is what may be spliced into Cypher as a property key.
var attributeName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// reservedProperties are entity properties the loader owns; an attribute of
// the same name would clobber them.
var reservedProperties = map[string]bool{
	"id": true, "type": true, "name": true, "name_ar": true, "name_en": true, "aliases": true,
}

// validate checks b before anything of it reaches a query string.
func validate(b graph.Batch) error {
	if b.Article.ID == "" {
		return errors.New("batch without article id")
	}
	if err := b.Validate(); err != nil {
		return err
	}
	for _, a := range b.Attributes {
		if !attributeName.MatchString(a.Name) || reservedProperties[a.Name] {
			return fmt.Errorf("article %s: attribute of %s: %w %q", b.Article.ID, a.Subject, ErrBadAttribute, a.Name)
		}
	}
	return nil
}

// rows is everything a group of articles writes, shaped as UNWIND
// parameters. Values are only strings, numbers, lists and maps so that the
// driver can send them as they are.
type rows struct {
	articles   []map[string]any
	entities   map[string][]map[string]any // by type label
	mentions   []map[string]any
	relations  map[string][]map[string]any // by predicate
	attributes []map[string]any
	entityIDs  []string   // every entity the group touches, sorted
	attrPairs  []attrPair // every (entity, attribute) the group states, sorted
	nRelations int        // relation facts, one per (article, subject, predicate, object)
}

type attrPair struct{ entity, name string }

// buildRows turns validated batches, in order, into query parameters. A
// repeated fact within one article counts once (the most confident
// statement is kept), so an article appears at most once in a relationship's
// provenance lists.
func buildRows(bs []graph.Batch) rows {
	r := rows{
		entities:  map[string][]map[string]any{},
		relations: map[string][]map[string]any{},
	}
	seenEntity := map[string]bool{}
	type relKey struct{ s, p, o string }
	relIndex := map[relKey]map[string]any{}
	var relOrder []relKey
	pairs := map[attrPair]bool{}

	for _, b := range bs {
		art := b.Article
		r.articles = append(r.articles, map[string]any{
			"id": art.ID, "title": orNil(art.Title), "url": orNil(art.URL), "source": orNil(art.Source),
			"published": orNil(art.Published), "lang": orNil(art.Lang), "sha256": orNil(art.SHA256),
			"path": orNil(art.Path),
		})

		for _, e := range mergeEntities(b.Entities) {
			if !seenEntity[e.ID] {
				seenEntity[e.ID] = true
				r.entityIDs = append(r.entityIDs, e.ID)
				r.entities[e.Type] = append(r.entities[e.Type], map[string]any{"id": e.ID, "name": firstNonEmpty(e.Name, e.NameEN, e.NameAR, e.ID)})
			}
			names, spans := mentionForms(e.Mentions, art.ID)
			r.mentions = append(r.mentions, map[string]any{
				"article": art.ID, "entity": e.ID, "type": e.Type,
				"count": int64(len(spans)), "names": names, "spans": spans,
				"aliases": distinct(e.Aliases),
				"name":    orNil(e.Name), "name_ar": orNil(e.NameAR), "name_en": orNil(e.NameEN),
			})
		}

		articleFacts := map[relKey]graph.Relation{}
		var factOrder []relKey
		for _, rel := range b.Relations {
			k := relKey{rel.Subject, rel.Predicate, rel.Object}
			prev, ok := articleFacts[k]
			if !ok {
				factOrder = append(factOrder, k)
			}
			if !ok || rel.Confidence > prev.Confidence {
				articleFacts[k] = rel
			}
		}
		for _, k := range factOrder {
			rel := articleFacts[k]
			row, ok := relIndex[k]
			if !ok {
				row = map[string]any{
					"subject": k.s, "object": k.o,
					"articles": []string{}, "evidence": []string{}, "confidences": []float64{}, "properties": []string{},
				}
				relIndex[k] = row
				relOrder = append(relOrder, k)
			}
			row["articles"] = append(row["articles"].([]string), art.ID)
			row["evidence"] = append(row["evidence"].([]string), rel.Evidence)
			row["confidences"] = append(row["confidences"].([]float64), rel.Confidence)
			row["properties"] = append(row["properties"].([]string), propertiesJSON(rel.Properties))
			r.nRelations++
		}

		type attrKey struct{ entity, name, value string }
		seenAttr := map[attrKey]bool{}
		for _, a := range b.Attributes {
			k := attrKey{a.Subject, a.Name, a.Value}
			if seenAttr[k] {
				continue
			}
			seenAttr[k] = true
			r.attributes = append(r.attributes, map[string]any{
				"article": art.ID, "entity": a.Subject, "name": a.Name, "value": a.Value,
				"evidence": orNil(a.Evidence), "confidence": a.Confidence,
			})
			pairs[attrPair{a.Subject, a.Name}] = true
		}
	}
	for _, k := range relOrder {
		r.relations[k.p] = append(r.relations[k.p], relIndex[k])
	}
	sort.Strings(r.entityIDs)
	r.attrPairs = sortedPairs(pairs)
	return r
}

// mergeEntities folds repeated records of one entity within a batch, so each
// article has one MENTIONS relationship per entity.
func mergeEntities(es []graph.Entity) []graph.Entity {
	index := map[string]int{}
	var out []graph.Entity
	for _, e := range es {
		i, ok := index[e.ID]
		if !ok {
			index[e.ID] = len(out)
			e.Mentions = slices.Clone(e.Mentions)
			e.Aliases = slices.Clone(e.Aliases)
			out = append(out, e)
			continue
		}
		m := &out[i]
		m.Mentions = append(m.Mentions, e.Mentions...)
		m.Aliases = append(m.Aliases, e.Aliases...)
		m.Name = firstNonEmpty(m.Name, e.Name)
		m.NameAR = firstNonEmpty(m.NameAR, e.NameAR)
		m.NameEN = firstNonEmpty(m.NameEN, e.NameEN)
	}
	return out
}

// mentionForms returns the distinct surface forms, in order of first use,
// and the "start:end" spans of the mentions in article.
func mentionForms(ms []graph.Mention, article string) (names, spans []string) {
	names, spans = []string{}, []string{}
	seenSpan := map[string]bool{}
	var texts []string
	for _, m := range ms {
		if m.Article != "" && m.Article != article {
			continue
		}
		span := strconv.Itoa(m.Start) + ":" + strconv.Itoa(m.End)
		if seenSpan[span] {
			continue
		}
		seenSpan[span] = true
		spans = append(spans, span)
		texts = append(texts, m.Text)
	}
	return distinct(texts), spans
}

func sortedPairs(set map[attrPair]bool) []attrPair {
	out := make([]attrPair, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		return out[i].entity < out[j].entity
	})
	return out
}

// pairsByName groups (entity, attribute) pairs by attribute name, the unit
// of one recompute query.
func pairsByName(ps []attrPair) map[string][]string {
	out := map[string][]string{}
	for _, p := range ps {
		out[p.name] = append(out[p.name], p.entity)
	}
	return out
}

// propertiesJSON keeps a relation's free-form properties as one JSON string
// per article, since Neo4j lists cannot hold maps.
func propertiesJSON(p map[string]any) string {
	if len(p) == 0 {
		return ""
	}
	b, err := json.Marshal(p)
	if err != nil {
		return ""
	}
	return string(b)
}

// distinct drops empty and repeated strings, keeping first-use order; never nil.
func distinct(xs []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, x := range xs {
		if x == "" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}

// orNil maps "" to nil so that SET removes the property instead of storing
// an empty string.
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// chunk splits xs into runs of at most n.
func chunk[T any](xs []T, n int) [][]T {
	var out [][]T
	for len(xs) > n {
		out = append(out, xs[:n])
		xs = xs[n:]
	}
	if len(xs) > 0 {
		out = append(out, xs)
	}
	return out
}
