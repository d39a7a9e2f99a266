#!/usr/bin/env bash
# Installs the test prerequisites (PostgreSQL, Redis, Chromium, calendar parsers, npm helpers) and runs every test.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
ensure_redis
apt_install chromium fonts-dejavu-core python3-vobject python3-gi gir1.2-ical-3.0

echo "==> npm helpers for the browser tests and the calendar parsers"
(cd tests/HeartsMinds.Community.BrowserTests && npm ci --no-audit --no-fund --silent)
(cd tests/HeartsMinds.Community.Tests/Calendar/Parsers && npm ci --no-audit --no-fund --silent)

export COMMUNITY_TEST_DB="Host=localhost;Port=$COMMUNITY_PG_PORT;Username=community;Password=community"
# The two-instance live-board test runs two app instances on this Redis (the SignalR backplane).
export COMMUNITY_TEST_REDIS="$COMMUNITY_REDIS"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

echo "==> dotnet test"
log=$(mktemp)
set +e
dotnet test HeartsMinds.Community.sln -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain summary line for CI, added up over the test projects.
awk '/(Passed|Failed)! +- +Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
