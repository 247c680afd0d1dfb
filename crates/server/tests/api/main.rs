//! API integration tests: each test starts the real server on port 0 with a fresh database and
//! talks HTTP to it. `TEST_DATABASE_URL=postgres://…` runs them against PostgreSQL (a new
//! database per test); otherwise each test gets its own SQLite file.

mod abuse;
mod activity;
mod auth;
mod azure_stack;
mod bulk_usage;
mod carts;
mod catalog;
mod checkout;
mod customers;
mod defender;
mod hardening;
mod helpers;
mod http_conventions;
mod invoices;
mod metrics;
mod openapi;
mod orders;
mod rate_limit;
mod relationships;
mod scale_out;
mod subscriptions;
mod tenancy;
mod upgrades;
mod usage;
mod users;
