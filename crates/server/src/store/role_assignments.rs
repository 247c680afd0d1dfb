//! Roles on one subscription: who holds Owner, Contributor or Reader on it.

use chrono::{DateTime, Utc};
use portal_domain::users::SubscriptionRole;
use sqlx::FromRow;

use crate::db::Db;
use crate::store::insert::Insert;
use crate::timestamp;

#[derive(Debug, Clone, FromRow)]
pub struct AssignmentRow {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: SubscriptionRole,
    pub created_at: String,
}

/// The subscription's role holders, by name.
pub async fn of_subscription(db: &Db, subscription_id: &str) -> sqlx::Result<Vec<AssignmentRow>> {
    sqlx::query_as(
        "SELECT a.user_id, u.display_name, u.email, a.role, a.created_at
         FROM subscription_role_assignments a JOIN users u ON u.id = a.user_id
         WHERE a.subscription_id = $1 ORDER BY LOWER(u.display_name), u.id",
    )
    .bind(subscription_id)
    .fetch_all(db)
    .await
}

/// The subscriptions the user holds a role on, with the role.
pub async fn of_user(db: &Db, user_id: &str) -> sqlx::Result<Vec<(String, SubscriptionRole)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT subscription_id, role FROM subscription_role_assignments WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(id, role)| {
            role.parse()
                .map(|role| (id, role))
                .map_err(|e| crate::store::unreadable("subscription_role_assignments.role", e))
        })
        .collect()
}

/// Gives the user `role` on the subscription, replacing the role they held there.
pub async fn assign(
    db: &Db,
    subscription_id: &str,
    user_id: &str,
    role: SubscriptionRole,
    created_by: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    Insert::into("subscription_role_assignments")
        .value("subscription_id", subscription_id)
        .value("user_id", user_id)
        .value("role", role.as_str())
        .value("created_by", created_by)
        .value("created_at", timestamp::to_text(now))
        .then("ON CONFLICT (subscription_id, user_id) DO UPDATE SET role = excluded.role")
        .execute(db)
        .await?;
    Ok(())
}

/// Removes the user's role on the subscription; whether they had one.
pub async fn remove(db: &Db, subscription_id: &str, user_id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM subscription_role_assignments WHERE subscription_id = $1 AND user_id = $2",
    )
    .bind(subscription_id)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
