#!/usr/bin/env bash
# Rebuilds data/tagger/clusters.tsv: skip-gram vectors (Debian fasttext) over
# unlabelled news (BBC, Reuters-21578 and the words of CoNLL-2003 train),
# then k-means at three granularities with `tidings train clusters`.
# Usage: scripts/build_clusters.sh [SHARED_DATA_DIR]   (default ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/news_corpus.py" "$data" > "$work/corpus.txt"
fasttext skipgram -input "$work/corpus.txt" -output "$work/vec" -dim 50 -minCount 3 -epoch 5 \
  -thread 1 -minn 0 -maxn 0 -ws 5 -seed 1
"$root/build/tidings" train clusters --vectors "$work/vec.vec" --levels 64,256,1000 \
  --out "$root/data/tagger/clusters.tsv"
