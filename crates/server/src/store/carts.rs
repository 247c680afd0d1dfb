//! Carts. Lines are stored as the JSON the API answers with, since a cart is read and written whole.

use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct CartRow {
    pub id: String,
    pub customer_id: String,
    pub created_by: String,
    pub status: String,
    pub line_items: String,
    pub created_at: String,
    pub last_modified_at: String,
    pub last_modified_by: String,
    pub expires_at: String,
    pub checkout_request_id: Option<String>,
    pub checkout_started_at: Option<String>,
    pub checkout_result: Option<String>,
}

pub const ACTIVE: &str = "Active";
pub const ORDERED: &str = "Ordered";

const COLUMNS: &str = "id, customer_id, created_by, status, line_items, created_at, last_modified_at, \
     last_modified_by, expires_at, checkout_request_id, checkout_started_at, checkout_result";

pub async fn insert(db: &Db, cart: &CartRow) -> sqlx::Result<()> {
    Insert::into("carts")
        .value("id", &cart.id)
        .value("customer_id", &cart.customer_id)
        .value("created_by", &cart.created_by)
        .value("status", &cart.status)
        .value("line_items", &cart.line_items)
        .value("created_at", &cart.created_at)
        .value("last_modified_at", &cart.last_modified_at)
        .value("last_modified_by", &cart.last_modified_by)
        .value("expires_at", &cart.expires_at)
        .execute(db)
        .await?;
    Ok(())
}

/// The cart, if it belongs to this customer and has not expired.
pub async fn find(
    db: &Db,
    customer_id: &str,
    cart_id: &str,
    now: &str,
) -> sqlx::Result<Option<CartRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {COLUMNS} FROM carts WHERE id = $1 AND customer_id = $2 AND expires_at > $3"
    )))
    .bind(cart_id)
    .bind(customer_id)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// The user's active, unexpired carts for this customer, newest first.
pub async fn list_active(
    db: &Db,
    customer_id: &str,
    user_id: &str,
    now: &str,
) -> sqlx::Result<Vec<CartRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {COLUMNS} FROM carts
         WHERE customer_id = $1 AND created_by = $2 AND status = 'Active' AND expires_at > $3
         ORDER BY created_at DESC, id"
    )))
    .bind(customer_id)
    .bind(user_id)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Replaces the lines of an active cart that no checkout is working on. False when the cart
/// was checked out (or claimed) in the meantime.
pub async fn update_lines(
    db: &Db,
    cart_id: &str,
    line_items: &str,
    user_id: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE carts SET line_items = $2, last_modified_by = $3, last_modified_at = $4
         WHERE id = $1 AND status = 'Active' AND checkout_started_at IS NULL",
    )
    .bind(cart_id)
    .bind(line_items)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the cart for one checkout. Exactly one of any number of concurrent callers gets true;
/// a claim older than `stale_before` (its server died mid-checkout) can be taken over.
pub async fn claim_for_checkout(
    db: &Db,
    cart_id: &str,
    request_id: &str,
    now: &str,
    stale_before: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE carts SET checkout_request_id = $2, checkout_started_at = $3
         WHERE id = $1 AND status = 'Active' AND (checkout_started_at IS NULL OR checkout_started_at < $4)",
    )
    .bind(cart_id)
    .bind(request_id)
    .bind(now)
    .bind(stale_before)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the cart back after a checkout that ordered nothing or failed.
pub async fn release_claim(db: &Db, cart_id: &str, request_id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE carts SET checkout_started_at = NULL
         WHERE id = $1 AND status = 'Active' AND checkout_request_id = $2",
    )
    .bind(cart_id)
    .bind(request_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Records the checkout's result; part of the transaction that writes its orders.
pub async fn mark_ordered(
    tx: &mut sqlx::AnyConnection,
    cart_id: &str,
    result: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE carts SET status = 'Ordered', checkout_result = $2, last_modified_at = $3, checkout_started_at = NULL
         WHERE id = $1",
    )
    .bind(cart_id)
    .bind(result)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
