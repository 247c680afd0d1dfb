#!/usr/bin/env bash
# The benchmarks, which `make test` does not run: usage ingestion beside a bare-INSERT baseline,
# reads over a million records and mixed API traffic at 1,000 requests a second; closing a month
# for 1,000 customers and one with a million usage records; exporting that invoice's million
# lines beside the database's own CSV tool, in bounded memory. Release builds on SQLite; with
# BENCH_DATABASE_URL=postgres://…/postgres (a server where new databases may be created) they run
# on PostgreSQL, with COPY as the ingestion baseline. Ends with one table of every figure; the
# README reports it with the date. Client and server share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp)
trap 'rm -f "$out"' EXIT

printf '\n==> usage: ingestion in batches of 1,000, reads over a million records, mixed traffic\n'
cargo run --release -q -p portal-server --example usage_bench | tee -a "$out"

printf '\n==> invoices: closing a month, exporting a million lines\n'
# One at a time: they would share the cores and time each other.
TEST_DATABASE_URL=${BENCH_DATABASE_URL:-} \
  cargo test --release -q -p portal-server --test api --test export_memory bench_ -- \
  --ignored --nocapture --test-threads 1 | tee -a "$out"

printf '\n%s, %s, %s cores\n\n' "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" "$(nproc)"
printf '| figure | measured | baseline, same run | goal |\n|---|---|---|---|\n'
sed -n 's/^TABLE //p' "$out"
