package neo4j

import (
	"context"
	"fmt"
	"sort"

	"github.com/kgraph/kgraph/graph"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// This file holds two baseline loaders for `kgraph bench`, to compare
// WriteBatches with. Both write the same entities, MENTIONS, facts and
// STATES (provenance as lists on the fact relationship, as tutorials do),
// and neither does change detection, retraction or recomputation, so the
// comparison flatters them.

// NaiveLoad is the way many loaders (and LightRAG) write a graph: one MERGE
// per article, entity, mention, fact and attribute, each in its own
// auto-commit transaction.
func NaiveLoad(ctx context.Context, s *Store, bs []graph.Batch) error {
	sess := s.session(ctx, neo4jdriver.AccessModeWrite)
	defer sess.Close(ctx)
	exec := func(q string, p map[string]any) error {
		res, err := sess.Run(ctx, q, p)
		if err != nil {
			return err
		}
		_, err = res.Consume(ctx)
		return err
	}
	for _, b := range bs {
		a := b.Article
		if err := exec(`MERGE (a:Article {source: $source, id: $id}) SET a.title = $title, a.published = $published,
a.lang = $lang, a.sha256 = $sha, a.loaded_at = datetime()`, map[string]any{
			"id": a.ID, "title": a.Title, "source": a.Source, "published": a.Published, "lang": a.Lang, "sha": a.SHA256,
		}); err != nil {
			return err
		}
		for _, e := range b.Entities {
			if !graph.IsEntityType(e.Type) {
				return fmt.Errorf("type %q", e.Type)
			}
			if err := exec(fmt.Sprintf(`MERGE (e:Entity {id: $id}) SET e:%s, e.type = $type, e.name = $name,
e.name_ar = $ar, e.name_en = $en`, e.Type), map[string]any{"id": e.ID, "type": e.Type, "name": e.Name, "ar": e.NameAR, "en": e.NameEN}); err != nil {
				return err
			}
			names, spans := mentionForms(e.Mentions, a.ID)
			if err := exec(`MATCH (a:Article {source: $source, id: $a}), (e:Entity {id: $e}) MERGE (a)-[m:MENTIONS]->(e)
SET m.count = $count, m.names = $names, m.spans = $spans
WITH e SET e.aliases = [x IN coalesce(e.aliases, []) WHERE NOT x IN $names] + $names`,
				map[string]any{"source": a.Source, "a": a.ID, "e": e.ID, "count": len(spans), "names": names, "spans": spans}); err != nil {
				return err
			}
		}
		for _, r := range b.Relations {
			if !graph.IsPredicate(r.Predicate) {
				return fmt.Errorf("predicate %q", r.Predicate)
			}
			if err := exec(fmt.Sprintf(`MATCH (s:Entity {id: $s}), (o:Entity {id: $o}) MERGE (s)-[r:%s]->(o)
WITH r WHERE NOT $a IN coalesce(r.articles, [])
SET r.articles = coalesce(r.articles, []) + $a, r.evidence = coalesce(r.evidence, []) + $ev,
    r.confidences = coalesce(r.confidences, []) + $c,
    r.confidence = CASE WHEN r.confidence > $c THEN r.confidence ELSE $c END`, r.Predicate),
				map[string]any{"s": r.Subject, "o": r.Object, "a": a.ID, "ev": r.Evidence, "c": r.Confidence}); err != nil {
				return err
			}
		}
		for _, at := range b.Attributes {
			if err := exec(`MATCH (a:Article {source: $source, id: $a}), (e:Entity {id: $e}) MERGE (a)-[s:STATES {name: $name, value: $value}]->(e)`,
				map[string]any{"source": a.Source, "a": a.ID, "e": at.Subject, "name": at.Name, "value": at.Value}); err != nil {
				return err
			}
		}
	}
	return nil
}

// UnwindRows is the number of rows per transaction of UnwindLoad.
const UnwindRows = 10000

// UnwindLoad is a plain bulk loader of the same graph: provenance is
// aggregated in the client over all of bs, then nodes and relationships are
// written with UNWIND and MERGE, UnwindRows rows per transaction, one query
// per label and type. It can only load a corpus whole, once.
func UnwindLoad(ctx context.Context, s *Store, bs []graph.Batch) error {
	var articles, mentions, states []map[string]any
	entities := map[string]map[string]map[string]any{} // type -> id -> row
	type fk struct{ s, p, o string }
	facts := map[fk]map[string]any{}
	var factOrder []fk
	for _, b := range bs {
		a := b.Article
		articles = append(articles, map[string]any{"source": a.Source, "id": a.ID, "title": a.Title,
			"published": a.Published, "lang": a.Lang, "sha256": a.SHA256})
		for _, e := range b.Entities {
			if entities[e.Type] == nil {
				entities[e.Type] = map[string]map[string]any{}
			}
			names, spans := mentionForms(e.Mentions, a.ID)
			row := entities[e.Type][e.ID]
			if row == nil {
				row = map[string]any{"id": e.ID, "name": e.Name, "name_ar": e.NameAR, "name_en": e.NameEN, "aliases": []string{}}
				entities[e.Type][e.ID] = row
			}
			row["aliases"] = distinct(append(row["aliases"].([]string), names...))
			mentions = append(mentions, map[string]any{"source": a.Source, "article": a.ID, "entity": e.ID,
				"count": len(spans), "names": names, "spans": spans})
		}
		for _, r := range b.Relations {
			k := fk{r.Subject, r.Predicate, r.Object}
			row := facts[k]
			if row == nil {
				row = map[string]any{"s": r.Subject, "o": r.Object, "articles": []string{}, "evidence": []string{}, "confidences": []float64{}, "confidence": 0.0}
				facts[k] = row
				factOrder = append(factOrder, k)
			}
			row["articles"] = append(row["articles"].([]string), a.ID)
			row["evidence"] = append(row["evidence"].([]string), r.Evidence)
			row["confidences"] = append(row["confidences"].([]float64), r.Confidence)
			row["confidence"] = max(row["confidence"].(float64), r.Confidence)
		}
		for _, at := range b.Attributes {
			states = append(states, map[string]any{"source": a.Source, "article": a.ID, "entity": at.Subject, "name": at.Name, "value": at.Value})
		}
	}
	run := func(q string, rows []map[string]any) error {
		for _, c := range chunk(rows, UnwindRows) {
			_, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (struct{}, error) {
				return struct{}{}, run(ctx, tx, q, map[string]any{"rows": c})
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := run(`UNWIND $rows AS r MERGE (a:Article {source: r.source, id: r.id})
SET a.title = r.title, a.published = r.published, a.lang = r.lang, a.sha256 = r.sha256, a.loaded_at = datetime()`, articles); err != nil {
		return err
	}
	for _, typ := range sortedKeys(entities) {
		if !graph.IsEntityType(typ) {
			return fmt.Errorf("type %q", typ)
		}
		rows := make([]map[string]any, 0, len(entities[typ]))
		for _, id := range sortedKeys(entities[typ]) {
			rows = append(rows, entities[typ][id])
		}
		if err := run(fmt.Sprintf(`UNWIND $rows AS r MERGE (e:Entity {id: r.id})
SET e:%s, e.type = '%s', e.name = r.name, e.name_ar = r.name_ar, e.name_en = r.name_en, e.aliases = r.aliases`, typ, typ), rows); err != nil {
			return err
		}
	}
	if err := run(`UNWIND $rows AS r MATCH (a:Article {source: r.source, id: r.article}) MATCH (e:Entity {id: r.entity})
MERGE (a)-[m:MENTIONS]->(e) SET m.count = r.count, m.names = r.names, m.spans = r.spans`, mentions); err != nil {
		return err
	}
	byPred := map[string][]map[string]any{}
	for _, k := range factOrder {
		byPred[k.p] = append(byPred[k.p], facts[k])
	}
	preds := sortedKeys(byPred)
	sort.Strings(preds)
	for _, p := range preds {
		if !graph.IsPredicate(p) {
			return fmt.Errorf("predicate %q", p)
		}
		if err := run(fmt.Sprintf(`UNWIND $rows AS r MATCH (s:Entity {id: r.s}) MATCH (o:Entity {id: r.o})
MERGE (s)-[f:%s]->(o) SET f.articles = r.articles, f.evidence = r.evidence, f.confidences = r.confidences, f.confidence = r.confidence`, p), byPred[p]); err != nil {
			return err
		}
	}
	return run(`UNWIND $rows AS r MATCH (a:Article {source: r.source, id: r.article}) MATCH (e:Entity {id: r.entity})
MERGE (a)-[s:STATES {name: r.name, value: r.value}]->(e)`, states)
}

// Wipe deletes every node and relationship, in transactions of 10,000, for
// benchmarks that start from an empty database.
func (s *Store) Wipe(ctx context.Context) error {
	return s.wrap("wipe", s.autoCommit(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`))
}
