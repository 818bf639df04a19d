#!/usr/bin/env bash
# Schwarm performance harness (issue #5): one command, one run, figures side by side.
#
#   bench/run.sh
#
# Measures, on this machine (load generator, server and database share the cores):
#   1. vote throughput through the API vs its floor: pgbench doing the least work a vote needs
#      (one ballot upsert and one appended delta) on scratch tables of the same shape, in the
#      same run (32, 64 clients); the server's CPU time per vote (from /proc)
#   1b. get-by-id vs its floor (a primary-key SELECT * on a scratch copy of the contributions),
#      CPU per request, p99 / p50
#   7. the server's memory: resident set (VmRSS) and peak (VmHWM) after a sign-up burst from 8
#      parallel clients and after the vote load
#   2. a flash crowd (every vote on 4 contributions) vs votes spread over many contributions
#   3. the leaderboard top 50 (100k contributions, 1M votes) vs a get-by-id
#   4. a gallery page 10,000 items deep vs the first page
#   6. a campaign's analytics (1M visits, 100k participants, 1M votes) vs a get-by-id
#   5. the vote load on SQLite: "database is locked" errors and non-2xx answers
# and prints a table with the targets and PASS/MISS.
#
# It installs what it lacks (wrk and sqlite3 with apt-get), builds the server in release, creates
# the PostgreSQL database $BENCH_DB (dropped at the end) and a scratch folder under /tmp (kept,
# with the server logs, EXPLAIN output and raw tool output; its path is printed).
#
# Knobs (environment):
#   BENCH_DURATION=15        seconds per measurement
#   BENCH_VOTERS=1000        voters registered through the API (argon2: ~20/s on 2 cores)
#   BENCH_VOTE_CONTRIBS=10000  contributions the uniform vote load spreads over
#   BENCH_BOARD_CONTRIBS=100000  BENCH_BOARD_VOTES=1000000  leaderboard/gallery campaign
#   BENCH_SEED_VOTERS=1000   SQL-only voters (pgbench, the seeded votes)
#   BENCH_CLIENTS="32 64"    client counts for target 1; target 2 and SQLite use the last one
#   BENCH_READ_CONNS=32      connections for the read benchmarks
#   BENCH_GALLERY_DEPTH=10000
#   BENCH_REACH_VISITORS=1000000  BENCH_REACH_PARTICIPANTS=100000  analytics campaign
#   BENCH_DB_POOL_SIZE       the server's DB_POOL_SIZE (unset: the server's default)
#   BENCH_PG=postgres://postgres@127.0.0.1:5432   BENCH_DB=schwarm_bench
#   BENCH_SKIP_BUILD=1       use the existing target/release/schwarm
#   BENCH_PROFILE=1          also sample the server with `perf record` (call graphs from the
#                            unwind tables) during the 64-client vote run and the get-by-id run;
#                            writes perf-KEY.data and perf-KEY.txt (the hottest functions, self
#                            and with callees) to the scratch folder. Build with
#                            CARGO_PROFILE_RELEASE_DEBUG=line-tables-only for file:line frames.
set -euo pipefail
# The whole script is one brace group, so bash parses it before running it: editing or pulling
# this file during a run cannot change the run.
{

DURATION=${BENCH_DURATION:-15}
VOTERS=${BENCH_VOTERS:-1000}
VOTE_CONTRIBS=${BENCH_VOTE_CONTRIBS:-10000}
BOARD_CONTRIBS=${BENCH_BOARD_CONTRIBS:-100000}
BOARD_VOTES=${BENCH_BOARD_VOTES:-1000000}
SEED_VOTERS=${BENCH_SEED_VOTERS:-1000}
CLIENTS=${BENCH_CLIENTS:-32 64}
READ_CONNS=${BENCH_READ_CONNS:-32}
DEPTH=${BENCH_GALLERY_DEPTH:-10000}
REACH_VISITORS=${BENCH_REACH_VISITORS:-1000000}
REACH_PARTICIPANTS=${BENCH_REACH_PARTICIPANTS:-100000}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-schwarm_bench}
THREADS=2 # wrk threads: one per core here; more only adds context switches
HI_CLIENTS=${CLIENTS##* }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=$(mktemp -d /tmp/schwarm-bench.XXXXXX)
BIN=$ROOT/target/release/schwarm
# The same signing key for both servers, so tokens registered on PostgreSQL also work on SQLite.
JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
METRICS_TOKEN=bench-metrics-$RANDOM$RANDOM # /metrics gives the statements the server sent
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
psql_db() { psql "$PG/$DB" -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# ---------------------------------------------------------------- tools
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
[[ -z ${BENCH_PROFILE:-} ]] || command -v perf >/dev/null || need_apt+=(linux-perf)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
for tool in curl jq psql; do command -v $tool >/dev/null || need_apt+=($tool); done
if ((${#need_apt[@]})); then
  log "installing ${need_apt[*]} with apt-get (wrk: per-request latency percentiles, Lua to rotate tokens)"
  apt-get install -y "${need_apt[@]}" >"$WORK/apt.log" 2>&1 ||
    { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y "${need_apt[@]}" >>"$WORK/apt.log" 2>&1; }
fi
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)
[[ -x $PGBENCH ]] || { echo "pgbench not found (it ships with PostgreSQL)" >&2; exit 1; }

if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
  log "building the server in release (cargo may wait for the shared target's lock)"
  (cd "$ROOT" && cargo build --release -p schwarm-api) >"$WORK/build.log" 2>&1 ||
    { tail -30 "$WORK/build.log" >&2; exit 1; }
fi

# ---------------------------------------------------------------- servers
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$PG/postgres" -X -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "$WORK"/sqlite/*.db*
  log "logs and raw output kept in $WORK"
}
trap cleanup EXIT

# start_server NAME DATABASE_URL -> sets URL and SERVER_PID; the server logs to $WORK/NAME.log.
start_server() {
  local name=$1 url=$2 logf=$WORK/$1.log
  mkdir -p "$WORK/$name-data"
  # Rate limits way up (one client IP registers everyone; voters vote hundreds of times a
  # minute); tokens outlive the run. The allocator runs as the image runs it; everything else is
  # the production default.
  (cd "$WORK" && exec env DATABASE_URL="$url" BIND_ADDR=127.0.0.1:0 DATA_DIR="$WORK/$name-data" \
    MIMALLOC_PURGE_DELAY="${MIMALLOC_PURGE_DELAY:-0}" MIMALLOC_ALLOW_THP="${MIMALLOC_ALLOW_THP:-0}" JWT_SECRET="$JWT_SECRET" METRICS_TOKEN="$METRICS_TOKEN" AUTH_RATE_LIMIT_PER_IP=1000000 VOTE_RATE_LIMIT_PER_MINUTE=1000000 \
    ACCESS_TOKEN_TTL_SECS=86400 ${BENCH_DB_POOL_SIZE:+DB_POOL_SIZE=$BENCH_DB_POOL_SIZE} \
    "$BIN" >"$logf" 2>&1) &
  PIDS+=($!)
  SERVER_PID=$! # the subshell execs env, which execs the server: one process
  for _ in $(seq 300); do
    URL=$(grep -o 'listening on http://[0-9.:]*' "$logf" | head -1 | sed 's/listening on //') || true
    [[ -n $URL ]] && return 0
    sleep 0.2
  done
  echo "$name server did not start:" >&2; tail -20 "$logf" >&2; exit 1
}

# run_wrk OUT CONNS SCRIPT URL [ENV...] -> prints the RESULT line's fields
run_wrk() {
  local out=$1 conns=$2 script=$3 url=$4; shift 4
  env "$@" BENCH_THREADS=$THREADS wrk -t$THREADS -c"$conns" -d"${DURATION}s" --timeout 10s \
    -s "$script" "$url" >"$WORK/$out.txt" 2>&1
  grep '^RESULT' "$WORK/$out.txt" | sed 's/^RESULT //'
}
field() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
# The server's CPU time so far (user + system), in microseconds, from /proc/PID/stat (fields 14
# and 15 after the command name, in clock ticks).
CLK_TCK=$(getconf CLK_TCK)
cpu_us() { awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000000 / hz }' "/proc/$1/stat"; }
# per_request CPU_BEFORE CPU_AFTER REQUESTS -> microseconds of server CPU per request
# profile_start KEY / profile_stop: with BENCH_PROFILE, perf samples the server in between.
PROFILER=
profile_start() {
  [[ -n ${BENCH_PROFILE:-} ]] || return 0
  perf record -q -F 499 -g --call-graph dwarf,16384 -p "$PG_PID" -o "$WORK/perf-$1.data" \
    >"$WORK/perf-$1.log" 2>&1 &
  PROFILER="$! $1"
}
profile_stop() {
  [[ -n $PROFILER ]] || return 0
  local pid=${PROFILER% *} key=${PROFILER#* }
  PROFILER=
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  { perf report -i "$WORK/perf-$key.data" --no-children --stdio --percent-limit 0.7 -g none --sort dso,symbol
    perf report -i "$WORK/perf-$key.data" --children --stdio --percent-limit 3 -g none --sort symbol
  } >"$WORK/perf-$key.txt" 2>>"$WORK/perf-$key.log" || true
  log "profile: $WORK/perf-$key.txt"
}
per_request() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (n + 0 == 0) print "n/a"; else printf "%d", (b - a) / n }'; }
# statements URL -> the statements the server has sent to its database so far (/metrics), for
# requests and the job queue together: the background's share is part of what a vote costs
statements() { curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$1/api/v1/metrics" | awk 'index($1, "schwarm_db_statements_total{") == 1 { n += $2 } END { printf "%d", n }'; }
# rss_mb PID FIELD -> VmRSS (now) or VmHWM (peak since start) in MB
rss_mb() { awk -v f="$2:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

psql "$PG/postgres" -X -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
declare -A R # results: R[key]=value
# The machine is shared: sample every 5 s whether a compiler is running, to flag noisy figures.
(while sleep 5; do echo "$(pgrep -c -x rustc || true) $(cut -d' ' -f1 /proc/loadavg)"; done >"$WORK/busy.txt") &
PIDS+=($!)
log "starting the server on PostgreSQL ($DB); it runs the migrations"
start_server pg "$PG/$DB"
PG_URL=$URL
PG_PID=$SERVER_PID
R[rss_start]=$(rss_mb "$PG_PID" VmRSS)

log "seeding: $VOTE_CONTRIBS + $BOARD_CONTRIBS contributions, $BOARD_VOTES votes, scores (SQL)"
t0=$(date +%s)
psql_db -v vote_contribs="$VOTE_CONTRIBS" -v board_contribs="$BOARD_CONTRIBS" \
  -v board_votes="$BOARD_VOTES" -v seed_voters="$SEED_VOTERS" -f "$BENCH/seed_pg.sql" >/dev/null
SEEDED_VOTES=$(psql_db -c "SELECT count(*) FROM votes")
log "seeded $SEEDED_VOTES votes in $(( $(date +%s) - t0 ))s"
log "seeding reach: $REACH_VISITORS visitors, $REACH_PARTICIPANTS participants, the analytics counters (SQL)"
t0=$(date +%s)
psql_db -v visitors="$REACH_VISITORS" -v participants="$REACH_PARTICIPANTS" -f "$BENCH/seed_reach_pg.sql" >/dev/null
SEEDED_COUNTERS=$(psql_db -c "SELECT count(*) FROM insight_counters")
log "seeded reach and $SEEDED_COUNTERS counters in $(( $(date +%s) - t0 ))s"
CAMPAIGN=$(psql_db -c "SELECT bench_id(2, 1)")
BOARD=$(psql_db -c "SELECT bench_id(2, 2)")
# The vote load's targets: uniform picks from all; flash takes the first 4 lines.
psql_db -c "SELECT id FROM contributions WHERE campaign_id = '$CAMPAIGN' ORDER BY id" >"$WORK/contribs.txt"
psql_db -c "SELECT id FROM contributions WHERE campaign_id = '$BOARD' ORDER BY random() LIMIT 1000" >"$WORK/board_ids.txt"

log "registering $VOTERS voters through the API from 8 parallel clients (argon2 is slow by design)"
t0=$(date +%s)
seq 1 "$VOTERS" | xargs -P 8 -I{} curl -sf -X POST "$PG_URL/api/v1/auth/register" \
  -H 'Content-Type: application/json' \
  -d '{"email":"voter{}@bench.test","password":"bench-password-{}","display_name":"Voter {}"}' \
  | jq -r .access_token >"$WORK/tokens.txt"
[[ $(grep -c . "$WORK/tokens.txt") == "$VOTERS" ]] || { echo "registration failed" >&2; exit 1; }
log "registered in $(( $(date +%s) - t0 ))s"
sleep 2 # let the allocator hand back what the burst freed
R[rss_signup]=$(rss_mb "$PG_PID" VmRSS); R[hwm_signup]=$(rss_mb "$PG_PID" VmHWM)

# The floors' scratch tables: the product's shape (columns, unique and primary keys), no rows
# to check against, no foreign keys.
psql_db >/dev/null <<SQL
CREATE TABLE floor_votes (LIKE votes INCLUDING ALL);
CREATE TABLE floor_deltas (LIKE vote_deltas INCLUDING ALL);
CREATE TABLE floor_contributions (LIKE contributions INCLUDING ALL);
INSERT INTO floor_contributions SELECT * FROM contributions WHERE campaign_id = '$BOARD';
VACUUM ANALYZE floor_contributions;
SQL

# ---------------------------------------------------------------- votes on PostgreSQL
# Between runs: let the folder drain the deltas (and time it), check that the folded scores
# equal the votes, then remove the vote campaign's votes so each run starts from the same state.
drain() { # DB-QUERY-FN -> seconds until vote_deltas is empty
  local t0=$SECONDS
  # wrk stops sending, but votes it gave up on may still be queued in the server and commit
  # later: wait until the ballots stop changing (no commit for a second), then for the folder.
  # Checked too early, a late vote's delta could arrive after the drain and read as a mismatch.
  local before after
  after=$("$@" "SELECT count(*) || ':' || coalesce(CAST(max(updated_at) AS TEXT), '') FROM votes")
  until [[ ${before:-} == "$after" ]]; do
    ((SECONDS - t0 < 120)) || { echo timeout; return; }
    sleep 1
    before=$after
    after=$("$@" "SELECT count(*) || ':' || coalesce(CAST(max(updated_at) AS TEXT), '') FROM votes")
  done
  until [[ $("$@" "SELECT count(*) FROM vote_deltas") == 0 ]]; do
    ((SECONDS - t0 < 120)) || { echo timeout; return; }
    sleep 0.2
  done
  echo $((SECONDS - t0))
}
pgq() { psql_db -c "$1"; }
consistent_pg() {
  pgq "SELECT CASE WHEN (SELECT (coalesce(sum(public_count),0)::bigint, coalesce(sum(public_sum),0)::bigint)
         FROM contribution_scores WHERE campaign_id = '$CAMPAIGN')
       = (SELECT (count(*)::bigint, coalesce(sum(value),0)::bigint) FROM votes WHERE campaign_id = '$CAMPAIGN')
       THEN 'yes' ELSE 'NO' END"
}
reset_pg() {
  pgq "DELETE FROM votes WHERE campaign_id = '$CAMPAIGN';
       UPDATE contribution_scores SET public_count = 0, public_sum = 0, public_positive = 0,
         public_negative = 0, public_score = 0, combined_score = 0 WHERE campaign_id = '$CAMPAIGN'" >/dev/null
  pgq "VACUUM ANALYZE votes" >/dev/null
  pgq "VACUUM ANALYZE vote_deltas" >/dev/null
  pgq "VACUUM ANALYZE contribution_scores" >/dev/null
  pgq "CHECKPOINT" >/dev/null
}
for c in $CLIENTS; do
  pgq "TRUNCATE floor_votes, floor_deltas" >/dev/null
  pgq "CHECKPOINT" >/dev/null
  log "pgbench: the floor of a vote (ballot upsert + delta), $c clients, ${DURATION}s"
  "$PGBENCH" -n -M prepared -c "$c" -j $THREADS -T "$DURATION" -f "$BENCH/floor_vote.pgbench" \
    -D voters="$SEED_VOTERS" -D contribs="$VOTE_CONTRIBS" -D kind=3 -D campaign="$CAMPAIGN" \
    "$PG/$DB" >"$WORK/floor_vote_c$c.txt" 2>&1
  R[floor_tps_$c]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/floor_vote_c$c.txt")
  reset_pg
  log "pgbench: the vote endpoint's own statements, $c clients, ${DURATION}s"
  "$PGBENCH" -n -M prepared -c "$c" -j $THREADS -T "$DURATION" -f "$BENCH/vote.pgbench" \
    -D voters="$SEED_VOTERS" -D contribs="$VOTE_CONTRIBS" -D kind=3 -D campaign="$CAMPAIGN" \
    "$PG/$DB" >"$WORK/pgbench_c$c.txt" 2>&1
  R[pgb_tps_$c]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/pgbench_c$c.txt")
  R[pgb_lat_$c]=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/pgbench_c$c.txt")
  R[pgb_fail_$c]=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/pgbench_c$c.txt")
  drain pgq >/dev/null
done

reset_pg
log "warming the API up (3s)"
DURATION=3 run_wrk warmup "$HI_CLIENTS" "$BENCH/vote.lua" "$PG_URL" \
  BENCH_TOKENS="$WORK/tokens.txt" BENCH_CONTRIBS="$WORK/contribs.txt" BENCH_MODE=uniform >/dev/null
drain pgq >/dev/null

vote_run() { # KEY CLIENTS MODE
  reset_pg
  log "API votes: $3, $2 clients, ${DURATION}s"
  local res cpu0 st0
  cpu0=$(cpu_us "$PG_PID"); st0=$(statements "$PG_URL")
  [[ $1 != "uni$HI_CLIENTS" ]] || profile_start "$1"
  res=$(run_wrk "api_$1" "$2" "$BENCH/vote.lua" "$PG_URL" \
    BENCH_TOKENS="$WORK/tokens.txt" BENCH_CONTRIBS="$WORK/contribs.txt" BENCH_MODE="$3")
  profile_stop
  R[$1_cpu]=$(per_request "$cpu0" "$(cpu_us "$PG_PID")" "$(field requests "$res")")
  R[$1_st]=$(per_request "$st0" "$(statements "$PG_URL")" "$(field requests "$res")")
  R[$1_rps]=$(field rps "$res"); R[$1_p50]=$(field p50_us "$res"); R[$1_p99]=$(field p99_us "$res")
  R[$1_non2xx]=$(( $(field non2xx "$res") + $(field sockerr "$res") )); R[$1_n]=$(field requests "$res")
  R[$1_drain]=$(drain pgq)
  R[$1_ok]=$(consistent_pg)
}
for c in $CLIENTS; do vote_run "uni$c" "$c" uniform; done
vote_run flash "$HI_CLIENTS" flash
R[rss_votes]=$(rss_mb "$PG_PID" VmRSS); R[hwm_votes]=$(rss_mb "$PG_PID" VmHWM)
R[flash_pass]=$((4 * VOTERS)) # requests before a flash pair repeats (then votes flip)
reset_pg

# ---------------------------------------------------------------- reads
read_run() { # KEY URL [ENV...]
  local key=$1 url=$2; shift 2
  log "GET $key, $READ_CONNS connections, ${DURATION}s"
  local res cpu0 st0
  cpu0=$(cpu_us "$PG_PID"); st0=$(statements "$PG_URL")
  [[ $key != byid ]] || profile_start "$key"
  res=$(run_wrk "read_$key" "$READ_CONNS" "$BENCH/read.lua" "$url" "$@")
  profile_stop
  R[${key}_cpu]=$(per_request "$cpu0" "$(cpu_us "$PG_PID")" "$(field requests "$res")")
  R[${key}_st]=$(per_request "$st0" "$(statements "$PG_URL")" "$(field requests "$res")")
  R[${key}_rps]=$(field rps "$res"); R[${key}_p50]=$(field p50_us "$res")
  R[${key}_p99]=$(field p99_us "$res"); R[${key}_non2xx]=$(( $(field non2xx "$res") + $(field sockerr "$res") ))
}
read_run board "$PG_URL/api/v1/campaigns/$BOARD/leaderboard?limit=50"
read_run byid "$PG_URL" BENCH_IDS="$WORK/board_ids.txt"
log "pgbench: the floor of a read by id (SELECT * by primary key), $READ_CONNS clients, ${DURATION}s"
"$PGBENCH" -n -M prepared -c "$READ_CONNS" -j $THREADS -T "$DURATION" -f "$BENCH/floor_get.pgbench" \
  -D contribs="$BOARD_CONTRIBS" "$PG/$DB" >"$WORK/floor_get.txt" 2>&1
R[floor_get_tps]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/floor_get.txt")
# The analytics are for the organization's managers: register one and make them an owner.
MANAGER_TOKEN=$(curl -sf -X POST "$PG_URL/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"manager@bench.test","password":"bench-password-manager","display_name":"Manager"}' | jq -r .access_token)
psql_db -c "INSERT INTO organization_members (organization_id, user_id, role, created_at, updated_at)
  SELECT bench_id(1, 1), id, 'owner', bench_now(), bench_now() FROM users WHERE email = 'manager@bench.test'" >/dev/null
VISITORS_SEEN=$(curl -sf -H "Authorization: Bearer $MANAGER_TOKEN" "$PG_URL/api/v1/campaigns/$BOARD/analytics" | jq -r .funnel.visitors)
[[ $VISITORS_SEEN == "$REACH_VISITORS" ]] || { echo "analytics show $VISITORS_SEEN visitors, seeded $REACH_VISITORS" >&2; exit 1; }
read_run analytics "$PG_URL/api/v1/campaigns/$BOARD/analytics" BENCH_TOKEN="$MANAGER_TOKEN"

# The cursor of the page $DEPTH items deep, the way a client reaches it: cursors are sealed by
# the server, so page through (100 at a time). Checked against the database below.
AFTER=$(psql_db -c "SELECT id FROM contributions WHERE campaign_id = '$BOARD'
  AND status IN ('published','shortlisted','winner') ORDER BY id DESC OFFSET $((DEPTH - 1)) LIMIT 1")
EXPECT=$(psql_db -c "SELECT id FROM contributions WHERE campaign_id = '$BOARD'
  AND status IN ('published','shortlisted','winner') ORDER BY id DESC OFFSET $DEPTH LIMIT 1")
CURSOR=""
for ((seen = 0; seen < DEPTH; seen += step)); do
  step=$((DEPTH - seen < 100 ? DEPTH - seen : 100))
  CURSOR=$(curl -sf "$PG_URL/api/v1/campaigns/$BOARD/contributions?sort=new&limit=$step${CURSOR:+&cursor=$CURSOR}" | jq -r .next_cursor)
done
GOT=$(curl -sf "$PG_URL/api/v1/campaigns/$BOARD/contributions?sort=new&limit=20&cursor=$CURSOR" | jq -r '.items[0].id')
[[ $GOT == "$EXPECT" ]] || { echo "deep gallery cursor is wrong: got $GOT, expected $EXPECT" >&2; exit 1; }
read_run first "$PG_URL/api/v1/campaigns/$BOARD/contributions?sort=new&limit=20"
read_run deep "$PG_URL/api/v1/campaigns/$BOARD/contributions?sort=new&limit=20&cursor=$CURSOR"

# The plans behind the read figures, for whoever investigates a miss.
psql_db >"$WORK/explain.txt" 2>&1 <<SQL || true
\echo == leaderboard (repo::ranked)
EXPLAIN (ANALYZE, BUFFERS) SELECT contribution_scores.* FROM contribution_scores
  INNER JOIN contributions ON contributions.id = contribution_scores.contribution_id
  WHERE contribution_scores.campaign_id = '$BOARD' AND contributions.status = ANY('{published,shortlisted,winner}')
  ORDER BY contribution_scores.combined_score DESC, contribution_scores.contribution_id ASC LIMIT 51;
\echo == gallery $DEPTH deep (list_public_newest)
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM contributions WHERE campaign_id = '$BOARD'
  AND status = ANY('{published,shortlisted,winner}') AND id < '$AFTER' ORDER BY id DESC LIMIT 21;
SQL

# ---------------------------------------------------------------- votes on SQLite
log "starting the server on SQLite; seeding it and copying the registered voters"
mkdir -p "$WORK/sqlite"
SQLITE_DB=$WORK/sqlite/bench.db
start_server sqlite "sqlite://$SQLITE_DB"
SQLITE_URL=$URL
LITE_PID=$SERVER_PID
{
  # Same user ids as on PostgreSQL, so the tokens registered there act for them here. The
  # server's job queue writes meanwhile: wait for its lock instead of failing.
  echo ".timeout 10000"
  echo "BEGIN;"
  psql_db -c "SELECT format('INSERT INTO users (id, email, password_hash, display_name, locale, created_at, updated_at) VALUES (%L, %L, %L, %L, %L, %L, %L);',
    id, email, password_hash, display_name, locale, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US'),
    to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS.US')) FROM users WHERE email LIKE 'voter%@bench.test'"
  # And their sign-in sessions: an access token is good only while its session is active.
  psql_db -c "SELECT format('INSERT INTO sessions (id, user_id, user_agent, created_at, last_used_at) VALUES (%L, %L, NULL, %L, %L);',
    s.id, s.user_id, to_char(s.created_at, 'YYYY-MM-DD HH24:MI:SS.US'), to_char(s.last_used_at, 'YYYY-MM-DD HH24:MI:SS.US'))
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 'voter%@bench.test'"
  echo "COMMIT;"
  echo ".parameter set :vote_contribs $VOTE_CONTRIBS"
  cat "$BENCH/seed_sqlite.sql"
} | sqlite3 -bail "$SQLITE_DB" >/dev/null
sqlq() { sqlite3 "$SQLITE_DB" "$1"; }
log "API votes on SQLite: uniform, $HI_CLIENTS clients, ${DURATION}s"
cpu0=$(cpu_us "$LITE_PID")
res=$(run_wrk sqlite_votes "$HI_CLIENTS" "$BENCH/vote.lua" "$SQLITE_URL" \
  BENCH_TOKENS="$WORK/tokens.txt" BENCH_CONTRIBS="$WORK/contribs.txt" BENCH_MODE=uniform)
R[lite_rps]=$(field rps "$res"); R[lite_p50]=$(field p50_us "$res"); R[lite_p99]=$(field p99_us "$res")
R[lite_non2xx]=$(( $(field non2xx "$res") + $(field sockerr "$res") )); R[lite_n]=$(field requests "$res")
R[lite_cpu]=$(per_request "$cpu0" "$(cpu_us "$LITE_PID")" "${R[lite_n]}")
R[lite_drain]=$(drain sqlq)
R[lite_locked]=$(grep -ci 'database is locked' "$WORK/sqlite.log" || true)
R[lite_ok]=$(sqlq "SELECT CASE WHEN (SELECT sum(public_count) FROM contribution_scores) = (SELECT count(*) FROM votes) THEN 'yes' ELSE 'NO' END")
log "GET contribution by id on SQLite, $READ_CONNS connections, ${DURATION}s"
cpu0=$(cpu_us "$LITE_PID")
res=$(run_wrk sqlite_byid "$READ_CONNS" "$BENCH/read.lua" "$SQLITE_URL" BENCH_IDS="$WORK/contribs.txt")
R[lite_byid_rps]=$(field rps "$res"); R[lite_byid_p50]=$(field p50_us "$res"); R[lite_byid_p99]=$(field p99_us "$res")
R[lite_byid_non2xx]=$(( $(field non2xx "$res") + $(field sockerr "$res") ))
R[lite_byid_cpu]=$(per_request "$cpu0" "$(cpu_us "$LITE_PID")" "$(field requests "$res")")

# ---------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict() { # RATIO OP LIMIT
  awk -v r="$1" -v op="$2" -v l="$3" 'BEGIN { if (r == "n/a") { print "MISS"; exit }
    ok = (op == ">=") ? (r + 0 >= l + 0) : (r + 0 <= l + 0); print ok ? "PASS" : "MISS" }'
}
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

echo
echo "Schwarm benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load generator on the same machine"
echo "tree: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- api || echo ' + uncommitted api/ changes') (what target/release/schwarm was built from)"
echo "duration ${DURATION}s per measurement; $VOTERS API voters; $VOTE_CONTRIBS contributions in the vote campaign;"
echo "leaderboard/gallery/analytics campaign: $BOARD_CONTRIBS contributions, $SEEDED_VOTES votes, $REACH_VISITORS visitors,"
echo "$REACH_PARTICIPANTS participants, $SEEDED_COUNTERS analytics counters; server pool: ${BENCH_DB_POOL_SIZE:-default}"
echo
row() { printf '%-52s %10s %9s %9s %8s %8s %6s\n' "$@"; }
row "measurement" "req/s" "p50 ms" "p99 ms" "non-2xx" "CPU µs" "stmts"
for c in $CLIENTS; do
  row "floor: ballot upsert + delta (pgbench), $c clients" "$(printf %.1f "${R[floor_tps_$c]}")" "-" "-" "-" "-" "4"
  row "the endpoint's own statements (pgbench), $c clients" "$(printf %.1f "${R[pgb_tps_$c]}")" "avg $(printf %.1f "${R[pgb_lat_$c]}")" "-" "${R[pgb_fail_$c]:-0}" "-" "$(grep -c ';$' "$BENCH/vote.pgbench")"
  row "API PUT vote, uniform, $c clients" "${R[uni${c}_rps]}" "$(ms "${R[uni${c}_p50]}")" "$(ms "${R[uni${c}_p99]}")" "${R[uni${c}_non2xx]}" "${R[uni${c}_cpu]}" "${R[uni${c}_st]}"
done
row "API PUT vote, flash (4 entries), $HI_CLIENTS clients" "${R[flash_rps]}" "$(ms "${R[flash_p50]}")" "$(ms "${R[flash_p99]}")" "${R[flash_non2xx]}" "${R[flash_cpu]}" "${R[flash_st]}"
row "floor: SELECT * by primary key (pgbench), $READ_CONNS clients" "$(printf %.1f "${R[floor_get_tps]}")" "-" "-" "-" "-" "1"
for k in byid:"GET contribution by id" board:"GET leaderboard top 50" first:"GET gallery sort=new, first page" deep:"GET gallery sort=new, $DEPTH deep" analytics:"GET campaign analytics"; do
  row "${k#*:}" "${R[${k%%:*}_rps]}" "$(ms "${R[${k%%:*}_p50]}")" "$(ms "${R[${k%%:*}_p99]}")" "${R[${k%%:*}_non2xx]}" "${R[${k%%:*}_cpu]}" "${R[${k%%:*}_st]}"
done
row "SQLite: API PUT vote, uniform, $HI_CLIENTS clients" "${R[lite_rps]}" "$(ms "${R[lite_p50]}")" "$(ms "${R[lite_p99]}")" "${R[lite_non2xx]}" "${R[lite_cpu]}" "-"
row "SQLite: GET contribution by id, $READ_CONNS clients" "${R[lite_byid_rps]}" "$(ms "${R[lite_byid_p50]}")" "$(ms "${R[lite_byid_p99]}")" "${R[lite_byid_non2xx]}" "${R[lite_byid_cpu]}" "-"
echo
printf '%-58s %8s %8s %6s\n' "target" "figure" "limit" ""
target() { printf '%-58s %8s %8s %6s\n' "$1" "$2" "$3 $4" "$(verdict "$2" "$3" "$4")"; }
for c in $CLIENTS; do
  target "1. API vote / its floor, $c clients" "$(ratio "${R[uni${c}_rps]}" "${R[floor_tps_$c]}")" ">=" 0.5
done
target "1. server CPU per vote (µs), uniform, $HI_CLIENTS clients" "${R[uni${HI_CLIENTS}_cpu]}" "<=" 150
target "1b. get-by-id / its floor" "$(ratio "${R[byid_rps]}" "${R[floor_get_tps]}")" ">=" 0.3
target "1b. server CPU per get-by-id (µs)" "${R[byid_cpu]}" "<=" 60
target "1b. get-by-id p99 / p50" "$(ratio "${R[byid_p99]}" "${R[byid_p50]}")" "<=" 5
r=$(ratio "${R[flash_rps]}" "${R[uni${HI_CLIENTS}_rps]}")
printf '%-58s %8s %8s %6s\n' "2. flash / uniform throughput, $HI_CLIENTS clients" "$r" ">= 0.8" "$(verdict "$r" '>=' 0.8)"
r=$(ratio "${R[flash_p99]}" "${R[uni${HI_CLIENTS}_p99]}")
printf '%-58s %8s %8s %6s\n' "2. flash / uniform p99" "$r" "<= 2" "$(verdict "$r" '<=' 2)"
r=$(ratio "${R[board_p99]}" "${R[byid_p99]}")
printf '%-58s %8s %8s %6s\n' "3. leaderboard / get-by-id p99" "$r" "<= 2" "$(verdict "$r" '<=' 2)"
r=$(ratio "${R[deep_p99]}" "${R[first_p99]}")
printf '%-58s %8s %8s %6s\n' "4. gallery $DEPTH deep / first page p99" "$r" "<= 2" "$(verdict "$r" '<=' 2)"
lite_bad=$(( R[lite_non2xx] + R[lite_byid_non2xx] ))
v=PASS; [[ ${R[lite_locked]} == 0 && $lite_bad == 0 ]] || v=MISS
printf '%-58s %8s %8s %6s\n' "5. SQLite: 'database is locked' in log / non-2xx" "${R[lite_locked]} / $lite_bad" "0 / 0" "$v"
r=$(ratio "${R[analytics_p99]}" "${R[byid_p99]}")
printf '%-58s %8s %8s %6s\n' "6. analytics / get-by-id p99" "$r" "<= 5" "$(verdict "$r" '<=' 5)"
target "7. peak RSS (MB) after $VOTERS sign-ups from 8 clients" "${R[hwm_signup]}" "<=" 100
target "7. peak RSS (MB) after the vote load" "${R[hwm_votes]}" "<=" 100
echo
echo "notes:"
echo "- server memory (MB): ${R[rss_start]} at start; after the sign-ups ${R[rss_signup]} resident, ${R[hwm_signup]} peak; after the vote load ${R[rss_votes]} resident, ${R[hwm_votes]} peak"
echo "- folder drain after each vote run (s): $(for c in $CLIENTS; do printf 'uniform/%s %s, ' "$c" "${R[uni${c}_drain]}"; done)flash ${R[flash_drain]}, SQLite ${R[lite_drain]}"
echo "- folded scores equal the votes afterwards: $(for c in $CLIENTS; do printf 'uniform/%s %s, ' "$c" "${R[uni${c}_ok]}"; done)flash ${R[flash_ok]}, SQLite ${R[lite_ok]}"
echo "- flash run: ${R[flash_n]} requests; the first ${R[flash_pass]} are first votes, later ones flip an existing vote (update + delta)"
echo "- floors: bench/floor_vote.pgbench and bench/floor_get.pgbench on scratch tables of the product's shape; the"
echo "  endpoint's own statements: bench/vote.pgbench (what service::cast issues), all with -M prepared"
echo "- CPU µs: the server process's user + system time during the run / requests (from /proc/PID/stat); stmts:"
echo "  statements the server sent its database during the run / requests (schwarm_db_statements_total,"
echo "  BEGIN and COMMIT included; the folding job's share too)"
echo "- other load: rustc running in $(awk '$1 > 0' "$WORK/busy.txt" | wc -l) of $(wc -l <"$WORK/busy.txt") 5-second samples; load average max $(sort -k2 -n "$WORK/busy.txt" | tail -1 | cut -d' ' -f2)"
echo "- plans: $WORK/explain.txt; server logs: $WORK/pg.log, $WORK/sqlite.log"
exit
}
