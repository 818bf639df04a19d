#!/usr/bin/env bash
# Runs every test of Schwarm:
#   1. Rust unit tests and black-box HTTP tests on SQLite (always), with a real SMTP server
#      (aiosmtpd) and a real S3 API (moto) on loopback when Python can install them,
#   2. the black-box tests again on PostgreSQL (when TEST_DATABASE_URL is set or a server listens
#      on 127.0.0.1:5432; each test creates and drops its own database), including three replicas
#      on one database with one killed mid-run,
#   3. the frontend: generated API types up to date, lint, unit tests, production build, bundle
#      budget,
#   4. end-to-end tests in headless Chromium against the real server serving the built SPA.
# Whatever cannot run here is skipped with one clear line, and listed again at the end.
# REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 / REQUIRE_PEERS=1 turn those skips into failures (CI
# sets all three).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require cargo "install Rust from https://rustup.rs"
require npm "install Node.js 20.19 or newer"
skipped=()

# A suite that cannot run here: a failure when its REQUIRE_* flag is 1, else one SKIPPED line.
skip_or_fail() {
  local flag=$1 suite=$2 how=$3
  if [ "${!flag:-0}" = 1 ]; then
    echo "error: $flag=1 but the $suite cannot run: $how" >&2
    exit 1
  fi
  echo "SKIPPED: $suite ($how)"
  skipped+=("$suite")
}

echo "==> building the server (with S3 media, as the Dockerfile does)"
cargo build --locked -p schwarm-api --bin schwarm --features s3
export SCHWARM_BIN
SCHWARM_BIN="$(target_dir)/debug/schwarm"

# The PostgreSQL-only test binaries (outages, replicas) are built in both passes and filtered out
# of the SQLite one, so the ~30 black-box test binaries are linked once, not once per feature set.
pg_only='binary_id(schwarm-tests::scale_out) | binary_id(schwarm-tests::postgres_outage)'
rust_tests() {
  local backend=$1 filter=$2
  echo "==> Rust tests on $backend"
  if cargo nextest --version >/dev/null 2>&1; then
    SCHWARM_TEST_BACKEND=$backend cargo nextest run --locked --no-fail-fast --workspace \
      --features schwarm-tests/postgres -E "$filter"
  elif [ "$backend" = sqlite ]; then
    SCHWARM_TEST_BACKEND=$backend cargo test --locked --no-fail-fast --workspace
  else
    SCHWARM_TEST_BACKEND=$backend cargo test --locked --no-fail-fast -p schwarm-tests --features postgres
  fi
}
echo "==> test peers: aiosmtpd (SMTP) and moto (S3) from PyPI"
if test_peers_python; then
  export REQUIRE_SMTP=1 REQUIRE_S3=1
else
  skip_or_fail REQUIRE_PEERS "mail and S3 tests" "needs python3 with venv and pip, and PyPI"
fi
rust_tests sqlite "not ($pg_only)"

pg_url="${TEST_DATABASE_URL:-}"
if [ -z "$pg_url" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  pg_url="postgres://postgres@127.0.0.1:5432/postgres"
fi
if [ -n "$pg_url" ]; then
  # The black-box tests again, plus those that only make sense on PostgreSQL (outages, replicas).
  TEST_DATABASE_URL="$pg_url" rust_tests postgres "package(schwarm-tests)"
else
  skip_or_fail REQUIRE_POSTGRES "PostgreSQL suite" \
    "set TEST_DATABASE_URL=postgres://user@host:port/db, or run PostgreSQL on 127.0.0.1:5432"
fi

echo "==> frontend: API types, lint, unit tests, build, bundle budget"
frontend_install
(cd frontend && npm run check:api --silent && npm run lint --silent && npm test --silent && npm run build --silent && npm run check:bundle --silent)

chromium="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -n "$chromium" ] && [ -x "$chromium" ]; then
  echo "==> end-to-end tests in headless Chromium ($chromium)"
  e2e_dir=$(mktemp -d)
  trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$e2e_dir"' EXIT
  # The server's domain clock reads this file; the voting e2e test writes an instant into it. The
  # micro-tasking test waits for the sweep to expire a lease: it sweeps every 200 ms here. The
  # funding test settles by hand right after it moves the clock past the deadline, and checks
  # what its dry run would collect: the background settlement (every minute by default) must not
  # get there first, so here it waits an hour.
  export TEST_CLOCK_FILE="$e2e_dir/clock"
  # Mail goes to files under DATA_DIR (no SMTP_URL): the account-recovery test reads its links.
  (cd "$e2e_dir" && STATIC_DIR="$OLDPWD/frontend/dist" DATA_DIR="$e2e_dir/data" SMTP_URL= SIMULATED_PAYMENTS=true MICROTASKS_SWEEP_INTERVAL_MS=200 FUNDING_SETTLE_INTERVAL_MS=3600000 start_server "$SCHWARM_BIN" "$e2e_dir/server.log" \
    && echo "$SERVER_URL $SERVER_PID" >"$e2e_dir/server")
  read -r SERVER_URL SERVER_PID <"$e2e_dir/server"
  (cd frontend && CHROMIUM_PATH="$chromium" E2E_BASE_URL="$SERVER_URL" E2E_MAIL_DIR="$e2e_dir/data/mail" npm run test:e2e --silent)
else
  skip_or_fail REQUIRE_BROWSER "browser end-to-end tests" "no Chromium: apt-get install chromium, or set CHROMIUM_PATH"
fi

if [ ${#skipped[@]} -eq 0 ]; then
  echo "==> all test suites ran and passed"
else
  echo "==> passed; SKIPPED: ${skipped[*]}"
fi
