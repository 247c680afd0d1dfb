//! HTTP handlers, one module per resource, each with its router. Paths follow Partner Center v1
//! (`/v1/...`).
//!
//! A resource belonging to one customer is added to its module's `customer_router()`, which
//! [`api`] mounts under `/customers/{customer_id}` behind [`access::require_visible_customer`]:
//! no handler there runs for a customer its caller may not see. The same holds for
//! `invoice_router()` under `/invoices/{invoice_id}`. Handlers take
//! [`access::VisibleCustomer`] or [`access::VisibleInvoice`] for the row they act on, and
//! [`access::Allowed`] for what their caller's roles must grant.

pub mod activity;
pub mod auth;
pub mod azure_stack;
pub mod carts;
pub mod catalog;
pub mod customers;
pub mod defender;
pub mod fallback;
pub mod health;
pub mod invoices;
pub mod me;
pub mod orders;
pub mod relationships;
pub mod subscriptions;
pub mod upgrades;
pub mod usage;
pub mod users;

use axum::middleware::from_fn_with_state;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::auth::access::{self, CUSTOMER_PARAM, INVOICE_PARAM};
use crate::error::{AppError, AppResult};
use crate::identity::User;
use crate::openapi::ApiDoc;
use crate::rate_limit;
use crate::state::AppState;

/// The partner of a partner user, for what only the partner's staff may do; for a customer
/// user, 403 saying what their role does not allow (`what`).
pub(crate) fn partner_of<'u>(user: &'u User, what: &str) -> AppResult<&'u str> {
    user.partner_id.as_deref().ok_or_else(|| AppError::forbidden(what))
}

/// Every route under `/v1`, each with its description (paths relative to `/v1`; modules not
/// described yet are taken as they are, `into()`). `app::build_router` adds the fallbacks.
pub fn api(state: &AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(me::router())
        .merge(customers::router())
        .merge(relationships::router())
        .merge(users::router())
        .merge(activity::router())
        .merge(catalog::router())
        .merge(usage::router())
        .merge(upgrades::router())
        .merge(invoices::router())
        .merge(azure_stack::router())
        .merge(subscriptions::router())
        .merge(orders::router())
        .nest(
            &format!("/customers/{{{CUSTOMER_PARAM}}}"),
            customer_scoped(state, per_customer(state)),
        )
        .nest(
            &format!("/invoices/{{{INVOICE_PARAM}}}"),
            invoice_scoped(state, invoices::invoice_router()),
        )
}

/// What is mounted under `/customers/{customer_id}`.
fn per_customer(state: &AppState) -> OpenApiRouter<AppState> {
    // Carts, orders and subscriptions: Partner Center limits each customer to 500 requests a
    // minute (reference §1.8).
    let commerce = OpenApiRouter::new()
        .merge(carts::customer_router())
        .merge(orders::customer_router())
        .merge(subscriptions::customer_router())
        .merge(usage::subscription_router())
        .merge(invoices::subscription_router())
        .route_layer(from_fn_with_state(state.clone(), rate_limit::per_customer));
    OpenApiRouter::new()
        .merge(customers::customer_router())
        .merge(relationships::customer_router())
        .merge(users::customer_router())
        .merge(catalog::customer_router())
        .merge(defender::customer_router())
        .merge(azure_stack::customer_router())
        .merge(usage::customer_router())
        .merge(commerce)
}

/// `routes` answering only callers who may see the customer in the path (404 otherwise, 401
/// without a session): the one place customer-scoped routes are guarded.
pub fn customer_scoped(
    state: &AppState,
    routes: OpenApiRouter<AppState>,
) -> OpenApiRouter<AppState> {
    routes.route_layer(from_fn_with_state(state.clone(), access::require_visible_customer))
}

/// `routes` answering only callers who may see the invoice in the path.
pub fn invoice_scoped(
    state: &AppState,
    routes: OpenApiRouter<AppState>,
) -> OpenApiRouter<AppState> {
    routes.route_layer(from_fn_with_state(state.clone(), access::require_visible_invoice))
}
