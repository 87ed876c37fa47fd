#!/usr/bin/env bash
# Start a throw-away PostgreSQL for the tests and print its URL on stdout (nothing else).
#
#   export ACCORDING_PG_URL=$(scripts/pg_test_server.sh)       # start (port 54329 or $PGPORT)
#   scripts/pg_test_server.sh stop                              # stop and delete the cluster
#
# Installs Debian's postgresql if its binaries are missing (needs root), initialises a
# cluster in a temporary directory owned by the postgres user, listens on 127.0.0.1 only
# with trust authentication (a test database: nothing else can reach it), and creates the
# database "according_test". Progress goes to stderr so $(...) captures only the URL.
set -euo pipefail

PORT="${PGPORT:-54329}"
STATE="${PG_TEST_DIR:-/tmp/according-pg-$PORT}"
DB=according_test
log() { echo "pg_test_server: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && BIN="$dir"
  done
  [ -n "${BIN:-}" ]
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

if [ "${1:-start}" = stop ]; then
  if find_bin && [ -f "$STATE/data/postmaster.pid" ]; then
    as_postgres "$BIN/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$STATE"
  exit 0
fi

if ! find_bin; then
  log "installing postgresql from Debian's packages"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  find_bin || { log "no postgres binaries after install"; exit 1; }
fi
# Debian's package may start its own cluster on 5432; ours is separate and leaves it alone.

if [ -f "$STATE/data/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
  log "already running in $STATE"
else
  rm -rf "$STATE"
  mkdir -p "$STATE"
  chown postgres: "$STATE"
  as_postgres "$BIN/initdb" -D "$STATE/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 30 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $STATE -c fsync=off -c full_page_writes=off" \
    start >&2
  as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB" >&2
  log "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($STATE)"
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
