//! The usage of a customer's Azure plans (Partner Center §3.5): per plan, meter and resource.

use axum::Json as JsonResponse;
use axum::extract::{Extension, Path, State};
use portal_domain::subscription::BillingType;
use portal_domain::usage::{
    self, MeterUsageRecord, ResourceUsageRecord, SubscriptionMonthlyUsageRecord,
    SubscriptionUsageSummary,
};
use portal_domain::{Amount, Attributes, Collection, ErrorCode, Link};
use serde::Deserialize;

use super::{PeriodQuery, days, period};

use crate::auth::access::VisibleCustomer;
use crate::auth::scoped::SubscriptionScope;
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::paging::page_size;
use crate::state::AppState;
use crate::store::customers::CustomerRow;
use crate::store::subscriptions::{self, SubscriptionRow};
use crate::store::usage::{self as store, ResourcePage};

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

/// `GET …/subscriptions/{subscriptionId}/usagesummary[?period=]`: an Azure plan's usage.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/usagesummary",
    operation_id = "getSubscriptionUsageSummary",
    tag = "Usage",
    summary = "An Azure plan's usage in a month",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure plan's subscription id", example = "5ab0c0e1-0000-4000-8000-00000000a001"), PeriodQuery),
    responses(
        (status = 200, description = "The usage summary", body = SubscriptionUsageSummary),
        (status = 404, description = "No such Azure plan for this customer", body = portal_domain::ApiErrorBody),
    )
)]
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

/// `GET …/subscriptions/usagerecords[?period=]`: the usage of each of the customer's Azure plans
/// (the ones they hold a role on, for a user who reaches only some).
#[utoipa::path(
    get,
    path = "/subscriptions/usagerecords",
    operation_id = "listSubscriptionUsageRecords",
    tag = "Usage",
    summary = "The usage of each of the customer's Azure plans",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, PeriodQuery),
    responses(
        (status = 200, description = "A record per Azure plan", body = Collection<SubscriptionMonthlyUsageRecord>),
    )
)]
pub async fn subscription_records(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    scope: Option<Extension<SubscriptionScope>>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<SubscriptionMonthlyUsageRecord>>> {
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let totals = store::plan_totals(&state.db, &customer.id, &from, &to).await?;
    let plans = subscriptions::list(&state.db, &customer.id, None).await?;
    let items = plans
        .into_iter()
        .filter(|row| row.billing_type == BillingType::Usage)
        .filter(|row| scope.as_ref().is_none_or(|Extension(scope)| scope.reaches(&row.id)))
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
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/meterusagerecords",
    operation_id = "listMeterUsageRecords",
    tag = "Usage",
    summary = "An Azure plan's usage by meter",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure plan's subscription id", example = "5ab0c0e1-0000-4000-8000-00000000a001"), PeriodQuery),
    responses(
        (status = 200, description = "A record per meter", body = Collection<MeterUsageRecord>),
        (status = 404, description = "No such Azure plan for this customer", body = portal_domain::ApiErrorBody),
    )
)]
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResourceQuery {
    /// The billing month, `YYYY-MM`; the current one by default.
    period: Option<String>,
    /// Records a page, 1 to 1,000 (100).
    size: Option<i64>,
    /// Records to skip.
    offset: Option<i64>,
    /// `totalCost` (default) or `resourceUri`.
    sort: Option<String>,
    /// `desc` (default) or `asc`.
    order: Option<String>,
    /// Only resources whose URI contains this.
    filter: Option<String>,
}

const RESOURCE_PAGE_MAX: i64 = 1_000;

/// `GET …/subscriptions/{subscriptionId}/resourceusagerecords[?period=&size=&offset=&sort=&order=&filter=]`:
/// usage by resource, a page at a time (our extensions: `size` up to 1,000, default 100;
/// `offset`; `sort` `totalCost`|`resourceUri`; `order` `desc`|`asc`; `filter` text in the URI).
/// `links.next` is set when another page follows.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/resourceusagerecords",
    operation_id = "listResourceUsageRecords",
    tag = "Usage",
    summary = "An Azure plan's usage by resource, a page at a time",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure plan's subscription id", example = "5ab0c0e1-0000-4000-8000-00000000a001"), ResourceQuery),
    responses(
        (status = 200, description = "A page of records; `links.next` when another follows", body = Collection<ResourceUsageRecord>),
        (status = 404, description = "No such Azure plan for this customer", body = portal_domain::ApiErrorBody),
    )
)]
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
