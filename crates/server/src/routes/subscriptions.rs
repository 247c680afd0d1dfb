//! Subscriptions: `/v1/customers/{customerId}/subscriptions…` (reading; changes come with the
//! subscriptions issue).

use axum::Json;
use axum::extract::{Path, State};
use portal_domain::subscription::{
    AzureEntitlement, BillingType, Subscription, SubscriptionLinks, SubscriptionStatus,
};
use portal_domain::{Attributes, BillingCycle, Collection, ErrorCode, Link};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::routes::customers::visible;
use crate::state::AppState;
use crate::store::subscriptions::{self, EntitlementRow, SubscriptionRow, parse_unit_type};

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

fn status(text: &str) -> SubscriptionStatus {
    match text {
        "active" => SubscriptionStatus::Active,
        "suspended" => SubscriptionStatus::Suspended,
        "deleted" => SubscriptionStatus::Deleted,
        _ => SubscriptionStatus::Pending,
    }
}

fn to_resource(row: &SubscriptionRow) -> Subscription {
    let base = format!("/customers/{}/subscriptions/{}", row.customer_id, row.id);
    Subscription {
        id: row.id.clone(),
        offer_id: row.offer_id.clone(),
        offer_name: row.offer_name.clone(),
        friendly_name: row.friendly_name.clone(),
        quantity: row.quantity,
        unit_type: parse_unit_type(&row.unit_type),
        billing_type: if row.billing_type == "usage" {
            BillingType::Usage
        } else {
            BillingType::License
        },
        billing_cycle: row.billing_cycle.parse().unwrap_or(BillingCycle::Monthly),
        term_duration: row.term_duration.clone(),
        status: status(&row.status),
        auto_renew_enabled: row.auto_renew_enabled != 0,
        is_trial: row.is_trial != 0,
        creation_date: row.created_at.clone(),
        effective_start_date: row.effective_start_date.clone(),
        commitment_end_date: row.commitment_end_date.clone(),
        order_id: row.order_id.clone(),
        links: SubscriptionLinks {
            self_link: Link::get(base),
            offer: Link::get(format!("/customers/{}/products/{}", row.customer_id, row.product_id)),
        },
        attributes: Attributes {
            object_type: "Subscription".to_owned(),
            etag: Some(row.version.to_string()),
        },
    }
}

fn entitlement_resource(row: &EntitlementRow) -> AzureEntitlement {
    AzureEntitlement {
        id: row.id.clone(),
        friendly_name: row.friendly_name.clone(),
        status: status(&row.status),
        subscription_id: row.subscription_id.clone(),
        attributes: Attributes::of("AzureEntitlement"),
    }
}

/// `GET …/subscriptions[?order_id=]`.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Path(customer_id): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Collection<Subscription>>> {
    let customer = visible(&state, &user, &customer_id).await?;
    let rows = subscriptions::list(&state.db, &customer.id, q.order_id.as_deref()).await?;
    Ok(Json(Collection::page(
        rows.iter().map(to_resource).collect(),
        format!("/customers/{customer_id}/subscriptions"),
    )))
}

pub async fn get(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Path((customer_id, subscription_id)): Path<(String, String)>,
) -> AppResult<Json<Subscription>> {
    let customer = visible(&state, &user, &customer_id).await?;
    let row = subscriptions::find(&state.db, &customer.id, &subscription_id)
        .await?
        .ok_or_else(|| subscription_not_found(&subscription_id))?;
    Ok(Json(to_resource(&row)))
}

/// `GET …/subscriptions/{subscriptionId}/azureEntitlements`: the Azure subscriptions of a plan.
pub async fn azure_entitlements(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Path((customer_id, subscription_id)): Path<(String, String)>,
) -> AppResult<Json<Collection<AzureEntitlement>>> {
    let customer = visible(&state, &user, &customer_id).await?;
    subscriptions::find(&state.db, &customer.id, &subscription_id)
        .await?
        .ok_or_else(|| subscription_not_found(&subscription_id))?;
    let rows = subscriptions::entitlements(&state.db, &subscription_id).await?;
    Ok(Json(Collection::page(
        rows.iter().map(entitlement_resource).collect(),
        format!("/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements"),
    )))
}
