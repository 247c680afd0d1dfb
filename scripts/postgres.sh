#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the test suites.
#   scripts/postgres.sh start   start it (if not running) and print its URL
#   scripts/postgres.sh stop    stop it and delete its files
# Needs Debian's postgresql package (scripts/setup.sh --postgres installs it).
set -euo pipefail

dir=${PORTAL_PG_DIR:-/tmp/portal-test-pg}
port=${PORTAL_PG_PORT:-55432}
url="postgres://postgres@127.0.0.1:${port}/postgres"

bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  local initdb
  initdb=$(command -v initdb) || { echo "PostgreSQL is not installed: run scripts/setup.sh --postgres" >&2; exit 1; }
  dirname "$initdb"
}

# PostgreSQL refuses to run as root; as root, run it as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin=$(bin_dir)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "$url"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: the cluster lives for one test run; many connections: every test has its own pool.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-h 127.0.0.1 -p $port -k $dir -F -c max_connections=400" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "$url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2
    ;;
esac
