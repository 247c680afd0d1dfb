//! All SQL lives here, one module per resource. Every query runs unchanged on SQLite and PostgreSQL.

pub mod carts;
pub mod customers;
pub mod defender;
pub mod invoices;
pub mod login_throttle;
pub mod orders;
pub mod sessions;
pub mod subscriptions;
pub mod upgrades;
pub mod usage;
pub mod users;
