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

// ArticleID names the rejected article (internal/pipeline.ArticleFailure).
func (e *ArticleError) ArticleID() string { return e.Article }

// WriteGroup writes bs, BatchSize articles per transaction (one for a
// pipeline group of that size); see WriteBatches for the errors.
func (s *Store) WriteGroup(ctx context.Context, bs []graph.Batch) error {
	_, err := s.WriteBatches(ctx, bs)
	return err
}

// Write loads one article's batch (graph.Sink). An invalid batch is
// rejected and nothing of it is written.
func (s *Store) Write(ctx context.Context, b graph.Batch) error {
	_, err := s.WriteBatches(ctx, []graph.Batch{b})
	return err
}

// WriteBatches loads many articles, BatchSize articles per transaction.
// Articles whose sha256 is already loaded are skipped without a write;
// changed ones have their previous contributions replaced. An article is
// identified by its source and id.
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
// repeated article starts a new group, so its later version is written
// after, and replaces, the earlier one.
func (s *Store) groups(bs []graph.Batch) [][]graph.Batch {
	var out [][]graph.Batch
	var cur []graph.Batch
	inCur := map[articleRef]bool{}
	for _, b := range bs {
		if len(cur) == s.batchSize || inCur[refOf(b.Article)] {
			out = append(out, cur)
			cur, inCur = nil, map[articleRef]bool{}
		}
		cur = append(cur, b)
		inCur[refOf(b.Article)] = true
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func idRange(bs []graph.Batch) string {
	first := refOf(bs[0].Article).String()
	if len(bs) == 1 {
		return first
	}
	return fmt.Sprintf("%s..%s (%d)", first, refOf(bs[len(bs)-1].Article), len(bs))
}

func refParams(refs []articleRef) []map[string]any {
	out := make([]map[string]any, len(refs))
	for i, r := range refs {
		out[i] = r.param()
	}
	return out
}

// writeGroup is one transaction: skip unchanged articles, drop what changed
// ones contributed before, then write the new contributions. It may be
// retried, so it keeps no state outside tx.
func writeGroup(ctx context.Context, tx neo4jdriver.ManagedTransaction, group []graph.Batch) (WriteStats, error) {
	var stats WriteStats
	refs := make([]articleRef, len(group))
	for i, b := range group {
		refs[i] = refOf(b.Article)
	}
	recs, err := collect(ctx, tx, qArticleHashes, map[string]any{"keys": refParams(refs)})
	if err != nil {
		return stats, fmt.Errorf("read article hashes: %w", err)
	}
	loaded := make(map[articleRef]string, len(recs))
	for _, r := range recs {
		loaded[articleRef{str(r.Values[0]), str(r.Values[1])}] = str(r.Values[2])
	}
	var todo []graph.Batch
	var replaced []articleRef
	for _, b := range group {
		sha, ok := loaded[refOf(b.Article)]
		switch {
		case ok && sha != "" && sha == b.Article.SHA256:
			stats.Unchanged++
			continue
		case ok:
			replaced = append(replaced, refOf(b.Article))
		}
		todo = append(todo, b)
	}
	if len(todo) == 0 {
		return stats, nil
	}
	if err := removeContributions(ctx, tx, replaced); err != nil {
		return stats, err
	}
	r := buildRows(todo)
	if err := writeRows(ctx, tx, r); err != nil {
		return stats, err
	}
	stats.Articles = len(todo)
	stats.Entities = len(r.mentions)
	stats.Relations = r.nRelations
	stats.Attributes = len(r.states)
	return stats, nil
}

// The queries. Labels and relationship types are parameters (Cypher 5.26
// dynamic labels and types), so there is one query string per step however
// many types a batch holds: a cold server plans each once.
var (
	qArticleHashes = `
UNWIND $keys AS k
MATCH (a:Article {source: k.source, id: k.id})
RETURN a.source, a.id, coalesce(a.sha256, '')`

	// qRemoveEvidence deletes the articles' evidence and updates the facts
	// it supported: the count goes down by what was removed, and only when
	// the removed evidence held the best confidence or the first or last
	// date are those recomputed, from the remaining evidence of that fact.
	// A fact with no evidence left is deleted.
	qRemoveEvidence = `
UNWIND $keys AS k
MATCH (:Article {source: k.source, id: k.id})-[:SUPPORTS]->(ev:Evidence)
WITH ev.subject AS sid, ev.predicate AS p, ev.object AS oid, collect(ev) AS evs
WITH sid, p, oid, evs, size(evs) AS n,
     reduce(c = 0.0, x IN evs | CASE WHEN x.confidence > c THEN x.confidence ELSE c END) AS c,
     [x IN evs WHERE x.seen IS NOT NULL | x.seen] AS seens
FOREACH (x IN evs | DETACH DELETE x)
WITH sid, p, oid, n, c, seens
MATCH (s:Entity {id: sid})
MATCH (o:Entity {id: oid})
CALL (s, o, p) {
` + perPredicate(`
  WITH s, o, p WHERE p = '%[1]s'
  MATCH (s)-[r:%[1]s]->(o)
  RETURN r`) + `
}
WITH r, sid, p, oid, n, c, seens
SET r.article_count = r.article_count - n
WITH r, sid, p, oid, c, seens
CALL (r, sid, p, oid, c, seens) {
  WITH r, sid, p, oid
  WHERE r.article_count > 0 AND (c >= r.confidence OR r.first_seen IN seens OR r.last_seen IN seens)
  MATCH (x:Evidence {subject: sid, predicate: p, object: oid})
  WITH r, max(x.confidence) AS mc, min(x.seen) AS mf, max(x.seen) AS ml
  SET r.confidence = mc, r.first_seen = mf, r.last_seen = ml
}
WITH r WHERE r.article_count <= 0
DELETE r`

	qRemoveStates = `
UNWIND $keys AS k
MATCH (:Article {source: k.source, id: k.id})-[s:STATES]->(:Entity)
DELETE s`

	// qRemoveMentions deletes the articles' MENTIONS, takes their surface
	// forms off the alias counts (an alias no remaining article uses goes),
	// deletes entities no article mentions any more, and returns the
	// derived properties whose value came from one of these articles: only
	// those are recomputed.
	qRemoveMentions = `
UNWIND $keys AS k
MATCH (:Article {source: k.source, id: k.id})-[m:MENTIONS]->(e:Entity)
WITH e, m, m.key AS key, m.names + [y IN coalesce(m.aliases, []) WHERE NOT y IN m.names] AS fs
DELETE m
WITH e, collect(key) AS ks, reduce(acc = [], x IN collect(fs) | acc + x) AS gone
WITH e, ks, gone, coalesce(e.aliases, []) AS old, coalesce(e.alias_counts, []) AS oc
WITH e, ks, old, [i IN range(0, size(old) - 1) | oc[i] - size([x IN gone WHERE x = old[i]])] AS cnt
WITH e, ks, old, cnt, [i IN range(0, size(old) - 1) WHERE cnt[i] > 0] AS keep
SET e.alias_counts = [i IN keep | cnt[i]]
FOREACH (_ IN CASE WHEN size(keep) < size(old) THEN [1] ELSE [] END | SET e.aliases = [i IN keep | old[i]])
WITH e, EXISTS { (:Article)-[:MENTIONS]->(e) } AS alive,
     [p IN keys(e) WHERE p STARTS WITH '_key_' AND any(k IN ks WHERE e[p] STARTS WITH k) | substring(p, 5)] AS props,
     e.id AS id
CALL (e, alive) { WITH e WHERE NOT alive DETACH DELETE e }
WITH id, props WHERE alive AND size(props) > 0
RETURN id, props`

	// qRecomputeNames sets each named property to the value of the latest
	// article still mentioning the entity, relabelling it if its type
	// changed.
	qRecomputeNames = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
CALL (e, row) {
  OPTIONAL MATCH (:Article)-[m:MENTIONS]->(e) WHERE m[row.prop] IS NOT NULL
  WITH m ORDER BY m.key DESC LIMIT 1
  RETURN m[row.prop] AS value, m.key AS key
}
SET e['_key_' + row.prop] = key, e[row.prop] = value
WITH e, row, value WHERE row.prop = 'type' AND value IS NOT NULL
REMOVE e:$($types)
SET e:$(value)`

	qRecomputeAttributes = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
CALL (e, row) {
  OPTIONAL MATCH (:Article)-[s:STATES {name: row.prop}]->(e)
  WITH s ORDER BY s.key DESC LIMIT 1
  RETURN s.value AS value, s.key AS key
}
SET e['_key_' + row.prop] = key, e[row.prop] = value`

	qMergeArticles = `
UNWIND $rows AS row
MERGE (a:Article {source: row.source, id: row.id})
SET a += row.props, a.loaded_at = datetime()`

	qMergeEntities = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:$(row.type), e.type = row.type, e.name = row.name, e.aliases = [], e.alias_counts = []`

	// Articles written here have no contributions (new, or just removed),
	// so their relationships are created, not merged.
	qCreateMentions = `
UNWIND $rows AS row
MATCH (a:Article {source: row.source, id: row.article})
MATCH (e:Entity {id: row.entity})
CREATE (a)-[:MENTIONS {count: row.count, names: row.names, spans: row.spans, aliases: row.aliases,
  type: row.type, name: row.name, name_ar: row.name_ar, name_en: row.name_en, key: row.key}]->(e)`

	// qAddAliases adds the group's surface forms to the alias counts. The
	// alias list itself, which the full-text index covers, is only written
	// when a form is new.
	qAddAliases = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
WITH e, row, coalesce(e.aliases, []) AS old, coalesce(e.alias_counts, []) AS oc
WITH e, row, old,
     [i IN range(0, size(old) - 1) | oc[i] + reduce(n = 0, j IN range(0, size(row.forms) - 1) |
        n + CASE WHEN row.forms[j] = old[i] THEN row.counts[j] ELSE 0 END)] AS cnt,
     [j IN range(0, size(row.forms) - 1) WHERE NOT row.forms[j] IN old] AS add
CALL (e, cnt, add) {
  WITH e, cnt, add WHERE size(add) = 0
  SET e.alias_counts = cnt
}
CALL (e, old, cnt, add, row) {
  WITH e, old + [j IN add | row.forms[j]] AS names, cnt + [j IN add | row.counts[j]] AS counts, add
  WHERE size(add) > 0
  WITH e, names, counts, COLLECT { UNWIND range(0, size(names) - 1) AS i RETURN i ORDER BY names[i] } AS perm
  SET e.aliases = [i IN perm | names[i]], e.alias_counts = [i IN perm | counts[i]]
}`

	// qSetProps sets a derived property when the group's article is later
	// than the one the value came from, and writes the value itself only
	// when it differs.
	qSetProps = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
WITH e, row WHERE coalesce(e['_key_' + row.prop], '') < row.key
SET e['_key_' + row.prop] = row.key
WITH e, row WHERE e[row.prop] IS NULL OR e[row.prop] <> row.value
SET e[row.prop] = row.value
WITH e, row WHERE row.prop = 'type'
REMOVE e:$($types)
SET e:$(row.value)`

	qCreateEvidence = `
UNWIND $rows AS row
MATCH (a:Article {source: row.source, id: row.article})
CREATE (a)-[:SUPPORTS]->(:Evidence {id: row.id, source: row.source, article: row.article, subject: row.subject, predicate: row.predicate, object: row.object,
  evidence: row.evidence, confidence: row.confidence, properties: row.properties, seen: row.seen})`

	qCreateStates = `
UNWIND $rows AS row
MATCH (a:Article {source: row.source, id: row.article})
MATCH (e:Entity {id: row.entity})
CREATE (a)-[:STATES {name: row.name, value: row.value, evidence: row.evidence, confidence: row.confidence, key: row.key}]->(e)`

	qDeleteArticles = `
UNWIND $keys AS k
MATCH (a:Article {source: k.source, id: k.id})
DETACH DELETE a`

	qArticlesByID = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.source, a.id`
)

// qMergeFacts adds the group's support to each fact, creating it if new.
//
// A relationship with a dynamic type is matched or merged by a scan of every
// relationship when the query was planned on a small graph (and plans are
// cached), which makes each row cost as much as the graph. With a static
// type the planner expands from the two bound nodes. So the query holds one
// branch per predicate of the vocabulary, each with its type spelled out,
// and a row takes the branch of its predicate: still one query string.
var qMergeFacts = `
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
CALL (s, o, row) {
` + perPredicate(`
  WITH s, o, row WHERE row.predicate = '%[1]s'
  MERGE (s)-[r:%[1]s]->(o)
  ON CREATE SET r.article_count = 0
  RETURN r`) + `
}
SET r.article_count = r.article_count + row.n,
    r.confidence = CASE WHEN r.confidence >= row.confidence THEN r.confidence ELSE row.confidence END,
    r.first_seen = CASE WHEN row.first IS NULL OR r.first_seen <= row.first THEN r.first_seen ELSE row.first END,
    r.last_seen = CASE WHEN row.last IS NULL OR r.last_seen >= row.last THEN r.last_seen ELSE row.last END`

// perPredicate joins one copy of branch per predicate of the vocabulary
// with UNION ALL; %[1]s in branch is the relationship type. Only
// vocabulary names are spliced, never input.
func perPredicate(branch string) string {
	parts := make([]string, len(graph.Predicates))
	for i, p := range graph.Predicates {
		parts[i] = fmt.Sprintf(branch, p)
	}
	return strings.Join(parts, "\n  UNION ALL")
}

// removeContributions deletes what the given articles contributed (their
// evidence, MENTIONS and STATES) and brings the facts and entities they
// touched up to date. Article nodes stay; the caller decides.
func removeContributions(ctx context.Context, tx neo4jdriver.ManagedTransaction, refs []articleRef) error {
	if len(refs) == 0 {
		return nil
	}
	params := map[string]any{"keys": refParams(refs)}
	// Evidence first: its facts are found through entities that the
	// removal of MENTIONS may delete.
	if err := run(ctx, tx, qRemoveEvidence, params); err != nil {
		return fmt.Errorf("remove evidence: %w", err)
	}
	if err := run(ctx, tx, qRemoveStates, params); err != nil {
		return fmt.Errorf("remove attributes: %w", err)
	}
	recs, err := collect(ctx, tx, qRemoveMentions, params)
	if err != nil {
		return fmt.Errorf("remove mentions: %w", err)
	}
	var names, attrs []map[string]any
	for _, r := range recs {
		id := str(r.Values[0])
		for _, p := range strs(r.Values[1]) {
			row := map[string]any{"entity": id, "prop": p}
			if nameProps[p] {
				names = append(names, row)
			} else {
				attrs = append(attrs, row)
			}
		}
	}
	if len(names) > 0 {
		if err := run(ctx, tx, qRecomputeNames, map[string]any{"rows": names, "types": graph.EntityTypes}); err != nil {
			return fmt.Errorf("recompute entity names: %w", err)
		}
	}
	if len(attrs) > 0 {
		if err := run(ctx, tx, qRecomputeAttributes, map[string]any{"rows": attrs}); err != nil {
			return fmt.Errorf("recompute attributes: %w", err)
		}
	}
	return nil
}

// writeRows writes a group's new contributions: entities before relations,
// each list sorted by key.
func writeRows(ctx context.Context, tx neo4jdriver.ManagedTransaction, r rows) error {
	steps := []struct {
		what  string
		query string
		rows  []map[string]any
	}{
		{"merge articles", qMergeArticles, r.articles},
		{"merge entities", qMergeEntities, r.entities},
		{"create mentions", qCreateMentions, r.mentions},
		{"add aliases", qAddAliases, r.aliases},
		{"set entity properties", qSetProps, r.props},
		{"create evidence", qCreateEvidence, r.evidence},
		{"merge facts", qMergeFacts, r.facts},
		{"create attributes", qCreateStates, r.states},
	}
	for _, st := range steps {
		if len(st.rows) == 0 {
			continue
		}
		if err := run(ctx, tx, st.query, map[string]any{"rows": st.rows, "types": graph.EntityTypes}); err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
	}
	return nil
}

// Retract removes everything the given articles contributed, and the
// articles themselves, in every source that has them. Facts other articles
// also support stay; entities no remaining article mentions are deleted.
// Unknown ids are ignored.
func (s *Store) Retract(ctx context.Context, articleIDs []string) error {
	return s.retract(ctx, "", false, articleIDs)
}

// RetractFrom is Retract limited to the articles of one source: another
// source's article with the same id stays.
func (s *Store) RetractFrom(ctx context.Context, source string, articleIDs []string) error {
	return s.retract(ctx, source, true, articleIDs)
}

func (s *Store) retract(ctx context.Context, source string, bySource bool, articleIDs []string) error {
	for _, ids := range chunk(articleIDs, s.batchSize) {
		_, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (struct{}, error) {
			var refs []articleRef
			if bySource {
				for _, id := range ids {
					refs = append(refs, articleRef{source, id})
				}
			} else {
				recs, err := collect(ctx, tx, qArticlesByID, map[string]any{"ids": ids})
				if err != nil {
					return struct{}{}, fmt.Errorf("find articles: %w", err)
				}
				for _, r := range recs {
					refs = append(refs, articleRef{str(r.Values[0]), str(r.Values[1])})
				}
			}
			sort.Slice(refs, func(i, j int) bool { return refs[i].String() < refs[j].String() })
			if err := removeContributions(ctx, tx, refs); err != nil {
				return struct{}{}, err
			}
			if err := run(ctx, tx, qDeleteArticles, map[string]any{"keys": refParams(refs)}); err != nil {
				return struct{}{}, fmt.Errorf("delete articles: %w", err)
			}
			return struct{}{}, nil
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
