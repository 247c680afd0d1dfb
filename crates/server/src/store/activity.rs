//! The activity log: who changed what, when, from what to what, under which `MS-RequestId`.
//! [`record`] takes the connection of the change's own transaction, so an entry exists exactly
//! when its change does.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::db::Db;
use crate::identity::User;
use crate::store::insert::Insert;
use crate::store::{composed, escape_like};
use crate::timestamp;

/// Who makes a change, and in which request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<String>,
    pub name: String,
    pub partner_id: Option<String>,
    pub request_id: String,
}

impl Actor {
    pub fn user(user: &User, request_id: &str) -> Self {
        Actor {
            user_id: Some(user.id.clone()),
            name: format!("{} <{}>", user.display_name, user.email),
            partner_id: user.partner_id.clone(),
            request_id: request_id.to_owned(),
        }
    }

    /// The name alone (`Name <email>` without the email), as documents print it.
    pub fn display_name(&self) -> &str {
        self.name.split(" <").next().unwrap_or(&self.name)
    }

    /// Someone without an account (an invitee answering from a link).
    pub fn anonymous(name: &str, request_id: &str) -> Self {
        Actor {
            user_id: None,
            name: name.to_owned(),
            partner_id: None,
            request_id: request_id.to_owned(),
        }
    }
}

/// One change, for the log.
pub struct Entry<'a> {
    pub action: &'static str,
    /// The customer it concerns, if any; its partner sees it too while they work together.
    pub customer_id: Option<&'a str>,
    /// The partner it concerns beyond the actor's own (an invitation's partner, say).
    pub partner_id: Option<&'a str>,
    pub target_id: &'a str,
    pub target_name: &'a str,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub async fn record(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    Insert::into("activity")
        // Time-ordered (UUID v7, monotonic in this process): entries made in the same instant
        // of the portal's clock still list in the order they were made.
        .value("id", uuid::Uuid::now_v7().to_string())
        .value("at", timestamp::to_text(now))
        .value("actor_id", actor.user_id.as_deref())
        .value("actor_name", actor.name.as_str())
        .value("partner_id", entry.partner_id.or(actor.partner_id.as_deref()))
        .value("customer_id", entry.customer_id)
        .value("action", entry.action)
        .value("target_id", entry.target_id)
        .value("target_name", entry.target_name)
        .value("before_value", entry.before)
        .value("after_value", entry.after)
        .value("request_id", actor.request_id.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct ActivityRow {
    pub id: String,
    pub at: String,
    pub actor_name: String,
    pub customer_id: Option<String>,
    pub company_name: Option<String>,
    pub action: String,
    pub target_id: String,
    pub target_name: String,
    pub before_value: Option<String>,
    pub after_value: Option<String>,
    pub request_id: String,
}

/// Whose log: a partner's (its own entries and those of the customers it works for) or a
/// customer's own.
#[derive(Debug, Clone, Copy)]
pub enum Log<'a> {
    Partner(&'a str),
    Customer(&'a str),
}

/// Narrowing a log.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Entries whose action starts with this (`customer`, `user.`, `subscription.changed`).
    pub action: Option<String>,
    pub customer_id: Option<String>,
    /// From this day on (`YYYY-MM-DD`), and before the day after `until`.
    pub since: Option<String>,
    pub until: Option<String>,
}

/// Where a page starts: after this (at, id), newest first.
pub type After = (String, String);

pub async fn list(
    db: &Db,
    log: Log<'_>,
    filter: &Filter,
    after: Option<&After>,
    limit: i64,
) -> sqlx::Result<Vec<ActivityRow>> {
    let mut sql = String::from(
        "SELECT a.id, a.at, a.actor_name, a.customer_id, c.company_name, a.action, a.target_id,
                a.target_name, a.before_value, a.after_value, a.request_id
         FROM activity a LEFT JOIN customers c ON c.id = a.customer_id WHERE ",
    );
    sql.push_str(match log {
        Log::Partner(_) => {
            "(a.partner_id = $1 OR a.customer_id IN (SELECT customer_id FROM partner_customer_relationships
              WHERE partner_id = $1 AND status = 'active'))"
        }
        Log::Customer(_) => "a.customer_id = $1",
    });
    let key = match log {
        Log::Partner(id) | Log::Customer(id) => id,
    };
    let mut values: Vec<String> = vec![key.to_owned()];
    let mut next = |value: String| {
        values.push(value);
        format!("${}", values.len())
    };
    if let Some(action) = &filter.action {
        // The group's own `_` (`api_key`) is a letter here, not LIKE's wildcard.
        let p = next(format!("{}%", escape_like(action)));
        sql.push_str(&format!(" AND a.action LIKE {p} ESCAPE '\\'"));
    }
    if let Some(customer) = &filter.customer_id {
        let p = next(customer.clone());
        sql.push_str(&format!(" AND a.customer_id = {p}"));
    }
    if let Some(since) = &filter.since {
        let p = next(since.clone());
        sql.push_str(&format!(" AND a.at >= {p}"));
    }
    if let Some(until) = &filter.until {
        // Every time on that day sorts before the next character after the date.
        let p = next(format!("{until}~"));
        sql.push_str(&format!(" AND a.at < {p}"));
    }
    if let Some((at, id)) = after {
        let (at, id) = (next(at.clone()), next(id.clone()));
        sql.push_str(&format!(" AND (a.at < {at} OR (a.at = {at} AND a.id < {id}))"));
    }
    sql.push_str(&format!(" ORDER BY a.at DESC, a.id DESC LIMIT ${}", values.len() + 1));
    let mut query = sqlx::query_as(composed(&sql));
    for value in values {
        query = query.bind(value);
    }
    query.bind(limit).fetch_all(db).await
}
