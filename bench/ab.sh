#!/usr/bin/env bash
# Alternated A/B of server binaries on one seeded PostgreSQL database: reads by id (32 clients),
# votes (64 clients) and, if asked, the leaderboard's top 50 (32 clients), each binary in turn,
# ROUNDS times, so that the machine's drift hits all of them alike. Prints per run: requests a
# second, p50 / p99 (µs), the server's CPU time and voluntary context switches (all its threads,
# from /proc) per request.
#
#   bench/ab.sh ROUNDS NAME:BINARY[:ENV=VALUE,ENV=VALUE] ...
#   e.g. bench/ab.sh 3 before:/tmp/schwarm-old after:target/release/schwarm after-w4:target/release/schwarm:WORKERS=4
#
# Knobs: AB_DURATION=15 (seconds per run), AB_KINDS="read vote" (any of read, vote, board),
# BENCH_PG=postgres://postgres@127.0.0.1:5432,
# AB_DB=schwarm_ab (created and dropped). Smaller than bench/run.sh (20,000 entries, 200 voters
# registered through the API), for comparing two builds rather than reading the targets.
set -euo pipefail
{
ROUNDS=$1; shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=$(mktemp -d /tmp/schwarm-ab.XXXXXX)
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${AB_DB:-schwarm_ab}
DURATION=${AB_DURATION:-15}
KINDS=${AB_KINDS:-read vote}
JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
METRICS_TOKEN=ab-metrics-$RANDOM$RANDOM$RANDOM
CLK_TCK=$(getconf CLK_TCK)
cpu_us() { awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000000 / hz }' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '$1 == "voluntary_ctxt_switches:" { n += $2 } END { print n }'; }
field() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
psql_db() { psql "$PG/$DB" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
SERVER_PID=
cleanup() {
  [[ -z $SERVER_PID ]] || kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  psql "$PG/postgres" -X -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
start() { # BINARY "ENV=V,ENV=V"
  local binary
  binary=$(realpath "$1")
  (cd "$WORK" && exec env DATABASE_URL="$PG/$DB" BIND_ADDR=127.0.0.1:0 DATA_DIR="$WORK/data" \
    JWT_SECRET="$JWT_SECRET" METRICS_TOKEN="$METRICS_TOKEN" AUTH_RATE_LIMIT_PER_IP=1000000 \
    VOTE_RATE_LIMIT_PER_MINUTE=1000000 ACCESS_TOKEN_TTL_SECS=86400 MIMALLOC_PURGE_DELAY=0 \
    MIMALLOC_ALLOW_THP=0 ${2//,/ } "$binary" >"$WORK/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 300); do
    URL=$(grep -o 'listening on http://[0-9.:]*' "$WORK/server.log" | head -1 | sed 's/listening on //') || true
    [[ -n $URL ]] && return 0
    sleep 0.2
  done
  echo "the server did not start:" >&2; tail -20 "$WORK/server.log" >&2; exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

psql "$PG/postgres" -X -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
first=${1#*:}
start "${first%%:*}" "" # migrates
psql_db -v vote_contribs=2000 -v board_contribs=20000 -v board_votes=100000 -v seed_voters=200 \
  -f "$BENCH/seed_pg.sql" >/dev/null
psql_db -c "SELECT id FROM contributions WHERE campaign_id = bench_id(2, 1) ORDER BY id" >"$WORK/contribs.txt"
psql_db -c "SELECT id FROM contributions WHERE campaign_id = bench_id(2, 2) ORDER BY random() LIMIT 1000" >"$WORK/ids.txt"
BOARD=$(psql_db -c "SELECT bench_id(2, 2)")
seq 1 200 | xargs -P 4 -I{} curl -sf -X POST "$URL/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"voter{}@bench.test","password":"bench-password-{}","display_name":"Voter {}"}' |
  jq -r .access_token >"$WORK/tokens.txt"
stop
psql_db -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null

for round in $(seq "$ROUNDS"); do
  for spec in "$@"; do
    name=${spec%%:*}; rest=${spec#*:}; binary=${rest%%:*}; envs=${rest#*:}
    [[ $envs != "$rest" ]] || envs=""
    start "$binary" "$envs"
    wrk -t2 -c32 -d2s -s "$BENCH/read.lua" "$URL" >/dev/null 2>&1 || true # warm up
    for kind in $KINDS; do
      cpu0=$(cpu_us "$SERVER_PID"); sw0=$(switches "$SERVER_PID")
      if [[ $kind == read ]]; then
        res=$(BENCH_IDS="$WORK/ids.txt" wrk -t2 -c32 -d"${DURATION}s" --timeout 10s -s "$BENCH/read.lua" "$URL" | grep '^RESULT')
      elif [[ $kind == board ]]; then
        res=$(wrk -t2 -c32 -d"${DURATION}s" --timeout 10s -s "$BENCH/read.lua" "$URL/api/v1/campaigns/$BOARD/leaderboard?limit=50" | grep '^RESULT')
      else
        res=$(BENCH_TOKENS="$WORK/tokens.txt" BENCH_CONTRIBS="$WORK/contribs.txt" BENCH_MODE=uniform BENCH_THREADS=2 \
          wrk -t2 -c64 -d"${DURATION}s" --timeout 10s -s "$BENCH/vote.lua" "$URL" | grep '^RESULT')
      fi
      n=$(field requests "$res")
      printf '%-12s round %s  %-4s  req/s %8s  p50 %6s µs  p99 %7s µs  CPU %4s µs  switches %s  non-2xx %s\n' \
        "$name" "$round" "$kind" "$(field rps "$res")" "$(field p50_us "$res")" "$(field p99_us "$res")" \
        $(( ($(cpu_us "$SERVER_PID") - cpu0) / n )) \
        "$(awk -v a="$sw0" -v b="$(switches "$SERVER_PID")" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')" \
        "$(field non2xx "$res")"
    done
    stop
    psql_db -c "DELETE FROM votes WHERE campaign_id = bench_id(2, 1)" >/dev/null # the next binary starts afresh
  done
done
}
