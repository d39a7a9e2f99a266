# Shared by run.sh and test.sh: installs what is missing on a Debian or Ubuntu machine and starts PostgreSQL (and,
# for the tests and benchmarks, Redis). Source it; it exports COMMUNITY_DB (an Npgsql connection string for the app's
# database) and, after ensure_redis, COMMUNITY_REDIS (host:port of a local Redis).

set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_UPDATED=""
apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -z "$APT_UPDATED" ]; then
        echo "==> apt-get update"
        $SUDO apt-get update -q >/dev/null
        APT_UPDATED=1
    fi
    echo "==> Installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        # Ubuntu carries the SDK in its own archive; on Debian install it from Microsoft's instructions.
        apt_install dotnet-sdk-10.0 || { echo "Please install the .NET 10 SDK: https://dotnet.microsoft.com/download" >&2; exit 1; }
    fi
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# Starts the distribution's PostgreSQL cluster (creating one if there is none) and makes the role and database.
ensure_postgres() {
    apt_install postgresql postgresql-contrib
    local version port
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
        $SUDO pg_createcluster "$version" main >/dev/null
    fi
    port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
    if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
        echo "==> Starting PostgreSQL $version on port $port"
        $SUDO pg_ctlcluster "$version" main start
    fi
    local psql=($SUDO -u postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    [ "$(id -u)" -eq 0 ] && psql=(runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'community'")" != "1" ]; then
        "${psql[@]}" -c "CREATE ROLE community LOGIN PASSWORD 'community' CREATEDB"
    fi
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'community'")" != "1" ]; then
        "${psql[@]}" -c "CREATE DATABASE community OWNER community"
    fi
    export COMMUNITY_PG_PORT="$port"
    export COMMUNITY_DB="Host=localhost;Port=$port;Database=community;Username=community;Password=community"
}

# Starts Debian's redis-server on 127.0.0.1:6379 unless something there already answers PING. No systemd: a fresh CI
# container has none, so it is started as a daemon of its own, in memory only (the backplane keeps nothing to save).
ensure_redis() {
    apt_install redis-server
    local port=6379
    if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" != "PONG" ]; then
        echo "==> Starting Redis on 127.0.0.1:$port"
        redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
            --logfile /tmp/community-redis.log >/dev/null
        for _ in $(seq 1 50); do
            [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" = "PONG" ] && break
            sleep 0.1
        done
        [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" = "PONG" ] \
            || { echo "Redis did not start on 127.0.0.1:$port (see /tmp/community-redis.log)" >&2; exit 1; }
    fi
    export COMMUNITY_REDIS="127.0.0.1:$port"
}
