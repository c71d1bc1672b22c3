#!/usr/bin/env bash
# Whole-pipeline throughput of `tidings extract` on the 2,225 BBC articles:
# documents/s, sentences/s, MB/s and peak memory, on 1 and 2 threads.
# Usage: bash bench/extract_bbc.sh [BUILD_DIR] [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build}/tidings"
corpus="${2:-../shared/data/news/bbc}"
if [[ ! -d "$corpus" ]]; then
  echo "extract_bbc: corpus $corpus not found (../shared absent); skipping"
  exit 0
fi
bytes=$(cat "$corpus"/*/*.txt | wc -c)
out=$(mktemp)
trap 'rm -f "$out" "$out.time"' EXIT
echo "corpus: $corpus ($(ls "$corpus"/*/*.txt | wc -l) files, $bytes bytes); $("$bin" --version)"
for j in 1 2; do
  /usr/bin/time -f "%e %M" -o "$out.time" "$bin" extract -j "$j" --no-progress --no-text "$corpus" >"$out" 2>/dev/null || true
  read -r secs kb <"$out.time"
  docs=$(wc -l <"$out")
  sents=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['sentences']) for l in open(sys.argv[1])))" "$out")
  python3 - "$j" "$secs" "$kb" "$docs" "$sents" "$bytes" <<'PY'
import sys
j, secs, kb, docs, sents, nbytes = sys.argv[1:]
secs = max(float(secs), 1e-3)
print(f"-j {j}: {docs} docs in {secs:.2f} s wall: {int(docs)/secs:,.0f} docs/s, "
      f"{int(sents)/secs:,.0f} sentences/s, {int(nbytes)/secs/1e6:.2f} MB/s, peak RSS {int(kb)/1024:.0f} MB")
PY
done
