//! The spending budget (Partner Center §3.6) and its alerts (our extension).

use axum::Json as JsonResponse;
use axum::extract::State;
use portal_domain::usage::{self, SpendingBudget, UsageAlert};
use portal_domain::{Amount, Attributes, BillingPeriod, Collection};
use serde_json::Value;

use super::{PeriodQuery, days, partner_of, period};

use crate::auth::CurrentUser;
use crate::auth::access::{AdministerCustomer, Allowed, VisibleCustomer};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query, from_value};
use crate::state::AppState;
use crate::store::activity::{self, Actor, Entry};
use crate::store::budgets;
use crate::timestamp;

pub(super) fn budget_resource(amount: Option<i64>) -> SpendingBudget {
    SpendingBudget {
        amount: amount.map(Amount::from_ten_thousandths),
        attributes: Attributes::of("SpendingBudget"),
    }
}

/// `GET /v1/customers/{customerId}/usagebudget`.
#[utoipa::path(
    get,
    path = "/usagebudget",
    operation_id = "getUsageBudget",
    tag = "Usage",
    summary = "The customer's monthly spending budget",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    responses(
        (status = 200, description = "The budget (its amount null when there is none)", body = SpendingBudget),
    )
)]
pub async fn get_budget(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
) -> AppResult<JsonResponse<SpendingBudget>> {
    Ok(JsonResponse(budget_resource(budgets::budget(&state.db, &customer.id).await?)))
}

/// What `set_budget` reads, for the API's description: the handler reads it field by field to
/// name the field in its errors.
#[derive(utoipa::ToSchema)]
#[schema(examples(json!({"amount": 2500})))]
#[allow(dead_code)]
struct BudgetChange {
    /// A monthly budget of zero or more, or null to remove it.
    #[schema(required = true)]
    amount: Option<Amount>,
}

/// `PATCH /v1/customers/{customerId}/usagebudget` `{amount}`: a monthly budget of zero or
/// more, or null for none. Customer admins and partner admins only.
#[utoipa::path(
    patch,
    path = "/usagebudget",
    operation_id = "setUsageBudget",
    tag = "Usage",
    summary = "Set or remove the monthly spending budget",
    description = "Customer admins and partner admins.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    request_body = BudgetChange,
    responses(
        (status = 200, description = "The budget", body = SpendingBudget),
    )
)]
pub async fn set_budget(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    actor: Actor,
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
    let before = budgets::budget_being_changed(&mut tx, &customer.id).await?;
    budgets::set_budget(&mut tx, &customer.id, stored, &now_text).await?;
    let text = |amount: Option<i64>| {
        amount.map(|a| {
            format!(
                "{} {}",
                Amount::from_ten_thousandths(a).to_decimal_string(2),
                customer.currency
            )
        })
    };
    let entry = Entry {
        action: "budget.changed",
        customer_id: Some(&customer.id),
        partner_id: None,
        target_id: &customer.id,
        target_name: &customer.company_name,
        before: text(before),
        after: text(stored),
    };
    activity::record(&mut tx, &actor, entry, now).await?;
    // A lower budget may already be passed by this month's usage.
    raise_alerts(&mut tx, &customer.id, BillingPeriod::containing(now.date_naive()), &now_text)
        .await?;
    tx.commit().await?;
    Ok(JsonResponse(budget_resource(stored)))
}

fn alert_resource(row: budgets::AlertRow) -> UsageAlert {
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
#[utoipa::path(
    get,
    path = "/usagealerts",
    operation_id = "listCustomerUsageAlerts",
    tag = "Usage",
    summary = "The budget thresholds the customer's usage passed in a month (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, PeriodQuery),
    responses(
        (status = 200, description = "The alerts", body = Collection<UsageAlert>),
    )
)]
pub async fn customer_alerts(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<UsageAlert>>> {
    let month = period(&state, q.period.as_deref())?.month_key();
    let rows = budgets::alerts(&state.db, Some(&customer.id), None, &month).await?;
    Ok(JsonResponse(Collection::page(
        rows.into_iter().map(alert_resource).collect(),
        format!("/customers/{customer_id}/usagealerts", customer_id = customer.id),
    )))
}

/// `GET /v1/usagealerts[?period=]` (our extension, partner users): every customer's alerts.
#[utoipa::path(
    get,
    path = "/usagealerts",
    operation_id = "listUsageAlerts",
    tag = "Usage",
    summary = "Every customer's budget alerts in a month (our extension)",
    description = "Partner users only.",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "The alerts", body = Collection<UsageAlert>),
    )
)]
pub async fn partner_alerts(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> AppResult<JsonResponse<Collection<UsageAlert>>> {
    let partner_id = partner_of(&user)?;
    let month = period(&state, q.period.as_deref())?.month_key();
    let rows = budgets::alerts(&state.db, None, Some(partner_id), &month).await?;
    Ok(JsonResponse(Collection::page(
        rows.into_iter().map(alert_resource).collect(),
        "/usagealerts",
    )))
}

/// Records each budget threshold the customer's usage has passed in `period`, once.
pub(super) async fn raise_alerts(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    period: BillingPeriod,
    now: &str,
) -> AppResult<()> {
    let (from, to) = days(period);
    let (spent, budget) = budgets::month_spend_and_budget(tx, customer_id, &from, &to).await?;
    let reached = usage::threshold_reached(
        Amount::from_ten_thousandths(spent),
        budget.map(Amount::from_ten_thousandths),
    );
    let month = period.month_key();
    for threshold in usage::THRESHOLDS.into_iter().filter(|t| reached.is_some_and(|r| *t <= r)) {
        budgets::raise_alert(tx, customer_id, &month, threshold, now).await?;
    }
    Ok(())
}
