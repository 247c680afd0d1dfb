#!/usr/bin/env bash
# The benchmarks, which `make test` does not run: usage ingestion and reads through the API,
# closing a month for 1,000 customers and one with a million usage records, and exporting that
# invoice's million lines in bounded memory. Release builds on SQLite; with
# TEST_DATABASE_URL=postgres://… the invoice benchmarks run on PostgreSQL. Each prints its figures;
# the README reports them with the date. Client and server share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

printf '\n==> usage: ingestion in batches of 1,000, then reads over a million records\n'
cargo run --release -q -p portal-server --example usage_bench

printf '\n==> invoices: closing a month, exporting a million lines\n'
# One at a time: they would share the cores and time each other.
cargo test --release -q -p portal-server --test api --test export_memory bench_ -- \
  --ignored --nocapture --test-threads 1
