// Example queries for the graph kgraph builds (model: graph/neo4j/MODEL.md).
// Paste them into Neo4j Browser (http://127.0.0.1:7474/browser/ for the local
// Neo4j of scripts/neo4j), or run one with kgraph:
//   kgraph query "$(sed -n '/^\/\/ 1\./,/;$/p' examples/queries.cypher)"
// Every query below was run against the graph `bash scripts/demo` builds.

// 1. Which countries co-chair the Africa Focus Group, and which articles say so?
//    An entity is found by any of its names: name, name_en or one of its aliases.
MATCH (c:Country)-[r:CO_CHAIRS]->(g:Organization)
WHERE 'Africa Focus Group' IN [g.name, g.name_en] + g.aliases
RETURN g.name AS group, c.name AS country, c.name_ar AS country_ar, r.articles AS articles
ORDER BY country;

// 2. Everything the graph says about one entity, in both directions, with provenance.
MATCH (e:Entity {id: 'country:MA'})-[r]-(o:Entity)
RETURN CASE WHEN startNode(r) = e THEN e.name ELSE o.name END AS subject,
       type(r) AS predicate,
       CASE WHEN startNode(r) = e THEN o.name ELSE e.name END AS object,
       r.articles AS articles, r.confidence AS confidence
ORDER BY predicate, object;

// 3. Meetings held in a city, with their organiser.
MATCH (ev:Event)-[r:HELD_IN]->(c:City)
WHERE c.name_en = 'Marrakesh' OR c.name_ar = 'مراكش'
OPTIONAL MATCH (ev)-[:ORGANIZED_BY]->(org:Organization)
RETURN c.name AS city, ev.name AS meeting, ev.date AS date, org.name AS organised_by, r.articles AS articles;

// 4. Which articles support a fact, each with its evidence sentence and confidence.
//    Provenance lists are parallel: articles[i], evidence[i] and confidences[i] belong together.
MATCH (s:Entity)-[r:PART_OF]->(o:Entity)
UNWIND range(0, size(r.articles) - 1) AS i
MATCH (a:Article {id: r.articles[i]})
RETURN s.name AS subject, type(r) AS predicate, o.name AS object,
       a.id AS article, a.published AS published, r.confidences[i] AS confidence, r.evidence[i] AS evidence;

// 5. Attribute values that articles disagree on. The node shows the latest article's value.
MATCH (a:Article)-[s:STATES]->(e:Entity)
WITH e, s.name AS attribute, collect(DISTINCT s.value) AS values, collect(s.value + ' (' + a.id + ')') AS claims
WHERE size(values) > 1
RETURN e.name AS entity, attribute, e[attribute] AS shown_on_node, claims;

// 6. Entities by Arabic (or English) name through the full-text index. The index uses
//    Lucene's Arabic analyzer, so hamza, taa marbuta and alef spellings need not match.
CALL db.index.fulltext.queryNodes('entity_names', 'مجموعه التركيز الافريقي') YIELD node, score
RETURN node.id AS id, node.name AS name, labels(node) AS labels, round(score, 2) AS score
LIMIT 5;

// 7. A picture (Browser's graph view): the facts between entities, without articles.
MATCH (n:Entity)-[r]->(m:Entity)
RETURN n, r, m;

// 8. A picture of one entity's neighbourhood, articles included.
MATCH (g:Organization)-[r]-(n)
WHERE 'Africa Focus Group' IN [g.name, g.name_en] + g.aliases
RETURN g, r, n;
