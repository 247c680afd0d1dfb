//! HTTP handlers, one module per resource. Paths follow Partner Center v1 (`/v1/...`).

pub mod auth;
pub mod carts;
pub mod catalog;
pub mod customers;
pub mod defender;
pub mod fallback;
pub mod health;
pub mod invoices;
pub mod me;
pub mod orders;
pub mod subscriptions;
pub mod upgrades;
pub mod usage;
