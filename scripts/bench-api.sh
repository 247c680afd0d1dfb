#!/usr/bin/env bash
# The README's API figures: wrk against an authenticated `GET /v1/customers` (session lookup,
# roles, customers query) on a release server with the demo data, SQLite, RUST_LOG=warn.
#
#   scripts/bench-api.sh                         the current release build
#   scripts/bench-api.sh OLD_BINARY NEW_BINARY   several builds one after the other, in one run:
#                                                on a shared 2-core machine only a ratio holds
#
# Needs wrk (Debian's package) and curl. Loopback only; each run is 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(target/release/portal-server)

bench() {
  local binary=$1 dir port pid cookie
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DATABASE_URL="sqlite://$dir/bench.db" HOST=127.0.0.1 PORT=$port DIST_DIR="$dir/none" \
    PORTAL_DEMO_DATA=true PORTAL_DEMO_USAGE_DAYS=0 RUST_LOG=warn "$binary" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' -H 'X-Requested-With: bench' \
    -d '{"email":"admin@northwind.example","password":"demo-admin-1"}' \
    "http://127.0.0.1:$port/v1/auth/login" | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }')
  echo "== $binary"
  wrk -t2 -c32 -d20s --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/v1/customers" |
    awk '/Requests\/sec/ { print "throughput " $2 " req/s" } / 50%/ { print "p50 " $2 } / 99%/ { print "p99 " $2 } /Non-2xx/ { print "non-2xx " $NF }'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}

for binary in "${binaries[@]}"; do bench "$binary"; done
