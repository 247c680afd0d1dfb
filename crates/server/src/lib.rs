//! The portal's REST API, following Partner Center v1 conventions, and the static host of the SPA.

pub mod app;
pub mod auth;
pub mod azure_stack_token;
pub mod catalog;
pub mod checkout;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod extract;
pub mod identity;
pub mod invoicing;
pub mod lifecycle;
pub mod mail;
pub mod metrics;
pub mod openapi;
pub mod paging;
pub mod provisioning;
pub mod rate_limit;
pub mod request_ids;
pub mod routes;
pub mod security;
pub mod state;
pub mod statement;
pub mod store;
pub mod telemetry;
pub mod timestamp;
pub mod upgrading;
pub mod usage_seed;

pub use app::{Application, build_router};
pub use config::Config;
