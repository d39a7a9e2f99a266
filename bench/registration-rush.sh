#!/usr/bin/env bash
# The registration-rush benchmark, from a fresh Debian or Ubuntu machine to a RESULT line (see bench/README.md).
#
#   bench/registration-rush.sh [--registrants N] [--places P] [--concurrency C] [--port PORT] [--timeout-seconds S]
#   bench/registration-rush.sh --baseline-only [--registrants N] [--concurrency C]
#
# Makes a scratch database (community_bench, dropped first if it exists), builds and starts the app in Release on
# 127.0.0.1 against it, creates a published face-to-face event with P places (and a second one to warm up on), lets N
# registrants at it through the real form (C at a time), checks nobody was overbooked, and stops the app. Exits with the harness's status:
# 0 all well, 1 overbooked or counts that do not add up, 2 could not start, 3 some registrants failed.
set -euo pipefail
cd "$(dirname "$0")/.."

REGISTRANTS=1000 PLACES=100 CONCURRENCY=50 PORT=5090 TIMEOUT_SECONDS=300 BASELINE_ONLY=""
usage() { sed -n '4,5p' "$0" | sed 's/^# *//' >&2; exit "${1:-2}"; }
whole_number() { [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || { echo "registration-rush: $1 must be a whole number from 1, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --registrants)     whole_number "$1" "${2:-}"; REGISTRANTS=$2; shift 2 ;;
        --places)          [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "registration-rush: --places must be a whole number" >&2; exit 2; }; PLACES=$2; shift 2 ;;
        --concurrency)     whole_number "$1" "${2:-}"; CONCURRENCY=$2; shift 2 ;;
        --port)            whole_number "$1" "${2:-}"; PORT=$2; shift 2 ;;
        --timeout-seconds) whole_number "$1" "${2:-}"; TIMEOUT_SECONDS=$2; shift 2 ;;
        --baseline-only)   BASELINE_ONLY=1; shift ;;
        -h|--help)         usage 0 ;;
        *) echo "registration-rush: unknown argument '$1'" >&2; usage ;;
    esac
done

source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
apt_install curl

DB=community_bench
PSQL=(env PGPASSWORD=community psql -h localhost -p "$COMMUNITY_PG_PORT" -U community -v ON_ERROR_STOP=1 -qtA)
BENCH_DB="Host=localhost;Port=$COMMUNITY_PG_PORT;Database=$DB;Username=community;Password=community"

echo "==> Fresh scratch database $DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB OWNER community"
MAX_CONNECTIONS=$("${PSQL[@]}" -d postgres -c "SHOW max_connections")
if [ $((CONCURRENCY + 20)) -gt "$MAX_CONNECTIONS" ]; then
    echo "==> Warning: concurrency $CONCURRENCY is close to PostgreSQL's max_connections ($MAX_CONNECTIONS): each waiting" \
         "registration holds a connection, so expect connection errors (500s) that say more about this setting than the app" >&2
fi

echo "==> Building the harness"
dotnet build bench/RegistrationRush -c Release -nologo -v quiet
HARNESS=(timeout --kill-after=10 $((TIMEOUT_SECONDS + 60)) dotnet bench/RegistrationRush/bin/Release/net10.0/RegistrationRush.dll
         --connection "$BENCH_DB" --registrants "$REGISTRANTS" --concurrency "$CONCURRENCY" --timeout-seconds "$TIMEOUT_SECONDS")

if [ -n "$BASELINE_ONLY" ]; then
    echo "==> Baseline only"
    exec "${HARNESS[@]}" --baseline-only
fi

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

echo "==> Starting the app on $BASE_URL (Production, database $DB)"
mkdir "$WORK/mail"
(
    cd src/HeartsMinds.Community
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$BASE_URL"
    export ConnectionStrings__Community="$BENCH_DB"
    export Site__BaseUrl="$BASE_URL"
    export RateLimits__PublicPostsPerMinute=1000000   # one address sends every registrant here
    export Mail__PickupDirectory="$WORK/mail"          # emails are written to disk, never sent
    export Staff__BootstrapAdmin__Email=bench-admin@example.org
    export Staff__BootstrapAdmin__Password="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export Logging__LogLevel__Default=Warning
    exec dotnet bin/Release/net10.0/HeartsMinds.Community.dll
) >"$APP_LOG" 2>&1 &
APP_PID=$!

# The app migrates the schema at start-up, then /health answers 200.
for attempt in $(seq 1 120); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "registration-rush: the app stopped during start-up" >&2; show_app_log; exit 2; fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/health" || true)" = "200" ] && break
    [ "$attempt" -eq 120 ] && { echo "registration-rush: /health did not answer 200 within 60 s" >&2; show_app_log; exit 2; }
    sleep 0.5
done

# A published face-to-face event, straight into the table (no staff pages in the way); prints its id.
new_event() {
    "${PSQL[@]}" -d "$DB" -c "
        INSERT INTO events (uid, sequence, kind, status, title, description, starts_at, ends_at, time_zone_id, capacity,
                            waitlist_enabled, asks_dietary_needs, detached_from_series, created_at, updated_at)
        VALUES (gen_random_uuid(), 0, 'InPerson', 'Published', '$1', '', now() + interval '30 days',
                now() + interval '30 days 2 hours', 'Europe/London', $2, true, false, false, now(), now())
        RETURNING id"
}
WARMUP_EVENT_ID=$(new_event 'Benchmark warm-up' "$PLACES")
EVENT_ID=$(new_event 'Benchmark event' "$PLACES")
echo "==> Event $EVENT_ID with $PLACES places; $REGISTRANTS registrants, $CONCURRENCY at a time"
echo

set +e
"${HARNESS[@]}" --base-url "$BASE_URL" --event-id "$EVENT_ID" --warmup-event-id "$WARMUP_EVENT_ID"
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then show_app_log; fi
exit "$STATUS"
