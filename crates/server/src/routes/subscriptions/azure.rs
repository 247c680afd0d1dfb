//! The Azure subscriptions of an Azure plan: `…/subscriptions/{planId}/azureEntitlements…`.

use axum::Json as JsonResponse;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use portal_domain::lifecycle::Refusal;
use portal_domain::subscription::{AzureEntitlement, EventKind, SubscriptionStatus};
use portal_domain::{Attributes, Collection, ErrorCode};
use serde::Deserialize;

use super::find;

use crate::auth::access::{Allowed, Purchase, VisibleCustomer};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::identity::User;
use crate::lifecycle::{is_azure_plan, refused};
use crate::request_ids::RequestIds;
use crate::state::AppState;
use crate::store::OnDuplicate;
use crate::store::activity::{self, Actor, Entry};
use crate::store::subscriptions::{
    self, EntitlementRow, NewEntitlement, NewEvent, SubscriptionRow,
};
use crate::timestamp;

/// `GET …/subscriptions/{planId}/azureEntitlements`: the Azure subscriptions of a plan.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/azureEntitlements",
    operation_id = "listAzureEntitlements",
    tag = "Subscriptions",
    summary = "List the Azure subscriptions under an Azure plan",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure plan's subscription id", example = "5ab0c0e1-0000-4000-8000-00000000a001")),
    responses(
        (status = 200, description = "The Azure subscriptions", body = Collection<AzureEntitlement>),
        (status = 404, description = "No such Azure plan for this customer", body = portal_domain::ApiErrorBody),
    )
)]
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

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(examples(json!({"friendlyName": "Contoso Staging"})))]
#[serde(rename_all = "camelCase")]
pub struct NewAzureSubscription {
    friendly_name: String,
}

fn check_name(name: &str) -> AppResult<String> {
    match portal_domain::lifecycle::check_name(name) {
        Ok(name) => Ok(name.to_owned()),
        Err(Refusal::NameTooLong { max }) => Err(AppError::invalid_field(
            "friendlyName",
            format!("must be at most {max} characters"),
        )),
        Err(_) => Err(AppError::invalid_field("friendlyName", "is required")),
    }
}

/// The plan must be an active Azure plan to have Azure subscriptions added or cancelled.
pub(super) fn require_active_plan(row: &SubscriptionRow) -> AppResult<()> {
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

/// Records the change in the plan's history and in the activity log, in its transaction.
async fn record_plan_event(
    tx: &mut sqlx::AnyConnection,
    row: &SubscriptionRow,
    (user, actor): (&User, &Actor),
    now: DateTime<Utc>,
    kind: EventKind,
    name: &str,
) -> sqlx::Result<()> {
    let entry = Entry {
        action: kind.activity(),
        customer_id: Some(&row.customer_id),
        partner_id: None,
        target_id: &row.id,
        target_name: &row.friendly_name,
        before: None,
        after: Some(name.to_owned()),
    };
    activity::record(&mut *tx, actor, entry, now).await?;
    let now = timestamp::to_text(now);
    subscriptions::insert_event(
        tx,
        &NewEvent {
            subscription_id: &row.id,
            customer_id: &row.customer_id,
            occurred_at: &now,
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
#[utoipa::path(
    post,
    path = "/subscriptions/{subscription_id}/azureEntitlements",
    operation_id = "addAzureEntitlement",
    tag = "Subscriptions",
    summary = "Create another Azure subscription under an Azure plan (our extension)",
    description = "Sent again with the same `MS-RequestId`, it answers 200 with the Azure subscription the first request made.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure plan's subscription id", example = "5ab0c0e1-0000-4000-8000-00000000a001"), ("MS-RequestId" = Option<String>, Header, description = "Makes a retry answer the first request's result")),
    request_body = NewAzureSubscription,
    responses(
        (status = 201, description = "The new Azure subscription", body = AzureEntitlement),
        (status = 200, description = "The one the same request made before", body = AzureEntitlement),
        (status = 404, description = "No such Azure plan for this customer", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The plan is not active", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn add_azure_entitlement(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    actor: Actor,
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
        status: SubscriptionStatus::Active,
        request_id: Some(&ids.request_id),
        now: &now,
    };
    if subscriptions::insert_entitlement(&mut tx, &new).await.unless_duplicate()?.is_none() {
        // The same request, running at the same time, got there first.
        drop(tx);
        return created_before().await?.ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("a duplicate Azure subscription that is not there"))
        });
    }
    let event = EventKind::AzureSubscriptionAdded;
    record_plan_event(&mut tx, &row, (&user, &actor), state.clock.now(), event, &name).await?;
    tx.commit().await?;
    let created = EntitlementRow {
        id,
        subscription_id: row.id,
        friendly_name: name,
        status: SubscriptionStatus::Active,
        // Added here, it lives in the global Azure cloud (the column's default).
        cloud: portal_domain::azure_stack::AzureCloud::Public,
    };
    Ok((StatusCode::CREATED, JsonResponse(entitlement_resource(&created))))
}

/// `POST …/subscriptions/{planId}/azureEntitlements/{id}/cancel`: cancels one Azure subscription.
/// One already cancelled is answered as it is, so a retried request changes nothing.
#[utoipa::path(
    post,
    path = "/subscriptions/{subscription_id}/azureEntitlements/{entitlement_id}/cancel",
    operation_id = "cancelAzureEntitlement",
    tag = "Subscriptions",
    summary = "Cancel an Azure subscription",
    description = "One cancelled already is answered as it is.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure plan's subscription id", example = "5ab0c0e1-0000-4000-8000-00000000a001"), ("entitlement_id" = String, Path, description = "The Azure subscription's id")),
    responses(
        (status = 200, description = "The Azure subscription, cancelled", body = AzureEntitlement),
        (status = 404, description = "No such Azure subscription", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn cancel_azure_entitlement(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    actor: Actor,
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
    let mut tx = begin_write(&state.db).await?;
    let cancelled = EntitlementRow { status: SubscriptionStatus::Deleted, ..entitlement };
    if !subscriptions::cancel_entitlement(&mut tx, &row.id, &cancelled.id).await? {
        // Cancelled meanwhile by the same request sent twice, or by someone else.
        return Ok(JsonResponse(entitlement_resource(&cancelled)));
    }
    record_plan_event(
        &mut tx,
        &row,
        (&user, &actor),
        state.clock.now(),
        EventKind::AzureSubscriptionCancelled,
        &cancelled.friendly_name,
    )
    .await?;
    tx.commit().await?;
    Ok(JsonResponse(entitlement_resource(&cancelled)))
}

fn entitlement_resource(row: &EntitlementRow) -> AzureEntitlement {
    AzureEntitlement {
        id: row.id.clone(),
        friendly_name: row.friendly_name.clone(),
        status: row.status,
        subscription_id: row.subscription_id.clone(),
        cloud: row.cloud,
        attributes: Attributes::of("AzureEntitlement"),
    }
}
