//! Rated usage records and their totals.

use std::collections::{BTreeMap, HashSet};

use portal_domain::usage::{MAX_DAILY_COST, MAX_DAILY_QUANTITY};
use sqlx::FromRow;

use crate::db::{Backend, Db};
use crate::store::composed;

/// What a record's `subscriptionId` names: an Azure subscription under an Azure plan, or the
/// plan itself, with their statuses.
#[derive(Debug, Clone, FromRow)]
pub struct UsageTarget {
    pub plan_id: String,
    pub plan_status: String,
    pub entitlement_id: Option<String>,
    pub entitlement_status: Option<String>,
}

pub async fn usage_target(
    db: &Db,
    customer_id: &str,
    subscription_id: &str,
) -> sqlx::Result<Option<UsageTarget>> {
    let entitlement: Option<UsageTarget> = sqlx::query_as(
        "SELECT s.id AS plan_id, s.status AS plan_status, e.id AS entitlement_id, e.status AS entitlement_status
         FROM azure_entitlements e JOIN subscriptions s ON s.id = e.subscription_id
         WHERE e.customer_id = $1 AND e.id = $2",
    )
    .bind(customer_id)
    .bind(subscription_id)
    .fetch_optional(db)
    .await?;
    if entitlement.is_some() {
        return Ok(entitlement);
    }
    sqlx::query_as(
        "SELECT id AS plan_id, status AS plan_status, CAST(NULL AS TEXT) AS entitlement_id,
                CAST(NULL AS TEXT) AS entitlement_status
         FROM subscriptions WHERE customer_id = $1 AND id = $2 AND billing_type = 'usage'",
    )
    .bind(customer_id)
    .bind(subscription_id)
    .fetch_optional(db)
    .await
}

/// A rated record, ready to store (serialized with its fields' names for `record_batch`).
#[derive(serde::Serialize)]
pub struct NewRecord<'a> {
    pub partner_id: &'a str,
    pub id: &'a str,
    pub customer_id: &'a str,
    pub plan_id: &'a str,
    pub entitlement_id: Option<&'a str>,
    pub meter_id: &'a str,
    pub meter_name: &'a str,
    pub meter_category: &'a str,
    pub unit: &'a str,
    pub resource_uri: &'a str,
    pub resource_group: &'a str,
    pub resource_location: &'a str,
    pub quantity: i64,
    pub usage_date: &'a str,
    pub unit_price: i64,
    pub cost: i64,
    pub currency_code: &'a str,
    pub received_at: &'a str,
    /// The Azure Stack Hub registration that reported it (Azure Stack Hub meters only).
    pub azure_stack_registration_id: Option<&'a str>,
}

/// Stores the records the partner has not sent before and adds them to the daily and monthly
/// totals, all in the caller's transaction. Returns how many were new; the others are
/// duplicates (same partner, same id, sent before or earlier in the batch) and change nothing.
///
/// Records and totals each go to the database as one JSON array in one statement
/// ([`rows_of_json`]): three statements a batch, whatever its size. (Many rows of `$n`
/// placeholders would not do on SQLite, which finds each parameter by name: binding costs grow
/// with the square of a statement's parameters, and 1,000 rows of 19 take longer than 1,000
/// statements.)
pub async fn record_batch(
    tx: &mut sqlx::AnyConnection,
    records: &[NewRecord<'_>],
) -> Result<usize, BatchError> {
    let mut seen = HashSet::new();
    let first_sent: Vec<&NewRecord<'_>> =
        records.iter().filter(|r| seen.insert((r.partner_id, r.id))).collect();
    let rows = rows_of_json(tx);
    let stored: HashSet<(String, String)> = if first_sent.is_empty() {
        HashSet::new()
    } else {
        sqlx::query_as(composed(&format!(
            "INSERT INTO usage_records (partner_id, id, customer_id, plan_id, entitlement_id, meter_id,
                 meter_name, meter_category, unit, resource_uri, resource_group, resource_location,
                 quantity, usage_date, unit_price, cost, currency_code, received_at,
                 azure_stack_registration_id)
             SELECT value ->> 'partner_id', value ->> 'id', value ->> 'customer_id', value ->> 'plan_id',
                 value ->> 'entitlement_id', value ->> 'meter_id', value ->> 'meter_name',
                 value ->> 'meter_category', value ->> 'unit', value ->> 'resource_uri',
                 value ->> 'resource_group', value ->> 'resource_location',
                 CAST(value ->> 'quantity' AS BIGINT), value ->> 'usage_date',
                 CAST(value ->> 'unit_price' AS BIGINT), CAST(value ->> 'cost' AS BIGINT),
                 value ->> 'currency_code', value ->> 'received_at',
                 value ->> 'azure_stack_registration_id'
             FROM {rows} WHERE true
             ON CONFLICT (partner_id, id) DO NOTHING
             RETURNING partner_id, id"
        )))
        .bind(json(&first_sent))
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect()
    };
    let new: Vec<&NewRecord<'_>> = first_sent
        .into_iter()
        .filter(|r| stored.contains(&(r.partner_id.to_owned(), r.id.to_owned())))
        .collect();
    if new.is_empty() {
        return Ok(0);
    }

    // Totals are added up here first, one row per total.
    let mut daily: BTreeMap<(&str, &str, &str), DailyTotal<'_>> = BTreeMap::new();
    let mut monthly: BTreeMap<(&str, &str, &str), MonthlyTotal<'_>> = BTreeMap::new();
    for &r in &new {
        let day = daily.entry((r.plan_id, r.usage_date, r.meter_id)).or_insert(DailyTotal {
            plan_id: r.plan_id,
            usage_date: r.usage_date,
            meter_id: r.meter_id,
            customer_id: r.customer_id,
            partner_id: r.partner_id,
            meter_name: r.meter_name,
            meter_category: r.meter_category,
            unit: r.unit,
            quantity: 0,
            cost: 0,
            last_received_at: r.received_at,
        });
        // Each record is bounded (`usage::MAX_QUANTITY`, `MAX_RECORD_COST`), so a batch's sums
        // fit; checked all the same, so a mistake there is an error and not a wrapped total.
        day.quantity = day.quantity.checked_add(r.quantity).ok_or(BatchError::TooLarge)?;
        day.cost = day.cost.checked_add(r.cost).ok_or(BatchError::TooLarge)?;
        // `YYYY-MM-DD` starts with its month's `BillingPeriod::month_key`.
        let month = r.usage_date.get(..7).unwrap_or(r.usage_date);
        let resource = monthly.entry((r.plan_id, month, r.resource_uri)).or_insert(MonthlyTotal {
            plan_id: r.plan_id,
            month,
            resource_uri: r.resource_uri,
            entitlement_id: r.entitlement_id,
            resource_group: r.resource_group,
            cost: 0,
            last_received_at: r.received_at,
        });
        resource.cost = resource.cost.checked_add(r.cost).ok_or(BatchError::TooLarge)?;
    }
    let day_too_large = |day: &DailyTotal<'_>| BatchError::DayTooLarge {
        usage_date: day.usage_date.to_owned(),
        meter_id: day.meter_id.to_owned(),
    };
    if let Some(day) = daily.values().find(|day| {
        day.cost > MAX_DAILY_COST.ten_thousandths()
            || day.quantity > MAX_DAILY_QUANTITY.ten_thousandths()
    }) {
        return Err(day_too_large(day));
    }
    // In key order (the maps are sorted, and so is the array): two batches touching the same
    // totals on PostgreSQL lock them in the same order. The guard leaves a day as it was when,
    // with what was stored before, the batch would pass the daily cap; such a day is missing
    // from what the statement returns.
    let days: Vec<&DailyTotal<'_>> = daily.values().collect();
    let written: HashSet<(String, String, String)> = sqlx::query_as(composed(&format!(
        "INSERT INTO usage_daily (plan_id, usage_date, meter_id, customer_id, partner_id, meter_name,
             meter_category, unit, quantity, cost, last_received_at)
         SELECT value ->> 'plan_id', value ->> 'usage_date', value ->> 'meter_id',
             value ->> 'customer_id', value ->> 'partner_id', value ->> 'meter_name',
             value ->> 'meter_category', value ->> 'unit', CAST(value ->> 'quantity' AS BIGINT),
             CAST(value ->> 'cost' AS BIGINT), value ->> 'last_received_at'
         FROM {rows} WHERE true
         ON CONFLICT (plan_id, usage_date, meter_id) DO UPDATE SET
             quantity = usage_daily.quantity + excluded.quantity,
             cost = usage_daily.cost + excluded.cost,
             last_received_at = excluded.last_received_at
         WHERE usage_daily.cost <= $2 - excluded.cost
           AND usage_daily.quantity <= $3 - excluded.quantity
         RETURNING plan_id, usage_date, meter_id"
    )))
    .bind(json(&days))
    .bind(MAX_DAILY_COST.ten_thousandths())
    .bind(MAX_DAILY_QUANTITY.ten_thousandths())
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();
    if let Some(day) = days.iter().find(|day| {
        !written.contains(&(
            day.plan_id.to_owned(),
            day.usage_date.to_owned(),
            day.meter_id.to_owned(),
        ))
    }) {
        return Err(day_too_large(day));
    }
    let resources: Vec<&MonthlyTotal<'_>> = monthly.values().collect();
    sqlx::query(composed(&format!(
        "INSERT INTO usage_resource_monthly (plan_id, month, resource_uri, entitlement_id,
             resource_group, cost, last_received_at)
         SELECT value ->> 'plan_id', value ->> 'month', value ->> 'resource_uri',
             value ->> 'entitlement_id', value ->> 'resource_group', CAST(value ->> 'cost' AS BIGINT),
             value ->> 'last_received_at'
         FROM {rows} WHERE true
         ON CONFLICT (plan_id, month, resource_uri) DO UPDATE SET
             cost = usage_resource_monthly.cost + excluded.cost,
             last_received_at = excluded.last_received_at"
    )))
    .bind(json(&resources))
    .execute(&mut *tx)
    .await?;
    Ok(new.len())
}

/// The rows of the JSON array in parameter `$1`, each a JSON object named `value` (read with
/// `value ->> 'field'`, text or NULL), in the array's order.
fn rows_of_json(conn: &sqlx::AnyConnection) -> &'static str {
    if Backend::of_connection(conn) == Backend::Postgres {
        "jsonb_array_elements(CAST($1 AS jsonb)) AS rows (value)"
    } else {
        "json_each($1)"
    }
}

fn json(rows: &impl serde::Serialize) -> String {
    // Strings and integers only: serializing them cannot fail.
    serde_json::to_string(rows).unwrap_or_default()
}

/// Why a batch was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// The batch's own sums do not fit (cannot happen with bounded records; checked anyway).
    #[error("the batch's totals are too large")]
    TooLarge,
    /// The usage of one meter on one day would pass `usage::MAX_DAILY_COST` or
    /// `MAX_DAILY_QUANTITY`.
    #[error("the usage of meter {meter_id} on {usage_date} would pass the most one day may hold")]
    DayTooLarge { usage_date: String, meter_id: String },
}

/// A day's usage of one meter on one plan, named as the record that first named it.
#[derive(serde::Serialize)]
struct DailyTotal<'a> {
    plan_id: &'a str,
    usage_date: &'a str,
    meter_id: &'a str,
    customer_id: &'a str,
    partner_id: &'a str,
    meter_name: &'a str,
    meter_category: &'a str,
    unit: &'a str,
    quantity: i64,
    cost: i64,
    last_received_at: &'a str,
}

/// A month's usage of one resource, named as the record that first named it.
#[derive(serde::Serialize)]
struct MonthlyTotal<'a> {
    plan_id: &'a str,
    month: &'a str,
    resource_uri: &'a str,
    entitlement_id: Option<&'a str>,
    resource_group: &'a str,
    cost: i64,
    last_received_at: &'a str,
}

/// `usage_daily` rows of the plans user `$4` holds a role on, or of every plan when `$4` is
/// NULL (see `auth::scoped::held_by`).
const HELD_BY_4: &str = "($4 IS NULL OR plan_id IN (
    SELECT subscription_id FROM subscription_role_assignments WHERE user_id = $4))";

/// The customer's rated usage from `from` to `to` (days, both included): total cost in
/// ten-thousandths and when the latest of those records arrived; only the plans `held_by`
/// holds a role on when given.
pub async fn customer_total(
    db: &Db,
    customer_id: &str,
    from: &str,
    to: &str,
    held_by: Option<&str>,
) -> sqlx::Result<(i64, Option<String>)> {
    sqlx::query_as(composed(&format!(
        "SELECT CAST(COALESCE(SUM(cost), 0) AS BIGINT), MAX(last_received_at) FROM usage_daily
         WHERE customer_id = $1 AND usage_date >= $2 AND usage_date <= $3 AND {HELD_BY_4}"
    )))
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .bind(held_by)
    .fetch_one(db)
    .await
}

/// The customer's usage in the period per Azure plan and meter: the lines its invoice bills.
pub async fn customer_line_costs(
    db: &Db,
    customer_id: &str,
    from: &str,
    to: &str,
    held_by: Option<&str>,
) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(composed(&format!(
        "SELECT CAST(SUM(cost) AS BIGINT) FROM usage_daily
         WHERE customer_id = $1 AND usage_date >= $2 AND usage_date <= $3 AND {HELD_BY_4}
         GROUP BY plan_id, meter_id"
    )))
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .bind(held_by)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(cost,)| cost).collect())
}

/// Rated usage added up for one group (a plan, a meter, a resource, a customer).
#[derive(Debug, Clone, FromRow)]
pub struct Total {
    pub key: String,
    pub cost: i64,
    pub last: Option<String>,
}

/// The customer's usage per Azure plan in the period.
pub async fn plan_totals(
    db: &Db,
    customer_id: &str,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<Total>> {
    sqlx::query_as(
        "SELECT plan_id AS key, CAST(SUM(cost) AS BIGINT) AS cost, MAX(last_received_at) AS last FROM usage_daily
         WHERE customer_id = $1 AND usage_date >= $2 AND usage_date <= $3 GROUP BY plan_id",
    )
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// Each customer's usage in the period, for the partner's customers that have any.
pub async fn customer_totals(
    db: &Db,
    partner_id: &str,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<Total>> {
    sqlx::query_as(
        "SELECT customer_id AS key, CAST(SUM(cost) AS BIGINT) AS cost, MAX(last_received_at) AS last FROM usage_daily
         WHERE partner_id = $1 AND usage_date >= $2 AND usage_date <= $3 GROUP BY customer_id",
    )
    .bind(partner_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// The budgets of the partner's customers that have one: (customer, amount).
pub async fn partner_budgets(db: &Db, partner_id: &str) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT b.customer_id, b.amount FROM usage_budgets b
         JOIN partner_customer_relationships r ON r.customer_id = b.customer_id
         WHERE r.partner_id = $1 AND r.status = 'active' AND b.amount IS NOT NULL",
    )
    .bind(partner_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct MeterTotal {
    pub meter_id: String,
    pub meter_name: String,
    pub meter_category: String,
    pub unit: String,
    pub quantity: i64,
    pub cost: i64,
    pub last: Option<String>,
}

/// An Azure plan's usage per meter in the period, the costliest first.
pub async fn meter_totals(
    db: &Db,
    plan_id: &str,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<MeterTotal>> {
    sqlx::query_as(
        "SELECT meter_id, MIN(meter_name) AS meter_name, MIN(meter_category) AS meter_category, MIN(unit) AS unit,
                CAST(SUM(quantity) AS BIGINT) AS quantity, CAST(SUM(cost) AS BIGINT) AS cost,
                MAX(last_received_at) AS last
         FROM usage_daily WHERE plan_id = $1 AND usage_date >= $2 AND usage_date <= $3
         GROUP BY meter_id ORDER BY cost DESC, meter_id",
    )
    .bind(plan_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct ResourceTotal {
    pub resource_uri: String,
    pub resource_group: String,
    pub entitlement_id: Option<String>,
    pub entitlement_name: Option<String>,
    pub cost: i64,
    pub last: Option<String>,
}

/// How a page of resources is chosen: matching `filter` (in the URI, case-insensitive), in
/// `order`, from `offset`.
pub struct ResourcePage<'a> {
    pub filter: Option<&'a str>,
    pub by_cost: bool,
    pub descending: bool,
    pub limit: i64,
    pub offset: i64,
}

/// A page of an Azure plan's usage per resource in a month (`YYYY-MM`).
pub async fn resource_totals(
    db: &Db,
    plan_id: &str,
    month: &str,
    page: &ResourcePage<'_>,
) -> sqlx::Result<Vec<ResourceTotal>> {
    let direction = if page.descending { "DESC" } else { "ASC" };
    let order = if page.by_cost {
        format!("r.cost {direction}, r.resource_uri")
    } else {
        format!("r.resource_uri {direction}")
    };
    // LIKE with the filter's own % and _ taken literally.
    let pattern = page.filter.map(|f| {
        let escaped =
            f.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        format!("%{escaped}%")
    });
    sqlx::query_as(composed(&format!(
        "SELECT r.resource_uri, r.resource_group, r.entitlement_id, e.friendly_name AS entitlement_name,
                r.cost, r.last_received_at AS last
         FROM usage_resource_monthly r LEFT JOIN azure_entitlements e ON e.id = r.entitlement_id
         WHERE r.plan_id = $1 AND r.month = $2
           AND ($3 IS NULL OR LOWER(r.resource_uri) LIKE $3 ESCAPE '\\')
         ORDER BY {order} LIMIT $4 OFFSET $5"
    )))
    .bind(plan_id)
    .bind(month)
    .bind(pattern)
    .bind(page.limit)
    .bind(page.offset)
    .fetch_all(db)
    .await
}

/// The customer's usage per day and meter category in the period: (day, category, cost); only
/// the plans `held_by` holds a role on when given.
pub async fn daily_totals(
    db: &Db,
    customer_id: &str,
    from: &str,
    to: &str,
    held_by: Option<&str>,
) -> sqlx::Result<Vec<(String, String, i64)>> {
    sqlx::query_as(composed(&format!(
        "SELECT usage_date, meter_category, CAST(SUM(cost) AS BIGINT) FROM usage_daily
         WHERE customer_id = $1 AND usage_date >= $2 AND usage_date <= $3 AND {HELD_BY_4}
         GROUP BY usage_date, meter_category ORDER BY usage_date, meter_category"
    )))
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .bind(held_by)
    .fetch_all(db)
    .await
}

pub async fn partner_name(db: &Db, partner_id: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM partners WHERE id = $1")
        .bind(partner_id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(name,)| name))
}

/// The partner's customers that have an Azure plan (not cancelled).
pub async fn customers_with_azure_plan(db: &Db, partner_id: &str) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT s.customer_id FROM subscriptions s
         JOIN partner_customer_relationships r ON r.customer_id = s.customer_id
         WHERE r.partner_id = $1 AND s.product_id = $2 AND s.status <> 'deleted'",
    )
    .bind(partner_id)
    .bind(crate::catalog::AZURE_PLAN_PRODUCT_ID)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
