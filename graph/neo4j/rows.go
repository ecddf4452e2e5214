package neo4j

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kgraph/kgraph/graph"
)

// ErrBadAttribute is returned (wrapped) for an attribute whose name cannot
// become an entity property: it is not a plain lower-case identifier, or it
// would overwrite one of the entity's own properties.
var ErrBadAttribute = errors.New("bad attribute name")

// attributeName is what may become an entity property key. Keys the loader
// keeps for itself start with "_", which this excludes.
var attributeName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// reservedProperties are entity properties the loader owns; an attribute of
// the same name would clobber them.
var reservedProperties = map[string]bool{
	"id": true, "type": true, "name": true, "name_ar": true, "name_en": true, "aliases": true,
	"alias_counts": true,
}

// nameProps are the entity properties taken from the latest article's
// MENTIONS; every other derived property is an attribute, taken from the
// latest article's STATES.
var nameProps = map[string]bool{"name": true, "name_ar": true, "name_en": true, "type": true}

// validate checks b before anything of it reaches the database.
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

// articleRef is an article's identity: two sources may use the same id.
type articleRef struct{ source, id string }

func refOf(a graph.Article) articleRef { return articleRef{a.Source, a.ID} }

func (r articleRef) param() map[string]any { return map[string]any{"source": r.source, "id": r.id} }

func (r articleRef) String() string {
	if r.source == "" {
		return r.id
	}
	return r.source + "/" + r.id
}

// keySep separates the parts of an article key. It sorts below every
// printable character, so comparing keys compares (published, source, id)
// part by part.
const keySep = "\x1f"

// articleKey orders articles for the derived entity properties: the latest
// article (by published date, then source and id) wins. It does not depend
// on load order or time, so a crash and rerun, or loading in another order,
// gives the same graph. It ends with keySep so that it is a prefix of the
// attribute keys built from it and of no other article's key.
func articleKey(a graph.Article) string {
	return a.Published + keySep + a.Source + keySep + a.ID + keySep
}

// evidenceID is the constrained id of one (fact, article) evidence node.
func evidenceID(a articleRef, subject, predicate, object string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{a.source, a.id, subject, predicate, object}, keySep)))
	return hex.EncodeToString(h[:16])
}

// rows is everything a group of articles writes, shaped as UNWIND
// parameters and aggregated in the client, so that each entity and each
// fact is written once per transaction however many articles of the group
// name it. Values are only strings, numbers, lists and maps so that the
// driver can send them as they are. Every list is sorted by its key, so
// concurrent writers lock nodes in the same order.
type rows struct {
	articles   []map[string]any // {source, id, props}
	entities   []map[string]any // {id, type, name}, by id
	mentions   []map[string]any // one per (article, entity)
	aliases    []map[string]any // {entity, forms, counts}: the group's surface forms, by entity
	props      []map[string]any // {entity, prop, value, key}: the group's latest value, by entity and prop
	evidence   []map[string]any // one per (fact, article)
	facts      []map[string]any // {subject, predicate, object, n, confidence, first, last}, by fact
	states     []map[string]any // one per (article, entity, attribute, value)
	nRelations int              // relation facts, one per (article, subject, predicate, object)
}

type factKey struct{ s, p, o string }

type propKey struct{ entity, prop string }

type propValue struct{ value, key string }

type factAgg struct {
	n           int
	conf        float64
	first, last string
}

// buildRows turns validated batches, in order, into query parameters. A
// repeated fact within one article counts once (the most confident
// statement is kept).
func buildRows(bs []graph.Batch) rows {
	var r rows
	entityType := map[string]graph.Entity{}
	forms := map[string]map[string]int{} // entity -> form -> articles using it
	props := map[propKey]propValue{}
	facts := map[factKey]*factAgg{}

	setProp := func(entity, prop, value, key string) {
		if value == "" {
			return
		}
		k := propKey{entity, prop}
		if old, ok := props[k]; !ok || key > old.key {
			props[k] = propValue{value, key}
		}
	}

	for _, b := range bs {
		art := b.Article
		ref := refOf(art)
		key := articleKey(art)
		r.articles = append(r.articles, map[string]any{
			"source": art.Source, "id": art.ID,
			"props": map[string]any{
				"title": orNil(art.Title), "url": orNil(art.URL), "published": orNil(art.Published),
				"lang": orNil(art.Lang), "sha256": orNil(art.SHA256), "path": orNil(art.Path),
			},
		})

		for _, e := range mergeEntities(b.Entities) {
			name := firstNonEmpty(e.NameEN, e.Name, e.NameAR, e.ID)
			if _, ok := entityType[e.ID]; !ok {
				entityType[e.ID] = graph.Entity{ID: e.ID, Type: e.Type, Name: name}
			}
			names, spans := mentionForms(e.Mentions, art.ID)
			aliases := distinct(e.Aliases)
			r.mentions = append(r.mentions, map[string]any{
				"source": art.Source, "article": art.ID, "entity": e.ID, "key": key, "type": e.Type,
				"count": int64(len(spans)), "names": names, "spans": spans, "aliases": aliases,
				"name": name, "name_ar": orNil(e.NameAR), "name_en": orNil(e.NameEN),
			})
			fs := forms[e.ID]
			if fs == nil {
				fs = map[string]int{}
				forms[e.ID] = fs
			}
			for _, f := range distinct(append(slices.Clone(names), aliases...)) {
				fs[f]++
			}
			setProp(e.ID, "name", name, key)
			setProp(e.ID, "name_ar", e.NameAR, key)
			setProp(e.ID, "name_en", e.NameEN, key)
			setProp(e.ID, "type", e.Type, key)
		}

		articleFacts := map[factKey]graph.Relation{}
		var factOrder []factKey
		for _, rel := range b.Relations {
			k := factKey{rel.Subject, rel.Predicate, rel.Object}
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
			r.evidence = append(r.evidence, map[string]any{
				"id": evidenceID(ref, k.s, k.p, k.o), "source": art.Source, "article": art.ID,
				"subject": k.s, "predicate": k.p, "object": k.o,
				"evidence": rel.Evidence, "confidence": rel.Confidence,
				"properties": orNil(propertiesJSON(rel.Properties)), "seen": orNil(art.Published),
			})
			f := facts[k]
			if f == nil {
				f = &factAgg{conf: rel.Confidence}
				facts[k] = f
			}
			f.n++
			f.conf = max(f.conf, rel.Confidence)
			if p := art.Published; p != "" {
				if f.first == "" || p < f.first {
					f.first = p
				}
				if p > f.last {
					f.last = p
				}
			}
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
			// The value is part of the key: of two values one article
			// states, the greater shows, whatever their order.
			akey := key + a.Value
			r.states = append(r.states, map[string]any{
				"source": art.Source, "article": art.ID, "entity": a.Subject, "name": a.Name, "value": a.Value,
				"evidence": orNil(a.Evidence), "confidence": a.Confidence, "key": akey,
			})
			setProp(a.Subject, a.Name, a.Value, akey)
		}
	}

	for _, id := range sortedKeys(entityType) {
		e := entityType[id]
		r.entities = append(r.entities, map[string]any{"id": id, "type": e.Type, "name": e.Name})
		fs := forms[id]
		if len(fs) == 0 {
			continue
		}
		names := sortedKeys(fs)
		counts := make([]int64, len(names))
		for i, n := range names {
			counts[i] = int64(fs[n])
		}
		r.aliases = append(r.aliases, map[string]any{"entity": id, "forms": names, "counts": counts})
	}
	pks := make([]propKey, 0, len(props))
	for k := range props {
		pks = append(pks, k)
	}
	sort.Slice(pks, func(i, j int) bool {
		if pks[i].entity != pks[j].entity {
			return pks[i].entity < pks[j].entity
		}
		return pks[i].prop < pks[j].prop
	})
	for _, k := range pks {
		v := props[k]
		r.props = append(r.props, map[string]any{"entity": k.entity, "prop": k.prop, "value": v.value, "key": v.key})
	}
	fks := make([]factKey, 0, len(facts))
	for k := range facts {
		fks = append(fks, k)
	}
	sort.Slice(fks, func(i, j int) bool {
		a, b := fks[i], fks[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.p != b.p {
			return a.p < b.p
		}
		return a.o < b.o
	})
	for _, k := range fks {
		f := facts[k]
		r.facts = append(r.facts, map[string]any{
			"subject": k.s, "predicate": k.p, "object": k.o,
			"n": int64(f.n), "confidence": f.conf, "first": orNil(f.first), "last": orNil(f.last),
		})
	}
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

// propertiesJSON keeps a relation's free-form properties as JSON text,
// since Neo4j properties cannot hold maps.
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
