#!/usr/bin/env bash
# bench/sync-first.sh KGRAPH PATH — empty the database, then exec a first `kgraph sync` of PATH,
# for farm-bench to time: farm-bench --vs "bench/sync-first.sh OLD PATH" -- bench/sync-first.sh NEW PATH
# Uses NEO4J_URI and friends (eval "$(bash scripts/neo4j env)"). EMPTIES THE DATABASE.
set -euo pipefail
bin="$1" path="$2"
"$bin" query --write 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS' >/dev/null
exec "$bin" -q sync --source bench "$path"
