//! Spending budgets and the alerts raised when usage passes their thresholds.

use sqlx::FromRow;

use crate::db::Db;
use crate::store::insert::Insert;

/// The customer's budget in ten-thousandths; None when it has none.
pub async fn budget(db: &Db, customer_id: &str) -> sqlx::Result<Option<i64>> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT amount FROM usage_budgets WHERE customer_id = $1")
            .bind(customer_id)
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|(amount,)| amount))
}

/// The customer's budget as the change in `tx` replaces it, for the log: the row is locked
/// first (on PostgreSQL; SQLite's write transaction holds the whole database), so a concurrent
/// change cannot slip in between this read and the write.
pub async fn budget_being_changed(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query("UPDATE usage_budgets SET amount = amount WHERE customer_id = $1")
        .bind(customer_id)
        .execute(&mut *tx)
        .await?;
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT amount FROM usage_budgets WHERE customer_id = $1")
            .bind(customer_id)
            .fetch_optional(&mut *tx)
            .await?;
    Ok(row.and_then(|(amount,)| amount))
}

pub async fn set_budget(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    amount: Option<i64>,
    now: &str,
) -> sqlx::Result<()> {
    Insert::into("usage_budgets")
        .value("customer_id", customer_id)
        .value("amount", amount)
        .value("updated_at", now)
        .then("ON CONFLICT (customer_id) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at")
    .execute(tx)
    .await?;
    Ok(())
}

/// Records that the customer's usage passed `threshold` percent of its budget in `period`
/// (`YYYY-MM`); nothing when it was recorded before.
pub async fn raise_alert(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    period: &str,
    threshold: i64,
    now: &str,
) -> sqlx::Result<()> {
    Insert::into("usage_alerts")
        .value("customer_id", customer_id)
        .value("period", period)
        .value("threshold", threshold)
        .value("raised_at", now)
        .then("ON CONFLICT (customer_id, period, threshold) DO NOTHING")
        .execute(tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AlertRow {
    pub customer_id: String,
    pub company_name: String,
    pub period: String,
    pub threshold: i64,
    pub raised_at: String,
}

/// The alerts of one month, for one customer or for every customer of a partner.
pub async fn alerts(
    db: &Db,
    customer_id: Option<&str>,
    partner_id: Option<&str>,
    period: &str,
) -> sqlx::Result<Vec<AlertRow>> {
    sqlx::query_as(
        "SELECT a.customer_id, c.company_name, a.period, a.threshold, a.raised_at
         FROM usage_alerts a JOIN customers c ON c.id = a.customer_id
         WHERE a.period = $1
           AND ($2 IS NULL OR a.customer_id = $2)
           AND ($3 IS NULL OR a.customer_id IN (
                SELECT customer_id FROM partner_customer_relationships WHERE partner_id = $3 AND status = 'active'))
         ORDER BY c.company_name, a.threshold",
    )
    .bind(period)
    .bind(customer_id)
    .bind(partner_id)
    .fetch_all(db)
    .await
}

/// The customer's month's usage and budget, read inside a transaction (ten-thousandths).
pub async fn month_spend_and_budget(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    from: &str,
    to: &str,
) -> sqlx::Result<(i64, Option<i64>)> {
    let (spent,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(cost), 0) AS BIGINT) FROM usage_daily
         WHERE customer_id = $1 AND usage_date >= $2 AND usage_date <= $3",
    )
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .fetch_one(&mut *tx)
    .await?;
    let budget: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT amount FROM usage_budgets WHERE customer_id = $1")
            .bind(customer_id)
            .fetch_optional(&mut *tx)
            .await?;
    Ok((spent, budget.and_then(|(amount,)| amount)))
}
