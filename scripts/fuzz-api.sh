#!/usr/bin/env bash
# Checks the API's description (/v1/openapi.json) with an OpenAPI validator, then sends every
# operation in it its examples and the inputs schemathesis generates from it, and follows its
# links (stateful phase), signed in as each role, against the release server with the demo data: no answer may be a server error, or differ from the
# description (status code, content type, headers, body). Each role gets a fresh server and
# database, since its requests change things (a cancelled subscription, a deactivated user).
# Run by `make test` after the release build. MAX_EXAMPLES=n (default 20) sets how many inputs
# each operation gets in each phase, and SEED=n which inputs: the same ones every run (1) unless
# asked, so that a failure is reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
schemathesis=.venv/bin/schemathesis
[ -x "$schemathesis" ] || { echo "schemathesis is missing: run scripts/setup.sh" >&2; exit 1; }
[ -x target/release/portal-server ] || { echo "build the server first: make server" >&2; exit 1; }

work=$(mktemp -d)
server=
stop_server() { [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=; }; }
trap 'stop_server; rm -rf "$work"' EXIT

# A server on a free port with the demo data on a fresh database; sets $base.
start_server() {
  local port
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  rm -f "$work"/portal.db*
  HOST=127.0.0.1 PORT=$port DATABASE_URL="sqlite://$work/portal.db" DIST_DIR=dist PORTAL_DEMO_DATA=true \
    PORTAL_DEMO_USAGE_DAYS=3 RUST_LOG=warn target/release/portal-server >>"$work/server.log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}

# The session cookie of `email` signed in with `password`.
session_of() {
  curl -sf -D - -o /dev/null -H 'content-type: application/json' -H 'x-requested-with: fuzz' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$base/v1/auth/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(portal_session=[^;]*\).*/\1/p'
}

start_server
curl -sf "$base/v1/openapi.json" -o "$work/openapi.json"
echo "== the description: $(node -e 'const d=require(process.argv[1]);let n=0;for(const p of Object.values(d.paths))n+=Object.keys(p).length;console.log(`OpenAPI ${d.openapi}, ${n} operations`)' "$work/openapi.json")"
.venv/bin/openapi-spec-validator "$work/openapi.json"
stop_server

failed=0
for who in admin@northwind.example:demo-admin-1 sales@northwind.example:demo-sales-1 \
  admin@contoso.example:demo-contoso-1 reader@contoso.example:demo-reader-1; do
  email=${who%%:*}
  start_server
  cookie=$(session_of "$email" "${who#*:}")
  # The partner's API key, for the operations that take one (usage records, Azure Stack Hub).
  admin=$(session_of admin@northwind.example demo-admin-1)
  key=$(curl -sf -H "Cookie: $admin" -H 'x-requested-with: fuzz' -H 'content-type: application/json' \
    -d '{"name":"fuzz"}' "$base/v1/apikeys" | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).key))')
  echo "== as $email"
  # Signing out and the links that sign someone in would end or replace the session mid-run:
  # the API tests cover them.
  if "$schemathesis" run "$base/v1/openapi.json" --url "$base" \
    -H "Cookie: $cookie" -H "Authorization: Bearer $key" -H "X-Requested-With: fuzz" \
    --exclude-operation-id signOut --exclude-operation-id usePasswordLink \
    --exclude-operation-id acceptInvitation \
    --phases examples,coverage,fuzzing,stateful --max-examples "${MAX_EXAMPLES:-20}" --seed "${SEED:-1}" \
    --workers 2 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --no-color >"$work/run.log" 2>&1; then
    sed -n '/SUMMARY/,$p' "$work/run.log"
  else
    # Each failure, with the request that reproduces it.
    cat "$work/run.log"
    failed=1
  fi
  stop_server
done
exit "$failed"
