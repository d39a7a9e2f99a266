#!/usr/bin/env bash
# Hearts & Minds Community on http://localhost:5080, on a fresh Debian or Ubuntu machine:
# installs what is missing, starts a local PostgreSQL, migrates, seeds demo data (Development) and serves.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
# No Redis here: one instance needs none (set ConnectionStrings__Redis to run several behind a load balancer).

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__Community="${ConnectionStrings__Community:-$COMMUNITY_DB}"
echo "==> Building"
dotnet build src/HeartsMinds.Community -c Debug -nologo -v quiet
echo "==> Serving http://localhost:5080 (Ctrl+C to stop). Staff sign-in: http://localhost:5080/account/sign-in"
exec dotnet run --project src/HeartsMinds.Community --no-build --no-launch-profile --urls "${URLS:-http://localhost:5080}"
