#!/usr/bin/env bash
# Rebuilds data/kb.bin.gz, the compiled knowledge base, from the pinned npm data
# packages in scripts/package.json (package-lock.json pins exact versions).
# Needs node/npm and a built `tidings` (default: build/tidings).
# Usage: scripts/build-kb.sh [path/to/tidings]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tidings="${1:-$root/build/tidings}"
if [ ! -x "$tidings" ]; then
  echo "build-kb.sh: $tidings not found; build first: cmake --build build --target tidings" >&2
  exit 1
fi
cd "$root/scripts"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$root/scripts/kb-extract.js" "$work/src"
"$tidings" build-kb "$work/src" "$root/data/kb/extra_names.tsv" "$work/kb.bin"
gzip -9 -n -c "$work/kb.bin" > "$root/data/kb.bin.gz"
ls -l "$root/data/kb.bin.gz"
