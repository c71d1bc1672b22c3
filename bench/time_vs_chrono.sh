#!/usr/bin/env bash
# Throughput of tidings' time annotator vs chrono-node on the same texts, in
# the same run. Usage: bench/time_vs_chrono.sh [PATH...]
# Default texts: TempEval-3 training TimeML and the BBC news articles.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="${BUILD_DIR:-$root/build}"
shared="${TIDINGS_SHARED:-$root/../shared}"
if [ "$#" -eq 0 ]; then
  set -- "$shared/data/tempeval3/train" "$shared/data/news/bbc"
fi
cmake --build "$build" -j2 --target time_bench >/dev/null
if [ ! -d "$here/chrono/node_modules/chrono-node" ]; then
  (cd "$here/chrono" && npm ci --no-audit --no-fund >/dev/null)
fi
dump="$(mktemp)"
trap 'rm -f "$dump"' EXIT
ours="$("$build/time_bench" --reps 5 --dump "$dump" "$@")"
echo "$ours"
theirs="$(node "$here/chrono/chrono_bench.js" "$dump" 1)"
echo "$theirs"
a="$(echo "$ours" | sed -n 's/.*chars\/s \([0-9]*\).*/\1/p')"
b="$(echo "$theirs" | head -1 | sed -n 's/.*chars\/s \([0-9]*\).*/\1/p')"
awk -v a="$a" -v b="$b" 'BEGIN { printf "speed ratio (tidings-time / chrono-node, chars/s): %.1fx\n", a / b }'
