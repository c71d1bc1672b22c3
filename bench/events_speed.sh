#!/usr/bin/env bash
# Speed of the whole extract pipeline (segment, tagger, kb, time, quotes,
# events) on the BBC articles, one thread, and of the events stage alone.
#   bench/events_speed.sh [BUILD_DIR] [BBC_DIR]
# Prints documents, sentences, wall and CPU seconds, sentences/s per core
# (CPU time: the machine is shared), the events stage alone, and peak memory.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
bbc="${2:-$here/../shared/data/news/bbc}"
[ -x "$build/tidings" ] || { echo "build $build/tidings first" >&2; exit 2; }
[ -d "$bbc" ] || { echo "no BBC articles at $bbc" >&2; exit 2; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# Warm the page cache.
cat $(find "$bbc" -name '*.txt') > /dev/null
start=$(date +%s.%N)
/usr/bin/time -f "%U %M" -o /tmp/events_speed.$$ \
  "$build/tidings" extract -j 1 --no-text --no-progress --date 2005-01-01 "$bbc" > /tmp/events_speed_out.$$
end=$(date +%s.%N)
docs=$(wc -l < /tmp/events_speed_out.$$)
sents=$(python3 -c "
import json,sys
n=0;ev=0
for l in open('/tmp/events_speed_out.$$'):
    d=json.loads(l); n+=len(d.get('sentences',[])); ev+=len(d.get('events',[]))
print(n, ev)")
set -- $sents
secs=$(python3 -c "print(round($end-$start,3))")
read -r usr rss < /tmp/events_speed.$$
echo "extract (all stages, 1 thread): docs $docs sentences $1 events $2 wall_s $secs cpu_s $usr sentences/s(wall) $(python3 -c "print(int($1/($end-$start)))") sentences/s(cpu) $(python3 -c "print(int($1/$usr))") peak_rss_kb $rss"
if [ -x "$build/events_bench" ]; then
  "$build/events_bench" "$bbc" --date 2005-01-01
fi
rm -f /tmp/events_speed.$$ /tmp/events_speed_out.$$
