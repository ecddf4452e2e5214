#!/usr/bin/env bash
# bench/peak-memory.sh KGRAPH PATH... — peak RSS and time of extract, then build into an emptied
# database, for each PATH (e.g. ../shared/corpus/bulk and a 20,000-article file from
# `kgraph bench articles --count 20000 -o big.jsonl ../shared/corpus/bulk/*.jsonl`).
# Uses NEO4J_URI and friends. EMPTIES THE DATABASE.
set -euo pipefail
bin="$1"
shift
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for path in "$@"; do
	/usr/bin/time -f "extract $path: %e s wall, %U s user, %M KB peak" "$bin" -q extract "$path" -o "$out"
	"$bin" query --write 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS' >/dev/null
	/usr/bin/time -f "build $path: %e s wall, %U s user, %M KB peak" "$bin" -q build --source bench "$path"
done
