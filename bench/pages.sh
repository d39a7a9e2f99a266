#!/usr/bin/env bash
# Public pages under load, against a static file from the same app (see bench/README.md, "Pages").
#
#   bench/pages.sh [--connections C] [--seconds S] [--port PORT] [--redis]
#
# Makes a scratch database (community_bench_pages, dropped first if it exists) with twelve published events, builds
# and starts the app in Release (Production) on 127.0.0.1, warms each address up, then runs wrk (Debian's) for S
# seconds at C connections on /events, one event's page, the public feed /calendar.ics, and, as the baseline, the
# stylesheet /css/site.css served by the same app. Ends with
#   RESULT pages events_rps=.. event_rps=.. feed_rps=.. static_rps=.. p99_ms=..
# where p99_ms is the worst 99th percentile latency of the three pages. Exit 0 when every page answered 200.
# The pages come from the output cache (ADR 0017): in memory, or with --redis from a local Redis (started if need be),
# as several instances would share it; the RESULT line then says store=redis.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=32 SECONDS_EACH=15 PORT=5100 REDIS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --connections) CONNECTIONS=$2; shift 2 ;;
        --seconds)     SECONDS_EACH=$2; shift 2 ;;
        --port)        PORT=$2; shift 2 ;;
        --redis)       REDIS=1; shift ;;
        *) sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    esac
done
[[ "$CONNECTIONS$SECONDS_EACH$PORT" =~ ^[0-9]+$ ]] || { echo "pages: whole numbers only" >&2; exit 2; }

source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
apt_install curl wrk
STORE=memory
if [ -n "$REDIS" ]; then ensure_redis; STORE=redis; fi

DB=community_bench_pages
PSQL=(env PGPASSWORD=community psql -h localhost -p "$COMMUNITY_PG_PORT" -U community -v ON_ERROR_STOP=1 -qtA)
echo "==> Fresh scratch database $DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB OWNER community"

echo "==> Building the app (Release)"
dotnet build src/HeartsMinds.Community -c Release -nologo -v quiet

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
BASE_URL="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
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

echo "==> Starting the app on $BASE_URL (Production, database $DB, page cache in $STORE)"
(
    cd src/HeartsMinds.Community
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE_URL" Site__BaseUrl="$BASE_URL"
    export ConnectionStrings__Community="Host=localhost;Port=$COMMUNITY_PG_PORT;Database=$DB;Username=community;Password=community"
    export Mail__PickupDirectory="$WORK/mail" Logging__LogLevel__Default=Warning
    if [ -n "$REDIS" ]; then
        # A prefix of this run's own, so pages cached by another run (or site) on the same Redis are not served.
        export ConnectionStrings__Redis="$COMMUNITY_REDIS" Realtime__RedisChannelPrefix="hm-bench-pages-$$"
    fi
    export Staff__BootstrapAdmin__Email=bench-admin@example.org
    export Staff__BootstrapAdmin__Password="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    exec dotnet bin/Release/net10.0/HeartsMinds.Community.dll
) >"$WORK/app.log" 2>&1 &
APP_PID=$!
for attempt in $(seq 1 120); do
    kill -0 "$APP_PID" 2>/dev/null || { echo "pages: the app stopped during start-up" >&2; tail -n 40 "$WORK/app.log" >&2; exit 2; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/health" || true)" = "200" ] && break
    [ "$attempt" -eq 120 ] && { echo "pages: /health did not answer 200 within 60 s" >&2; exit 2; }
    sleep 0.5
done

# Twelve published events over the coming months, straight into the table; the page under test is the first.
"${PSQL[@]}" -d "$DB" -c "
    INSERT INTO events (uid, sequence, kind, status, title, description, starts_at, ends_at, time_zone_id, capacity,
                        waitlist_enabled, asks_dietary_needs, detached_from_series, venue_name, venue_address, venue_postcode,
                        created_at, updated_at)
    SELECT gen_random_uuid(), 0, 'InPerson', 'Published', 'Community day ' || g,
           'A day together: **share learning**, meet other services, and hear what is new.',
           now() + g * interval '9 days', now() + g * interval '9 days' + interval '5 hours', 'Europe/London', 40,
           true, false, false, 'The Hall', '1 High Street, Leeds', 'LS1 1AA', now(), now()
    FROM generate_series(1, 12) g"
EVENT_ID=$("${PSQL[@]}" -d "$DB" -c "SELECT min(id) FROM events")

declare -A PATHS=([events]="/events" [event]="/events/$EVENT_ID" [feed]="/calendar.ics" [static]="/css/site.css")
for name in events event feed static; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL${PATHS[$name]}")
    [ "$code" = "200" ] || { echo "pages: ${PATHS[$name]} answered $code" >&2; exit 1; }
    wrk -t2 -c8 -d3s "$BASE_URL${PATHS[$name]}" >/dev/null   # warm-up: JIT, connection pools
done

# wrk's figures: requests a second, and the 99th percentile in milliseconds (it prints us, ms or s).
declare -A RPS P99
for name in events event feed static; do
    echo "==> wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s --latency ${PATHS[$name]}"
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$BASE_URL${PATHS[$name]}")
    echo "$out" | grep -E "Requests/sec|99%|Non-2xx|Socket errors" | sed 's/^/    /'
    if echo "$out" | grep -q "Non-2xx"; then echo "pages: ${PATHS[$name]} answered something other than 2xx under load" >&2; exit 1; fi
    RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ { printf "%.1f", $2 }')
    P99[$name]=$(echo "$out" | awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        printf "%.1f", (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v) }')
done

WORST=$(printf '%s\n' "${P99[events]}" "${P99[event]}" "${P99[feed]}" | sort -g | tail -1)
echo
for name in events event feed; do
    echo "${PATHS[$name]}: $(awk -v a="${RPS[$name]}" -v b="${RPS[static]}" 'BEGIN { printf "%.3f", a / b }') of the static file's rate"
done
STORE_FIELD=""; [ -n "$REDIS" ] && STORE_FIELD=" store=redis"
echo "RESULT pages events_rps=${RPS[events]} event_rps=${RPS[event]} feed_rps=${RPS[feed]} static_rps=${RPS[static]} p99_ms=$WORST$STORE_FIELD"
