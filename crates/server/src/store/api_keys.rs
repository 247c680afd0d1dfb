//! API keys: what meters send usage with, stored by their hash.

use sqlx::FromRow;

use chrono::{DateTime, Utc};

use crate::db::{Db, begin_write};
use crate::store::activity::{self, Actor, Entry};
use crate::store::composed;
use crate::store::insert::Insert;
use crate::timestamp;

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

pub async fn insert_key(
    db: &Db,
    key: &ApiKeyRow,
    key_hash: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let mut tx = begin_write(db).await?;
    Insert::into("api_keys")
        .value("id", &key.id)
        .value("partner_id", &key.partner_id)
        .value("customer_id", &key.customer_id)
        .value("name", &key.name)
        .value("prefix", &key.prefix)
        .value("key_hash", key_hash)
        .value("created_by", &key.created_by)
        .value("created_at", &key.created_at)
        .execute(&mut *tx)
        .await?;
    let entry = Entry {
        action: "api_key.created",
        customer_id: key.customer_id.as_deref(),
        partner_id: Some(&key.partner_id),
        target_id: &key.id,
        target_name: &key.name,
        before: None,
        after: Some(format!("{}…", key.prefix)),
    };
    activity::record(&mut tx, actor, entry, now).await?;
    tx.commit().await
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

/// Revokes the partner's key; false when it has no such key. Revoking twice keeps the first date
/// (and logs once).
pub async fn revoke_key(
    db: &Db,
    partner_id: &str,
    id: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = begin_write(db).await?;
    let key: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT name, customer_id, revoked_at FROM api_keys WHERE partner_id = $1 AND id = $2",
    )
    .bind(partner_id)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((name, customer_id, revoked_at)) = key else { return Ok(false) };
    if revoked_at.is_none() {
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2")
            .bind(timestamp::to_text(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let entry = Entry {
            action: "api_key.revoked",
            customer_id: customer_id.as_deref(),
            partner_id: Some(partner_id),
            target_id: id,
            target_name: &name,
            before: Some("active".to_owned()),
            after: Some("revoked".to_owned()),
        };
        activity::record(&mut tx, actor, entry, now).await?;
    }
    tx.commit().await?;
    Ok(true)
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
