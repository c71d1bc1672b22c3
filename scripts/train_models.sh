#!/usr/bin/env bash
# Reproduces the shipped tagger models models/{pos,chunk,ner}.tgm from
# CoNLL-2003 train (dev only reports scores). About 2 minutes on one core.
# Usage: scripts/train_models.sh [SHARED_DATA_DIR]   (default ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
conll="$data/conll2003"
bin="$root/build/tidings"
lex=(--clusters "$root/data/tagger/clusters.tsv")
if [[ -f "$root/data/tagger/gazetteer.tsv" ]]; then gaz=(--gazetteer "$root/data/tagger/gazetteer.tsv"); else gaz=(); fi
"$bin" train --task pos --train "$conll/train.txt" --dev "$conll/dev.txt" "${lex[@]}" --out "$root/models/pos.tgm"
"$bin" train --task chunk --train "$conll/train.txt" --dev "$conll/dev.txt" "${lex[@]}" --out "$root/models/chunk.tgm"
"$bin" train --task ner --train "$conll/train.txt" --dev "$conll/dev.txt" "${lex[@]}" "${gaz[@]}" --epochs 15 \
  --out "$root/models/ner.tgm"
