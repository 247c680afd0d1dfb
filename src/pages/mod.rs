//! One module per route.

mod activity;
mod api_keys;
mod azure_stack;
mod cart;
mod customers;
mod defender;
mod invoices;
mod not_found;
mod orders;
mod overview;
mod overview_tiles;
mod pricing;
mod relationship;
mod sign_in;
mod subscription;
mod subscriptions;
mod usage;
mod users;

pub use activity::Activity;
pub use api_keys::ApiKeys;
pub use azure_stack::{AzureStack, CoveredRegistrations, RegistrationDetail};
pub use cart::CartPage;
pub use customers::{CustomerDetail, Customers};
pub use invoices::{InvoiceDetail, Invoices, Unbilled};
pub use not_found::NotFound;
pub use orders::{OrderDetail, Orders};
pub use overview::Overview;
pub use pricing::Pricing;
pub use relationship::{Account, EndRelationshipDialog, InvitationPage, PartnerRequest};
pub use sign_in::SignIn;
pub use subscription::SubscriptionDetail;
pub use subscriptions::Subscriptions;
pub use usage::Usage;
pub use users::{Directory, PartnerUsers, SetPassword, UserDirectory};
