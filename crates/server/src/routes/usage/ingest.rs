//! Usage coming in: `POST /v1/usage/records` with an API key (our extension).

use std::collections::HashMap;

use axum::Json as JsonResponse;
use axum::extract::State;
use portal_domain::azure_stack::{BillingModel, RegistrationStatus};
use portal_domain::billing::parse_day;
use portal_domain::usage::{self, IngestionResult, Rejection, UsageRecordInput};
use portal_domain::{Attributes, BillingPeriod};
use serde_json::Value;

use super::budget::raise_alerts;

use crate::auth::ApiKeyCaller;
use crate::catalog;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, from_value};
use crate::state::AppState;
use crate::store::azure_stack::{self, RegistrationRow};
use crate::store::usage::{self as store, NewRecord, UsageTarget};
use crate::timestamp;

/// A record's customer as the key sees it: its currency, or why the record is refused.
async fn customer_currency(
    state: &AppState,
    caller: &ApiKeyCaller,
    customer_id: &str,
    cache: &mut HashMap<String, Option<String>>,
) -> AppResult<Option<String>> {
    if let Some(known) = cache.get(customer_id) {
        return Ok(known.clone());
    }
    let currency = caller.customer_currency(&state.db, customer_id).await?;
    cache.insert(customer_id.to_owned(), currency.clone());
    Ok(currency)
}

/// The registration an Azure Stack Hub record is reported by (`Ok(None)` for other meters), or
/// why the record is refused: Azure Stack Hub meters come from a live, activated pay-as-you-use
/// registration of the customer, under the record's Azure subscription; other meters name none.
async fn azure_stack_registration(
    state: &AppState,
    record: &UsageRecordInput,
    azure_stack_meter: bool,
    target: &UsageTarget,
    cache: &mut HashMap<(String, String), Option<RegistrationRow>>,
) -> AppResult<Result<Option<String>, &'static str>> {
    let cloud_id = record.azure_stack_cloud_id.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let cloud_id = match (azure_stack_meter, cloud_id) {
        (false, None) => return Ok(Ok(None)),
        (false, Some(_)) => {
            return Ok(Err("is only for Azure Stack Hub meters: leave it out for Azure usage"));
        }
        (true, None) => {
            return Ok(Err(
                "is required for Azure Stack Hub meters: the cloud ID of the registered deployment that reports the usage",
            ));
        }
        (true, Some(cloud_id)) => cloud_id,
    };
    let key = (record.customer_id.clone(), cloud_id.to_ascii_lowercase());
    if !cache.contains_key(&key) {
        let found =
            azure_stack::live_for_customer_cloud(&state.db, &record.customer_id, cloud_id).await?;
        cache.insert(key.clone(), found);
    }
    let Some(registration) = &cache[&key] else {
        return Ok(Err("is not a deployment registered for this customer: register it first"));
    };
    if registration.billing_model != BillingModel::PayAsYouUse {
        return Ok(Err(
            "is registered with another billing model than pay-as-you-use: its usage is not billed",
        ));
    }
    if registration.status != RegistrationStatus::Activated {
        return Ok(Err("is registered but not activated yet: usage counts once it is activated"));
    }
    if target.entitlement_id.as_deref() != Some(registration.azure_subscription_id.as_str()) {
        return Ok(Err(
            "is registered under another Azure subscription: send its usage with that subscriptionId",
        ));
    }
    Ok(Ok(Some(registration.id.clone())))
}

/// Why a target cannot take usage, if it cannot.
fn inactive(target: &UsageTarget) -> Option<&'static str> {
    if target.plan_status != "active" {
        Some("the Azure plan is not active (suspended or cancelled): usage is not accepted for it")
    } else if target.entitlement_status.as_deref().is_some_and(|s| s != "active") {
        Some("the Azure subscription is cancelled: usage is not accepted for it")
    } else {
        None
    }
}

/// What `ingest` reads, for the API's description: the handler reads each record on its own,
/// so that one invalid record is rejected with its reason and the others are kept.
#[derive(utoipa::ToSchema)]
#[schema(examples(json!({
    "records": [
        {
            "id": "contoso-prod-2026-11-20-0001",
            "customerId": "3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01",
            "subscriptionId": "c0a2e5b1-7d3f-4e6a-9b8c-000000000001",
            "meterId": "a1f3c6d2-0001-4e2b-9d61-7c0e5b2a9f01",
            "quantity": 24,
            "usageDate": "2026-11-20",
            "resourceGroup": "web",
            "resourceLocation": "francecentral"
        }
    ]
})))]
#[allow(dead_code)]
struct UsageBatch {
    /// From 1 to 5,000 records.
    #[schema(min_items = 1, max_items = 5000)]
    records: Vec<UsageRecordInput>,
}

/// `POST /v1/usage/records` `{records: [...]}` (at most 5,000): every valid record is rated
/// and stored; a record whose id was received before is counted as a duplicate and not stored
/// again; each invalid one is rejected with the field and the reason.
#[utoipa::path(
    post,
    path = "/usage/records",
    operation_id = "sendUsageRecords",
    tag = "Usage",
    summary = "Send usage records",
    description = "Every valid record is rated and stored; one whose id was received before is counted as a duplicate and not stored again; each invalid one is rejected with the field and the reason.",
    security(("apiKey" = [])),
    request_body = UsageBatch,
    responses(
        (status = 200, description = "What was accepted, duplicate and rejected, and why", body = IngestionResult),
        (status = 400, description = "`records` is missing, empty or holds more than 5,000", body = portal_domain::ApiErrorBody),
        (status = 401, description = "No API key, or an unknown or revoked one", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn ingest(
    State(state): State<AppState>,
    caller: ApiKeyCaller,
    Json(body): Json<Value>,
) -> AppResult<JsonResponse<IngestionResult>> {
    let Some(records) = body.get("records").and_then(Value::as_array) else {
        return Err(AppError::invalid_field("records", "is required: a list of usage records"));
    };
    if records.is_empty() || records.len() > usage::MAX_BATCH {
        return Err(AppError::invalid_field(
            "records",
            format!("must hold from 1 to {} records", usage::MAX_BATCH),
        ));
    }
    let now = state.clock.now();
    let (received_at, today) = (timestamp::to_text(now), now.date_naive());
    let mut rejections = Vec::new();
    let mut customers = HashMap::new();
    let mut targets: HashMap<(String, String), Option<UsageTarget>> = HashMap::new();
    let mut registrations = HashMap::new();
    // Checked and rated first, then written in one transaction.
    let mut ready = Vec::with_capacity(records.len());
    for (index, value) in records.iter().enumerate() {
        let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        let reject = |field: &str, reason: &str| Rejection {
            index,
            id: id.clone(),
            field: field.to_owned(),
            reason: reason.to_owned(),
        };
        let record: UsageRecordInput = match from_value(value.clone()) {
            Ok(record) => record,
            Err(e) => {
                rejections.push(reject(&e.field, &e.message));
                continue;
            }
        };
        let day = match usage::check_record(&record, today) {
            Ok(day) => day,
            Err(problem) => {
                rejections.push(reject(problem.field, &problem.reason));
                continue;
            }
        };
        let Some(currency) =
            customer_currency(&state, &caller, &record.customer_id, &mut customers).await?
        else {
            rejections
                .push(reject("customerId", "is not a customer this API key may send usage for"));
            continue;
        };
        let key = (record.customer_id.clone(), record.subscription_id.clone());
        if !targets.contains_key(&key) {
            let found =
                store::usage_target(&state.db, &record.customer_id, &record.subscription_id)
                    .await?;
            targets.insert(key.clone(), found);
        }
        let Some(target) = targets[&key].clone() else {
            rejections.push(reject(
                "subscriptionId",
                "is not an Azure subscription or Azure plan of this customer",
            ));
            continue;
        };
        if let Some(reason) = inactive(&target) {
            rejections.push(reject("subscriptionId", reason));
            continue;
        }
        let Some((meter, price)) = catalog::meter_price(&record.meter_id, &currency) else {
            rejections.push(reject("meterId", "is not a meter this portal rates"));
            continue;
        };
        let registration = match azure_stack_registration(
            &state,
            &record,
            meter.azure_stack,
            &target,
            &mut registrations,
        )
        .await?
        {
            Ok(registration) => registration,
            Err(reason) => {
                rejections.push(reject("azureStackCloudId", reason));
                continue;
            }
        };
        let cost = match usage::rate(price, record.quantity) {
            Ok(cost) => cost,
            Err(problem) => {
                rejections.push(reject(problem.field, &problem.reason));
                continue;
            }
        };
        ready.push((record, day, target, meter, price, cost, currency, registration));
    }

    let usage_dates: Vec<String> = ready.iter().map(|(_, day, ..)| day.to_string()).collect();
    let rows: Vec<NewRecord<'_>> = ready
        .iter()
        .zip(&usage_dates)
        .map(|((record, _, target, meter, price, cost, currency, registration), usage_date)| {
            NewRecord {
                partner_id: &caller.partner_id,
                id: record.id.trim(),
                customer_id: &record.customer_id,
                plan_id: &target.plan_id,
                entitlement_id: target.entitlement_id.as_deref(),
                meter_id: meter.id,
                // The meter id decides the price, so the catalog's names go with it: every record of
                // a meter is charted and listed under one name, whatever the sender called it.
                meter_name: meter.name,
                meter_category: meter.category,
                unit: meter.unit,
                resource_uri: &record.resource_uri,
                resource_group: &record.resource_group,
                resource_location: &record.resource_location,
                quantity: record.quantity.ten_thousandths(),
                usage_date,
                unit_price: price.ten_thousandths(),
                cost: cost.ten_thousandths(),
                currency_code: currency,
                received_at: &received_at,
                azure_stack_registration_id: registration.as_deref(),
            }
        })
        .collect();
    let mut tx = begin_write(&state.db).await?;
    let accepted = store::record_batch(&mut tx, &rows).await.map_err(|e| match e {
        store::BatchError::Database(e) => AppError::from(e),
        too_large => AppError::invalid_field(
            "quantity",
            format!("is too large: {too_large}; nothing in this batch was recorded"),
        ),
    })?;
    // Usage of this month may have passed a budget threshold.
    let this_month = BillingPeriod::containing(today);
    let mut customers: Vec<&str> = rows
        .iter()
        .filter(|r| parse_day(r.usage_date).is_some_and(|d| d >= this_month.start))
        .map(|r| r.customer_id)
        .collect();
    customers.sort_unstable();
    customers.dedup();
    for customer_id in customers {
        raise_alerts(&mut tx, customer_id, this_month, &received_at).await?;
    }
    tx.commit().await?;
    state.metrics.usage_received(accepted, ready.len() - accepted, rejections.len());
    Ok(JsonResponse(IngestionResult {
        accepted,
        duplicates: ready.len() - accepted,
        rejected: rejections.len(),
        rejections,
        attributes: Attributes::of("UsageIngestionResult"),
    }))
}
