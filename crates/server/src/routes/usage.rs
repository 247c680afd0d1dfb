//! Usage: API keys (`/v1/apikeys`, partner global admins) and the ingestion of rated usage
//! records (`POST /v1/usage/records`, with an API key), both our extensions; the spending budget
//! and the customer's usage summary (Partner Center §3.5, §3.6).

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing;
use std::collections::HashMap;

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_domain::billing::parse_day;
use portal_domain::subscription::BillingType;
use portal_domain::usage::{
    self, ApiKey, CurrencyTotal, CustomerMonthlyUsageRecord, CustomerUsageSummary, DailyUsage,
    IngestionResult, MeterUsageRecord, NewApiKey, PartnerUsageSummary, Rejection,
    ResourceUsageRecord, SpendingBudget, SubscriptionMonthlyUsageRecord, SubscriptionUsageSummary,
    UsageAlert, UsageRecordInput,
};
use portal_domain::{Amount, Attributes, BillingPeriod, Collection, ErrorCode, Link};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::access::{AdministerCustomer, Allowed, ManageApiKeys, VisibleCustomer};
use crate::auth::{ApiKeyCaller, CurrentUser, session};
use crate::catalog;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query, from_value};
use crate::identity::User;
use crate::paging::page_size;
use crate::state::AppState;
use crate::store::customers::{self, CustomerRow};
use crate::store::subscriptions::{self, SubscriptionRow};
use crate::store::usage::{self as store, ApiKeyRow, NewRecord, ResourcePage, UsageTarget};
use crate::timestamp;

/// API keys, usage coming in, and the partner's views: `/v1/apikeys…`, `/v1/usage/records`,
/// `/v1/usagesummary`, `/v1/usagealerts`, `/v1/customers/usagerecords`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/apikeys", routing::get(list_keys).post(create_key))
        .route("/apikeys/{key_id}", routing::delete(revoke_key))
        // A full batch of 5,000 records is a few megabytes.
        .route(
            "/usage/records",
            routing::post(ingest).layer(DefaultBodyLimit::max(16 * 1024 * 1024)),
        )
        .route("/customers/usagerecords", routing::get(customer_records))
        .route("/usagesummary", routing::get(partner_summary))
        .route("/usagealerts", routing::get(partner_alerts))
}

/// A customer's usage, budget and alerts, mounted under `/v1/customers/{customer_id}`, behind
/// its visibility guard.
pub fn customer_router() -> Router<AppState> {
    Router::new()
        .route("/usagebudget", routing::get(get_budget).patch(set_budget))
        .route("/usagesummary", routing::get(customer_summary))
        .route("/usagesummary/daily", routing::get(daily))
        .route("/usagealerts", routing::get(customer_alerts))
}

/// The usage of a customer's subscriptions (Partner Center §3.5), mounted under
/// `/v1/customers/{customer_id}` with the subscriptions, whose rate limit it shares.
pub fn subscription_router() -> Router<AppState> {
    let one = "/subscriptions/{subscription_id}";
    Router::new()
        .route("/subscriptions/usagerecords", routing::get(subscription_records))
        .route(&format!("{one}/usagesummary"), routing::get(subscription_summary))
        .route(&format!("{one}/meterusagerecords"), routing::get(meter_records))
        .route(&format!("{one}/resourceusagerecords"), routing::get(resource_records))
}

fn key_resource(row: ApiKeyRow, key: Option<String>) -> ApiKey {
    ApiKey {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        customer_id: row.customer_id,
        created_at: row.created_at,
        created_by: row.created_by,
        revoked_at: row.revoked_at,
        key,
        attributes: Attributes::of("ApiKey"),
    }
}

/// `GET /v1/apikeys`: the partner's keys, revoked ones included, without the keys themselves.
pub async fn list_keys(
    State(state): State<AppState>,
    keys_admin: Allowed<ManageApiKeys>,
) -> AppResult<JsonResponse<Collection<ApiKey>>> {
    let partner_id = keys_admin.partner_id()?.to_owned();
    let rows = store::keys(&state.db, &partner_id).await?;
    let items = rows.into_iter().map(|row| key_resource(row, None)).collect();
    Ok(JsonResponse(Collection::page(items, "/apikeys")))
}

/// `POST /v1/apikeys` `{name, customerId?}` → 201 with the key, shown this once.
pub async fn create_key(
    State(state): State<AppState>,
    keys_admin: Allowed<ManageApiKeys>,
    Json(body): Json<NewApiKey>,
) -> AppResult<(StatusCode, JsonResponse<ApiKey>)> {
    let partner_id = keys_admin.partner_id()?.to_owned();
    let name = usage::check_key_name(&body.name)
        .map_err(|v| AppError::invalid_field("name", v.english()))?;
    if let Some(customer_id) = &body.customer_id
        && store::partner_customer_currency(&state.db, &partner_id, customer_id).await?.is_none()
    {
        return Err(AppError::invalid_field("customerId", "is not a customer of this partner"));
    }
    let key = format!("pk_{}", session::new_token());
    let row = ApiKeyRow {
        id: uuid::Uuid::new_v4().to_string(),
        partner_id,
        customer_id: body.customer_id,
        name: name.to_owned(),
        prefix: key.chars().take(10).collect(),
        created_by: keys_admin.user.display_name.clone(),
        created_at: timestamp::to_text(state.clock.now()),
        revoked_at: None,
    };
    store::insert_key(&state.db, &row, &session::hash_token(&key)).await?;
    Ok((StatusCode::CREATED, JsonResponse(key_resource(row, Some(key)))))
}

/// `DELETE /v1/apikeys/{id}` → 204: the key stops working at once. Revoking again is harmless.
pub async fn revoke_key(
    State(state): State<AppState>,
    keys_admin: Allowed<ManageApiKeys>,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let partner_id = keys_admin.partner_id()?.to_owned();
    let now = timestamp::to_text(state.clock.now());
    if store::revoke_key(&state.db, &partner_id, &id, &now).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::new(portal_domain::ErrorCode::NotFound, format!("No API key '{id}'.")))
    }
}

/// A record's customer as the key sees it: its currency, or why the record is refused.
async fn customer_currency(
    state: &AppState,
    caller: &ApiKeyCaller,
    customer_id: &str,
    cache: &mut HashMap<String, Option<String>>,
) -> AppResult<Option<String>> {
    if caller.customer_id.as_deref().is_some_and(|only| only != customer_id) {
        return Ok(None);
    }
    if let Some(known) = cache.get(customer_id) {
        return Ok(known.clone());
    }
    let currency =
        store::partner_customer_currency(&state.db, &caller.partner_id, customer_id).await?;
    cache.insert(customer_id.to_owned(), currency.clone());
    Ok(currency)
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

/// `POST /v1/usage/records` `{records: [...]}` (at most 5,000): every valid record is rated
/// and stored; a record whose id was received before is counted as a duplicate and not stored
/// again; each invalid one is rejected with the field and the reason.
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
    let (received_at, today) = (timestamp::to_text(now), now.date());
    let mut rejections = Vec::new();
    let mut customers = HashMap::new();
    let mut targets: HashMap<(String, String), Option<UsageTarget>> = HashMap::new();
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
        let cost = match usage::rate(price, record.quantity) {
            Ok(cost) => cost,
            Err(problem) => {
                rejections.push(reject(problem.field, &problem.reason));
                continue;
            }
        };
        ready.push((record, day, target, meter, price, cost, currency));
    }

    let usage_dates: Vec<String> = ready.iter().map(|(_, day, ..)| day.to_string()).collect();
    let rows: Vec<NewRecord<'_>> = ready
        .iter()
        .zip(&usage_dates)
        .map(|((record, _, target, meter, price, cost, currency), usage_date)| NewRecord {
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
    Ok(JsonResponse(IngestionResult {
        accepted,
        duplicates: ready.len() - accepted,
        rejected: rejections.len(),
        rejections,
        attributes: Attributes::of("UsageIngestionResult"),
    }))
}

/// Records each budget threshold the customer's usage has passed in `period`, once.
async fn raise_alerts(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    period: BillingPeriod,
    now: &str,
) -> AppResult<()> {
    let (from, to) = days(period);
    let (spent, budget) = store::month_spend_and_budget(tx, customer_id, &from, &to).await?;
    let reached = usage::threshold_reached(
        Amount::from_ten_thousandths(spent),
        budget.map(Amount::from_ten_thousandths),
    );
    let month = period.month_key();
    for threshold in usage::THRESHOLDS.into_iter().filter(|t| reached.is_some_and(|r| *t <= r)) {
        store::raise_alert(tx, customer_id, &month, threshold, now).await?;
    }
    Ok(())
}

fn budget_resource(amount: Option<i64>) -> SpendingBudget {
    SpendingBudget {
        amount: amount.map(Amount::from_ten_thousandths),
        attributes: Attributes::of("SpendingBudget"),
    }
}

/// `GET /v1/customers/{customerId}/usagebudget`.
pub async fn get_budget(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
) -> AppResult<JsonResponse<SpendingBudget>> {
    Ok(JsonResponse(budget_resource(store::budget(&state.db, &customer.id).await?)))
}

/// `PATCH /v1/customers/{customerId}/usagebudget` `{amount}`: a monthly budget of zero or
/// more, or null for none. Customer admins and partner admins only.
pub async fn set_budget(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    Json(body): Json<Value>,
) -> AppResult<JsonResponse<SpendingBudget>> {
    let amount = match body.get("amount") {
        None => {
            return Err(AppError::invalid_field(
                "amount",
                "is required: a number of zero or more, or null to remove the budget",
            ));
        }
        Some(Value::Null) => None,
        Some(value) => {
            let amount: Amount = from_value(value.clone())
                .map_err(|_| AppError::invalid_field("amount", "must be a number such as 500"))?;
            Some(usage::check_budget(amount).map_err(|m| AppError::invalid_field("amount", m))?)
        }
    };
    let stored = amount.map(Amount::ten_thousandths);
    let now = state.clock.now();
    let now_text = timestamp::to_text(now);
    let mut tx = begin_write(&state.db).await?;
    store::set_budget(&mut tx, &customer.id, stored, &now_text).await?;
    // A lower budget may already be passed by this month's usage.
    raise_alerts(&mut tx, &customer.id, BillingPeriod::containing(now.date()), &now_text).await?;
    tx.commit().await?;
    Ok(JsonResponse(budget_resource(stored)))
}

#[derive(Debug, Deserialize)]
pub struct PeriodQuery {
    period: Option<String>,
}

/// The billing period asked for (`?period=2026-10`, our extension), the current one otherwise.
fn period(state: &AppState, asked: Option<&str>) -> AppResult<BillingPeriod> {
    let today = state.clock.now().date();
    match asked {
        None => Ok(BillingPeriod::containing(today)),
        Some(text) => parse_day(&format!("{}-01", text.trim()))
            .filter(|day| text.trim().len() == 7 && *day <= today)
            .map(BillingPeriod::containing)
            .ok_or_else(|| {
                AppError::invalid_field(
                    "period",
                    "must be a month such as 2026-10, not in the future",
                )
            }),
    }
}

/// `GET /v1/customers/{customerId}/usagesummary[?period=YYYY-MM]`: the customer's rated usage
/// in the period, with its budget. A record accepted by the ingestion API counts at once.
pub async fn customer_summary(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<CustomerUsageSummary>> {
    let period = period(&state, q.period.as_deref())?;
    let (from, to) = (period.start.to_string(), period.end.to_string());
    let (total, last) = store::customer_total(&state.db, &customer.id, &from, &to).await?;
    Ok(JsonResponse(CustomerUsageSummary {
        resource_id: customer.id.clone(),
        resource_name: customer.company_name.clone(),
        total_cost: Amount::from_ten_thousandths(total),
        currency_code: customer.currency.clone(),
        budget: budget_resource(store::budget(&state.db, &customer.id).await?),
        billing_start_date: from,
        billing_end_date: to,
        last_modified_date: last,
        attributes: Attributes::of("CustomerUsageSummary"),
    }))
}

/// The customer's Azure plan `subscription_id`, or 404: usage exists only for Azure plans.
async fn azure_plan(
    state: &AppState,
    customer: &CustomerRow,
    subscription_id: &str,
) -> AppResult<SubscriptionRow> {
    subscriptions::find(&state.db, &customer.id, subscription_id)
        .await?
        .filter(|row| row.billing_type == BillingType::Usage)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::SubscriptionNotFound,
                format!("No Azure plan '{subscription_id}' for this customer: usage is reported for Azure plans."),
            )
        })
}

fn days(period: BillingPeriod) -> (String, String) {
    (period.start.to_string(), period.end.to_string())
}

/// `GET …/subscriptions/{subscriptionId}/usagesummary[?period=]`: an Azure plan's usage.
pub async fn subscription_summary(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<SubscriptionUsageSummary>> {
    let plan = azure_plan(&state, &customer, &subscription_id).await?;
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let totals = store::plan_totals(&state.db, &customer.id, &from, &to).await?;
    let total = totals.into_iter().find(|t| t.key == plan.id);
    Ok(JsonResponse(SubscriptionUsageSummary {
        resource_id: plan.id.clone(),
        resource_name: plan.friendly_name.clone(),
        total_cost: Amount::from_ten_thousandths(total.as_ref().map_or(0, |t| t.cost)),
        currency_code: plan.currency.code.to_owned(),
        billing_start_date: from,
        billing_end_date: to,
        last_modified_date: total.and_then(|t| t.last),
        attributes: Attributes::of("SubscriptionUsageSummary"),
    }))
}

/// `GET …/subscriptions/usagerecords[?period=]`: the usage of each of the customer's Azure plans.
pub async fn subscription_records(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<SubscriptionMonthlyUsageRecord>>> {
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let totals = store::plan_totals(&state.db, &customer.id, &from, &to).await?;
    let plans = subscriptions::list(&state.db, &customer.id, None).await?;
    let items = plans
        .into_iter()
        .filter(|row| row.billing_type == BillingType::Usage)
        .map(|row| {
            let total = totals.iter().find(|t| t.key == row.id);
            SubscriptionMonthlyUsageRecord {
                total_cost: Amount::from_ten_thousandths(total.map_or(0, |t| t.cost)),
                last_modified_date: total.and_then(|t| t.last.clone()),
                resource_id: row.id,
                resource_name: row.friendly_name,
                offer_id: row.offer_id,
                status: row.status,
                currency_code: row.currency.code.to_owned(),
                attributes: Attributes::of("SubscriptionMonthlyUsageRecord"),
            }
        })
        .collect();
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{customer_id}/subscriptions/usagerecords", customer_id = customer.id),
    )))
}

/// `GET …/subscriptions/{subscriptionId}/meterusagerecords[?period=]`: usage by meter.
pub async fn meter_records(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<MeterUsageRecord>>> {
    let plan = azure_plan(&state, &customer, &subscription_id).await?;
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let rows = store::meter_totals(&state.db, &plan.id, &from, &to).await?;
    let items = rows
        .into_iter()
        .map(|m| MeterUsageRecord {
            subscription_id: plan.id.clone(),
            meter_id: m.meter_id,
            meter_name: m.meter_name,
            category: m.meter_category,
            unit: m.unit,
            quantity_used: Amount::from_ten_thousandths(m.quantity),
            total_cost: Amount::from_ten_thousandths(m.cost),
            currency_code: plan.currency.code.to_owned(),
            last_modified_date: m.last,
            attributes: Attributes::of("MeterUsageRecord"),
        })
        .collect();
    Ok(JsonResponse(Collection::page(
        items,
        format!(
            "/customers/{customer_id}/subscriptions/{subscription_id}/meterusagerecords",
            customer_id = customer.id
        ),
    )))
}

#[derive(Debug, Deserialize)]
pub struct ResourceQuery {
    period: Option<String>,
    size: Option<i64>,
    offset: Option<i64>,
    /// `totalCost` (default) or `resourceUri`.
    sort: Option<String>,
    /// `desc` (default) or `asc`.
    order: Option<String>,
    filter: Option<String>,
}

const RESOURCE_PAGE_MAX: i64 = 1_000;

/// `GET …/subscriptions/{subscriptionId}/resourceusagerecords[?period=&size=&offset=&sort=&order=&filter=]`:
/// usage by resource, a page at a time (our extensions: `size` up to 1,000, default 100;
/// `offset`; `sort` `totalCost`|`resourceUri`; `order` `desc`|`asc`; `filter` text in the URI).
/// `links.next` is set when another page follows.
pub async fn resource_records(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
    Query(q): Query<ResourceQuery>,
) -> AppResult<JsonResponse<Collection<ResourceUsageRecord>>> {
    let plan = azure_plan(&state, &customer, &subscription_id).await?;
    let month = period(&state, q.period.as_deref())?.month_key();
    let size = page_size(q.size, 100, RESOURCE_PAGE_MAX)?;
    let offset = q.offset.unwrap_or(0);
    if offset < 0 {
        return Err(AppError::invalid_field("offset", "must be zero or more"));
    }
    let by_cost = match q.sort.as_deref() {
        None => true,
        Some(s) if s.eq_ignore_ascii_case("totalCost") => true,
        Some(s) if s.eq_ignore_ascii_case("resourceUri") => false,
        Some(_) => return Err(AppError::invalid_field("sort", "must be totalCost or resourceUri")),
    };
    let descending = match q.order.as_deref() {
        None => true,
        Some(o) if o.eq_ignore_ascii_case("desc") => true,
        Some(o) if o.eq_ignore_ascii_case("asc") => false,
        Some(_) => return Err(AppError::invalid_field("order", "must be asc or desc")),
    };
    let filter = q.filter.as_deref().map(str::trim).filter(|f| !f.is_empty());
    let page = ResourcePage { filter, by_cost, descending, limit: size + 1, offset };
    let mut rows = store::resource_totals(&state.db, &plan.id, &month, &page).await?;
    let more = rows.len() as i64 > size;
    rows.truncate(size as usize);
    let items = rows
        .into_iter()
        .map(|r| ResourceUsageRecord {
            subscription_id: plan.id.clone(),
            resource_name: usage::resource_name(&r.resource_uri).to_owned(),
            resource_uri: r.resource_uri,
            resource_group_name: r.resource_group,
            entitlement_id: r.entitlement_id,
            entitlement_name: r.entitlement_name,
            total_cost: Amount::from_ten_thousandths(r.cost),
            currency_code: plan.currency.code.to_owned(),
            last_modified_date: r.last,
            attributes: Attributes::of("ResourceUsageRecord"),
        })
        .collect();
    let base = format!(
        "/customers/{customer_id}/subscriptions/{subscription_id}/resourceusagerecords",
        customer_id = customer.id
    );
    let mut collection = Collection::page(items, format!("{base}?size={size}&offset={offset}"));
    if more {
        let mut next = format!("{base}?size={size}&offset={}", offset + size);
        for (name, value) in
            [("period", &q.period), ("sort", &q.sort), ("order", &q.order), ("filter", &q.filter)]
        {
            if let Some(value) = value {
                next.push_str(&format!("&{name}={}", urlencoding_component(value)));
            }
        }
        collection.links.next = Some(Link::get(next));
    }
    Ok(JsonResponse(collection))
}

/// A query-string value with everything but unreserved characters percent-encoded.
fn urlencoding_component(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `GET …/usagesummary/daily[?period=]` (our extension): the customer's usage per day and meter
/// category, for the chart.
pub async fn daily(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<DailyUsage>>> {
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let rows = store::daily_totals(&state.db, &customer.id, &from, &to).await?;
    let items = rows
        .into_iter()
        .map(|(date, category, cost)| DailyUsage {
            date,
            category,
            total_cost: Amount::from_ten_thousandths(cost),
            currency_code: customer.currency.clone(),
            attributes: Attributes::of("DailyUsage"),
        })
        .collect();
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{customer_id}/usagesummary/daily", customer_id = customer.id),
    )))
}

/// The partner of a partner user, or 403 for customer users.
fn partner_of(user: &User) -> AppResult<String> {
    user.partner_id.clone().ok_or_else(|| {
        AppError::forbidden("see the usage of every customer: it is for the partner's staff")
    })
}

/// `GET /v1/customers/usagerecords[?period=]`: each customer's usage in the period, with its
/// budget and how much of it is used (partner users).
pub async fn customer_records(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<CustomerMonthlyUsageRecord>>> {
    let partner_id = partner_of(&user)?;
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let records = customer_usage(&state, &user, &partner_id, &from, &to).await?;
    Ok(JsonResponse(Collection::page(records, "/customers/usagerecords")))
}

async fn customer_usage(
    state: &AppState,
    user: &User,
    partner_id: &str,
    from: &str,
    to: &str,
) -> AppResult<Vec<CustomerMonthlyUsageRecord>> {
    let totals = store::customer_totals(&state.db, partner_id, from, to).await?;
    let budgets = store::partner_budgets(&state.db, partner_id).await?;
    let with_plan = store::customers_with_azure_plan(&state.db, partner_id).await?;
    let customers = customers::list(&state.db, &user.scope(), None, i64::MAX).await?;
    let mut records = Vec::with_capacity(customers.len());
    for customer in customers {
        let total = totals.iter().find(|t| t.key == customer.id);
        let spent = Amount::from_ten_thousandths(total.map_or(0, |t| t.cost));
        let budget = budgets
            .iter()
            .find(|(id, _)| *id == customer.id)
            .map(|(_, amount)| Amount::from_ten_thousandths(*amount));
        records.push(CustomerMonthlyUsageRecord {
            is_upgraded: with_plan.contains(&customer.id),
            percent_used: usage::percent_used(spent, budget),
            budget: SpendingBudget { amount: budget, attributes: Attributes::of("SpendingBudget") },
            total_cost: spent,
            currency_code: customer.currency,
            last_modified_date: total.and_then(|t| t.last.clone()),
            resource_id: customer.id,
            resource_name: customer.company_name,
            attributes: Attributes::of("CustomerMonthlyUsageRecord"),
        });
    }
    Ok(records)
}

/// `GET /v1/usagesummary[?period=]`: the partner's customers in the period (partner users).
pub async fn partner_summary(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<PartnerUsageSummary>> {
    let partner_id = partner_of(&user)?;
    let period = period(&state, q.period.as_deref())?;
    let (from, to) = days(period);
    let records = customer_usage(&state, &user, &partner_id, &from, &to).await?;
    let today = state.clock.now().date();
    let days_in_period = i64::from(period.days());
    let days_elapsed =
        if today > period.end { days_in_period } else { (today - period.start).whole_days() + 1 };
    let mut totals: Vec<CurrencyTotal> = Vec::new();
    let (mut over, mut trending) = (0, 0);
    for r in &records {
        match totals.iter_mut().find(|t| t.currency_code == r.currency_code) {
            Some(t) => {
                // Never a silently wrong total: an overflow is an error that says so.
                t.amount = t.amount.checked_add(r.total_cost).ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!(
                        "the partner's {} usage total overflows",
                        r.currency_code
                    ))
                })?;
            }
            None => totals.push(CurrencyTotal {
                amount: r.total_cost,
                currency_code: r.currency_code.clone(),
            }),
        }
        if let Some(budget) = r.budget.amount {
            if r.total_cost > budget {
                over += 1;
            } else if usage::trending_over(r.total_cost, budget, days_elapsed, days_in_period) {
                trending += 1;
            }
        }
    }
    let partner_name = store::partner_name(&state.db, &partner_id).await?;
    Ok(JsonResponse(PartnerUsageSummary {
        resource_id: partner_id.clone(),
        resource_name: partner_name.unwrap_or_default(),
        totals,
        customers_over_budget: over,
        customers_trending_over: trending,
        customers_with_usage_based_subscription: records.iter().filter(|r| r.is_upgraded).count(),
        billing_start_date: from,
        billing_end_date: to,
        attributes: Attributes::of("PartnerUsageSummary"),
    }))
}

fn alert_resource(row: store::AlertRow) -> UsageAlert {
    UsageAlert {
        customer_id: row.customer_id,
        customer_name: row.company_name,
        period: row.period,
        threshold: row.threshold,
        raised_at: row.raised_at,
        attributes: Attributes::of("UsageAlert"),
    }
}

/// `GET /v1/customers/{customerId}/usagealerts[?period=]` (our extension): the budget
/// thresholds the customer's usage has passed in the month.
pub async fn customer_alerts(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<UsageAlert>>> {
    let month = period(&state, q.period.as_deref())?.month_key();
    let rows = store::alerts(&state.db, Some(&customer.id), None, &month).await?;
    Ok(JsonResponse(Collection::page(
        rows.into_iter().map(alert_resource).collect(),
        format!("/customers/{customer_id}/usagealerts", customer_id = customer.id),
    )))
}

/// `GET /v1/usagealerts[?period=]` (our extension, partner users): every customer's alerts.
pub async fn partner_alerts(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<UsageAlert>>> {
    let partner_id = partner_of(&user)?;
    let month = period(&state, q.period.as_deref())?.month_key();
    let rows = store::alerts(&state.db, None, Some(&partner_id), &month).await?;
    Ok(JsonResponse(Collection::page(
        rows.into_iter().map(alert_resource).collect(),
        "/usagealerts",
    )))
}
