//! Resource types and pure rules shared by the browser app and the server.
//!
//! Everything here follows the Partner Center v1 wire format (camelCase fields, lower snake_case
//! enum values, `attributes.objectType`). The crate is compiled into the wasm bundle, so it stays
//! free of runtime, database and browser dependencies.

pub mod activity;
pub mod azure_stack;
pub mod billing;
pub mod cart;
pub mod catalog;
pub mod csv;
pub mod customer;
pub mod defender;
pub mod envelope;
pub mod error;
pub mod identity;
pub mod invoice;
pub mod lifecycle;
pub mod money;
pub mod order;
pub mod relationship;
pub mod spelling;
pub mod subscription;
pub mod upgrade;
pub mod usage;
pub mod users;
pub mod validation;

pub use billing::{BillingCycle, BillingPeriod};
pub use customer::{
    Address, BillingProfile, CompanyProfile, Customer, CustomerLinks, RelationshipToPartner,
};
pub use envelope::{Attributes, Collection, CollectionLinks, Link, LinkHeader};
pub use error::{ApiErrorBody, ErrorCode};
pub use identity::{LoginRequest, Me, Role};
pub use money::{Amount, Currency};
pub use validation::FieldError;
