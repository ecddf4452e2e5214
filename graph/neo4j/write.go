package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/kgraph/kgraph/graph"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// WriteStats counts what WriteBatches did.
type WriteStats struct {
	Articles   int // new or changed articles written
	Unchanged  int // articles skipped because their sha256 is already loaded
	Entities   int // entity mentions written (one per article and entity)
	Relations  int // relation facts written (one per article and fact)
	Attributes int // attribute values written
	Rejected   int // articles refused before any write (see ArticleError)
}

// Add sums two stats.
func (w WriteStats) Add(o WriteStats) WriteStats {
	return WriteStats{
		Articles: w.Articles + o.Articles, Unchanged: w.Unchanged + o.Unchanged,
		Entities: w.Entities + o.Entities, Relations: w.Relations + o.Relations,
		Attributes: w.Attributes + o.Attributes, Rejected: w.Rejected + o.Rejected,
	}
}

// ArticleError is one article refused by validation; nothing of it was
// written. Its Err wraps graph.ErrUnknownPredicate, graph.ErrUnknownType or
// ErrBadAttribute where that is the cause.
type ArticleError struct {
	Article string
	Err     error
}

func (e *ArticleError) Error() string {
	return fmt.Sprintf("article %s rejected: %v", e.Article, e.Err)
}
func (e *ArticleError) Unwrap() error { return e.Err }

// Write loads one article's batch (graph.Sink). An invalid batch is
// rejected and nothing of it is written.
func (s *Store) Write(ctx context.Context, b graph.Batch) error {
	_, err := s.WriteBatches(ctx, []graph.Batch{b})
	return err
}

// WriteBatches loads many articles, BatchSize articles per transaction.
// Articles whose sha256 is already loaded are skipped without a write;
// changed ones have their previous contributions replaced.
//
// Invalid batches are rejected up front and the rest is still written: the
// returned error then joins one *ArticleError per rejected article. A
// database error stops the load; the groups committed before it stay
// committed and are counted in the stats.
func (s *Store) WriteBatches(ctx context.Context, bs []graph.Batch) (WriteStats, error) {
	var stats WriteStats
	var rejected []error
	valid := make([]graph.Batch, 0, len(bs))
	for _, b := range bs {
		if err := validate(b); err != nil {
			rejected = append(rejected, &ArticleError{Article: b.Article.ID, Err: err})
			stats.Rejected++
			continue
		}
		valid = append(valid, b)
	}
	for _, group := range s.groups(valid) {
		st, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (WriteStats, error) {
			return writeGroup(ctx, tx, group)
		})
		if err != nil {
			return stats, errors.Join(append([]error{s.wrap(fmt.Sprintf("write articles %s", idRange(group)), err)}, rejected...)...)
		}
		stats = stats.Add(st)
	}
	return stats, errors.Join(rejected...)
}

// groups splits batches into transactions of at most batchSize articles. A
// repeated article id starts a new group, so its later version is written
// after, and replaces, the earlier one.
func (s *Store) groups(bs []graph.Batch) [][]graph.Batch {
	var out [][]graph.Batch
	var cur []graph.Batch
	inCur := map[string]bool{}
	for _, b := range bs {
		if len(cur) == s.batchSize || inCur[b.Article.ID] {
			out = append(out, cur)
			cur, inCur = nil, map[string]bool{}
		}
		cur = append(cur, b)
		inCur[b.Article.ID] = true
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func idRange(bs []graph.Batch) string {
	if len(bs) == 1 {
		return bs[0].Article.ID
	}
	return fmt.Sprintf("%s..%s (%d)", bs[0].Article.ID, bs[len(bs)-1].Article.ID, len(bs))
}

// writeGroup is one transaction: skip unchanged articles, drop what changed
// ones contributed before, write the new contributions, then recompute the
// entity properties derived from them. It may be retried, so it keeps no
// state outside tx.
func writeGroup(ctx context.Context, tx neo4jdriver.ManagedTransaction, group []graph.Batch) (WriteStats, error) {
	var stats WriteStats
	ids := make([]string, len(group))
	for i, b := range group {
		ids[i] = b.Article.ID
	}
	recs, err := collect(ctx, tx, `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id, coalesce(a.sha256, '')`, map[string]any{"ids": ids})
	if err != nil {
		return stats, fmt.Errorf("read article hashes: %w", err)
	}
	loaded := make(map[string]string, len(recs))
	for _, r := range recs {
		loaded[str(r.Values[0])] = str(r.Values[1])
	}
	var todo []graph.Batch
	var replaced []string
	for _, b := range group {
		sha, ok := loaded[b.Article.ID]
		switch {
		case ok && sha != "" && sha == b.Article.SHA256:
			stats.Unchanged++
			continue
		case ok:
			replaced = append(replaced, b.Article.ID)
		}
		todo = append(todo, b)
	}
	if len(todo) == 0 {
		return stats, nil
	}

	touched, err := removeContributions(ctx, tx, replaced)
	if err != nil {
		return stats, err
	}
	r := buildRows(todo)
	if err := writeRows(ctx, tx, r); err != nil {
		return stats, err
	}
	touched.add(r.entityIDs, r.attrPairs)
	if err := recompute(ctx, tx, touched); err != nil {
		return stats, err
	}
	stats.Articles = len(todo)
	stats.Entities = len(r.mentions)
	stats.Relations = r.nRelations
	stats.Attributes = len(r.attributes)
	return stats, nil
}

// touchedSet is what a removal or write may have changed: entities whose
// names, aliases or existence must be recomputed, and attribute properties.
type touchedSet struct {
	entities map[string]bool
	pairs    map[attrPair]bool
}

func newTouched() touchedSet {
	return touchedSet{entities: map[string]bool{}, pairs: map[attrPair]bool{}}
}

func (t touchedSet) add(entities []string, pairs []attrPair) {
	for _, e := range entities {
		t.entities[e] = true
	}
	for _, p := range pairs {
		t.pairs[p] = true
	}
}

func (t touchedSet) entityIDs() []string {
	out := make([]string, 0, len(t.entities))
	for e := range t.entities {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// removeContributions deletes what the given articles contributed (their
// MENTIONS and STATES, and their entries in relationship provenance) and
// returns what that touched. Article nodes stay; the caller decides.
func removeContributions(ctx context.Context, tx neo4jdriver.ManagedTransaction, articleIDs []string) (touchedSet, error) {
	t := newTouched()
	if len(articleIDs) == 0 {
		return t, nil
	}
	params := map[string]any{"ids": articleIDs}
	recs, err := collect(ctx, tx, `
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
RETURN DISTINCT e.id`, params)
	if err != nil {
		return t, fmt.Errorf("find mentioned entities: %w", err)
	}
	for _, r := range recs {
		t.entities[str(r.Values[0])] = true
	}
	if recs, err = collect(ctx, tx, `
UNWIND $ids AS id
MATCH (:Article {id: id})-[s:STATES]->(e:Entity)
RETURN DISTINCT e.id, s.name`, params); err != nil {
		return t, fmt.Errorf("find stated attributes: %w", err)
	}
	for _, r := range recs {
		t.pairs[attrPair{str(r.Values[0]), str(r.Values[1])}] = true
	}
	// Relationships are found through the article's own MENTIONS: every
	// relation an article states joins two entities it mentions.
	if err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(:Entity)-[r]->(:Entity)
WHERE id IN r.articles
WITH r, collect(DISTINCT id) AS gone
WITH r, [i IN range(0, size(r.articles) - 1) WHERE NOT r.articles[i] IN gone] AS keep
WITH r,
     [i IN keep | r.articles[i]] AS articles,
     [i IN keep | r.evidence[i]] AS evidence,
     [i IN keep | r.confidences[i]] AS confidences,
     [i IN keep | r.properties[i]] AS properties
SET r.articles = articles, r.evidence = evidence, r.confidences = confidences, r.properties = properties,
    r.confidence = reduce(m = 0.0, c IN confidences | CASE WHEN c > m THEN c ELSE m END)
WITH r WHERE size(r.articles) = 0
DELETE r`, params); err != nil {
		return t, fmt.Errorf("remove relation provenance: %w", err)
	}
	if err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (:Article {id: id})-[r:MENTIONS|STATES]->(:Entity)
DELETE r`, params); err != nil {
		return t, fmt.Errorf("remove mentions and attributes: %w", err)
	}
	return t, nil
}

func writeRows(ctx context.Context, tx neo4jdriver.ManagedTransaction, r rows) error {
	if err := run(ctx, tx, `
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.title = row.title, a.url = row.url, a.source = row.source, a.published = row.published,
    a.lang = row.lang, a.sha256 = row.sha256, a.path = row.path, a.loaded_at = datetime()`,
		map[string]any{"rows": r.articles}); err != nil {
		return fmt.Errorf("merge articles: %w", err)
	}
	for _, typ := range sortedKeys(r.entities) {
		q, err := mergeEntitiesQuery(typ)
		if err != nil {
			return err
		}
		if err := run(ctx, tx, q, map[string]any{"rows": r.entities[typ], "type": typ}); err != nil {
			return fmt.Errorf("merge %s entities: %w", typ, err)
		}
	}
	if err := run(ctx, tx, `
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Entity {id: row.entity})
MERGE (a)-[m:MENTIONS]->(e)
SET m.count = row.count, m.names = row.names, m.spans = row.spans, m.aliases = row.aliases,
    m.type = row.type, m.name = row.name, m.name_ar = row.name_ar, m.name_en = row.name_en`,
		map[string]any{"rows": r.mentions}); err != nil {
		return fmt.Errorf("merge mentions: %w", err)
	}
	for _, pred := range sortedKeys(r.relations) {
		q, err := mergeRelationsQuery(pred)
		if err != nil {
			return err
		}
		if err := run(ctx, tx, q, map[string]any{"rows": r.relations[pred]}); err != nil {
			return fmt.Errorf("merge %s relations: %w", pred, err)
		}
	}
	if len(r.attributes) > 0 {
		if err := run(ctx, tx, `
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Entity {id: row.entity})
MERGE (a)-[s:STATES {name: row.name, value: row.value}]->(e)
SET s.evidence = row.evidence, s.confidence = row.confidence`,
			map[string]any{"rows": r.attributes}); err != nil {
			return fmt.Errorf("merge attributes: %w", err)
		}
	}
	return nil
}

// mergeEntitiesQuery is the entity MERGE for one type label. The label is
// spliced into the query, so it must be in the vocabulary.
func mergeEntitiesQuery(typ string) (string, error) {
	if !graph.IsEntityType(typ) {
		return "", fmt.Errorf("merge entities: %w %q", graph.ErrUnknownType, typ)
	}
	return fmt.Sprintf(`
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:%s, e.type = $type, e.name = row.name`, typ), nil
}

// mergeRelationsQuery is the relationship MERGE for one predicate. An
// article already in the provenance lists is not appended again.
func mergeRelationsQuery(pred string) (string, error) {
	if !graph.IsPredicate(pred) {
		return "", fmt.Errorf("merge relations: %w %q", graph.ErrUnknownPredicate, pred)
	}
	return fmt.Sprintf(`
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
MERGE (s)-[r:%s]->(o)
WITH r, row, coalesce(r.articles, []) AS had
WITH r, row, had, [i IN range(0, size(row.articles) - 1) WHERE NOT row.articles[i] IN had] AS add
WITH r,
     had + [i IN add | row.articles[i]] AS articles,
     coalesce(r.evidence, []) + [i IN add | row.evidence[i]] AS evidence,
     coalesce(r.confidences, []) + [i IN add | row.confidences[i]] AS confidences,
     coalesce(r.properties, []) + [i IN add | row.properties[i]] AS properties
SET r.articles = articles, r.evidence = evidence, r.confidences = confidences, r.properties = properties,
    r.confidence = reduce(m = 0.0, c IN confidences | CASE WHEN c > m THEN c ELSE m END)`, pred), nil
}

// typeLabels removes every entity type label, so a retyped entity keeps one.
var typeLabels = ":" + strings.Join(graph.EntityTypes, ":")

// recompute derives entity properties from the remaining articles: deletes
// entities no article mentions, sets names and aliases (names from the
// latest article, aliases the union over all), fixes type labels, and sets
// each touched attribute property to the latest article's value.
func recompute(ctx context.Context, tx neo4jdriver.ManagedTransaction, t touchedSet) error {
	ids := t.entityIDs()
	if len(ids) > 0 {
		params := map[string]any{"ids": ids}
		if err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e`, params); err != nil {
			return fmt.Errorf("delete orphan entities: %w", err)
		}
		recs, err := collect(ctx, tx, `
UNWIND $ids AS id
MATCH (e:Entity {id: id})<-[m:MENTIONS]-(a:Article)
WITH e, m ORDER BY coalesce(a.published, '') DESC, a.loaded_at DESC, a.id DESC
WITH e, collect(m) AS ms
WITH e, ms,
     [x IN ms WHERE x.name IS NOT NULL | x.name] AS names,
     [x IN ms WHERE x.name_ar IS NOT NULL | x.name_ar] AS ars,
     [x IN ms WHERE x.name_en IS NOT NULL | x.name_en] AS ens
SET e.name = coalesce(head(ens), head(names), head(ars), e.id),
    e.name_ar = head(ars),
    e.name_en = head(ens),
    e.aliases = COLLECT { UNWIND ms AS x UNWIND x.names + x.aliases AS n WITH DISTINCT n RETURN n ORDER BY n }
WITH e, head(ms).type AS want
WHERE e.type IS NULL OR e.type <> want
RETURN e.id, want`, params)
		if err != nil {
			return fmt.Errorf("recompute entity names: %w", err)
		}
		retype := map[string][]string{}
		for _, r := range recs {
			want := str(r.Values[1])
			retype[want] = append(retype[want], str(r.Values[0]))
		}
		for _, typ := range sortedKeys(retype) {
			if !graph.IsEntityType(typ) {
				return fmt.Errorf("retype entities: %w %q", graph.ErrUnknownType, typ)
			}
			if err := run(ctx, tx, fmt.Sprintf(`
UNWIND $ids AS id
MATCH (e:Entity {id: id})
REMOVE e%s
SET e:%s, e.type = $type`, typeLabels, typ), map[string]any{"ids": retype[typ], "type": typ}); err != nil {
				return fmt.Errorf("retype entities: %w", err)
			}
		}
	}
	byName := pairsByName(sortedPairs(t.pairs))
	for _, name := range sortedKeys(byName) {
		q, err := latestAttributeQuery(name)
		if err != nil {
			return err
		}
		if err := run(ctx, tx, q, map[string]any{"ids": byName[name], "name": name}); err != nil {
			return fmt.Errorf("recompute attribute %s: %w", name, err)
		}
	}
	return nil
}

// latestAttributeQuery sets the property name of each entity to the value
// stated by its latest article (by published date, load time, then id), or
// removes it when no article states it anymore.
func latestAttributeQuery(name string) (string, error) {
	if !attributeName.MatchString(name) || reservedProperties[name] {
		return "", fmt.Errorf("recompute attribute: %w %q", ErrBadAttribute, name)
	}
	return fmt.Sprintf(`
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (a:Article)-[s:STATES {name: $name}]->(e)
  WITH a, s ORDER BY coalesce(a.published, '') DESC, a.loaded_at DESC, a.id DESC, s.value DESC
  LIMIT 1
  RETURN s.value AS value
}
SET e.%s = value`, name), nil
}

// Retract removes everything the given articles contributed, and the
// articles themselves. Facts other articles also support stay; entities no
// remaining article mentions are deleted. Unknown ids are ignored.
func (s *Store) Retract(ctx context.Context, articleIDs []string) error {
	for _, ids := range chunk(articleIDs, s.batchSize) {
		_, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (struct{}, error) {
			t, err := removeContributions(ctx, tx, ids)
			if err != nil {
				return struct{}{}, err
			}
			if err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`, map[string]any{"ids": ids}); err != nil {
				return struct{}{}, fmt.Errorf("delete articles: %w", err)
			}
			return struct{}{}, recompute(ctx, tx, t)
		})
		if err != nil {
			return s.wrap(fmt.Sprintf("retract %d articles", len(ids)), err)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
