#!/usr/bin/env bash
# The live-board benchmark, from a fresh Debian or Ubuntu machine to a RESULT line (see bench/README.md).
#
#   bench/liveboard.sh [--clients N] [--posters P] [--rate R] [--duration-seconds D] [--port PORT] [--timeout-seconds S]
#   bench/liveboard.sh --baseline-only [--clients N] [--posters P] [--rate R] [--duration-seconds D]
#
# Makes a scratch database (community_bench_board, dropped first if it exists), builds and starts the app in Release on
# 127.0.0.1 against it with the bench's bare broadcast hub switched on, seeds two events' boards with N participants
# each (one board to warm up on), runs the Node harness in bench/liveboard/ (N clients, P of them posting R a second
# each for D seconds, first on the board, then on the bare hub), and stops the app. Exits with the harness's status:
# 0 all well, 1 a client missed or got twice a post, 2 could not start, 3 some connections or posts failed.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=500 POSTERS=5 RATE=2 DURATION=30 PORT=5091 TIMEOUT_SECONDS=300 BASELINE_ONLY=""
usage() { sed -n '4,5p' "$0" | sed 's/^# *//' >&2; exit "${1:-2}"; }
whole_number() { [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || { echo "liveboard: $1 must be a whole number from 1, not '$2'" >&2; exit 2; }; }
positive_number() { [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v n="$2" 'BEGIN { exit !(n > 0) }' || { echo "liveboard: $1 must be a number above 0, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --clients)          whole_number "$1" "${2:-}"; CLIENTS=$2; shift 2 ;;
        --posters)          whole_number "$1" "${2:-}"; POSTERS=$2; shift 2 ;;
        --rate)             positive_number "$1" "${2:-}"; RATE=$2; shift 2 ;;
        --duration-seconds) positive_number "$1" "${2:-}"; DURATION=$2; shift 2 ;;
        --port)             whole_number "$1" "${2:-}"; PORT=$2; shift 2 ;;
        --timeout-seconds)  whole_number "$1" "${2:-}"; TIMEOUT_SECONDS=$2; shift 2 ;;
        --baseline-only)    BASELINE_ONLY=1; shift ;;
        -h|--help)          usage 0 ;;
        *) echo "liveboard: unknown argument '$1'" >&2; usage ;;
    esac
done

source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
apt_install curl
command -v node >/dev/null 2>&1 || apt_install nodejs npm
# Every client is a socket in the harness and one in the app.
FILES_NEEDED=$((CLIENTS * 2 + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$FILES_NEEDED" ]; then
    ulimit -n "$FILES_NEEDED" 2>/dev/null \
        || echo "==> Warning: the open-files limit is $(ulimit -n); $CLIENTS clients may not all connect" >&2
fi

DB=community_bench_board
PSQL=(env PGPASSWORD=community psql -h localhost -p "$COMMUNITY_PG_PORT" -U community -v ON_ERROR_STOP=1 -qtA)
BENCH_DB="Host=localhost;Port=$COMMUNITY_PG_PORT;Database=$DB;Username=community;Password=community"

echo "==> Fresh scratch database $DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB OWNER community"

echo "==> The harness's packages (npm ci)"
(cd bench/liveboard && npm ci --no-audit --no-fund --silent)

echo "==> Building the app (Release)"
dotnet build src/HeartsMinds.Community -c Release -nologo -v quiet

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
BASE_URL="http://127.0.0.1:$PORT"

WORK=$(mktemp -d)
APP_LOG="$WORK/app.log"
APP_PID=""
stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_app EXIT
show_app_log() { echo "==> Last lines of the app's log:" >&2; tail -n 40 "$APP_LOG" >&2 || true; }

echo "==> Starting the app on $BASE_URL (Production, database $DB, bench broadcast hub on)"
mkdir "$WORK/mail"
(
    cd src/HeartsMinds.Community
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$BASE_URL"
    export ConnectionStrings__Community="$BENCH_DB"
    export Site__BaseUrl="$BASE_URL"
    export Bench__BroadcastHub=true                    # the baseline's bare hub at /hubs/bench-broadcast
    export LiveBoard__PostsPerMinute=1000000           # each poster posts far more often than a person may
    export RateLimits__PublicPostsPerMinute=1000000    # every participant joins from this one address
    export Mail__PickupDirectory="$WORK/mail"          # emails are written to disk, never sent
    export Staff__BootstrapAdmin__Email=bench-admin@example.org
    export Staff__BootstrapAdmin__Password="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export Logging__LogLevel__Default=Warning
    exec dotnet bin/Release/net10.0/HeartsMinds.Community.dll
) >"$APP_LOG" 2>&1 &
APP_PID=$!

# The app migrates the schema at start-up, then /health answers 200.
for attempt in $(seq 1 120); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "liveboard: the app stopped during start-up" >&2; show_app_log; exit 2; fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/health" || true)" = "200" ] && break
    [ "$attempt" -eq 120 ] && { echo "liveboard: /health did not answer 200 within 60 s" >&2; show_app_log; exit 2; }
    sleep 0.5
done

HARNESS=(timeout --kill-after=10 $((TIMEOUT_SECONDS + 30)) node bench/liveboard/liveboard.mjs --base-url "$BASE_URL"
         --clients "$CLIENTS" --posters "$POSTERS" --rate "$RATE" --duration-seconds "$DURATION"
         --server-pid "$APP_PID" --clock-ticks "$(getconf CLK_TCK)" --timeout-seconds "$TIMEOUT_SECONDS")

if [ -n "$BASELINE_ONLY" ]; then
    echo "==> Baseline only: $CLIENTS clients on /hubs/bench-broadcast, $POSTERS posting $RATE/s each for $DURATION s"
    echo
    set +e
    "${HARNESS[@]}" --baseline-only
    STATUS=$?
    set -e
    if [ "$STATUS" -ne 0 ]; then show_app_log; fi
    exit "$STATUS"
fi

# Two published events, each with an open board and a session code: one board to warm up on, one for the run.
# Straight into the tables (no staff pages in the way); prints the event's id.
new_board() {
    "${PSQL[@]}" -d "$DB" -c "
        WITH ev AS (
            INSERT INTO events (uid, sequence, kind, status, title, description, starts_at, ends_at, time_zone_id, capacity,
                                waitlist_enabled, asks_dietary_needs, detached_from_series, created_at, updated_at)
            VALUES (gen_random_uuid(), 0, 'InPerson', 'Published', '$1', '', now() + interval '30 days',
                    now() + interval '30 days 2 hours', 'Europe/London', 1000, true, false, false, now(), now())
            RETURNING id)
        INSERT INTO boards (event_id, opens_at, closes_at, pre_moderation, session_code, last_sequence, settings_sequence, created_at)
        SELECT id, now() - interval '1 hour', now() + interval '1 day', false, '$2', 0, 0, now() FROM ev
        RETURNING event_id"
}
WARMUP_CODE=WARMUP BOARD_CODE=BENCHB   # session codes: six letters from the codes' alphabet (no I, L, O, 0, 1)
WARMUP_EVENT_ID=$(new_board 'Live board warm-up' "$WARMUP_CODE")
EVENT_ID=$(new_board 'Live board benchmark' "$BOARD_CODE")
echo "==> Board of event $EVENT_ID (code $BOARD_CODE): $CLIENTS participants, $POSTERS posting $RATE/s each for $DURATION s;" \
     "then the same on /hubs/bench-broadcast"
echo

set +e
"${HARNESS[@]}" --board-code "$BOARD_CODE" --warmup-board-code "$WARMUP_CODE"
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then show_app_log; fi
echo "==> Board $EVENT_ID in the database: $("${PSQL[@]}" -d "$DB" -c "SELECT count(*) || ' posts, ' || (SELECT count(*) FROM board_participants p JOIN boards b ON b.id = p.board_id WHERE b.event_id = $EVENT_ID) || ' participants, last_sequence ' || max(b.last_sequence) FROM boards b LEFT JOIN board_posts bp ON bp.board_id = b.id WHERE b.event_id = $EVENT_ID")" >&2
exit "$STATUS"
