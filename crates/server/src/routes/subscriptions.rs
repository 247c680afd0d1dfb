//! Subscriptions: `/v1/customers/{customerId}/subscriptions…`: reading them, changing them
//! (`PATCH` with `If-Match`), their history, the Azure subscriptions of a plan, provisioning,
//! registration and support contact.

use axum::Router;
use axum::routing;
use std::collections::HashMap;

use axum::Json as JsonResponse;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_domain::billing::parse_day;
use portal_domain::lifecycle::{self, Change, Kind, Lifecycle, Pricing, Refusal};
use portal_domain::subscription::{
    AzureEntitlement, BillingType, EventKind, PARTNER_INITIATED, RefundOption, Subscription,
    SubscriptionEvent, SubscriptionLinks, SubscriptionPatch, SubscriptionStatus, charged_so_far,
    may_lift_suspension,
};
use portal_domain::{Amount, Attributes, Collection, ErrorCode, FieldError, Link};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::auth::access::{Allowed, Purchase, VisibleCustomer};
use crate::catalog;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::identity::User;
use crate::request_ids::RequestIds;
use crate::state::AppState;
use crate::store::OnDuplicate;
use crate::store::customers::CustomerRow;
use crate::store::subscriptions::{
    self, EntitlementRow, EventRow, NewEntitlement, NewEvent, SubscriptionRow, Update,
};
use crate::timestamp;

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> Router<AppState> {
    let one = "/subscriptions/{subscription_id}";
    Router::new()
        .route("/subscriptions", routing::get(list))
        .route(one, routing::get(get).patch(patch))
        .route(&format!("{one}/history"), routing::get(history))
        .route(
            &format!("{one}/azureEntitlements"),
            routing::get(azure_entitlements).post(add_azure_entitlement),
        )
        .route(
            &format!("{one}/azureEntitlements/{{entitlement_id}}/cancel"),
            routing::post(cancel_azure_entitlement),
        )
        .route(&format!("{one}/provisioningstatus"), routing::get(provisioning_status))
        .route(&format!("{one}/registrations"), routing::post(register))
        .route(&format!("{one}/registrationstatus"), routing::get(registration_status))
        .route(
            &format!("{one}/supportcontact"),
            routing::get(support_contact).put(set_support_contact),
        )
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    order_id: Option<String>,
}

fn subscription_not_found(id: &str) -> AppError {
    AppError::new(
        ErrorCode::SubscriptionNotFound,
        format!("Subscription with ID '{id}' was not found for this customer."),
    )
}

fn is_azure_plan(row: &SubscriptionRow) -> bool {
    row.billing_type == BillingType::Usage
}

/// The facts the life cycle rules need.
fn lifecycle(row: &SubscriptionRow, active_azure_subscriptions: usize) -> sqlx::Result<Lifecycle> {
    let (minimum_quantity, maximum_quantity) =
        catalog::sku_bounds(&row.product_id, &row.sku_id).unwrap_or((row.quantity, row.quantity));
    let kind = if is_azure_plan(row) {
        Kind::AzurePlan { active_azure_subscriptions }
    } else {
        Kind::Licence { is_trial: row.is_trial != 0, has_term: row.term_duration.is_some() }
    };
    Ok(Lifecycle {
        status: row.status,
        kind,
        created_at: timestamp::parse(&row.created_at)
            .map_err(|e| crate::store::unreadable("subscriptions.created_at", e))?,
        quantity: row.quantity,
        minimum_quantity,
        maximum_quantity,
    })
}

pub(crate) fn pricing(row: &SubscriptionRow) -> sqlx::Result<Pricing> {
    Ok(Pricing {
        unit_price: Amount::from_ten_thousandths(row.unit_price.unwrap_or(0)),
        cycle: row.billing_cycle,
        start: parse_day(&row.effective_start_date).ok_or_else(|| {
            crate::store::unreadable(
                "subscriptions.effective_start_date",
                &row.effective_start_date,
            )
        })?,
        currency: row.currency,
    })
}

fn to_resource(
    row: &SubscriptionRow,
    active_azure_subscriptions: usize,
    now: OffsetDateTime,
) -> AppResult<Subscription> {
    let base = format!("/customers/{}/subscriptions/{}", row.customer_id, row.id);
    let rules = lifecycle(row, active_azure_subscriptions)?;
    let auto_renew = row.auto_renew_enabled != 0;
    Ok(Subscription {
        id: row.id.clone(),
        offer_id: row.offer_id.clone(),
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
        renewal_term_duration: row.term_duration.clone().filter(|_| auto_renew),
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
            self_link: Link::get(base),
            offer: Link::get(format!("/customers/{}/products/{}", row.customer_id, row.product_id)),
        },
        attributes: Attributes {
            object_type: "Subscription".to_owned(),
            etag: Some(row.version.to_string()),
        },
    })
}

fn entitlement_resource(row: &EntitlementRow) -> AzureEntitlement {
    AzureEntitlement {
        id: row.id.clone(),
        friendly_name: row.friendly_name.clone(),
        status: row.status,
        subscription_id: row.subscription_id.clone(),
        attributes: Attributes::of("AzureEntitlement"),
    }
}

async fn find(state: &AppState, customer: &CustomerRow, id: &str) -> AppResult<SubscriptionRow> {
    subscriptions::find(&state.db, &customer.id, id)
        .await?
        .ok_or_else(|| subscription_not_found(id))
}

/// The subscription as the API shows it now.
async fn resource(state: &AppState, row: &SubscriptionRow) -> AppResult<Subscription> {
    let active = subscriptions::active_entitlement_counts(&state.db, &row.customer_id).await?;
    to_resource(row, active.get(&row.id).copied().unwrap_or(0), state.clock.now())
}

/// `GET …/subscriptions[?order_id=]`.
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<ListQuery>,
) -> AppResult<JsonResponse<Collection<Subscription>>> {
    let rows = subscriptions::list(&state.db, &customer.id, q.order_id.as_deref()).await?;
    let active: HashMap<String, usize> =
        subscriptions::active_entitlement_counts(&state.db, &customer.id).await?;
    let now = state.clock.now();
    let items = rows
        .iter()
        .map(|row| to_resource(row, active.get(&row.id).copied().unwrap_or(0), now))
        .collect::<AppResult<_>>()?;
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{customer_id}/subscriptions", customer_id = customer.id),
    )))
}

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

fn stale() -> AppError {
    AppError::new(
        ErrorCode::EtagMismatch,
        "The subscription has changed since it was read (the etag is no longer valid). Read it again and review the change.",
    )
}

fn refused(refusal: Refusal, entitlements: &[EntitlementRow]) -> AppError {
    let data = match refusal {
        // The refusal names the Azure subscriptions to cancel first.
        Refusal::AzurePlanHasActiveSubscriptions { .. } => entitlements
            .iter()
            .filter(|e| e.status == SubscriptionStatus::Active)
            .map(|e| {
                FieldError::new("azureEntitlements", format!("{} ({})", e.friendly_name, e.id))
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<_> = data.iter().map(|f| f.message.clone()).collect();
    let mut description = refusal.english();
    if !names.is_empty() {
        description = format!("{description} Active: {}.", names.join(", "));
    }
    AppError::Api { code: refusal.code(), description, data, retry_after: None }
}

/// The changes a PATCH asks for: the fields that differ from the subscription as it is.
fn requested_changes(row: &SubscriptionRow, patch: SubscriptionPatch) -> AppResult<Vec<Change>> {
    let mut changes = Vec::new();
    if let Some(name) = patch.friendly_name.filter(|n| n.trim() != row.friendly_name) {
        changes.push(Change::Rename(name));
    }
    let quantity_change = patch.quantity.filter(|q| *q != row.quantity);
    if let Some(auto_renew) =
        patch.auto_renew_enabled.filter(|a| *a != (row.auto_renew_enabled != 0))
    {
        changes.push(Change::AutoRenew(auto_renew));
    }
    let status_change = match patch.status.filter(|s| *s != row.status) {
        None => None,
        Some(SubscriptionStatus::Suspended) => Some(Change::Suspend),
        Some(SubscriptionStatus::Active) => Some(Change::Reactivate),
        Some(SubscriptionStatus::Deleted) => Some(Change::Cancel),
        Some(SubscriptionStatus::Pending) => {
            return Err(AppError::invalid_field(
                "status",
                "can be set to active, suspended or deleted",
            ));
        }
    };
    if quantity_change.is_some() && status_change.is_some() {
        return Err(AppError::new(
            ErrorCode::QuantityWithStatusChange,
            "Change the quantity and the status in separate requests.",
        ));
    }
    changes.extend(quantity_change.map(Change::Quantity));
    changes.extend(status_change);
    Ok(changes)
}

/// `PATCH …/subscriptions/{id}` with `If-Match`: rename, change quantity, turn auto-renew on or
/// off, suspend, reactivate or cancel. All the requested changes apply, or none.
pub async fn patch(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
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
    // A suspension the partner made (for non-payment, say) is the partner's to lift.
    if changes.contains(&Change::Reactivate)
        && !may_lift_suspension(row.suspension_reason.as_deref(), user.partner_id.is_some())
    {
        return Err(AppError::new(
            ErrorCode::SuspendedByPartner,
            "Your partner suspended this subscription, so only your partner can reactivate it: contact them.",
        ));
    }

    let now = state.clock.now();
    let entitlements = subscriptions::entitlements(&state.db, &row.id).await?;
    let active = entitlements.iter().filter(|e| e.status == SubscriptionStatus::Active).count();
    let rules = lifecycle(&row, active)?;
    for change in &changes {
        rules.check(change, now).map_err(|refusal| refused(refusal, &entitlements))?;
    }

    let now_text = timestamp::to_text(now);
    let pricing = pricing(&row)?;
    let mut update = Update::default();
    let mut events: Vec<Recorded> = Vec::new();
    let mut tx = begin_write(&state.db).await?;
    for change in &changes {
        let recorded = match change {
            Change::Rename(name) => {
                update.friendly_name = Some(name.trim());
                Recorded {
                    kind: EventKind::Renamed,
                    old_value: Some(row.friendly_name.clone()),
                    new_value: Some(name.trim().to_owned()),
                    amount: None,
                }
            }
            Change::Quantity(quantity) => {
                update.quantity = Some(*quantity);
                Recorded {
                    kind: EventKind::QuantityChanged,
                    old_value: Some(row.quantity.to_string()),
                    new_value: Some(quantity.to_string()),
                    amount: pricing.quantity_change(row.quantity, *quantity, now.date()),
                }
            }
            Change::AutoRenew(on) => {
                update.auto_renew_enabled = Some(*on);
                Recorded {
                    kind: EventKind::AutoRenewChanged,
                    old_value: Some((!on).to_string()),
                    new_value: Some(on.to_string()),
                    amount: None,
                }
            }
            Change::Suspend => {
                update.status = Some(SubscriptionStatus::Suspended);
                update.suspension_reason = Some(if user.partner_id.is_some() {
                    PARTNER_INITIATED
                } else {
                    "CustomerInitiated"
                });
                Recorded {
                    kind: EventKind::Suspended,
                    old_value: Some(row.status.to_string()),
                    new_value: Some(SubscriptionStatus::Suspended.to_string()),
                    amount: None,
                }
            }
            Change::Reactivate => {
                update.status = Some(SubscriptionStatus::Active);
                Recorded {
                    kind: EventKind::Reactivated,
                    old_value: Some(row.status.to_string()),
                    new_value: Some(SubscriptionStatus::Active.to_string()),
                    amount: None,
                }
            }
            Change::Cancel => {
                update.status = Some(SubscriptionStatus::Deleted);
                let refund = match rules.refund_window(now) {
                    Some(refund) => {
                        let history: Vec<_> = subscriptions::events(&mut *tx, &row.id)
                            .await?
                            .iter()
                            .map(event_resource)
                            .collect();
                        charged_so_far(&history).and_then(|charged| {
                            pricing.cancellation_refund(refund, charged, row.quantity, now.date())
                        })
                    }
                    None => None,
                };
                Recorded {
                    kind: EventKind::Cancelled,
                    old_value: Some(row.status.to_string()),
                    new_value: Some(SubscriptionStatus::Deleted.to_string()),
                    amount: refund,
                }
            }
        };
        events.push(recorded);
    }
    if !subscriptions::update(&mut tx, &row.id, version, &update).await? {
        return Err(stale());
    }
    for Recorded { kind, old_value, new_value, amount } in &events {
        subscriptions::insert_event(
            &mut tx,
            &NewEvent {
                subscription_id: &row.id,
                customer_id: &row.customer_id,
                occurred_at: &now_text,
                actor_id: Some(&user.id),
                actor_name: &user.display_name,
                kind: *kind,
                old_value: old_value.as_deref(),
                new_value: new_value.as_deref(),
                amount: *amount,
                currency_code: amount.map(|_| row.currency.code),
            },
        )
        .await?;
    }
    tx.commit().await?;
    let row = find(&state, &customer, &subscription_id).await?;
    Ok(JsonResponse(resource(&state, &row).await?))
}

/// A change as the history records it.
struct Recorded {
    kind: EventKind,
    old_value: Option<String>,
    new_value: Option<String>,
    /// The charge (+) or refund (−) it causes.
    amount: Option<Amount>,
}

pub(crate) fn event_resource(row: &EventRow) -> SubscriptionEvent {
    SubscriptionEvent {
        id: row.id.clone(),
        occurred_at: row.occurred_at.clone(),
        actor: row.actor_name.clone(),
        kind: row.kind,
        old_value: row.old_value.clone(),
        new_value: row.new_value.clone(),
        amount: row.amount.map(Amount::from_ten_thousandths),
        currency_code: row.currency_code.clone(),
        attributes: Attributes::of("SubscriptionEvent"),
    }
}

/// `GET …/subscriptions/{id}/history` (our extension): every change, oldest first.
pub async fn history(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Collection<SubscriptionEvent>>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let events = subscriptions::events(&state.db, &row.id).await?;
    Ok(JsonResponse(Collection::page(
        events.iter().map(event_resource).collect(),
        format!(
            "/customers/{customer_id}/subscriptions/{subscription_id}/history",
            customer_id = customer.id
        ),
    )))
}

/// `GET …/subscriptions/{planId}/azureEntitlements`: the Azure subscriptions of a plan.
pub async fn azure_entitlements(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Collection<AzureEntitlement>>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let rows = subscriptions::entitlements(&state.db, &row.id).await?;
    Ok(JsonResponse(Collection::page(
        rows.iter().map(entitlement_resource).collect(),
        format!(
            "/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements",
            customer_id = customer.id
        ),
    )))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAzureSubscription {
    friendly_name: String,
}

fn check_name(name: &str) -> AppResult<String> {
    match lifecycle::check_name(name) {
        Ok(name) => Ok(name.to_owned()),
        Err(Refusal::NameTooLong { max }) => Err(AppError::invalid_field(
            "friendlyName",
            format!("must be at most {max} characters"),
        )),
        Err(_) => Err(AppError::invalid_field("friendlyName", "is required")),
    }
}

/// The plan must be an active Azure plan to have Azure subscriptions added or cancelled.
fn require_active_plan(row: &SubscriptionRow) -> AppResult<()> {
    if !is_azure_plan(row) {
        return Err(AppError::new(
            ErrorCode::ChangeRefused,
            "Only an Azure plan has Azure subscriptions.",
        ));
    }
    match row.status {
        SubscriptionStatus::Active => Ok(()),
        SubscriptionStatus::Suspended => Err(refused(Refusal::Suspended, &[])),
        SubscriptionStatus::Deleted => Err(refused(Refusal::Deleted, &[])),
        SubscriptionStatus::Pending => Err(refused(Refusal::StillProvisioning, &[])),
    }
}

async fn record_plan_event(
    tx: &mut sqlx::AnyConnection,
    row: &SubscriptionRow,
    user: &User,
    now: &str,
    kind: EventKind,
    name: &str,
) -> sqlx::Result<()> {
    subscriptions::insert_event(
        tx,
        &NewEvent {
            subscription_id: &row.id,
            customer_id: &row.customer_id,
            occurred_at: now,
            actor_id: Some(&user.id),
            actor_name: &user.display_name,
            kind,
            old_value: None,
            new_value: Some(name),
            amount: None,
            currency_code: None,
        },
    )
    .await
}

/// `POST …/subscriptions/{planId}/azureEntitlements` (our extension) `{friendlyName}` → 201:
/// another Azure subscription under the plan. The same request sent again (same `MS-RequestId`)
/// answers 200 with the Azure subscription it created the first time.
pub async fn add_azure_entitlement(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    Extension(ids): Extension<RequestIds>,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(body): Json<NewAzureSubscription>,
) -> AppResult<(StatusCode, JsonResponse<AzureEntitlement>)> {
    let row = find(&state, &customer, &subscription_id).await?;
    let created_before = || async {
        let existing =
            subscriptions::entitlement_by_request(&state.db, &row.id, &ids.request_id).await?;
        Ok::<_, AppError>(
            existing.map(|e| (StatusCode::OK, JsonResponse(entitlement_resource(&e)))),
        )
    };
    if let Some(answer) = created_before().await? {
        return Ok(answer);
    }
    require_active_plan(&row)?;
    let name = check_name(&body.friendly_name)?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = timestamp::to_text(state.clock.now());
    let mut tx = begin_write(&state.db).await?;
    let new = NewEntitlement {
        id: &id,
        subscription_id: &row.id,
        customer_id: &row.customer_id,
        name: &name,
        request_id: &ids.request_id,
        now: &now,
    };
    if subscriptions::insert_entitlement(&mut tx, &new).await.unless_duplicate()?.is_none() {
        // The same request, running at the same time, got there first.
        drop(tx);
        return created_before().await?.ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("a duplicate Azure subscription that is not there"))
        });
    }
    record_plan_event(&mut tx, &row, &user, &now, EventKind::AzureSubscriptionAdded, &name).await?;
    tx.commit().await?;
    let created = EntitlementRow {
        id,
        subscription_id: row.id,
        friendly_name: name,
        status: SubscriptionStatus::Active,
    };
    Ok((StatusCode::CREATED, JsonResponse(entitlement_resource(&created))))
}

/// `POST …/subscriptions/{planId}/azureEntitlements/{id}/cancel`: cancels one Azure subscription.
/// One already cancelled is answered as it is, so a retried request changes nothing.
pub async fn cancel_azure_entitlement(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    Path((_, subscription_id, entitlement_id)): Path<(String, String, String)>,
) -> AppResult<JsonResponse<AzureEntitlement>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let existing = subscriptions::entitlements(&state.db, &row.id).await?;
    let Some(entitlement) = existing.into_iter().find(|e| e.id == entitlement_id) else {
        return Err(AppError::new(
            ErrorCode::EntitlementNotFound,
            format!("No Azure subscription '{entitlement_id}' under this plan."),
        ));
    };
    if entitlement.status == SubscriptionStatus::Deleted {
        return Ok(JsonResponse(entitlement_resource(&entitlement)));
    }
    require_active_plan(&row)?;
    let now = timestamp::to_text(state.clock.now());
    let mut tx = begin_write(&state.db).await?;
    let cancelled = EntitlementRow { status: SubscriptionStatus::Deleted, ..entitlement };
    if !subscriptions::cancel_entitlement(&mut tx, &row.id, &cancelled.id).await? {
        // Cancelled meanwhile by the same request sent twice, or by someone else.
        return Ok(JsonResponse(entitlement_resource(&cancelled)));
    }
    record_plan_event(
        &mut tx,
        &row,
        &user,
        &now,
        EventKind::AzureSubscriptionCancelled,
        &cancelled.friendly_name,
    )
    .await?;
    tx.commit().await?;
    Ok(JsonResponse(entitlement_resource(&cancelled)))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisioningStatus {
    sku_id: String,
    status: &'static str,
    quantity: i64,
    end_date: String,
    attributes: Attributes,
}

/// `GET …/subscriptions/{id}/provisioningstatus`.
pub async fn provisioning_status(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<ProvisioningStatus>> {
    let row = find(&state, &customer, &subscription_id).await?;
    let status = match row.status {
        SubscriptionStatus::Pending => "pending",
        _ => "success",
    };
    Ok(JsonResponse(ProvisioningStatus {
        sku_id: format!("{}:{}", row.product_id, row.sku_id),
        status,
        quantity: row.quantity,
        end_date: row.commitment_end_date.clone(),
        attributes: Attributes::of("SubscriptionProvisioningStatus"),
    }))
}

/// `POST …/subscriptions/{id}/registrations` → 202 with `Location` to the registration status,
/// which the background worker moves from `registering` to `registered`.
pub async fn register(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<Purchase>,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let row = find(&state, &customer, &subscription_id).await?;
    require_active_plan(&row)?;
    subscriptions::request_registration(&state.db, &row.id, &timestamp::to_text(state.clock.now()))
        .await?;
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

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationStatus {
    subscription_id: String,
    status: String,
    attributes: Attributes,
}

/// `GET …/subscriptions/{id}/registrationstatus`: `notregistered`, `registering` or `registered`.
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

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportContact {
    support_tenant_id: String,
    support_mpn_id: String,
    name: String,
    #[serde(default, skip_deserializing)]
    links: Option<SupportContactLinks>,
    #[serde(default, skip_deserializing)]
    attributes: Option<Attributes>,
}

#[derive(Debug, Serialize)]
pub struct SupportContactLinks {
    #[serde(rename = "self")]
    self_link: Link,
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
pub async fn set_support_contact(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(body): Json<SupportContact>,
) -> AppResult<JsonResponse<SupportContact>> {
    if user.partner_id.is_none() {
        return Err(AppError::forbidden("change the support contact: it is the partner's to set"));
    }
    let row = find(&state, &customer, &subscription_id).await?;
    let mut problems = Vec::new();
    if uuid::Uuid::parse_str(body.support_tenant_id.trim()).is_err() {
        problems.push(FieldError::new("supportTenantId", "must be a tenant id (a GUID)"));
    }
    let mpn = body.support_mpn_id.trim();
    if mpn.is_empty() || mpn.len() > 10 || !mpn.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(FieldError::new("supportMpnId", "must be an MPN id of 1 to 10 digits"));
    }
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        problems.push(FieldError::new("name", "is required, at most 100 characters"));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid_fields(problems));
    }
    let tenant = body.support_tenant_id.trim().to_owned();
    subscriptions::set_support_contact(
        &state.db,
        &row.id,
        &tenant,
        mpn,
        name,
        &timestamp::to_text(state.clock.now()),
    )
    .await?;
    Ok(JsonResponse(support_contact_resource(
        &customer.id,
        &subscription_id,
        tenant,
        mpn.to_owned(),
        name.to_owned(),
    )))
}
