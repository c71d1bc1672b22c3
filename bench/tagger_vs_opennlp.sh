#!/usr/bin/env bash
# Entity tagging speed of tidings against Apache OpenNLP's name finder, side
# by side in one run, on the same tokens (CoNLL-2003 train + dev text, or the
# CoNLL files given as arguments). OpenNLP is trained once on the same train
# file (TokenNameFinderTrainer.conll03, cached in build/bench/).
# Usage: bench/tagger_vs_opennlp.sh [CONLL_FILE...]
# Needs: build/tagger_bench (cmake --build build --target tagger_bench), the
# Debian package opennlp, and ../shared/data/conll2003.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
conll="$root/../shared/data/conll2003"
files=("$@")
[[ ${#files[@]} -eq 0 ]] && files=("$conll/train.txt" "$conll/dev.txt")
work="$root/build/bench"
mkdir -p "$work"
command -v opennlp > /dev/null || { echo "opennlp not installed (apt-get install opennlp)"; exit 2; }

# Same tokens for both: one sentence a line for OpenNLP.
cat "${files[@]}" | awk 'NF==0{if(s!=""){print s; s=""}; next} $1=="-DOCSTART-"{next}
  {s = (s=="" ? $1 : s" "$1)} END{if(s!="")print s}' > "$work/sentences.txt"
tokens=$(wc -w < "$work/sentences.txt")

model="$work/opennlp-ner-conll03.bin"
if [[ ! -s "$model" ]]; then
  echo "training OpenNLP name finder on $conll/train.txt (a few minutes, cached in $model)..."
  opennlp TokenNameFinderTrainer.conll03 -model "$model" -lang eng -types per,loc,org,misc \
    -data "$conll/train.txt" -encoding UTF-8 > "$work/opennlp-train.log" 2>&1
fi

echo "== tidings (in-process, models loaded once) =="
"$root/build/tagger_bench" --models "$root/models" --passes 3 "${files[@]}" | tee "$work/tidings.txt"
echo "== tidings, all models (pos+chunk+ner) =="
"$root/build/tagger_bench" --all --models "$root/models" --passes 1 "${files[@]}" | grep -E "thread|RSS"

echo "== OpenNLP TokenNameFinder (1 thread) on $tokens tokens =="
start=$(date +%s.%N)
opennlp TokenNameFinder "$model" < "$work/sentences.txt" > "$work/opennlp.out" 2> "$work/opennlp.log"
end=$(date +%s.%N)
runtime=$(grep -oE 'Runtime: [0-9.]+' "$work/opennlp.log" | grep -oE '[0-9.]+' || true)
[[ -z "$runtime" ]] && runtime=$(echo "$end - $start" | bc -l)
onlp=$(echo "$tokens / $runtime" | bc -l)
wall=$(echo "$end - $start" | bc -l)
printf "  1 thread : %12.0f tokens/s (its own runtime %.1f s; %.1f s wall clock with JVM start)\n" "$onlp" "$runtime" "$wall"

ours=$(awk '/1 thread/{print $4}' "$work/tidings.txt")
printf "== ratio tidings/OpenNLP, entity tagging on one thread: %.1fx ==\n" "$(echo "$ours / $onlp" | bc -l)"
