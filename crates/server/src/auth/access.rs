//! What a request may reach, decided by its handler's signature.
//!
//! - [`VisibleCustomer`]: the customer named by `{customer_id}` in the path, once the caller is
//!   known to see it (404 otherwise, whether it exists or not). Every route under
//!   `/v1/customers/{customer_id}` is also guarded by [`require_visible_customer`], so a route
//!   added there cannot serve another customer's data even if its handler forgets to ask.
//! - [`VisibleInvoice`]: the same for `{invoice_id}` under `/v1/invoices/{invoice_id}`.
//! - [`Allowed<P>`]: the signed-in user, if one of their roles grants the permission `P`
//!   ([`Purchase`], [`AdministerCustomer`], [`RecordPayments`], [`ManageApiKeys`], …); 403
//!   otherwise.
//!
//! Each is resolved once per request and kept in the request's extensions, so a guard and a
//! handler asking for the same thing cost one query.

use std::marker::PhantomData;

use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::identity::User;
use crate::state::AppState;
use crate::store::customers::{self, CustomerRow};
use crate::store::invoices::{self, InvoiceRow};

/// The path parameter naming the customer of every customer-scoped route.
pub const CUSTOMER_PARAM: &str = "customer_id";
/// The path parameter naming the invoice of every invoice-scoped route.
pub const INVOICE_PARAM: &str = "invoice_id";

/// The value of the path parameter `name`: 400 when the client sent bytes that are not text, an
/// internal error when the route has no such parameter (its path and extractors disagree).
/// `field` is how the API names it in errors (`customerId`).
async fn path_param(
    parts: &mut Parts,
    state: &AppState,
    name: &str,
    field: &str,
) -> AppResult<String> {
    let params = RawPathParams::from_request_parts(parts, state).await.map_err(|e| match e {
        RawPathParamsRejection::InvalidUtf8InPathParam(_) => {
            AppError::invalid_field(field, "must be text (UTF-8 once percent-decoded)")
        }
        other => AppError::Internal(anyhow::anyhow!("path parameters: {other}")),
    })?;
    params.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_owned()).ok_or_else(
        || AppError::Internal(anyhow::anyhow!("the route has no {{{name}}} in its path")),
    )
}

/// The customer in the path, seen by a user allowed to see it.
#[derive(Debug, Clone)]
pub struct VisibleCustomer {
    pub user: User,
    pub customer: CustomerRow,
}

impl VisibleCustomer {
    /// The customer `customer_id` if `user` may see it; 404 otherwise. For the few routes that
    /// name the customer in the body or the query rather than the path.
    pub async fn resolve(state: &AppState, user: User, customer_id: &str) -> AppResult<Self> {
        let customer = customers::find(&state.db, &user.scope(), customer_id)
            .await?
            .ok_or_else(|| AppError::customer_not_found(customer_id))?;
        Ok(VisibleCustomer { user, customer })
    }
}

impl FromRequestParts<AppState> for VisibleCustomer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        if let Some(found) = parts.extensions.get::<VisibleCustomer>() {
            return Ok(found.clone());
        }
        let CurrentUser { user, .. } = CurrentUser::from_request_parts(parts, state).await?;
        let customer_id = path_param(parts, state, CUSTOMER_PARAM, "customerId").await?;
        let found = VisibleCustomer::resolve(state, user, &customer_id).await?;
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// Middleware on every route under `/customers/{customer_id}`: 401 without a session, 404 for a
/// customer the caller may not see, before any handler runs.
pub async fn require_visible_customer(
    _: VisibleCustomer,
    request: Request,
    next: Next,
) -> Response {
    next.run(request).await
}

/// The invoice in the path, seen by a user allowed to see it: partner users see their
/// customers' invoices, customer users their own.
#[derive(Debug, Clone)]
pub struct VisibleInvoice {
    pub user: User,
    pub invoice: InvoiceRow,
}

impl FromRequestParts<AppState> for VisibleInvoice {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        if let Some(found) = parts.extensions.get::<VisibleInvoice>() {
            return Ok(found.clone());
        }
        let CurrentUser { user, .. } = CurrentUser::from_request_parts(parts, state).await?;
        let id = path_param(parts, state, INVOICE_PARAM, "invoiceId").await?;
        let invoice = invoices::find(&state.db, &user.scope(), &id)
            .await?
            .ok_or_else(|| AppError::invoice_not_found(&id))?;
        let found = VisibleInvoice { user, invoice };
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// Middleware on every route under `/invoices/{invoice_id}`, as [`require_visible_customer`].
pub async fn require_visible_invoice(_: VisibleInvoice, request: Request, next: Next) -> Response {
    next.run(request).await
}

/// Something only some roles may do.
pub trait Permission: Send + Sync + 'static {
    /// Completes "Your role does not allow you to …" and says whom to ask.
    const REFUSAL: &'static str;
    fn allows(user: &User) -> bool;
}

/// Fill carts, place orders and change subscriptions. Billing admins and readers look, they do
/// not buy (Partner Center gives purchasing to admin and sales agents).
pub struct Purchase;

impl Permission for Purchase {
    const REFUSAL: &'static str =
        "buy: ask a global admin, admin agent, sales agent or customer admin";
    fn allows(user: &User) -> bool {
        user.roles.iter().any(|r| r.can_purchase())
    }
}

/// Upgrade a customer's products (a legacy Microsoft Azure subscription to an Azure plan): who
/// may buy for the customer, its partner's staff or its own admins.
pub struct UpgradeProducts;

impl Permission for UpgradeProducts {
    const REFUSAL: &'static str = "upgrade products: ask a partner global admin, admin agent or sales agent, or a customer admin";
    fn allows(user: &User) -> bool {
        Purchase::allows(user)
    }
}

/// Change a customer's settings: Defender for IoT plans and sensors, the spending budget.
pub struct AdministerCustomer;

impl Permission for AdministerCustomer {
    const REFUSAL: &'static str = "change this customer's plans, sensors or budget: ask a customer admin, global admin or admin agent";
    fn allows(user: &User) -> bool {
        user.roles.iter().any(|r| r.administers_customers())
    }
}

/// Register, change and remove a customer's Azure Stack Hub deployments (seed 001).
pub struct RegisterDeployments;

impl Permission for RegisterDeployments {
    const REFUSAL: &'static str = "register, change or remove Azure Stack Hub deployments: ask a customer admin, global admin or admin agent";
    fn allows(user: &User) -> bool {
        user.roles.iter().any(|r| r.administers_customers())
    }
}

/// Take on new customers and ask them for a relationship: the partner's global admins and admin
/// agents (Partner Center's "Create a customer" and "Retrieve a relationship request URL").
pub struct CreateCustomers;

impl Permission for CreateCustomers {
    const REFUSAL: &'static str =
        "create customers or invite them: ask a partner global admin or admin agent";
    fn allows(user: &User) -> bool {
        user.to_me().creates_customers()
    }
}

/// End a delegated admin relationship: the customer's admins, or the partner's global admins
/// and admin agents.
pub struct EndRelationships;

impl Permission for EndRelationships {
    const REFUSAL: &'static str =
        "end this relationship: ask a customer admin, or a partner global admin or admin agent";
    fn allows(user: &User) -> bool {
        user.roles.iter().any(|r| r.administers_customers())
    }
}

/// Accept a partner's request to act for the customer: only the customer's own admins.
pub struct AnswerRelationshipRequests;

impl Permission for AnswerRelationshipRequests {
    const REFUSAL: &'static str =
        "accept a partner's request: ask one of your organization's customer admins";
    fn allows(user: &User) -> bool {
        user.customer_id.is_some() && user.roles.contains(&portal_domain::Role::CustomerAdmin)
    }
}

/// Add the partner's staff, change their roles, deactivate them: the partner's global admins.
pub struct ManagePartnerUsers;

impl Permission for ManagePartnerUsers {
    const REFUSAL: &'static str = "manage the partner's users: ask a partner global admin";
    fn allows(user: &User) -> bool {
        user.partner_id.is_some() && user.roles.contains(&portal_domain::Role::GlobalAdmin)
    }
}

/// Add a customer's users and give them roles: the customer's admins, and the partner's global
/// admins and admin agents (Partner Center's "Create user accounts for a customer").
pub struct ManageCustomerUsers;

impl Permission for ManageCustomerUsers {
    const REFUSAL: &'static str = "manage this customer's users: ask a customer admin, or a partner global admin or admin agent";
    fn allows(user: &User) -> bool {
        user.roles.iter().any(|r| r.administers_customers())
    }
}

/// Read the activity log: the partner's global admins and admin agents (their partner's and
/// customers'), customer admins (their own).
pub struct ReadActivity;

impl Permission for ReadActivity {
    const REFUSAL: &'static str =
        "read the activity log: ask a customer admin, or a partner global admin or admin agent";
    fn allows(user: &User) -> bool {
        user.roles.iter().any(|r| r.administers_customers())
    }
}

/// Record payments, issue correction notes and see which invoices could not be issued.
pub struct RecordPayments;

impl Permission for RecordPayments {
    const REFUSAL: &'static str =
        "record payments or issue correction notes: ask a partner billing admin or global admin";
    fn allows(user: &User) -> bool {
        user.to_me().records_payments()
    }
}

/// Create and revoke the partner's API keys.
pub struct ManageApiKeys;

impl Permission for ManageApiKeys {
    const REFUSAL: &'static str = "manage API keys: ask a partner global admin";
    fn allows(user: &User) -> bool {
        user.to_me().manages_api_keys()
    }
}

/// The signed-in user, allowed `P`.
pub struct Allowed<P> {
    pub user: User,
    permission: PhantomData<P>,
}

impl<P> Allowed<P> {
    /// The partner of a partner user. Permissions that only partner users hold
    /// ([`RecordPayments`], [`ManageApiKeys`], [`CreateCustomers`]) guarantee there is one.
    pub fn partner_id(&self) -> AppResult<&str> {
        self.user.partner_id.as_deref().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("a partner permission held by a customer user"))
        })
    }
}

impl<P: Permission> FromRequestParts<AppState> for Allowed<P> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let CurrentUser { user, .. } = CurrentUser::from_request_parts(parts, state).await?;
        if P::allows(&user) {
            Ok(Allowed { user, permission: PhantomData })
        } else {
            Err(AppError::forbidden(P::REFUSAL))
        }
    }
}
