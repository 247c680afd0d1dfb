#!/usr/bin/env bash
# The first load's bytes, as the README reports them: builds the SPA for release (as `make run`
# does) and prints each file of dist/ the first screen downloads, raw and `gzip -9`, in KB of
# 1,000 bytes. Run it from the repository root after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
if ! PATH="$PWD/end2end/node_modules/.bin:$PATH" TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true \
  trunk build --release >"$log" 2>&1; then
  cat "$log"
  exit 1
fi
rm -f "$log"
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
printf '| File | Raw | gzip |\n|---|---|---|\n'
total_raw=0 total_gzip=0
for pattern in 'portal-app-*_bg.wasm' 'portal-app-*.js' 'main-*.css'; do
  file=$(ls dist/$pattern)
  raw=$(stat -c %s "$file")
  gzipped=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)) total_gzip=$((total_gzip + gzipped))
  printf '| `%s` | %s | %s |\n' "$pattern" "$(kb "$raw")" "$(kb "$gzipped")"
done
printf '| **Total** | **%s** | **%s** |\n' "$(kb "$total_raw")" "$(kb "$total_gzip")"
