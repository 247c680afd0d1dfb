//! Roles on one subscription: who holds Owner, Contributor or Reader on it.

use chrono::{DateTime, Utc};
use portal_domain::users::SubscriptionRole;
use sqlx::FromRow;

use crate::db::{Db, begin_write};
use crate::store::activity::{self, Actor, Entry};
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

/// The subscription a change is about, for the log: (id, name, customer id).
pub struct Target<'a> {
    pub subscription_id: &'a str,
    pub subscription_name: &'a str,
    pub customer_id: &'a str,
}

/// The user's current role on the subscription, as text for the log.
async fn current(
    tx: &mut sqlx::AnyConnection,
    subscription_id: &str,
    user_id: &str,
) -> sqlx::Result<Option<String>> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT role FROM subscription_role_assignments WHERE subscription_id = $1 AND user_id = $2",
    )
    .bind(subscription_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.map(|(role,)| role))
}

async fn log(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    target: &Target<'_>,
    action: &'static str,
    change: (Option<String>, Option<String>),
    user: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let name = format!("{} · {user}", target.subscription_name);
    let entry = Entry {
        action,
        customer_id: Some(target.customer_id),
        partner_id: None,
        target_id: target.subscription_id,
        target_name: &name,
        before: change.0,
        after: change.1,
    };
    activity::record(tx, actor, entry, now).await
}

/// Gives the user `role` on the subscription, replacing the role they held there.
pub async fn assign(
    db: &Db,
    target: &Target<'_>,
    (user_id, user_name): (&str, &str),
    role: SubscriptionRole,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let subscription_id = target.subscription_id;
    let mut tx = begin_write(db).await?;
    let before = current(&mut tx, subscription_id, user_id).await?;
    let created_by = actor.user_id.as_deref().unwrap_or_default();
    Insert::into("subscription_role_assignments")
        .value("subscription_id", subscription_id)
        .value("user_id", user_id)
        .value("role", role.as_str())
        .value("created_by", created_by)
        .value("created_at", timestamp::to_text(now))
        .then("ON CONFLICT (subscription_id, user_id) DO UPDATE SET role = excluded.role")
        .execute(&mut *tx)
        .await?;
    let change = (before, Some(role.as_str().to_owned()));
    log(&mut tx, actor, target, "subscription.access_given", change, user_name, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the user's role on the subscription; whether they had one.
pub async fn remove(
    db: &Db,
    target: &Target<'_>,
    (user_id, user_name): (&str, &str),
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = begin_write(db).await?;
    let Some(before) = current(&mut tx, target.subscription_id, user_id).await? else {
        return Ok(false);
    };
    sqlx::query(
        "DELETE FROM subscription_role_assignments WHERE subscription_id = $1 AND user_id = $2",
    )
    .bind(target.subscription_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    let change = (Some(before), None);
    log(&mut tx, actor, target, "subscription.access_removed", change, user_name, now).await?;
    tx.commit().await?;
    Ok(true)
}
