//! Managing users: listing an organization's users with their roles, adding them, changing their
//! roles, deactivating and restoring them, and the single-use links they choose a password with.
//!
//! An organization is a partner or a customer ([`Owner`]); each has a role that must keep an
//! active holder (the partner's global admin, the customer's admin), checked in the same
//! transaction as the change that would remove the last one.

use chrono::{DateTime, TimeDelta, Utc};
use portal_domain::Role;
use portal_domain::users::{PASSWORD_LINK_DAYS, UserState};
use sqlx::FromRow;

use crate::db::{Db, begin_write};
use crate::store::activity::{self, Actor, Entry};
use crate::store::insert::Insert;
use crate::store::{OnDuplicate, composed};
use crate::timestamp;

/// Whose users: a partner's staff or a customer's users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'a> {
    Partner(&'a str),
    Customer(&'a str),
}

impl<'a> Owner<'a> {
    /// The users table's column naming the organization.
    fn column(self) -> &'static str {
        match self {
            Owner::Partner(_) => "partner_id",
            Owner::Customer(_) => "customer_id",
        }
    }

    fn id(self) -> String {
        match self {
            Owner::Partner(id) | Owner::Customer(id) => id.to_owned(),
        }
    }

    /// The (partner, customer) a log entry about its users belongs to.
    fn log_keys(self) -> (Option<&'a str>, Option<&'a str>) {
        match self {
            Owner::Partner(id) => (Some(id), None),
            Owner::Customer(id) => (None, Some(id)),
        }
    }

    /// The role someone active must always hold.
    pub fn protected_role(self) -> Role {
        match self {
            Owner::Partner(_) => Role::GlobalAdmin,
            Owner::Customer(_) => Role::CustomerAdmin,
        }
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct AccountRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub usage_location: Option<String>,
    pub locale: String,
    pub created_at: String,
    /// 1 once the user has chosen a password.
    pub has_password: i64,
    pub deactivated_at: Option<String>,
    #[sqlx(skip)]
    pub roles: Vec<Role>,
}

impl AccountRow {
    pub fn state(&self) -> UserState {
        match (&self.deactivated_at, self.has_password) {
            (Some(_), _) => UserState::Deactivated,
            (None, 0) => UserState::Invited,
            (None, _) => UserState::Active,
        }
    }
}

const ACCOUNT_COLUMNS: &str = "u.id, u.email, u.display_name, u.first_name, u.last_name,
     u.usage_location, u.locale, u.created_at, CASE WHEN u.password_hash = '' THEN 0 ELSE 1 END AS has_password,
     u.deactivated_at";

/// The organization's users by name, with their roles.
pub async fn list(db: &Db, owner: Owner<'_>) -> sqlx::Result<Vec<AccountRow>> {
    let column = owner.column();
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users u WHERE u.{column} = $1
         ORDER BY LOWER(u.display_name), u.id"
    );
    let rows: Vec<AccountRow> =
        sqlx::query_as(composed(&sql)).bind(owner.id()).fetch_all(db).await?;
    let sql = format!(
        "SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id
         WHERE u.{column} = $1"
    );
    let roles: Vec<(String, String)> =
        sqlx::query_as(composed(&sql)).bind(owner.id()).fetch_all(db).await?;
    Ok(rows.into_iter().map(|row| with_roles(row, &roles)).collect())
}

/// One of the organization's users; None for anyone else's.
pub async fn find(db: &Db, owner: Owner<'_>, user_id: &str) -> sqlx::Result<Option<AccountRow>> {
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users u WHERE u.{} = $1 AND u.id = $2",
        owner.column()
    );
    let row: Option<AccountRow> =
        sqlx::query_as(composed(&sql)).bind(owner.id()).bind(user_id).fetch_optional(db).await?;
    let Some(row) = row else { return Ok(None) };
    let roles: Vec<(String, String)> =
        sqlx::query_as("SELECT user_id, role FROM user_roles WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(db)
            .await?;
    Ok(Some(with_roles(row, &roles)))
}

/// The row with its roles from `(user id, role)` pairs, sorted; a role this build does not know
/// grants nothing and is left out.
fn with_roles(mut row: AccountRow, roles: &[(String, String)]) -> AccountRow {
    row.roles = roles
        .iter()
        .filter(|(user, _)| *user == row.id)
        .filter_map(|(_, role)| role.parse().ok())
        .collect();
    row.roles.sort();
    row
}

pub struct NewAccount<'a> {
    pub id: &'a str,
    pub owner: Owner<'a>,
    pub email: &'a str,
    pub display_name: &'a str,
    pub first_name: Option<&'a str>,
    pub last_name: Option<&'a str>,
    pub usage_location: Option<&'a str>,
    pub locale: &'a str,
    /// None: the user chooses one through the link.
    pub password_hash: Option<&'a str>,
    pub roles: &'a [Role],
}

/// A link to choose a password, as stored.
pub struct NewLink<'a> {
    pub id: &'a str,
    pub token_hash: &'a str,
    pub created_by: &'a str,
}

/// Adds the user and, when given, their password link, in one transaction. `Ok(None)` when the
/// email belongs to another account already.
pub async fn create(
    db: &Db,
    new: &NewAccount<'_>,
    link: Option<&NewLink<'_>>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    let now_text = timestamp::to_text(now);
    let mut tx = begin_write(db).await?;
    let (partner_id, customer_id) = match new.owner {
        Owner::Partner(id) => (Some(id), None),
        Owner::Customer(id) => (None, Some(id)),
    };
    let inserted = Insert::into("users")
        .value("id", new.id)
        .value("email", new.email.trim().to_lowercase())
        .value("display_name", new.display_name.trim())
        .value("password_hash", new.password_hash.unwrap_or_default())
        .value("partner_id", partner_id)
        .value("customer_id", customer_id)
        .value("locale", new.locale)
        .value("first_name", new.first_name.map(str::trim))
        .value("last_name", new.last_name.map(str::trim))
        .value("usage_location", new.usage_location.map(|l| l.trim().to_ascii_uppercase()))
        .value("created_at", &now_text)
        .execute(&mut *tx)
        .await
        .unless_duplicate()?;
    if inserted.is_none() {
        return Ok(None);
    }
    for role in new.roles {
        Insert::into("user_roles")
            .value("user_id", new.id)
            .value("role", role.as_str())
            .then("ON CONFLICT (user_id, role) DO NOTHING")
            .execute(&mut *tx)
            .await?;
    }
    let expires_at = match link {
        Some(link) => Some(insert_link(&mut tx, new.id, link, now).await?),
        None => None,
    };
    let name = format!("{} <{}>", new.display_name.trim(), new.email.trim().to_lowercase());
    let roles = roles_text(&mut tx, new.id).await?;
    log(&mut tx, actor, new.owner, "user.added", new.id, &name, (None, Some(roles)), now).await?;
    tx.commit().await?;
    Ok(Some(expires_at.unwrap_or_default()))
}

/// Why a change to a user was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It would leave the organization without an active holder of its protected role.
    LastAdmin,
    /// No such user in this organization.
    NotFound,
}

/// Gives the user exactly `roles`.
pub async fn set_roles(
    db: &Db,
    owner: Owner<'_>,
    user_id: &str,
    roles: &[Role],
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<(), Refusal>> {
    let mut tx = begin_write(db).await?;
    lock_owner(&mut tx, owner).await?;
    let Some(name) = belongs(&mut tx, owner, user_id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let before = roles_text(&mut tx, user_id).await?;
    let protected = owner.protected_role();
    if !roles.contains(&protected) && is_last_active_holder(&mut tx, owner, user_id).await? {
        return Ok(Err(Refusal::LastAdmin));
    }
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for role in roles {
        Insert::into("user_roles")
            .value("user_id", user_id)
            .value("role", role.as_str())
            .then("ON CONFLICT (user_id, role) DO NOTHING")
            .execute(&mut *tx)
            .await?;
    }
    let after = roles_text(&mut tx, user_id).await?;
    if after != before {
        let change = (Some(before), Some(after));
        log(&mut tx, actor, owner, "user.roles_changed", user_id, &name, change, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Deactivates the user (their sessions end with it) or makes them active again.
pub async fn set_active(
    db: &Db,
    owner: Owner<'_>,
    user_id: &str,
    active: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<(), Refusal>> {
    let mut tx = begin_write(db).await?;
    lock_owner(&mut tx, owner).await?;
    let Some(name) = belongs(&mut tx, owner, user_id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if active {
        let restored = sqlx::query(
            "UPDATE users SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if restored.rows_affected() == 1 {
            let change = (Some("deactivated".to_owned()), Some("active".to_owned()));
            log(&mut tx, actor, owner, "user.restored", user_id, &name, change, now).await?;
        }
    } else {
        if is_last_active_holder(&mut tx, owner, user_id).await? {
            return Ok(Err(Refusal::LastAdmin));
        }
        let deactivated = sqlx::query(
            "UPDATE users SET deactivated_at = $2 WHERE id = $1 AND deactivated_at IS NULL",
        )
        .bind(user_id)
        .bind(timestamp::to_text(now))
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if deactivated.rows_affected() == 1 {
            let change = (Some("active".to_owned()), Some("deactivated".to_owned()));
            log(&mut tx, actor, owner, "user.deactivated", user_id, &name, change, now).await?;
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Changes the user's name.
pub async fn rename(
    db: &Db,
    owner: Owner<'_>,
    user_id: &str,
    display_name: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<(), Refusal>> {
    let mut tx = begin_write(db).await?;
    let Some(before) = belongs(&mut tx, owner, user_id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(display_name.trim())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let after = belongs(&mut tx, owner, user_id).await?;
    if after.as_deref() != Some(before.as_str()) {
        let change = (Some(before.clone()), after);
        log(&mut tx, actor, owner, "user.renamed", user_id, &before, change, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// The user's name as the log shows it (`Kim Lee <kim@…>`), if they are the organization's.
async fn belongs(
    tx: &mut sqlx::AnyConnection,
    owner: Owner<'_>,
    user_id: &str,
) -> sqlx::Result<Option<String>> {
    let sql =
        format!("SELECT display_name, email FROM users WHERE id = $1 AND {} = $2", owner.column());
    let found: Option<(String, String)> =
        sqlx::query_as(composed(&sql)).bind(user_id).bind(owner.id()).fetch_optional(tx).await?;
    Ok(found.map(|(name, email)| format!("{name} <{email}>")))
}

/// The user's roles, spelled and sorted, for the log.
async fn roles_text(tx: &mut sqlx::AnyConnection, user_id: &str) -> sqlx::Result<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
            .bind(user_id)
            .fetch_all(tx)
            .await?;
    Ok(rows.into_iter().map(|(r,)| r).collect::<Vec<_>>().join(", "))
}

/// Records a change to one of the organization's users, in the change's transaction.
#[allow(clippy::too_many_arguments)]
async fn log(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    owner: Owner<'_>,
    action: &'static str,
    user_id: &str,
    user_name: &str,
    change: (Option<String>, Option<String>),
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let (partner_id, customer_id) = owner.log_keys();
    let entry = Entry {
        action,
        customer_id,
        partner_id,
        target_id: user_id,
        target_name: user_name,
        before: change.0,
        after: change.1,
    };
    activity::record(tx, actor, entry, now).await
}

/// Makes changes to the organization's users one at a time until the transaction ends, so that
/// two admins demoting each other at once cannot both see the other one left. SQLite's write
/// transactions are serial already; on PostgreSQL this locks the organization's row.
async fn lock_owner(tx: &mut sqlx::AnyConnection, owner: Owner<'_>) -> sqlx::Result<()> {
    let sql = match owner {
        Owner::Partner(_) => "UPDATE partners SET id = id WHERE id = $1",
        Owner::Customer(_) => "UPDATE customers SET id = id WHERE id = $1",
    };
    sqlx::query(sql).bind(owner.id()).execute(tx).await?;
    Ok(())
}

/// Whether `user_id` is the only active user (not deactivated, with a password) holding the
/// organization's protected role. Run after [`lock_owner`].
async fn is_last_active_holder(
    tx: &mut sqlx::AnyConnection,
    owner: Owner<'_>,
    user_id: &str,
) -> sqlx::Result<bool> {
    let sql = format!(
        "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.{} = $1 AND r.role = $2 AND u.deactivated_at IS NULL AND u.password_hash <> ''",
        owner.column()
    );
    let holders: Vec<(String,)> = sqlx::query_as(composed(&sql))
        .bind(owner.id())
        .bind(owner.protected_role().as_str())
        .fetch_all(&mut *tx)
        .await?;
    Ok(holders.len() == 1 && holders[0].0 == user_id)
}

/// Issues a new link for the user to choose a password; their earlier open links stop working.
/// When it ends (`expires_at`).
pub async fn issue_link(
    db: &Db,
    owner: Owner<'_>,
    user_id: &str,
    link: &NewLink<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let mut tx = begin_write(db).await?;
    let expires_at = insert_link(&mut tx, user_id, link, now).await?;
    let name = belongs(&mut tx, owner, user_id).await?.unwrap_or_default();
    let change = (None, Some(format!("until {}", &expires_at[..10.min(expires_at.len())])));
    log(&mut tx, actor, owner, "user.password_link_issued", user_id, &name, change, now).await?;
    tx.commit().await?;
    Ok(expires_at)
}

async fn insert_link(
    tx: &mut sqlx::AnyConnection,
    user_id: &str,
    link: &NewLink<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let now_text = timestamp::to_text(now);
    sqlx::query(
        "UPDATE password_links SET outcome = 'replaced', answered_at = $2
         WHERE user_id = $1 AND outcome IS NULL",
    )
    .bind(user_id)
    .bind(&now_text)
    .execute(&mut *tx)
    .await?;
    let expires_at = timestamp::to_text(now + TimeDelta::days(PASSWORD_LINK_DAYS));
    Insert::into("password_links")
        .value("id", link.id)
        .value("token_hash", link.token_hash)
        .value("user_id", user_id)
        .value("created_by", link.created_by)
        .value("created_at", &now_text)
        .value("expires_at", &expires_at)
        .execute(&mut *tx)
        .await?;
    Ok(expires_at)
}

/// A password link and whose it is.
#[derive(Debug, Clone, FromRow)]
pub struct LinkRow {
    pub id: String,
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub organization: String,
    pub has_password: i64,
    pub deactivated_at: Option<String>,
    pub expires_at: String,
    pub outcome: Option<String>,
}

impl LinkRow {
    /// `open`, or why it no longer works.
    pub fn state(&self, now: DateTime<Utc>) -> &'static str {
        match self.outcome.as_deref() {
            Some("used") => "used",
            Some(_) => "replaced",
            None if self.deactivated_at.is_some() => "replaced",
            None if self.expires_at <= timestamp::to_text(now) => "expired",
            None => "open",
        }
    }
}

pub async fn link_by_token(db: &Db, token_hash: &str) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as(
        "SELECT l.id, l.user_id, u.email, u.display_name, u.locale,
                COALESCE(p.name, c.company_name) AS organization,
                CASE WHEN u.password_hash = '' THEN 0 ELSE 1 END AS has_password,
                u.deactivated_at, l.expires_at, l.outcome
         FROM password_links l JOIN users u ON u.id = l.user_id
         LEFT JOIN partners p ON p.id = u.partner_id LEFT JOIN customers c ON c.id = u.customer_id
         WHERE l.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// Uses the link: the user's password becomes `password_hash`. False when the link was used,
/// replaced or expired meanwhile, or the user deactivated.
pub async fn use_link(
    db: &Db,
    link: &LinkRow,
    password_hash: &str,
    request_id: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let now_text = timestamp::to_text(now);
    let mut tx = begin_write(db).await?;
    let closed = sqlx::query(
        "UPDATE password_links SET outcome = 'used', answered_at = $2
         WHERE id = $1 AND outcome IS NULL AND expires_at > $2",
    )
    .bind(&link.id)
    .bind(&now_text)
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() != 1 {
        return Ok(false);
    }
    let set =
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1 AND deactivated_at IS NULL")
            .bind(&link.user_id)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?;
    if set.rows_affected() != 1 {
        return Ok(false);
    }
    // A new password ends the sessions opened with the old one.
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(&link.user_id)
        .execute(&mut *tx)
        .await?;
    let (partner_id, customer_id): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT partner_id, customer_id FROM users WHERE id = $1")
            .bind(&link.user_id)
            .fetch_one(&mut *tx)
            .await?;
    let name = format!("{} <{}>", link.display_name, link.email);
    let actor = Actor {
        user_id: Some(link.user_id.clone()),
        name: name.clone(),
        partner_id: partner_id.clone(),
        request_id: request_id.to_owned(),
    };
    let entry = Entry {
        action: "user.password_set",
        customer_id: customer_id.as_deref(),
        partner_id: partner_id.as_deref(),
        target_id: &link.user_id,
        target_name: &name,
        before: None,
        after: None,
    };
    activity::record(&mut tx, &actor, entry, now).await?;
    tx.commit().await?;
    Ok(true)
}
