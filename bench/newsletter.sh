#!/usr/bin/env bash
# The newsletter benchmark, from a fresh Debian or Ubuntu machine to a RESULT line (see bench/README.md).
#
#   bench/newsletter.sh [--recipients N] [--connections C] [--port PORT] [--timeout-seconds S]
#
# Makes a scratch database (community_bench_news, dropped first if it exists), starts the bench's SMTP sink on a free
# loopback port, builds and starts the app in Release on 127.0.0.1 sending by SMTP to the sink over C connections with
# no rate cap, seeds N confirmed signatories and one newsletter scheduled for now, and waits until the app has started
# and sent it. The rate is the app's own: recipients / (finished_at - started_at) from the database. Then, with the app
# stopped, the baseline (a plain MailKit loop, no database) sends N messages of the app's average size to the same sink
# over the same C connections, and the sink's log is counted. Exits 0 when every recipient got exactly one copy,
# 1 when one was lost or doubled, 2 when it could not start, 3 when the send did not finish in time.
set -euo pipefail
cd "$(dirname "$0")/.."

RECIPIENTS=10000 CONNECTIONS=4 PORT=5095 TIMEOUT_SECONDS=900
usage() { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit "${1:-2}"; }
whole_number() { [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || { echo "newsletter: $1 must be a whole number from 1, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --recipients)      whole_number "$1" "${2:-}"; RECIPIENTS=$2; shift 2 ;;
        --connections)     whole_number "$1" "${2:-}"; CONNECTIONS=$2; shift 2 ;;
        --port)            whole_number "$1" "${2:-}"; PORT=$2; shift 2 ;;
        --timeout-seconds) whole_number "$1" "${2:-}"; TIMEOUT_SECONDS=$2; shift 2 ;;
        -h|--help)         usage 0 ;;
        *) echo "newsletter: unknown argument '$1'" >&2; usage ;;
    esac
done

source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
apt_install curl

DB=community_bench_news
PSQL=(env PGPASSWORD=community psql -h localhost -p "$COMMUNITY_PG_PORT" -U community -v ON_ERROR_STOP=1 -qtA)
BENCH_DB="Host=localhost;Port=$COMMUNITY_PG_PORT;Database=$DB;Username=community;Password=community"

echo "==> Fresh scratch database $DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB OWNER community"

echo "==> Building the bench tool and the app (Release)"
dotnet build bench/Newsletter -c Release -nologo -v quiet
dotnet build src/HeartsMinds.Community -c Release -nologo -v quiet
TOOL=(dotnet bench/Newsletter/bin/Release/net10.0/NewsletterBench.dll)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
SINK_PORT=$((PORT + 20000))
while port_in_use "$SINK_PORT"; do SINK_PORT=$((SINK_PORT + 1)); done
BASE_URL="http://127.0.0.1:$PORT"

WORK=$(mktemp -d)
APP_LOG="$WORK/app.log" SINK_LOG="$WORK/sink.log" RECEIVED="$WORK/received.tsv"
APP_PID="" SINK_PID=""
stop() {  # stop PID: politely, then firmly
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$1" 2>/dev/null || true
    fi
}
cleanup() { stop "$APP_PID"; stop "$SINK_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
show_app_log() { echo "==> Last lines of the app's log:" >&2; tail -n 40 "$APP_LOG" >&2 || true; }

echo "==> SMTP sink on 127.0.0.1:$SINK_PORT"
"${TOOL[@]}" sink --port "$SINK_PORT" --log "$RECEIVED" >"$SINK_LOG" 2>&1 &
SINK_PID=$!
for attempt in $(seq 1 100); do
    port_in_use "$SINK_PORT" && break
    [ "$attempt" -eq 100 ] && { echo "newsletter: the sink did not start" >&2; cat "$SINK_LOG" >&2; exit 2; }
    sleep 0.1
done

echo "==> Starting the app on $BASE_URL (Production, database $DB, SMTP to the sink over $CONNECTIONS connections, no rate cap)"
(
    cd src/HeartsMinds.Community
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$BASE_URL"
    export ConnectionStrings__Community="$BENCH_DB"
    export Site__BaseUrl="$BASE_URL"
    export Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port="$SINK_PORT" Mail__Smtp__Security=None
    export Newsletters__Connections="$CONNECTIONS"
    export Newsletters__MessagesPerMinute=0           # no cap: the benchmark measures how fast it can go
    export Newsletters__StartSchedule="0/2 * * * * ?"  # look for due newsletters every 2 s, not every minute
    export Staff__BootstrapAdmin__Email=bench-admin@example.org
    export Staff__BootstrapAdmin__Password="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export Logging__LogLevel__Default=Warning
    exec dotnet bin/Release/net10.0/HeartsMinds.Community.dll
) >"$APP_LOG" 2>&1 &
APP_PID=$!

# The app migrates the schema at start-up, then /health answers 200.
for attempt in $(seq 1 120); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "newsletter: the app stopped during start-up" >&2; show_app_log; exit 2; fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/health" || true)" = "200" ] && break
    [ "$attempt" -eq 120 ] && { echo "newsletter: /health did not answer 200 within 60 s" >&2; show_app_log; exit 2; }
    sleep 0.5
done

echo "==> Seeding $RECIPIENTS signatories and a newsletter scheduled for now"
"${TOOL[@]}" seed --db "$BENCH_DB" --recipients "$RECIPIENTS"

echo "==> Waiting for the app to start and send it"
query() { "${PSQL[@]}" -d "$DB" -c "$1"; }
DEADLINE=$((SECONDS + TIMEOUT_SECONDS)) NEXT_REPORT=$((SECONDS + 5))
while [ "$(query "SELECT status FROM newsletters")" != Sent ]; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "newsletter: the app stopped while sending" >&2; show_app_log; exit 2; fi
    if [ "$SECONDS" -ge "$DEADLINE" ]; then echo "newsletter: not sent within $TIMEOUT_SECONDS s" >&2; show_app_log; exit 3; fi
    if [ "$SECONDS" -ge "$NEXT_REPORT" ]; then
        echo "    $(query "SELECT n.status || ': ' || count(d.*) FILTER (WHERE d.status = 'Sent') || ' sent, ' ||
                               count(d.*) FILTER (WHERE d.status = 'Pending') || ' pending, ' ||
                               count(d.*) FILTER (WHERE d.status = 'Failed') || ' failed'
                        FROM newsletters n LEFT JOIN newsletter_deliveries d ON d.newsletter_id = n.id GROUP BY n.status")"
        NEXT_REPORT=$((SECONDS + 5))
    fi
    sleep 0.5
done
IFS='|' read -r DB_RECIPIENTS SECONDS_TAKEN RATE < <(query "
    SELECT recipients, round(extract(epoch FROM finished_at - started_at), 2),
           round(recipients / extract(epoch FROM finished_at - started_at), 1)
    FROM newsletters")
echo "    sent: $DB_RECIPIENTS recipients in $SECONDS_TAKEN s (started_at to finished_at) = $RATE messages/s"
echo "    deliveries: $(query "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM newsletter_deliveries GROUP BY status ORDER BY status) s")"
echo "    attempts above 1: $(query "SELECT count(*) FROM newsletter_deliveries WHERE attempts > 1")"
# Warnings and errors the app's own code logged (each a JSON line; the framework's start-up notices are left out).
PROBLEMS=$(grep -E '"LogLevel":"(Warning|Error|Critical)","Category":"HeartsMinds' "$APP_LOG" || true)
if [ -n "$PROBLEMS" ]; then
    echo "    the app logged $(wc -l <<<"$PROBLEMS") warnings or errors; the first:"
    head -n 5 <<<"$PROBLEMS" | sed -n 's/.*"Message":"\([^"]*\)".*/      \1/p'
fi

# The app stops first, so the baseline has the machine to itself, as the app had.
stop "$APP_PID"; APP_PID=""

echo "==> What the sink received"
set +e
COUNT_OUTPUT=$("${TOOL[@]}" count --log "$RECEIVED" --expect "$DB_RECIPIENTS")
set -e
echo "$COUNT_OUTPUT"
field() { sed -n "s/^COUNT .*\b$1=\([0-9]*\).*/\1/p" <<<"$COUNT_OUTPUT"; }
DELIVERED=$(field delivered) DUPLICATES=$(field duplicates) LOST=$(field lost) UNEXPECTED=$(field unexpected) AVERAGE_BYTES=$(field average_bytes)

echo "==> Baseline: a plain MailKit loop, $DB_RECIPIENTS messages of $AVERAGE_BYTES bytes over $CONNECTIONS connections to the same sink"
BASELINE_OUTPUT=$("${TOOL[@]}" baseline --port "$SINK_PORT" --connections "$CONNECTIONS" --messages "$DB_RECIPIENTS" --size "$AVERAGE_BYTES")
echo "$BASELINE_OUTPUT"
BASELINE_RATE=$(sed -n 's/^BASELINE rate=\([0-9.]*\).*/\1/p' <<<"$BASELINE_OUTPUT")

echo
echo "App rate / baseline rate: $(awk -v a="$RATE" -v b="$BASELINE_RATE" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
echo "RESULT newsletter recipients=$DB_RECIPIENTS delivered=$DELIVERED duplicates=$DUPLICATES rate=$RATE baseline_rate=$BASELINE_RATE"
[ "$DELIVERED" = "$RECIPIENTS" ] && [ "$DB_RECIPIENTS" = "$RECIPIENTS" ] && [ "$DUPLICATES" = 0 ] && [ "$LOST" = 0 ] && [ "$UNEXPECTED" = 0 ] || exit 1
