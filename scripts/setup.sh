#!/usr/bin/env bash
# One-command set-up: installs dependencies, builds a Release build, and runs
# the main job on the bundled example article, printing its extraction.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
echo "== build/tidings extract examples/nairobi.txt =="
build/tidings extract examples/nairobi.txt
