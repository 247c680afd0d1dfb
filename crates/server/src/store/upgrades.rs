//! Product upgrades from a legacy Microsoft Azure (MS-AZR-0145P) subscription to an Azure plan.

use sqlx::FromRow;

use crate::db::Db;
use crate::store::OnDuplicate;
use crate::store::composed;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct UpgradeRow {
    pub id: String,
    pub customer_id: String,
    pub product_family: String,
    pub status: String,
    pub source_subscription_id: String,
    pub target_subscription_id: Option<String>,
    pub requested_by: String,
    pub completed_at: Option<String>,
    /// How many times the worker has tried and failed.
    pub attempts: i64,
    pub failure_reason: Option<String>,
}

const COLUMNS: &str = "id, customer_id, product_family, status, source_subscription_id, target_subscription_id, \
     requested_by, completed_at, attempts, failure_reason";

pub const IN_PROGRESS: &str = "inProgress";
pub const SUCCEEDED: &str = "succeeded";
pub const FAILED: &str = "failed";

pub async fn find(
    db: &Db,
    customer_id: &str,
    upgrade_id: &str,
) -> sqlx::Result<Option<UpgradeRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {COLUMNS} FROM product_upgrades WHERE id = $1 AND customer_id = $2"
    )))
    .bind(upgrade_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await
}

/// The customer's upgrade under way, if any.
pub async fn in_progress_for(db: &Db, customer_id: &str) -> sqlx::Result<Option<UpgradeRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {COLUMNS} FROM product_upgrades WHERE customer_id = $1 AND status = 'inProgress'"
    )))
    .bind(customer_id)
    .fetch_optional(db)
    .await
}

/// The upgrades in progress that are due: never tried, or whose wait after a failure is over.
pub async fn due(db: &Db, now: &str) -> sqlx::Result<Vec<UpgradeRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {COLUMNS} FROM product_upgrades
         WHERE status = 'inProgress' AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
         ORDER BY requested_at"
    )))
    .bind(now)
    .fetch_all(db)
    .await
}

/// Records a failed try: the upgrade waits until `retry_at`, or, with none, is marked failed
/// with the reason.
pub async fn record_failure(
    db: &Db,
    id: &str,
    reason: &str,
    retry_at: Option<&str>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE product_upgrades
         SET attempts = attempts + 1, failure_reason = $2, next_attempt_at = $3,
             status = CASE WHEN $3 IS NULL THEN 'failed' ELSE status END,
             completed_at = CASE WHEN $3 IS NULL THEN $4 ELSE completed_at END
         WHERE id = $1 AND status = 'inProgress'",
    )
    .bind(id)
    .bind(reason)
    .bind(retry_at)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Locks the legacy subscription's row for the caller's transaction if it is still live; false
/// when it is not (an upgrade finished meanwhile). The worker ends the legacy subscription in its
/// own transaction, so a request and a finishing upgrade take turns on this row.
pub async fn hold_live_legacy(
    tx: &mut sqlx::AnyConnection,
    subscription_id: &str,
) -> sqlx::Result<bool> {
    let held = sqlx::query(
        "UPDATE subscriptions SET version = version WHERE id = $1 AND status IN ('active', 'suspended')",
    )
    .bind(subscription_id)
    .execute(tx)
    .await?;
    Ok(held.rows_affected() == 1)
}

/// Starts an upgrade; false when the customer has one of this family in progress already (a
/// unique index decides, however many requests race).
pub async fn insert(
    tx: &mut sqlx::AnyConnection,
    row: &UpgradeRow,
    requested_at: &str,
) -> sqlx::Result<bool> {
    let inserted = Insert::into("product_upgrades")
        .value("id", &row.id)
        .value("customer_id", &row.customer_id)
        .value("product_family", &row.product_family)
        .value("status", "inProgress")
        .value("source_subscription_id", &row.source_subscription_id)
        .value("requested_by", &row.requested_by)
        .value("requested_at", requested_at)
        .execute(tx)
        .await;
    Ok(inserted.unless_duplicate()?.is_some())
}

/// Marks an upgrade done; false if another worker finished it first.
pub async fn complete(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    target_subscription_id: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE product_upgrades SET status = 'succeeded', target_subscription_id = $2, completed_at = $3
         WHERE id = $1 AND status = 'inProgress'",
    )
    .bind(id)
    .bind(target_subscription_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The customer's live legacy Azure subscription: (id, friendly name).
pub async fn legacy_subscription(
    db: &Db,
    customer_id: &str,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "SELECT id, friendly_name FROM subscriptions
         WHERE customer_id = $1 AND offer_id = $2 AND status IN ('active', 'suspended') ORDER BY created_at LIMIT 1",
    )
    .bind(customer_id)
    .bind(portal_domain::upgrade::LEGACY_AZURE_OFFER)
    .fetch_optional(db)
    .await
}
