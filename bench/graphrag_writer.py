"""Load a kgraph exchange file with neo4j-graphrag's Neo4jWriter, for
BENCHMARKS.md: the same records `kgraph bench load` generates, written as
graphrag writes a knowledge graph (it needs APOC core on the server).

    python bench/graphrag_writer.py CORPUS.jsonl

NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD say where. The database is
emptied first. Provenance is aggregated here, in the client, as the plain
UNWIND loader does: the writer merges each relationship once with its
properties, so it can only load a corpus whole.
"""

import asyncio
import json
import os
import sys
import time

import neo4j
from neo4j_graphrag.experimental.components.kg_writer import Neo4jWriter
from neo4j_graphrag.experimental.components.types import (
    Neo4jGraph,
    Neo4jNode,
    Neo4jRelationship,
)


def read_graph(path):
    articles, entities, facts, states = {}, {}, {}, []
    mentions = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            kind = rec.get("kind")
            if kind == "article":
                key = f"article:{rec.get('source', '')}/{rec['id']}"
                articles[rec["id"]] = Neo4jNode(
                    id=key,
                    label="Article",
                    properties={k: rec[k] for k in ("id", "source", "title", "published", "lang", "sha256") if rec.get(k)},
                )
            elif kind == "relation":
                k = (rec["subject"], rec["predicate"], rec["object"])
                f_ = facts.setdefault(k, {"articles": [], "evidence": [], "confidences": []})
                f_["articles"].append(rec["article"])
                f_["evidence"].append(rec.get("evidence", ""))
                f_["confidences"].append(rec.get("confidence", 0.0))
            elif kind == "attribute":
                states.append(rec)
            elif kind == "entity":
                entities[rec["id"]] = Neo4jNode(
                    id=rec["id"],
                    label=rec["type"],
                    properties={"id": rec["id"], "name": rec.get("name", ""), "name_ar": rec.get("name_ar", ""),
                                "name_en": rec.get("name_en", ""),
                                "aliases": sorted({m["text"] for m in rec.get("mentions", [])})},
                )
                per_article = {}
                for m in rec.get("mentions", []):
                    per_article.setdefault(m["article"], []).append(m)
                for art, ms in per_article.items():
                    mentions.append((art, rec["id"], ms))
    rels = []
    for art, eid, ms in mentions:
        rels.append(Neo4jRelationship(
            start_node_id=articles[art].id, end_node_id=eid, type="MENTIONS",
            properties={"count": len(ms), "names": sorted({m["text"] for m in ms}),
                        "spans": [f"{m['start']}:{m['end']}" for m in ms]}))
    for (s, p, o), f_ in facts.items():
        rels.append(Neo4jRelationship(
            start_node_id=s, end_node_id=o, type=p,
            properties={**f_, "confidence": max(f_["confidences"])}))
    for a in states:
        rels.append(Neo4jRelationship(
            start_node_id=articles[a["article"]].id, end_node_id=a["subject"], type="STATES",
            properties={"name": a["name"], "value": a["value"]}))
    nodes = list(articles.values()) + list(entities.values())
    statements = len(mentions) + sum(len(f_["articles"]) for f_ in facts.values()) + len(states)
    return Neo4jGraph(nodes=nodes, relationships=rels), len(articles), statements


async def main(path):
    graph, n_articles, statements = read_graph(path)
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
        driver.execute_query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        writer = Neo4jWriter(driver, batch_size=1000, clean_db=True)
        start = time.monotonic()
        res = await writer.run(graph)
        took = time.monotonic() - start
    print(f"graphrag\ttotal {n_articles}\t{took:.2f}\t{statements / took:.0f}\t{res.status}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
