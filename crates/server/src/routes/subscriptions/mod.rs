//! Subscriptions: `/v1/customers/{customerId}/subscriptions…`: reading them, changing them
//! (`PATCH` with `If-Match`), their history, the Azure subscriptions of a plan, provisioning,
//! registration and support contact.

mod access;
mod azure;
mod provisioning;

use std::collections::HashMap;

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use chrono::{DateTime, Utc};
use portal_domain::subscription::{
    BillingType, EndingTerm, RefundOption, Subscription, SubscriptionEvent, SubscriptionLinks,
    SubscriptionPatch, TERM_NOTICE_DAYS, renewal_term, term_needs_notice,
};
use portal_domain::{Amount, Attributes, Collection, ErrorCode, Link};
use serde::Deserialize;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::auth::access::{Allowed, Purchase, VisibleCustomer};
use crate::auth::scoped::SubscriptionScope;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::lifecycle::{self, is_azure_plan, requested_changes, rules, stale};
use crate::state::AppState;
use crate::store;
use crate::store::activity::Actor;
use crate::store::customers::CustomerRow;
use crate::store::subscriptions::{self, SubscriptionRow};
use crate::timestamp;

/// `/v1/subscriptions/…`: across the partner's customers.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(terms_ending))
}

/// `GET /v1/subscriptions/termsending` (our extension): the partner's customers' active
/// subscriptions whose term ends within 30 days and stops there or renews for a year
/// ([`term_needs_notice`]), soonest first. Customer users get 403: their own subscription list
/// says the same.
#[utoipa::path(
    get,
    path = "/subscriptions/termsending",
    operation_id = "listTermsEnding",
    tag = "Subscriptions",
    summary = "Terms ending within 30 days (our extension)",
    description = "The partner's customers' active subscriptions whose term ends within 30 days, soonest first. Partner users only.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The subscriptions and their term", body = Collection<EndingTerm>),
    )
)]
pub async fn terms_ending(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
) -> AppResult<JsonResponse<Collection<EndingTerm>>> {
    let partner_id = super::partner_of(&user, "see the terms of every customer's subscriptions")?;
    let today = state.clock.now().date_naive();
    let last = today + chrono::Days::new(TERM_NOTICE_DAYS);
    let rows =
        subscriptions::terms_ending(&state.db, partner_id, &today.to_string(), &last.to_string())
            .await?;
    let items = rows
        .into_iter()
        .filter(|row| {
            row.commitment_end_date.parse().is_ok_and(|end| {
                term_needs_notice(
                    row.term_duration.as_deref(),
                    row.auto_renew_enabled != 0,
                    row.is_trial != 0,
                    end,
                    today,
                )
            })
        })
        .map(|row| EndingTerm {
            customer_id: row.customer_id,
            customer_name: row.company_name,
            subscription_id: row.id,
            friendly_name: row.friendly_name,
            offer_name: row.offer_name,
            term_duration: row.term_duration,
            commitment_end_date: row.commitment_end_date,
            auto_renew_enabled: row.auto_renew_enabled != 0,
            is_trial: row.is_trial != 0,
            attributes: Attributes::of("EndingTerm"),
        })
        .collect();
    Ok(JsonResponse(Collection::page(items, "/subscriptions/termsending")))
}

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get, patch))
        .routes(routes!(history))
        .routes(routes!(azure::azure_entitlements, azure::add_azure_entitlement))
        .routes(routes!(azure::cancel_azure_entitlement))
        .routes(routes!(provisioning::provisioning_status))
        .routes(routes!(provisioning::register))
        .routes(routes!(provisioning::registration_status))
        .routes(routes!(access::list, access::assign))
        .routes(routes!(access::remove))
        .routes(routes!(provisioning::support_contact, provisioning::set_support_contact))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only the subscriptions an order made.
    order_id: Option<String>,
}

pub(crate) fn subscription_not_found(id: &str) -> AppError {
    AppError::new(
        ErrorCode::SubscriptionNotFound,
        format!("Subscription with ID '{id}' was not found for this customer."),
    )
}

/// What every subscription of a customer is shown with, read once for the customer.
struct CustomerFacts {
    /// Active Azure subscriptions per Azure plan.
    active: HashMap<String, usize>,
    reseller_mpn_id: Option<String>,
    now: DateTime<Utc>,
}

impl CustomerFacts {
    async fn read(state: &AppState, customer_id: &str) -> AppResult<Self> {
        Ok(CustomerFacts {
            active: subscriptions::active_entitlement_counts(&state.db, customer_id).await?,
            reseller_mpn_id: store::customers::reseller_mpn_id(&state.db, customer_id).await?,
            now: state.clock.now(),
        })
    }
}

fn to_resource(row: &SubscriptionRow, facts: &CustomerFacts) -> AppResult<Subscription> {
    let now = facts.now;
    let base = format!("/customers/{}/subscriptions/{}", row.customer_id, row.id);
    let rules = rules(row, facts.active.get(&row.id).copied().unwrap_or(0))?;
    let auto_renew = row.auto_renew_enabled != 0;
    let is_azure = is_azure_plan(row) || row.offer_id == portal_domain::upgrade::LEGACY_AZURE_OFFER;
    // `product:sku:availability` for what the catalog sells; the legacy offer is not in it.
    let catalog = format!("/products/{}", row.product_id);
    let parts: Vec<&str> = row.offer_id.split(':').collect();
    let (sku, availability) = match parts.as_slice() {
        [_, sku, availability] => (
            Some(Link::get(format!("{catalog}/skus/{sku}"))),
            Some(Link::get(format!("{catalog}/skus/{sku}/availabilities/{availability}"))),
        ),
        _ => (None, None),
    };
    Ok(Subscription {
        id: row.id.clone(),
        offer_id: row.offer_id.clone(),
        entitlement_id: is_azure.then(|| row.id.clone()),
        partner_id: facts.reseller_mpn_id.clone(),
        contract_type: "subscription".to_owned(),
        publisher_name: "Microsoft Corporation".to_owned(),
        is_microsoft_product: true,
        has_purchasable_addons: false,
        offer_name: row.offer_name.clone(),
        friendly_name: row.friendly_name.clone(),
        quantity: row.quantity,
        unit_type: row.unit_type,
        billing_type: if is_azure_plan(row) { BillingType::Usage } else { BillingType::License },
        billing_cycle: row.billing_cycle,
        term_duration: row.term_duration.clone(),
        status: row.status,
        auto_renew_enabled: auto_renew,
        is_trial: row.is_trial != 0,
        creation_date: row.created_at.clone(),
        effective_start_date: row.effective_start_date.clone(),
        commitment_end_date: row.commitment_end_date.clone(),
        renewal_term_duration: row
            .term_duration
            .as_deref()
            .filter(|_| auto_renew)
            .map(|term| renewal_term(term).to_owned()),
        cancellation_allowed_until_date: rules
            .cancellation_allowed_until(now)
            .map(timestamp::to_text),
        actions: rules.actions(now),
        suspension_reasons: row.suspension_reason.iter().cloned().collect(),
        refund_options: rules
            .refund_options(now)
            .into_iter()
            .map(|(refund_type, until)| RefundOption {
                refund_type,
                expires_at: timestamp::to_text(until),
            })
            .collect(),
        parent_subscription_id: None,
        order_id: row.order_id.clone(),
        unit_price: row
            .unit_price
            .filter(|_| !is_azure_plan(row))
            .map(Amount::from_ten_thousandths),
        currency_code: row.currency.code.to_owned(),
        minimum_quantity: rules.minimum_quantity,
        maximum_quantity: rules.maximum_quantity,
        links: SubscriptionLinks {
            offer: Link::get(format!("/customers/{}/products/{}", row.customer_id, row.product_id)),
            product: sku.is_some().then(|| Link::get(catalog.clone())),
            sku,
            availability,
            entitlement: is_azure_plan(row).then(|| Link::get(format!("{base}/azureEntitlements"))),
            self_link: Link::get(base),
        },
        attributes: Attributes {
            object_type: "Subscription".to_owned(),
            etag: Some(row.version.to_string()),
        },
    })
}

pub(super) async fn find(
    state: &AppState,
    customer: &CustomerRow,
    id: &str,
) -> AppResult<SubscriptionRow> {
    subscriptions::find(&state.db, &customer.id, id)
        .await?
        .ok_or_else(|| subscription_not_found(id))
}

/// The subscription as the API shows it now.
async fn resource(state: &AppState, row: &SubscriptionRow) -> AppResult<Subscription> {
    to_resource(row, &CustomerFacts::read(state, &row.customer_id).await?)
}

/// `GET …/subscriptions[?order_id=]`.
#[utoipa::path(
    get,
    path = "/subscriptions",
    operation_id = "listSubscriptions",
    tag = "Subscriptions",
    summary = "List the customer's subscriptions",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ListQuery),
    responses(
        (status = 200, description = "The subscriptions (a user who reaches only some gets those)", body = Collection<Subscription>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    scope: Option<axum::Extension<SubscriptionScope>>,
    Query(q): Query<ListQuery>,
) -> AppResult<JsonResponse<Collection<Subscription>>> {
    let mut rows = subscriptions::list(&state.db, &customer.id, q.order_id.as_deref()).await?;
    // A user who reaches only some subscriptions lists only those.
    if let Some(axum::Extension(scope)) = scope {
        rows.retain(|row| scope.reaches(&row.id));
    }
    let facts = CustomerFacts::read(&state, &customer.id).await?;
    let items = rows.iter().map(|row| to_resource(row, &facts)).collect::<AppResult<_>>()?;
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{customer_id}/subscriptions", customer_id = customer.id),
    )))
}

#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}",
    operation_id = "getSubscription",
    tag = "Subscriptions",
    summary = "Get a subscription",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 200, description = "The subscription; `attributes.etag` is its version for `If-Match`", body = Subscription),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Subscription>> {
    let row = find(&state, &customer, &subscription_id).await?;
    Ok(JsonResponse(resource(&state, &row).await?))
}

/// The etag from `If-Match` (`"3"`, `W/"3"` or `3`): 428 when missing, 412 when it is not the
/// subscription's current one.
fn expected_version(headers: &HeaderMap, current: i64) -> AppResult<i64> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Err(AppError::new(
            ErrorCode::PreconditionRequired,
            "Send the subscription's etag (attributes.etag) in the If-Match header, so a change cannot overwrite another one.",
        ));
    };
    let text = value.to_str().unwrap_or_default().trim();
    let text = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    match text.parse::<i64>() {
        Ok(version) if version == current => Ok(version),
        _ => Err(stale()),
    }
}

/// `PATCH …/subscriptions/{id}` with `If-Match`: rename, change quantity, turn auto-renew on or
/// off, suspend, reactivate or cancel. All the requested changes apply, or none.
#[utoipa::path(
    patch,
    path = "/subscriptions/{subscription_id}",
    operation_id = "updateSubscription",
    tag = "Subscriptions",
    summary = "Change a subscription",
    description = "Rename, change the quantity, turn auto-renew on or off, suspend, reactivate or cancel: all the changes sent apply, or none. Needs `If-Match` with the subscription's etag.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002"), ("If-Match" = String, Header, description = "The subscription's etag (`attributes.etag`)")),
    request_body = SubscriptionPatch,
    responses(
        (status = 200, description = "The subscription changed", body = Subscription),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
        (status = 409, description = "A rule refuses the change (`description` says which)", body = portal_domain::ApiErrorBody),
        (status = 412, description = "The subscription changed since its etag was read", body = portal_domain::ApiErrorBody),
        (status = 428, description = "`If-Match` is missing", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn patch(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    actor: Actor,
    headers: HeaderMap,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(body): Json<SubscriptionPatch>,
) -> AppResult<JsonResponse<Subscription>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let version = expected_version(&headers, row.version)?;
    let changes = requested_changes(&row, body)?;
    if changes.is_empty() {
        return Ok(JsonResponse(resource(&state, &row).await?));
    }
    lifecycle::change(&state.db, state.clock.now(), &row, (&user, &actor), version, &changes)
        .await?;
    let row = find(&state, &customer, &subscription_id).await?;
    Ok(JsonResponse(resource(&state, &row).await?))
}

/// `GET …/subscriptions/{id}/history` (our extension): every change, oldest first.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/history",
    operation_id = "listSubscriptionHistory",
    tag = "Subscriptions",
    summary = "A subscription's history",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 200, description = "Its changes, oldest first, with what each charged or refunded", body = Collection<SubscriptionEvent>),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Collection<SubscriptionEvent>>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let events = subscriptions::events(&state.db, &row.id).await?;
    Ok(JsonResponse(Collection::page(
        events.iter().map(SubscriptionEvent::from).collect(),
        format!(
            "/customers/{customer_id}/subscriptions/{subscription_id}/history",
            customer_id = customer.id
        ),
    )))
}
