use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::identity::User;
use crate::store::composed;
use crate::store::insert::Insert;
use crate::store::users::{USER_COLUMNS, with_roles};
use crate::timestamp;

pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    let now_text = timestamp::to_text(now);
    // Sign-in is a good moment to drop ended sessions (indexed by expiry, so this stays cheap).
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(&now_text).execute(db).await?;
    Insert::into("sessions")
        .value("token_hash", token_hash)
        .value("user_id", user_id)
        .value("created_at", &now_text)
        .value("expires_at", timestamp::to_text(expires_at))
        .execute(db)
        .await?;
    Ok(())
}

/// The user of a live session, or None when the session does not exist or has ended.
pub async fn find_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.deactivated_at IS NULL"
    );
    let user: Option<User> = sqlx::query_as(composed(&sql))
        .bind(token_hash)
        .bind(timestamp::to_text(now))
        .fetch_optional(db)
        .await?;
    match user {
        Some(user) => Ok(Some(with_roles(db, user).await?)),
        None => Ok(None),
    }
}

pub async fn delete(db: &Db, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}
