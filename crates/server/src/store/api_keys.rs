//! API keys: what meters send usage with, stored by their hash.

use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct ApiKeyRow {
    pub id: String,
    pub partner_id: String,
    pub customer_id: Option<String>,
    pub name: String,
    pub prefix: String,
    pub created_by: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

const KEY_COLUMNS: &str =
    "id, partner_id, customer_id, name, prefix, created_by, created_at, revoked_at";

pub async fn insert_key(db: &Db, key: &ApiKeyRow, key_hash: &str) -> sqlx::Result<()> {
    Insert::into("api_keys")
        .value("id", &key.id)
        .value("partner_id", &key.partner_id)
        .value("customer_id", &key.customer_id)
        .value("name", &key.name)
        .value("prefix", &key.prefix)
        .value("key_hash", key_hash)
        .value("created_by", &key.created_by)
        .value("created_at", &key.created_at)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn keys(db: &Db, partner_id: &str) -> sqlx::Result<Vec<ApiKeyRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {KEY_COLUMNS} FROM api_keys WHERE partner_id = $1 ORDER BY created_at, id"
    )))
    .bind(partner_id)
    .fetch_all(db)
    .await
}

/// The key with this hash, if it has not been revoked.
pub async fn key_by_hash(db: &Db, key_hash: &str) -> sqlx::Result<Option<ApiKeyRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {KEY_COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL"
    )))
    .bind(key_hash)
    .fetch_optional(db)
    .await
}

/// Revokes the partner's key; false when it has no such key. Revoking twice keeps the first date.
pub async fn revoke_key(db: &Db, partner_id: &str, id: &str, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE partner_id = $2 AND id = $3",
    )
    .bind(now)
    .bind(partner_id)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The currency of a customer of the partner (an accepted relationship), if it is one.
pub async fn partner_customer_currency(
    db: &Db,
    partner_id: &str,
    customer_id: &str,
) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT c.currency FROM customers c
         JOIN partner_customer_relationships r ON r.customer_id = c.id
         WHERE r.partner_id = $1 AND c.id = $2 AND r.status = 'active'",
    )
    .bind(partner_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(currency,)| currency))
}
