#!/usr/bin/env bash
# Builds the SPA and the server, then runs Schwarm at http://127.0.0.1:8080 on embedded SQLite
# (./data). Any configuration variable from the README can be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require cargo "install Rust from https://rustup.rs"
require npm "install Node.js 20.19 or newer"

echo "==> building the SPA (frontend/dist)"
frontend_install
(cd frontend && npm run build --silent)

echo "==> building the server (release)"
cargo build --release --locked -p schwarm-api --bin schwarm

export STATIC_DIR="${STATIC_DIR:-frontend/dist}"
# A local try-out may run funding campaigns with demo payments (no money moves); production
# leaves this off (the default of the server itself).
export SIMULATED_PAYMENTS="${SIMULATED_PAYMENTS:-true}"
# As the container image runs it: freed memory goes back to the system at once, and no
# transparent huge pages.
export MIMALLOC_PURGE_DELAY="${MIMALLOC_PURGE_DELAY:-0}"
export MIMALLOC_ALLOW_THP="${MIMALLOC_ALLOW_THP:-0}"
echo "==> starting: API at http://${BIND_ADDR:-127.0.0.1:8080}/api/v1, docs at /docs, SPA at /"
exec "$(target_dir)/release/schwarm"
