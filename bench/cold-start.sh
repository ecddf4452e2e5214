#!/usr/bin/env bash
# bench/cold-start.sh KGRAPH... — the first build of the two sample articles on a fresh server.
#
# For each round and each kgraph binary given (A/B: interleaved, so the machine's drift hits all
# alike): reset and start a Neo4j of its own (state in ${TMPDIR:-/tmp}/kgraph-cold-neo4j, ports
# 37687/37474), then time `kgraph build examples/articles` from process start to exit. ROUNDS=3.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export NEO4J_STATE_DIR="${TMPDIR:-/tmp}/kgraph-cold-neo4j" NEO4J_BOLT_PORT=37687 NEO4J_HTTP_PORT=37474
trap 'bash scripts/neo4j stop >/dev/null 2>&1 || true' EXIT
for round in $(seq "${ROUNDS:-3}"); do
	for bin in "$@"; do
		bash scripts/neo4j reset >/dev/null 2>&1
		bash scripts/neo4j start >/dev/null 2>&1
		eval "$(bash scripts/neo4j env)"
		start=$(date +%s.%N)
		"$bin" -q build examples/articles
		end=$(date +%s.%N)
		printf 'round %d\t%s\t%.2f s\tload %s\n' "$round" "$bin" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
	done
done
