#!/usr/bin/env bash
# The newsletter's "none lost, none doubled" check against a real SMTP conversation (see bench/README.md).
#
#   bench/newsletter-crash.sh [--recipients N] [--connections C] [--messages-per-minute M] [--kill-at-percent K] [--port PORT]
#
# Phase 1, kill and restart: two instances of the app (Release, ports PORT and PORT+1) share a scratch database
# (community_bench_news_crash) and the bench's SMTP sink, each sending over C connections at most M messages a minute,
# so that N recipients take a while (0: no cap; the kill then more often finds a sender between the sink's 250 and
# its record, so a duplicate is more likely to be seen). When the sink has accepted K% of them, instance A is killed with SIGKILL, then
# started again; once the newsletter is Sent the sink's log is counted: lost must be 0, duplicates at most A's
# connections (C: a copy the sink accepted in the instant before A could record it, one per connection), and every
# duplicate must keep its first copy's Message-ID.
# Phase 2, two instances and no kill (community_bench_news_two, no rate cap, so their senders race for the same rows):
# lost and duplicates must both be 0.
# Exits 0 when both phases hold, 1 when one does not, 2 when it could not start, 3 when a send did not finish in time.
set -euo pipefail
cd "$(dirname "$0")/.."

RECIPIENTS=3000 CONNECTIONS=4 MESSAGES_PER_MINUTE=2000 KILL_AT_PERCENT=30 PORT=5096 TIMEOUT_SECONDS=600
usage() { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit "${1:-2}"; }
whole_number() { [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || { echo "newsletter-crash: $1 must be a whole number from 1, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --recipients)          whole_number "$1" "${2:-}"; RECIPIENTS=$2; shift 2 ;;
        --connections)         whole_number "$1" "${2:-}"; CONNECTIONS=$2; shift 2 ;;
        --messages-per-minute) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "newsletter-crash: --messages-per-minute must be a whole number (0: no cap)" >&2; exit 2; }
                               MESSAGES_PER_MINUTE=$2; shift 2 ;;
        --kill-at-percent)     whole_number "$1" "${2:-}"; [ "$2" -lt 100 ] || { echo "newsletter-crash: --kill-at-percent must be below 100" >&2; exit 2; }
                               KILL_AT_PERCENT=$2; shift 2 ;;
        --port)                whole_number "$1" "${2:-}"; PORT=$2; shift 2 ;;
        --timeout-seconds)     whole_number "$1" "${2:-}"; TIMEOUT_SECONDS=$2; shift 2 ;;
        -h|--help)             usage 0 ;;
        *) echo "newsletter-crash: unknown argument '$1'" >&2; usage ;;
    esac
done

source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
apt_install curl

PSQL=(env PGPASSWORD=community psql -h localhost -p "$COMMUNITY_PG_PORT" -U community -v ON_ERROR_STOP=1 -qtA)
connection_string() { echo "Host=localhost;Port=$COMMUNITY_PG_PORT;Database=$1;Username=community;Password=community"; }

echo "==> Building the bench tool and the app (Release)"
dotnet build bench/Newsletter -c Release -nologo -v quiet
dotnet build src/HeartsMinds.Community -c Release -nologo -v quiet
TOOL=(dotnet bench/Newsletter/bin/Release/net10.0/NewsletterBench.dll)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_in_use "$PORT" || port_in_use $((PORT + 1)); do PORT=$((PORT + 2)); done
PORT_A=$PORT PORT_B=$((PORT + 1))
SINK_PORT=$((PORT + 20000))

WORK=$(mktemp -d)
A_PID="" B_PID="" SINK_PID=""
stop() {  # stop PID: politely, then firmly
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$1" 2>/dev/null || true
    fi
}
cleanup() { stop "$A_PID"; stop "$B_PID"; stop "$SINK_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
show_log() { echo "==> Last lines of $1:" >&2; grep -v HttpsRedirection "$1" | tail -n 30 >&2 || true; }

# start_sink LOG: a fresh sink on a free port (SINK_PORT), logging to LOG.
start_sink() {
    stop "$SINK_PID"
    while port_in_use "$SINK_PORT"; do SINK_PORT=$((SINK_PORT + 1)); done
    "${TOOL[@]}" sink --port "$SINK_PORT" --log "$1" >>"$WORK/sink.out" 2>&1 &
    SINK_PID=$!
    for attempt in $(seq 1 100); do
        port_in_use "$SINK_PORT" && return 0
        [ "$attempt" -eq 100 ] && { echo "newsletter-crash: the sink did not start" >&2; cat "$WORK/sink.out" >&2; exit 2; }
        sleep 0.1
    done
}

# start_app PORT DB MESSAGES_PER_MINUTE LOG: prints the process id. Short Mail:Smtp:Timeout and lease, so the leases
# of a killed instance run out in 20 s rather than 2 minutes.
start_app() {
    (
        cd src/HeartsMinds.Community
        export ASPNETCORE_ENVIRONMENT=Production
        export ASPNETCORE_URLS="http://127.0.0.1:$1"
        export ConnectionStrings__Community="$(connection_string "$2")"
        export Site__BaseUrl="http://127.0.0.1:$1"
        export Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port="$SINK_PORT" Mail__Smtp__Security=None
        export Mail__Smtp__Timeout=00:00:05
        export Newsletters__Connections="$CONNECTIONS"
        export Newsletters__MessagesPerMinute="$3"
        export Newsletters__LeaseLength=00:00:20          # >= Mail:Smtp:Timeout + 10 s
        export Newsletters__PollInterval=00:00:01
        export Newsletters__StartSchedule="0/2 * * * * ?"
        export Staff__BootstrapAdmin__Email=bench-admin@example.org
        export Staff__BootstrapAdmin__Password="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
        export Logging__LogLevel__Default=Warning
        exec dotnet bin/Release/net10.0/HeartsMinds.Community.dll
    ) >>"$4" 2>&1 &
    echo $!
}

wait_healthy() {  # wait_healthy PORT PID LOG
    for attempt in $(seq 1 120); do
        if ! kill -0 "$2" 2>/dev/null; then echo "newsletter-crash: the app on port $1 stopped during start-up" >&2; show_log "$3"; exit 2; fi
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health" || true)" = "200" ] && return 0
        [ "$attempt" -eq 120 ] && { echo "newsletter-crash: /health on port $1 did not answer 200 within 60 s" >&2; show_log "$3"; exit 2; }
        sleep 0.5
    done
}

fresh_database() {
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $1 OWNER community"
}

# Which processes hold leases right now (the sender's name is machine:pid:random:batch).
leases() {
    "${PSQL[@]}" -d "$1" -c "SELECT coalesce(string_agg('pid ' || pid || ' holds ' || n, ', '), 'no leases') FROM (
        SELECT split_part(locked_by, ':', 2) pid, count(*) n FROM newsletter_deliveries
        WHERE locked_by IS NOT NULL AND locked_until > now() GROUP BY 1 ORDER BY 1) l"
}

# wait_sent DB: until the newsletter is Sent, with a progress line every 5 s.
wait_sent() {
    local deadline=$((SECONDS + TIMEOUT_SECONDS)) next=$((SECONDS + 5))
    while [ "$("${PSQL[@]}" -d "$1" -c "SELECT status FROM newsletters")" != Sent ]; do
        [ "$SECONDS" -ge "$deadline" ] && { echo "newsletter-crash: not sent within $TIMEOUT_SECONDS s" >&2; show_log "$WORK/a.log"; exit 3; }
        if [ "$SECONDS" -ge "$next" ]; then
            echo "    $(wc -l <"$RECEIVED") accepted by the sink; $(leases "$1")"
            next=$((SECONDS + 5))
        fi
        sleep 0.5
    done
    echo "    Sent: $("${PSQL[@]}" -d "$1" -c "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM newsletter_deliveries GROUP BY status ORDER BY status) s");" \
         "deliveries tried more than once: $("${PSQL[@]}" -d "$1" -c "SELECT count(*) FROM newsletter_deliveries WHERE attempts > 1")"
}

field() { sed -n "s/^COUNT .*\b$2=\([0-9]*\).*/\1/p" <<<"$1"; }

# ---------------------------------------------------------------- phase 1: kill -9 and restart
DB=community_bench_news_crash
RECEIVED="$WORK/crash.tsv"
CAP="at most $MESSAGES_PER_MINUTE messages a minute each"; [ "$MESSAGES_PER_MINUTE" = 0 ] && CAP="no rate cap"
echo "==> Phase 1: two instances, $CONNECTIONS connections each, $CAP;" \
     "instance A killed with SIGKILL at $KILL_AT_PERCENT% and restarted"
fresh_database "$DB"
start_sink "$RECEIVED"
A_PID=$(start_app "$PORT_A" "$DB" "$MESSAGES_PER_MINUTE" "$WORK/a.log")
wait_healthy "$PORT_A" "$A_PID" "$WORK/a.log"   # the first migrates the schema; the second finds it done
B_PID=$(start_app "$PORT_B" "$DB" "$MESSAGES_PER_MINUTE" "$WORK/b.log")
wait_healthy "$PORT_B" "$B_PID" "$WORK/b.log"
echo "    instance A: pid $A_PID, port $PORT_A; instance B: pid $B_PID, port $PORT_B; sink on $SINK_PORT"
"${TOOL[@]}" seed --db "$(connection_string "$DB")" --recipients "$RECIPIENTS"

KILL_AT=$((RECIPIENTS * KILL_AT_PERCENT / 100))
DEADLINE=$((SECONDS + TIMEOUT_SECONDS))
while [ "$(wc -l <"$RECEIVED")" -lt "$KILL_AT" ]; do
    [ "$SECONDS" -ge "$DEADLINE" ] && { echo "newsletter-crash: the sink did not reach $KILL_AT messages" >&2; show_log "$WORK/a.log"; exit 3; }
    kill -0 "$A_PID" 2>/dev/null || { echo "newsletter-crash: instance A stopped by itself" >&2; show_log "$WORK/a.log"; exit 2; }
    sleep 0.05
done
LEASES_AT_KILL=$(leases "$DB")
kill -9 "$A_PID"
wait "$A_PID" 2>/dev/null || true
echo "    killed instance A (pid $A_PID) with SIGKILL when the sink had accepted $(wc -l <"$RECEIVED") of $RECIPIENTS; just before: $LEASES_AT_KILL"
KILLED_PID=$A_PID
A_PID=$(start_app "$PORT_A" "$DB" "$MESSAGES_PER_MINUTE" "$WORK/a.log")
wait_healthy "$PORT_A" "$A_PID" "$WORK/a.log"
echo "    instance A started again: pid $A_PID (the leases of pid $KILLED_PID run out 20 s after they were taken)"
wait_sent "$DB"
stop "$A_PID"; A_PID=""; stop "$B_PID"; B_PID=""
set +e
CRASH_COUNT=$("${TOOL[@]}" count --log "$RECEIVED" --expect "$RECIPIENTS")
set -e
echo "$CRASH_COUNT"
LOST=$(field "$CRASH_COUNT" lost) DUPLICATES=$(field "$CRASH_COUNT" duplicates)
CHANGED_ID=$(field "$CRASH_COUNT" duplicates_with_changed_message_id) UNEXPECTED=$(field "$CRASH_COUNT" unexpected)
BOUND=$CONNECTIONS   # instance A's Newsletters:Connections: one message in flight on each at the kill
echo "    lost $LOST (must be 0); duplicates $DUPLICATES (must be <= $BOUND, instance A's open connections at the kill);" \
     "duplicates with a different Message-ID $CHANGED_ID (must be 0)"

# ---------------------------------------------------------------- phase 2: two instances, no kill
DB=community_bench_news_two
RECEIVED="$WORK/two.tsv"
echo
echo "==> Phase 2: two instances, $CONNECTIONS connections each, no rate cap, no kill"
fresh_database "$DB"
start_sink "$RECEIVED"
A_PID=$(start_app "$PORT_A" "$DB" 0 "$WORK/a2.log")
wait_healthy "$PORT_A" "$A_PID" "$WORK/a2.log"
B_PID=$(start_app "$PORT_B" "$DB" 0 "$WORK/b2.log")
wait_healthy "$PORT_B" "$B_PID" "$WORK/b2.log"
echo "    instance A: pid $A_PID; instance B: pid $B_PID"
"${TOOL[@]}" seed --db "$(connection_string "$DB")" --recipients "$RECIPIENTS"
wait_sent "$DB"
stop "$A_PID"; A_PID=""; stop "$B_PID"; B_PID=""
set +e
TWO_COUNT=$("${TOOL[@]}" count --log "$RECEIVED" --expect "$RECIPIENTS")
set -e
echo "$TWO_COUNT"
TWO_LOST=$(field "$TWO_COUNT" lost) TWO_DUPLICATES=$(field "$TWO_COUNT" duplicates) TWO_UNEXPECTED=$(field "$TWO_COUNT" unexpected)
echo "    lost $TWO_LOST (must be 0); duplicates $TWO_DUPLICATES (must be 0)"

echo
echo "RESULT newsletter-crash recipients=$RECIPIENTS lost=$LOST duplicates=$DUPLICATES bound=$BOUND two_instance_duplicates=$TWO_DUPLICATES"
[ "$LOST" = 0 ] && [ "$UNEXPECTED" = 0 ] && [ "$DUPLICATES" -le "$BOUND" ] && [ "$CHANGED_ID" = 0 ] \
    && [ "$TWO_LOST" = 0 ] && [ "$TWO_UNEXPECTED" = 0 ] && [ "$TWO_DUPLICATES" = 0 ] || exit 1
