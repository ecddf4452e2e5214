// Package faulttest holds kgraph's fault tests: end-to-end runs of the
// kgraph binary against a real Neo4j while something fails underneath it.
//
//   - Neo4j is SIGKILLed in the middle of a load, restarted on the same
//     store, and the load run again: the graph (counts and a checksum of
//     every property) equals a clean load's.
//   - The connection to Neo4j is lost in the middle of a run: kgraph
//     retries for --max-retry-time, then exits 3 with a clear message, and
//     nothing it committed before is undone. If the connection comes back
//     within the retry time, the run completes as if nothing happened.
//   - Two syncs of one source run at once: one is turned away with exit
//     code 4 and a message naming the holder, and the graph equals a single
//     run's.
//
// (A kgraph sync SIGKILLed mid-run and rerun is tested in internal/syncer.)
//
// The tests need NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) for the
// shared test database, which they empty, and KGRAPH_NEO4J_SCRIPT (the path
// of scripts/neo4j) to start and kill a Neo4j of their own, in a temporary
// state directory on free ports. scripts/test sets all of them; without
// them the tests are skipped, or fail when CI=true.
package faulttest
