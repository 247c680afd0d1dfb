//! The monthly close's bookkeeping: the customers it bills, the ones it could not, closed periods.

use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;

/// A customer to invoice, as it is now.
#[derive(Debug, Clone, FromRow)]
pub struct BilledCustomer {
    pub id: String,
    pub partner_id: String,
    pub company_name: String,
    pub country: String,
    pub culture: String,
    pub currency: String,
}

const BILLED_CUSTOMERS: &str =
    "SELECT c.id, r.partner_id, c.company_name, c.country, c.culture, c.currency
     FROM customers c JOIN partner_customer_relationships r ON r.customer_id = c.id
     WHERE r.status = 'active'";

/// Every customer with an accepted relationship, in id order.
pub async fn billed_customers(db: &Db) -> sqlx::Result<Vec<BilledCustomer>> {
    sqlx::query_as(composed(&format!("{BILLED_CUSTOMERS} ORDER BY c.id"))).fetch_all(db).await
}

pub async fn billed_customer(db: &Db, customer_id: &str) -> sqlx::Result<Option<BilledCustomer>> {
    sqlx::query_as(composed(&format!("{BILLED_CUSTOMERS} AND c.id = $1")))
        .bind(customer_id)
        .fetch_optional(db)
        .await
}

/// A customer that could not be invoiced when its period was closed, and why.
#[derive(Debug, Clone, FromRow)]
pub struct CloseFailureRow {
    pub period_start: String,
    pub customer_id: String,
    pub company_name: String,
    pub reason: String,
    pub attempts: i64,
    pub first_failed_at: String,
    pub last_failed_at: String,
}

pub async fn record_close_failure(
    db: &Db,
    period_start: &str,
    customer: &BilledCustomer,
    reason: &str,
    now: &str,
) -> sqlx::Result<()> {
    Insert::into("close_failures")
        .value("period_start", period_start)
        .value("customer_id", &customer.id)
        .value("partner_id", &customer.partner_id)
        .value("reason", reason)
        .value("attempts", 1_i64)
        .value("first_failed_at", now)
        .value("last_failed_at", now)
        .then("ON CONFLICT (period_start, customer_id) DO UPDATE SET reason = excluded.reason, attempts = close_failures.attempts + 1, last_failed_at = excluded.last_failed_at")
    .execute(db)
    .await?;
    Ok(())
}

pub async fn clear_close_failure(
    db: &Db,
    period_start: &str,
    customer_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM close_failures WHERE period_start = $1 AND customer_id = $2")
        .bind(period_start)
        .bind(customer_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The partner's customers that could not be invoiced, latest period first.
pub async fn close_failures(db: &Db, partner_id: &str) -> sqlx::Result<Vec<CloseFailureRow>> {
    sqlx::query_as(
        "SELECT f.period_start, f.customer_id, c.company_name, f.reason, f.attempts, f.first_failed_at, f.last_failed_at
         FROM close_failures f JOIN customers c ON c.id = f.customer_id
         WHERE f.partner_id = $1 ORDER BY f.period_start DESC, c.company_name",
    )
    .bind(partner_id)
    .fetch_all(db)
    .await
}

pub async fn period_closed(db: &Db, period_start: &str) -> sqlx::Result<bool> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT period_start FROM closed_periods WHERE period_start = $1")
            .bind(period_start)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

pub async fn mark_period_closed(db: &Db, period_start: &str, now: &str) -> sqlx::Result<()> {
    Insert::into("closed_periods")
        .value("period_start", period_start)
        .value("closed_at", now)
        .then("ON CONFLICT (period_start) DO NOTHING")
        .execute(db)
        .await?;
    Ok(())
}
