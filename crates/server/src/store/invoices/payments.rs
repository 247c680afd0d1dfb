//! Payments against invoices.

use sqlx::FromRow;

use crate::db::Db;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: String,
    pub invoice_id: String,
    pub amount: i64,
    pub paid_on: String,
    pub reference: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

pub async fn payments(db: &Db, invoice_id: &str) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(
        "SELECT id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at
         FROM invoice_payments WHERE invoice_id = $1 ORDER BY recorded_at, id",
    )
    .bind(invoice_id)
    .fetch_all(db)
    .await
}

/// The invoice's payment recorded by the call with this MS-RequestId, if any.
pub async fn payment_by_request(
    conn: &mut sqlx::AnyConnection,
    invoice_id: &str,
    request_id: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(
        "SELECT id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at
         FROM invoice_payments WHERE invoice_id = $1 AND request_id = $2",
    )
    .bind(invoice_id)
    .bind(request_id)
    .fetch_optional(conn)
    .await
}

/// What has been paid of the invoice, as of now (read under `lock`).
pub async fn paid_amount(conn: &mut sqlx::AnyConnection, invoice_id: &str) -> sqlx::Result<i64> {
    let (paid,): (i64,) = sqlx::query_as("SELECT paid_amount FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_one(conn)
        .await?;
    Ok(paid)
}

/// Locks the invoice's row until the transaction ends, so that payments and void notes of one
/// invoice happen one after the other (on SQLite the write transaction already does).
pub async fn lock(conn: &mut sqlx::AnyConnection, invoice_id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE invoices SET paid_amount = paid_amount WHERE id = $1")
        .bind(invoice_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records the payment and adds it to the invoice's paid amount.
pub async fn insert_payment(
    conn: &mut sqlx::AnyConnection,
    payment: &PaymentRow,
    request_id: &str,
) -> sqlx::Result<()> {
    Insert::into("invoice_payments")
        .value("id", &payment.id)
        .value("invoice_id", &payment.invoice_id)
        .value("amount", payment.amount)
        .value("paid_on", &payment.paid_on)
        .value("reference", &payment.reference)
        .value("recorded_by", &payment.recorded_by)
        .value("recorded_at", &payment.recorded_at)
        .value("request_id", request_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE invoices SET paid_amount = paid_amount + $1, last_payment_at = $2 WHERE id = $3",
    )
    .bind(payment.amount)
    .bind(&payment.recorded_at)
    .bind(&payment.invoice_id)
    .execute(conn)
    .await?;
    Ok(())
}
