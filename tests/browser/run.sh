#!/usr/bin/env bash
# Réseau's browser tests, end to end: Debian's Chromium (installed when missing), the pinned
# npm packages, the reseau binary (built unless RESEAU_BIN names one), then `npm test`.
# Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
workspace="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"

if [ ! -x "$chromium" ]; then
  echo "==> installing Chromium (apt-get)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo apt-get install -y chromium chromium-driver
fi

echo "==> npm ci"
(cd "$here" && npm ci --no-audit --no-fund)

if [ -z "${RESEAU_BIN:-}" ]; then
  echo "==> cargo build --bin reseau"
  (cd "$workspace" && cargo build --bin reseau)
  export RESEAU_BIN="${CARGO_TARGET_DIR:-$workspace/target}/debug/reseau"
fi

echo "==> npm test (server: $RESEAU_BIN)"
cd "$here"
npm test
