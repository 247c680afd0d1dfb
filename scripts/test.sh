#!/usr/bin/env bash
# Every test suite, in order; keeps going after a failure so one run shows everything, and ends
# with one line totalling all suites: `N passed, N failed`.
#
# The PostgreSQL run uses PORTAL_TEST_POSTGRES_URL when set (CI starts a cluster); otherwise it
# starts a throwaway cluster with scripts/postgres.sh and stops it afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=.test-results
rm -rf "$logs" && mkdir -p "$logs"
passed=0
failed=0
failures=()

record() { # name, passed, failed
  passed=$((passed + $2))
  failed=$((failed + $3))
  [ "$3" -eq 0 ] || failures+=("$1")
}

# A check that is one test: it passes or fails as a whole.
check() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then record "$name" 1 0; else record "$name" 0 1; fi
}

# cargo test: counts every test; a suite that does not build or crashes counts as one failure.
cargo_suite() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  local p f
  read -r p f < <(awk '/^test result:/ { for (i = 1; i < NF; i++) { if ($(i + 1) ~ /^passed;/) p += $i; if ($(i + 1) ~ /^failed;/) f += $i } }
                       END { print p + 0, f + 0 }' "$logs/$name.log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  record "$name" "$p" "$f"
}

bin_path="$PWD/end2end/node_modules/.bin:$PATH"

check "cargo fmt" cargo fmt --all --check
check "leptosfmt (view! macros)" leptosfmt --config-file leptosfmt.toml --check --quiet src
check "clippy (server, domain, app natively)" cargo clippy --workspace --all-targets -- -D warnings
check "clippy (app for wasm32)" cargo clippy -p portal-app --target wasm32-unknown-unknown -- -D warnings

cargo_suite "unit and API tests on SQLite" cargo test --workspace

started_postgres=false
pg_url=${PORTAL_TEST_POSTGRES_URL:-}
if [ -z "$pg_url" ] && pg_url=$(scripts/postgres.sh start); then started_postgres=true; fi
if [ -n "$pg_url" ]; then
  # --workspace, like the SQLite run: the same feature set, so nothing is compiled twice.
  cargo_suite "API tests on PostgreSQL" env TEST_DATABASE_URL="$pg_url" cargo test --workspace --test api --test export_memory
  # Each test made its own database; on a long-lived server they would fill the disk.
  for db in $(psql "$pg_url" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'portal_test_%'" 2>/dev/null); do
    psql "$pg_url" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  done
else
  echo "PostgreSQL is not available: run scripts/setup.sh --postgres, or set PORTAL_TEST_POSTGRES_URL." | tee "$logs/postgres.log"
  record "API tests on PostgreSQL" 0 1
fi
$started_postgres && scripts/postgres.sh stop

check "release build (SPA and server)" env PATH="$bin_path" TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true \
  bash -c 'trunk build --release && cargo build --release -p portal-server'
check "first screen within its byte budget" scripts/first-load-budget.sh
check "API fuzzed from its description (schemathesis)" scripts/fuzz-api.sh

printf '\n==> Playwright\n'
report="$PWD/$logs/playwright.json"
(cd end2end && E2E_JSON_REPORT="$report" npx playwright test) 2>&1 | tee "$logs/playwright.log"
status=${PIPESTATUS[0]}
if [ -f "$report" ]; then
  read -r p f < <(node -e 'const s = require(process.argv[1]).stats; console.log(s.expected, s.unexpected + s.flaky)' "$report")
  # A run that failed outside any test (the server did not start, say) is one failure.
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  record "Playwright" "$p" "$f"
else
  record "Playwright" 0 1
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
  printf 'Failed: %s (logs in %s/)\n' "$(IFS=', '; echo "${failures[*]}")" "$logs"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
