//! Usage summaries: the customer's month, its days, and the partner's customers.

use axum::Json as JsonResponse;
use axum::extract::{Extension, State};
use portal_domain::usage::{
    self, CurrencyTotal, CustomerMonthlyUsageRecord, CustomerUsageSummary, DailyUsage,
    PartnerUsageSummary, SpendingBudget,
};
use portal_domain::{Amount, Attributes, Collection};

use super::budget::budget_resource;
use super::{PeriodQuery, days, partner_of, period};
use crate::auth::CurrentUser;
use crate::auth::access::VisibleCustomer;
use crate::auth::scoped::{SubscriptionScope, held_by};
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::identity::User;
use crate::state::AppState;
use crate::store::budgets;
use crate::store::customers::{self, ListFilter};
use crate::store::usage::{self as store};

/// `GET /v1/customers/{customerId}/usagesummary[?period=YYYY-MM]`: the customer's rated usage
/// in the period, with its budget. A record accepted by the ingestion API counts at once.
/// A user who reaches only some subscriptions gets the usage of those, without the customer's
/// budget, which is about all of it.
#[utoipa::path(
    get,
    path = "/usagesummary",
    operation_id = "getCustomerUsageSummary",
    tag = "Usage",
    summary = "The customer's rated usage in a month, with its budget",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, PeriodQuery),
    responses(
        (status = 200, description = "The usage summary (a user who reaches only some subscriptions gets theirs, without the budget)", body = CustomerUsageSummary),
    )
)]
pub async fn customer_summary(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    scope: Option<Extension<SubscriptionScope>>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<CustomerUsageSummary>> {
    let period = period(&state, q.period.as_deref())?;
    let (from, to) = (period.start.to_string(), period.end.to_string());
    let held_by = held_by(&scope);
    let (total, last) = store::customer_total(&state.db, &customer.id, &from, &to, held_by).await?;
    let lines = store::customer_line_costs(&state.db, &customer.id, &from, &to, held_by).await?;
    let currency = portal_domain::Currency::from_code(&customer.currency)
        .ok_or_else(|| anyhow::anyhow!("customer {} has an unknown currency", customer.id))?;
    let billed_cost = usage::billed(lines.into_iter().map(Amount::from_ten_thousandths), currency)
        .ok_or_else(|| anyhow::anyhow!("the usage of customer {} overflows", customer.id))?;
    let budget = match held_by {
        Some(_) => None,
        None => budgets::budget(&state.db, &customer.id).await?,
    };
    Ok(JsonResponse(CustomerUsageSummary {
        resource_id: customer.id.clone(),
        resource_name: customer.company_name.clone(),
        total_cost: Amount::from_ten_thousandths(total),
        billed_cost,
        currency_code: customer.currency.clone(),
        budget: budget_resource(budget),
        billing_start_date: from,
        billing_end_date: to,
        last_modified_date: last,
        attributes: Attributes::of("CustomerUsageSummary"),
    }))
}

/// `GET …/usagesummary/daily[?period=]` (our extension): the customer's usage per day and meter
/// category, for the chart (of their subscriptions only, for a user who reaches only some).
#[utoipa::path(
    get,
    path = "/usagesummary/daily",
    operation_id = "listDailyUsage",
    tag = "Usage",
    summary = "The customer's usage per day and meter category (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, PeriodQuery),
    responses(
        (status = 200, description = "The days of the month so far", body = Collection<DailyUsage>),
    )
)]
pub async fn daily(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    scope: Option<Extension<SubscriptionScope>>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<DailyUsage>>> {
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let rows = store::daily_totals(&state.db, &customer.id, &from, &to, held_by(&scope)).await?;
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

/// `GET /v1/customers/usagerecords[?period=]`: each customer's usage in the period, with its
/// budget and how much of it is used (partner users).
#[utoipa::path(
    get,
    path = "/customers/usagerecords",
    operation_id = "listCustomerUsageRecords",
    tag = "Usage",
    summary = "Each customer's usage in a month, with its budget",
    description = "Partner users only.",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "A record per customer", body = Collection<CustomerMonthlyUsageRecord>),
    )
)]
pub async fn customer_records(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<CustomerMonthlyUsageRecord>>> {
    let partner_id = partner_of(&user)?;
    let (from, to) = days(period(&state, q.period.as_deref())?);
    let records = customer_usage(&state, &user, partner_id, &from, &to).await?;
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
    let customers =
        customers::list(&state.db, &user.scope(), ListFilter::ACTIVE, None, i64::MAX).await?;
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
#[utoipa::path(
    get,
    path = "/usagesummary",
    operation_id = "getPartnerUsageSummary",
    tag = "Usage",
    summary = "The partner's customers' usage in a month",
    description = "Partner users only.",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "Totals per currency, and customers over or heading over budget", body = PartnerUsageSummary),
    )
)]
pub async fn partner_summary(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<PartnerUsageSummary>> {
    let partner_id = partner_of(&user)?;
    let period = period(&state, q.period.as_deref())?;
    let (from, to) = days(period);
    let records = customer_usage(&state, &user, partner_id, &from, &to).await?;
    let today = state.clock.now().date_naive();
    let days_in_period = i64::from(period.days());
    let days_elapsed = period.days_elapsed(today);
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
    let partner_name = store::partner_name(&state.db, partner_id).await?;
    Ok(JsonResponse(PartnerUsageSummary {
        resource_id: partner_id.to_owned(),
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
