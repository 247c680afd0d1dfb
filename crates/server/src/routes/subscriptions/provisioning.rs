//! Provisioning, registration and the support contact of a subscription.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_domain::subscription::{
    ProvisioningStatus, RegistrationStatus, SubscriptionStatus, SupportContact, SupportContactLinks,
};
use portal_domain::{Attributes, FieldError, Link};

use super::azure::require_active_plan;
use super::find;

use crate::auth::access::{Allowed, Purchase, VisibleCustomer};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::store::activity::{self, Actor};
use crate::store::subscriptions;
use crate::timestamp;

/// `GET …/subscriptions/{id}/provisioningstatus`.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/provisioningstatus",
    operation_id = "getSubscriptionProvisioningStatus",
    tag = "Subscriptions",
    summary = "A subscription's provisioning status",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 200, description = "Its provisioning status", body = ProvisioningStatus),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn provisioning_status(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<ProvisioningStatus>> {
    let row = find(&state, &customer, &subscription_id).await?;
    // A subscription of an order that could not be provisioned failed, with its order's reason.
    let reason = crate::store::orders::failure_of(&state.db, &row.order_id).await?;
    let status = match (row.status, reason) {
        (_, Some(_)) => "failed",
        (SubscriptionStatus::Pending, None) => "pending",
        _ => "success",
    };
    Ok(JsonResponse(ProvisioningStatus {
        sku_id: format!("{}:{}", row.product_id, row.sku_id),
        status: status.to_owned(),
        reason,
        quantity: row.quantity,
        end_date: row.commitment_end_date.clone(),
        attributes: Attributes::of("SubscriptionProvisioningStatus"),
    }))
}

/// `POST …/subscriptions/{id}/registrations` → 202 with `Location` to the registration status,
/// which the background worker moves from `registering` to `registered`.
#[utoipa::path(
    post,
    path = "/subscriptions/{subscription_id}/registrations",
    operation_id = "registerSubscription",
    tag = "Subscriptions",
    summary = "Register a subscription (its Azure resource providers)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 202, description = "Registration started; `Location` names its status"),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The subscription cannot be registered (not an active Azure subscription)", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<Purchase>,
    actor: Actor,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let row = find(&state, &customer, &subscription_id).await?;
    require_active_plan(&row)?;
    let now = state.clock.now();
    let mut tx = begin_write(&state.db).await?;
    // Asked again, it changes nothing, and nothing is logged.
    if subscriptions::request_registration(&mut tx, &row.id, &timestamp::to_text(now)).await? {
        let entry = activity::Entry {
            action: "subscription.registration_requested",
            customer_id: Some(&customer.id),
            partner_id: None,
            target_id: &row.id,
            target_name: &row.friendly_name,
            before: None,
            after: None,
        };
        activity::record(&mut tx, &actor, entry, now).await?;
    }
    tx.commit().await?;
    state.provisioning.notify_one();
    let location = format!(
        "/customers/{customer_id}/subscriptions/{subscription_id}/registrationstatus",
        customer_id = customer.id
    );
    let mut response = StatusCode::ACCEPTED.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

/// `GET …/subscriptions/{id}/registrationstatus`: `notregistered`, `registering` or `registered`.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/registrationstatus",
    operation_id = "getSubscriptionRegistrationStatus",
    tag = "Subscriptions",
    summary = "A subscription's registration status",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 200, description = "`notregistered`, `registering` or `registered`", body = RegistrationStatus),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn registration_status(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<RegistrationStatus>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let status = subscriptions::registration_status(&state.db, &row.id)
        .await?
        .unwrap_or_else(|| "notregistered".to_owned());
    Ok(JsonResponse(RegistrationStatus {
        subscription_id: row.id,
        status,
        attributes: Attributes::of("SubscriptionRegistrationStatus"),
    }))
}

fn support_contact_resource(
    customer_id: &str,
    subscription_id: &str,
    tenant: String,
    mpn: String,
    name: String,
) -> SupportContact {
    SupportContact {
        support_tenant_id: tenant,
        support_mpn_id: mpn,
        name,
        links: Some(SupportContactLinks {
            self_link: Link::get(format!(
                "/customers/{customer_id}/subscriptions/{subscription_id}/supportcontact"
            )),
        }),
        attributes: Some(Attributes::of("SupportContact")),
    }
}

/// `GET …/subscriptions/{id}/supportcontact`: who supports it; the reseller unless set otherwise.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/supportcontact",
    operation_id = "getSupportContact",
    tag = "Subscriptions",
    summary = "A subscription's support contact",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 200, description = "The support contact (the reseller by default)", body = SupportContact),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn support_contact(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<SupportContact>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let (tenant, mpn, name) = match subscriptions::support_contact(&state.db, &row.id).await? {
        Some(contact) => contact,
        None => subscriptions::reseller_of(&state.db, &customer.id).await?.unwrap_or_default(),
    };
    Ok(JsonResponse(support_contact_resource(&customer.id, &subscription_id, tenant, mpn, name)))
}

/// `PUT …/subscriptions/{id}/supportcontact`: partner staff who may buy set who supports it.
#[utoipa::path(
    put,
    path = "/subscriptions/{subscription_id}/supportcontact",
    operation_id = "setSupportContact",
    tag = "Subscriptions",
    summary = "Set a subscription's support contact",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    request_body = SupportContact,
    responses(
        (status = 200, description = "The support contact", body = SupportContact),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn set_support_contact(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    actor: Actor,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(body): Json<SupportContact>,
) -> AppResult<JsonResponse<SupportContact>> {
    if user.partner_id.is_none() {
        return Err(AppError::forbidden("change the support contact: it is the partner's to set"));
    }
    let row = find(&state, &customer, &subscription_id).await?;
    let problems = body.problems();
    if !problems.is_empty() {
        return Err(AppError::invalid_fields(
            problems.into_iter().map(|p| FieldError::new(p.field(), p.english())).collect(),
        ));
    }
    let (mpn, name) = (body.support_mpn_id.trim(), body.name.trim());
    let tenant = body.support_tenant_id.trim().to_owned();
    let now = state.clock.now();
    let mut tx = begin_write(&state.db).await?;
    let before = match subscriptions::support_contact_being_changed(&mut tx, &row.id).await? {
        Some(contact) => contact,
        None => subscriptions::reseller_of(&mut *tx, &customer.id).await?.unwrap_or_default(),
    };
    subscriptions::set_support_contact(
        &mut tx,
        &row.id,
        &tenant,
        mpn,
        name,
        &timestamp::to_text(now),
    )
    .await?;
    let (_, before_mpn, before_name) = before;
    let in_words = |name: &str, mpn: &str| format!("{name} (MPN {mpn})");
    let entry = activity::Entry {
        action: "subscription.support_contact_changed",
        customer_id: Some(&customer.id),
        partner_id: None,
        target_id: &row.id,
        target_name: &row.friendly_name,
        before: Some(in_words(&before_name, &before_mpn)),
        after: Some(in_words(name, mpn)),
    };
    activity::record(&mut tx, &actor, entry, now).await?;
    tx.commit().await?;
    Ok(JsonResponse(support_contact_resource(
        &customer.id,
        &subscription_id,
        tenant,
        mpn.to_owned(),
        name.to_owned(),
    )))
}
