//! Defender for IoT plans, their history and their sensors.

use portal_domain::billing::parse_day;
use portal_domain::defender::{PlanFacts, PlanPrice, QuotaChange};
use portal_domain::{Amount, BillingCycle, Currency};
use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct PlanRow {
    pub id: String,
    pub customer_id: String,
    pub azure_subscription_id: String,
    pub subscription_name: String,
    pub initial_devices: i64,
    pub device_quota: i64,
    #[sqlx(try_from = "String")]
    pub billing_cycle: BillingCycle,
    pub is_trial: i64,
    pub block_price: i64,
    #[sqlx(rename = "currency_code", try_from = "String")]
    pub currency: Currency,
    pub onboarded_at: String,
    pub offboarded_at: Option<String>,
    pub sensor_count: i64,
}

const PLAN_SELECT: &str = "SELECT p.id, p.customer_id, p.azure_subscription_id, e.friendly_name AS subscription_name, \
     p.initial_devices, p.device_quota, p.billing_cycle, p.is_trial, p.block_price, p.currency_code, \
     p.onboarded_at, p.offboarded_at, \
     CAST((SELECT COUNT(*) FROM defender_sensors s WHERE s.azure_subscription_id = p.azure_subscription_id) AS BIGINT) AS sensor_count \
     FROM defender_plans p JOIN azure_entitlements e ON e.id = p.azure_subscription_id";

/// The customer's plans onboarded now or offboarded since `since` (the current month's start):
/// those still billed this month.
pub async fn list(db: &Db, customer_id: &str, since: &str) -> sqlx::Result<Vec<PlanRow>> {
    sqlx::query_as(composed(&format!(
        "{PLAN_SELECT} WHERE p.customer_id = $1 AND (p.offboarded_at IS NULL OR p.offboarded_at >= $2)
         ORDER BY e.friendly_name, p.onboarded_at"
    )))
    .bind(customer_id)
    .bind(since)
    .fetch_all(db)
    .await
}

/// The customer's plans onboarded at some time in [`first_day`, `last_day`] (`YYYY-MM-DD`):
/// those a billing period may charge.
pub async fn on_during(
    db: &Db,
    customer_id: &str,
    first_day: &str,
    last_day: &str,
) -> sqlx::Result<Vec<PlanRow>> {
    // Timestamps start with their day, and every timestamp of `last_day` sorts before its
    // successor `last_day` + "U".
    sqlx::query_as(composed(&format!(
        "{PLAN_SELECT} WHERE p.customer_id = $1 AND p.onboarded_at < $3 || 'U'
         AND (p.offboarded_at IS NULL OR p.offboarded_at >= $2) ORDER BY p.onboarded_at, p.id"
    )))
    .bind(customer_id)
    .bind(first_day)
    .bind(last_day)
    .fetch_all(db)
    .await
}

/// A plan's history, which its charges are computed from.
pub async fn facts(db: &Db, row: &PlanRow) -> sqlx::Result<PlanFacts> {
    let day = |column: &str, text: &str| {
        parse_day(text).ok_or_else(|| super::unreadable(column, format!("'{text}' is not a day")))
    };
    let changes = device_changes(db, &row.id)
        .await?
        .into_iter()
        .map(|(on, old_devices, new_devices)| {
            Ok(QuotaChange {
                on: day("defender_plan_events.occurred_at", &on)?,
                old_devices,
                new_devices,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(PlanFacts {
        price: PlanPrice {
            block_price: Amount::from_ten_thousandths(row.block_price),
            cycle: row.billing_cycle,
            currency: row.currency,
        },
        is_trial: row.is_trial != 0,
        onboarded_on: day("defender_plans.onboarded_at", &row.onboarded_at)?,
        initial_devices: row.initial_devices,
        changes,
        offboarded_on: match row.offboarded_at.as_deref() {
            Some(text) => Some(day("defender_plans.offboarded_at", text)?),
            None => None,
        },
    })
}

/// The plan onboarded now on this Azure subscription of the customer.
pub async fn onboarded(
    conn: &mut sqlx::AnyConnection,
    customer_id: &str,
    azure_subscription_id: &str,
) -> sqlx::Result<Option<PlanRow>> {
    sqlx::query_as(composed(&format!(
        "{PLAN_SELECT} WHERE p.customer_id = $1 AND p.azure_subscription_id = $2 AND p.offboarded_at IS NULL"
    )))
    .bind(customer_id)
    .bind(azure_subscription_id)
    .fetch_optional(conn)
    .await
}

/// Whether the Azure subscription has had a trial, onboarded now or before.
pub async fn had_trial(
    conn: &mut sqlx::AnyConnection,
    azure_subscription_id: &str,
) -> sqlx::Result<bool> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM defender_plans WHERE azure_subscription_id = $1 AND is_trial = 1",
    )
    .bind(azure_subscription_id)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

pub struct NewPlan<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub azure_subscription_id: &'a str,
    pub devices: i64,
    pub billing_cycle: &'a str,
    pub is_trial: bool,
    pub block_price: i64,
    pub currency_code: &'a str,
    pub now: &'a str,
}

pub async fn insert(tx: &mut sqlx::AnyConnection, plan: &NewPlan<'_>) -> sqlx::Result<()> {
    Insert::into("defender_plans")
        .value("id", plan.id)
        .value("customer_id", plan.customer_id)
        .value("azure_subscription_id", plan.azure_subscription_id)
        .value("initial_devices", plan.devices)
        .value("device_quota", plan.devices)
        .value("billing_cycle", plan.billing_cycle)
        .value("is_trial", i64::from(plan.is_trial))
        .value("block_price", plan.block_price)
        .value("currency_code", plan.currency_code)
        .value("onboarded_at", plan.now)
        .execute(tx)
        .await?;
    Ok(())
}

/// Sets the committed devices; false when the plan no longer has `old_devices` (changed or
/// offboarded meanwhile).
pub async fn set_device_quota(
    tx: &mut sqlx::AnyConnection,
    plan_id: &str,
    old_devices: i64,
    new_devices: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE defender_plans SET device_quota = $1
         WHERE id = $2 AND device_quota = $3 AND offboarded_at IS NULL",
    )
    .bind(new_devices)
    .bind(plan_id)
    .bind(old_devices)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Offboards the plan; false when it was offboarded meanwhile.
pub async fn offboard(
    tx: &mut sqlx::AnyConnection,
    plan_id: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE defender_plans SET offboarded_at = $1 WHERE id = $2 AND offboarded_at IS NULL",
    )
    .bind(now)
    .bind(plan_id)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewEvent<'a> {
    pub plan_id: &'a str,
    pub occurred_at: &'a str,
    pub actor_id: Option<&'a str>,
    pub actor_name: &'a str,
    pub kind: &'a str,
    pub old_devices: Option<i64>,
    pub new_devices: Option<i64>,
    /// Ten-thousandths of the plan's currency.
    pub amount: i64,
}

/// Adds the plan's next event, its row locked first so that concurrent changes do not take the
/// same number (see `subscriptions::insert_event`).
pub async fn insert_event(tx: &mut sqlx::AnyConnection, event: &NewEvent<'_>) -> sqlx::Result<()> {
    sqlx::query("UPDATE defender_plans SET id = id WHERE id = $1")
        .bind(event.plan_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO defender_plan_events (id, plan_id, seq, occurred_at, actor_id, actor_name, kind,
                                           old_devices, new_devices, amount)
         VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM defender_plan_events WHERE plan_id = $2),
                 $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(event.plan_id)
    .bind(event.occurred_at)
    .bind(event.actor_id)
    .bind(event.actor_name)
    .bind(event.kind)
    .bind(event.old_devices)
    .bind(event.new_devices)
    .bind(event.amount)
    .execute(tx)
    .await?;
    Ok(())
}

/// The changes of committed devices of a plan, oldest first: (day, old, new).
pub async fn device_changes(db: &Db, plan_id: &str) -> sqlx::Result<Vec<(String, i64, i64)>> {
    sqlx::query_as(
        "SELECT occurred_at, old_devices, new_devices FROM defender_plan_events
         WHERE plan_id = $1 AND kind = 'devices_changed' ORDER BY seq",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct SensorRow {
    pub azure_subscription_id: String,
    pub name: String,
    pub created_at: String,
}

pub async fn sensors(
    conn: &mut sqlx::AnyConnection,
    azure_subscription_id: &str,
) -> sqlx::Result<Vec<SensorRow>> {
    sqlx::query_as(
        "SELECT azure_subscription_id, name, created_at FROM defender_sensors
         WHERE azure_subscription_id = $1 ORDER BY name_key",
    )
    .bind(azure_subscription_id)
    .fetch_all(conn)
    .await
}

/// Adds a sensor; a unique violation means the name is taken.
pub async fn insert_sensor(
    conn: &mut sqlx::AnyConnection,
    customer_id: &str,
    azure_subscription_id: &str,
    name: &str,
    now: &str,
) -> sqlx::Result<()> {
    Insert::into("defender_sensors")
        .value("azure_subscription_id", azure_subscription_id)
        .value("name", name)
        .value("name_key", name.to_lowercase())
        .value("customer_id", customer_id)
        .value("created_at", now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes a sensor; false when there was none by that name.
pub async fn delete_sensor(
    conn: &mut sqlx::AnyConnection,
    azure_subscription_id: &str,
    name: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM defender_sensors WHERE azure_subscription_id = $1 AND name_key = $2",
    )
    .bind(azure_subscription_id)
    .bind(name.to_lowercase())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
