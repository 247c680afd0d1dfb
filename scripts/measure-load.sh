#!/usr/bin/env bash
# Issue 18's table: builds the SPA and the server for release (as `make run` does), starts the
# server with demo data on a scratch database, and measures in Chromium (end2end/measure-load.mjs)
# the first screen's bytes, each page's additional bytes, and signed-in pages' time to be ready
# at full and 4× slowed CPU; Lighthouse's performance score for /signin (its mobile and desktop
# settings, median of 3 runs each). Then the brotli sizes of the files in dist/ the first screen needs.
# Run it from the repository root after scripts/setup.sh; RUNS=n sets the timing runs (5).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH" TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true
trunk build --release >/dev/null 2>&1 || trunk build --release
cargo build --quiet --release -p portal-server

data=$(mktemp -d)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
HOST=127.0.0.1 PORT=$port DATABASE_URL="sqlite://$data/portal.db" DIST_DIR=dist PORTAL_DEMO_DATA=true \
  RUST_LOG=warn target/release/portal-server >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, release build, Chromium, localhost."
echo
(cd end2end && BASE_URL="http://127.0.0.1:$port" node measure-load.mjs)
for preset in mobile desktop; do
  scores=()
  for run in 1 2 3; do
    report="$data/lighthouse-$preset-$run.json"
    (cd end2end && CHROME_PATH=/usr/bin/chromium npx lighthouse "http://127.0.0.1:$port/signin" \
      --only-categories=performance $([ $preset = desktop ] && echo --preset=desktop) --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" --output=json --output-path="$report")
    scores+=("$(node -e 'const r = require(process.argv[1]); console.log(Math.round(r.categories.performance.score * 100), r.audits["largest-contentful-paint"].displayValue)' "$report")")
  done
  median=$(printf '%s\n' "${scores[@]}" | sort -n | sed -n 2p)
  echo "| Lighthouse /signin, $preset: performance score, largest contentful paint | ${median% *} | LCP ${median#* } (median of 3) |"
done
echo
scripts/first-load-budget.sh
