#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for N seconds (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DTIDINGS_FUZZ=ON -DTIDINGS_TESTS=OFF -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_jsonl fuzz_segment fuzz_time
mkdir -p build-fuzz/corpus-jsonl build-fuzz/corpus-segment build-fuzz/corpus-time
cp -n examples/articles.jsonl build-fuzz/corpus-jsonl/ 2>/dev/null || true
cp -n examples/nairobi.txt build-fuzz/corpus-segment/ 2>/dev/null || true
cp -n examples/nairobi.txt build-fuzz/corpus-time/ 2>/dev/null || true
status=0
for t in jsonl segment time; do
  echo "fuzz_$t: ${secs}s"
  if ! build-fuzz/fuzz/fuzz_$t -max_total_time="$secs" -max_len=8192 -print_final_stats=1 \
      -artifact_prefix=build-fuzz/ build-fuzz/corpus-$t >build-fuzz/fuzz_$t.log 2>&1; then
    echo "fuzz_$t: FAILED"; grep -E "ERROR|SUMMARY|Test unit written" build-fuzz/fuzz_$t.log | head -5
    status=1
  else
    grep -E "stat::number_of_executed_units" build-fuzz/fuzz_$t.log || true
  fi
done
[[ $status -eq 0 ]] && echo "fuzzing: no crashes"
exit $status
