#!/usr/bin/env bash
# Reproduces the shipped tagger models from CoNLL-2003 train (dev only
# reports scores after each epoch):
#   models/pos.tgm, models/chunk.tgm  (~20 s each)
#   models/ner.tgm   first-pass entity model (~1 min)
#   models/ner2.tgm  second pass with document-level label history; its
#                    first-pass labels on train come from 5 jackknifed models (~6 min)
# Inputs: data/tagger/clusters.tsv (scripts/build_clusters.sh) and
# data/tagger/gazetteer.tsv (scripts/build_gazetteer.mjs). Single-threaded,
# deterministic. Usage: scripts/train_models.sh [SHARED_DATA_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
conll="$data/conll2003"
bin="$root/build/tidings"
lex=(--clusters "$root/data/tagger/clusters.tsv")
gaz=(--gazetteer "$root/data/tagger/gazetteer.tsv")
common=(--train "$conll/train.txt" --dev "$conll/dev.txt")
"$bin" train --task pos "${common[@]}" "${lex[@]}" --out "$root/models/pos.tgm"
"$bin" train --task chunk "${common[@]}" "${lex[@]}" --out "$root/models/chunk.tgm"
"$bin" train --task ner "${common[@]}" "${lex[@]}" "${gaz[@]}" --epochs 15 --out "$root/models/ner.tgm"
"$bin" train --task ner "${common[@]}" "${lex[@]}" "${gaz[@]}" --epochs 12 \
  --stage1 "$root/models/ner.tgm" --folds 5 --out "$root/models/ner2.tgm"
