#!/usr/bin/env bash
# Installs everything tidings needs to build, test and (re)build its data on a
# fresh Debian 12 machine. Run as root. Idempotent: packages already present
# are not fetched again, so repeated runs work without network access.
set -euo pipefail

# Build and test dependencies (Debian 12 "bookworm" package names).
PACKAGES=(
  build-essential cmake pkg-config    # compiler and build system
  libsimdjson-dev                     # JSON Lines input parsing (validates UTF-8 too)
  zlib1g-dev                          # compressed model files
  googletest libgtest-dev             # unit and end-to-end tests
  clang libclang-rt-14-dev            # libFuzzer targets run briefly in CI
  python3                             # small helper scripts in tests and benchmarks
)
# Extra packages other parts of the project register here (one per line).
if [[ -f "$(dirname "$0")/apt-packages.txt" ]]; then
  while read -r p _; do
    [[ -n "$p" && "$p" != \#* ]] && PACKAGES+=("$p")
  done < "$(dirname "$0")/apt-packages.txt"
fi

# A package counts as present when dpkg has it, or when the program it
# provides is already on PATH from another source (e.g. a Node.js build that
# bundles npm: installing Debian's npm beside it would conflict).
provides() {
  case "$1" in
    nodejs) echo node ;;
    build-essential | googletest | libgtest-dev | libsimdjson-dev | zlib1g-dev | libclang-rt-14-dev | pkg-config) echo "" ;;
    *) echo "$1" ;;
  esac
}
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && continue
  prog=$(provides "$p")
  [[ -n "$prog" ]] && type -P "$prog" >/dev/null 2>&1 && continue
  missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "install-deps: all packages present"
