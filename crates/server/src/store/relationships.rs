//! Delegated admin relationships between partners and customers, and the invitations a new
//! customer's first admin accepts one with. Every change of status is one transaction that
//! re-checks the status it starts from, so two answers racing each other cannot both win.

use chrono::{DateTime, TimeDelta, Utc};
use portal_domain::relationship::{
    INVITATION_DAYS, InvitationState, RELATIONSHIP_DAYS, RelationshipStatus,
};
use sqlx::FromRow;

use crate::db::{Db, begin_write};
use crate::store::activity::{self, Actor, Entry};
use crate::store::insert::Insert;
use crate::store::users::{self, NewUser};
use crate::store::{OnDuplicate, composed};
use crate::timestamp;

/// A partner of a customer, and where they stand.
#[derive(Debug, Clone, FromRow)]
pub struct RelationshipRow {
    pub partner_id: String,
    pub partner_name: String,
    pub mpn_id: String,
    pub relationship_type: String,
    #[sqlx(try_from = "String")]
    pub status: RelationshipStatus,
    pub created_at: String,
    pub accepted_at: Option<String>,
    pub expires_at: Option<String>,
    pub ended_at: Option<String>,
}

const RELATIONSHIP_COLUMNS: &str = "r.partner_id, p.name AS partner_name, p.mpn_id,
     r.relationship_type, r.status, r.created_at, r.accepted_at, r.expires_at, r.ended_at
     FROM partner_customer_relationships r JOIN partners p ON p.id = r.partner_id";

/// The customer's partners, newest first; only `partner_id`'s when one is given.
pub async fn of_customer(
    db: &Db,
    customer_id: &str,
    partner_id: Option<&str>,
) -> sqlx::Result<Vec<RelationshipRow>> {
    let sql = format!(
        "SELECT {RELATIONSHIP_COLUMNS} WHERE r.customer_id = $1 AND ($2 IS NULL OR r.partner_id = $2)
         ORDER BY r.created_at DESC, r.partner_id"
    );
    sqlx::query_as(composed(&sql)).bind(customer_id).bind(partner_id).fetch_all(db).await
}

/// When a relationship accepted at `now` runs out.
fn expiry_from(now: DateTime<Utc>) -> String {
    timestamp::to_text(now + TimeDelta::days(RELATIONSHIP_DAYS))
}

/// Why a relationship could not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The customer works with another partner already (pending or active): its name.
    OtherReseller(String),
    /// The relationship with this partner is active already.
    AlreadyActive,
    /// There is no active relationship to end.
    NothingToEnd,
}

/// The partner, other than `partner_id`, with a pending or active relationship to the customer.
async fn other_reseller(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    partner_id: &str,
) -> sqlx::Result<Option<String>> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT p.name FROM partner_customer_relationships r JOIN partners p ON p.id = r.partner_id
         WHERE r.customer_id = $1 AND r.partner_id <> $2 AND r.status IN ('pending', 'active')",
    )
    .bind(customer_id)
    .bind(partner_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.map(|(name,)| name))
}

/// A signed-in customer admin accepts the partner's general request: the relationship becomes
/// active (again, if it was declined, ended or expired), unless the customer has another reseller.
pub async fn accept_request(
    db: &Db,
    partner: (&str, &str),
    customer_id: &str,
    now: DateTime<Utc>,
    actor: &Actor,
) -> sqlx::Result<Result<(), Refusal>> {
    let (partner_id, partner_name) = partner;
    let mut tx = begin_write(db).await?;
    if let Some(other) = other_reseller(&mut tx, customer_id, partner_id).await? {
        return Ok(Err(Refusal::OtherReseller(other)));
    }
    let current: Option<(String,)> = sqlx::query_as(
        "SELECT status FROM partner_customer_relationships WHERE partner_id = $1 AND customer_id = $2",
    )
    .bind(partner_id)
    .bind(customer_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (now_text, expires_at) = (timestamp::to_text(now), expiry_from(now));
    match current.as_ref().map(|(s,)| s.as_str()) {
        Some("active") => return Ok(Err(Refusal::AlreadyActive)),
        Some(_) => {
            sqlx::query(
                "UPDATE partner_customer_relationships
                 SET status = 'active', accepted_at = $3, expires_at = $4, ended_at = NULL, ended_by = NULL
                 WHERE partner_id = $1 AND customer_id = $2",
            )
            .bind(partner_id)
            .bind(customer_id)
            .bind(&now_text)
            .bind(&expires_at)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            let inserted = Insert::into("partner_customer_relationships")
                .value("partner_id", partner_id)
                .value("customer_id", customer_id)
                .value("relationship_type", "reseller")
                .value("status", RelationshipStatus::Active.as_str())
                .value("created_at", &now_text)
                .value("accepted_at", &now_text)
                .value("expires_at", &expires_at)
                .execute(&mut *tx)
                .await
                .unless_duplicate()?;
            // Another partner's relationship was accepted at the same moment.
            if inserted.is_none() {
                return Ok(Err(Refusal::OtherReseller(String::new())));
            }
        }
    }
    let entry = Entry {
        action: "relationship.accepted",
        customer_id: Some(customer_id),
        partner_id: Some(partner_id),
        target_id: partner_id,
        target_name: partner_name,
        before: current.map(|(status,)| status),
        after: Some(RelationshipStatus::Active.as_str().to_owned()),
    };
    activity::record(&mut tx, actor, entry, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Ends the customer's active relationship (with `partner_id` only, when given). The partner's
/// access goes with it: every partner query reads the status.
pub async fn end(
    db: &Db,
    customer_id: &str,
    partner_id: Option<&str>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<(), Refusal>> {
    let mut tx = begin_write(db).await?;
    let active: Option<(String, String)> = sqlx::query_as(
        "SELECT r.partner_id, p.name FROM partner_customer_relationships r
         JOIN partners p ON p.id = r.partner_id
         WHERE r.customer_id = $1 AND ($2 IS NULL OR r.partner_id = $2) AND r.status = 'active'",
    )
    .bind(customer_id)
    .bind(partner_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((partner_id, partner_name)) = active else { return Ok(Err(Refusal::NothingToEnd)) };
    sqlx::query(
        "UPDATE partner_customer_relationships SET status = 'ended', ended_at = $3, ended_by = $4
         WHERE customer_id = $1 AND partner_id = $2",
    )
    .bind(customer_id)
    .bind(&partner_id)
    .bind(timestamp::to_text(now))
    .bind(actor.user_id.as_deref())
    .execute(&mut *tx)
    .await?;
    let entry = Entry {
        action: "relationship.ended",
        customer_id: Some(customer_id),
        partner_id: Some(&partner_id),
        target_id: &partner_id,
        target_name: &partner_name,
        before: Some(RelationshipStatus::Active.as_str().to_owned()),
        after: Some(RelationshipStatus::Ended.as_str().to_owned()),
    };
    activity::record(&mut tx, actor, entry, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Marks the active relationships whose duration has run out as expired; how many.
pub async fn expire_due(db: &Db, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE partner_customer_relationships SET status = 'expired', ended_at = expires_at
         WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= $1",
    )
    .bind(timestamp::to_text(now))
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// An invitation and what it is about.
#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub id: String,
    pub partner_id: String,
    pub partner_name: String,
    pub customer_id: String,
    pub company_name: String,
    pub domain: String,
    pub language: Option<String>,
    pub culture: String,
    pub email: String,
    pub expires_at: String,
    pub outcome: Option<String>,
}

impl InvitationRow {
    pub fn state(&self, now: DateTime<Utc>) -> InvitationState {
        match self.outcome.as_deref() {
            Some("accepted") => InvitationState::Accepted,
            Some("declined") => InvitationState::Declined,
            Some(_) => InvitationState::Replaced,
            None if self.expires_at <= timestamp::to_text(now) => InvitationState::Expired,
            None => InvitationState::Open,
        }
    }
}

const INVITATION_VIEW: &str = "SELECT i.id, i.partner_id, p.name AS partner_name, i.customer_id,
     c.company_name, c.domain, c.language, c.culture, i.email, i.expires_at, i.outcome
     FROM invitations i JOIN partners p ON p.id = i.partner_id JOIN customers c ON c.id = i.customer_id";

pub async fn invitation_by_token(db: &Db, token_hash: &str) -> sqlx::Result<Option<InvitationRow>> {
    let sql = format!("{INVITATION_VIEW} WHERE i.token_hash = $1");
    sqlx::query_as(composed(&sql)).bind(token_hash).fetch_optional(db).await
}

/// Why an invitation could not be issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueRefusal {
    /// The partner created no such customer (or another partner did).
    NotFound,
    /// The customer has accepted already.
    AlreadyActive,
    /// The customer has no contact email to invite.
    NoEmail,
}

pub struct NewInvitationRow<'a> {
    pub id: &'a str,
    pub token_hash: &'a str,
    pub partner_id: &'a str,
    pub customer_id: &'a str,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
}

/// Issues an invitation for a customer of the partner whose relationship is pending or was
/// declined (it is pending again): the customer's earlier unanswered invitations stop working.
pub async fn issue_invitation(
    db: &Db,
    new: NewInvitationRow<'_>,
) -> sqlx::Result<Result<InvitationRow, IssueRefusal>> {
    let mut tx = begin_write(db).await?;
    let found: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT r.status, c.contact_email FROM partner_customer_relationships r
         JOIN customers c ON c.id = r.customer_id WHERE r.partner_id = $1 AND r.customer_id = $2",
    )
    .bind(new.partner_id)
    .bind(new.customer_id)
    .fetch_optional(&mut *tx)
    .await?;
    let email = match found {
        None => return Ok(Err(IssueRefusal::NotFound)),
        Some((status, _)) if status == "active" => return Ok(Err(IssueRefusal::AlreadyActive)),
        Some((status, _)) if status != "pending" && status != "declined" => {
            return Ok(Err(IssueRefusal::NotFound));
        }
        Some((_, None)) => return Ok(Err(IssueRefusal::NoEmail)),
        Some((_, Some(email))) => email,
    };
    let now = timestamp::to_text(new.now);
    sqlx::query(
        "UPDATE invitations SET outcome = 'replaced', answered_at = $3
         WHERE partner_id = $1 AND customer_id = $2 AND outcome IS NULL",
    )
    .bind(new.partner_id)
    .bind(new.customer_id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    // Declined earlier: asking again makes it pending, unless another partner got in meanwhile.
    let reopened = sqlx::query(
        "UPDATE partner_customer_relationships SET status = 'pending', ended_at = NULL
         WHERE partner_id = $1 AND customer_id = $2 AND status = 'declined'",
    )
    .bind(new.partner_id)
    .bind(new.customer_id)
    .execute(&mut *tx)
    .await
    .unless_duplicate()?;
    if reopened.is_none() {
        return Ok(Err(IssueRefusal::NotFound));
    }
    Insert::into("invitations")
        .value("id", new.id)
        .value("token_hash", new.token_hash)
        .value("partner_id", new.partner_id)
        .value("customer_id", new.customer_id)
        .value("email", &email)
        .value("created_by", new.actor.user_id.as_deref().unwrap_or_default())
        .value("created_at", &now)
        .value("expires_at", timestamp::to_text(new.now + TimeDelta::days(INVITATION_DAYS)))
        .execute(&mut *tx)
        .await?;
    let sql = format!("{INVITATION_VIEW} WHERE i.id = $1");
    let row: InvitationRow =
        sqlx::query_as(composed(&sql)).bind(new.id).fetch_one(&mut *tx).await?;
    let entry = Entry {
        action: "invitation.issued",
        customer_id: Some(new.customer_id),
        partner_id: Some(new.partner_id),
        target_id: new.customer_id,
        target_name: &row.company_name,
        before: None,
        after: Some(row.email.clone()),
    };
    activity::record(&mut tx, new.actor, entry, new.now).await?;
    tx.commit().await?;
    Ok(Ok(row))
}

/// Why an answer to an invitation did not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// Answered, replaced or expired meanwhile.
    Closed,
    /// The relationship is no longer waiting for this answer.
    RelationshipChanged,
    /// An account with the invitation's email exists already.
    AccountExists,
}

/// Accepts the invitation: it is used up, the relationship becomes active and `admin` (its
/// customer's first admin) is created, all or nothing.
pub async fn accept_invitation(
    db: &Db,
    invitation: &InvitationRow,
    admin: &NewUser<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<(), AnswerRefusal>> {
    let mut tx = begin_write(db).await?;
    let now_text = timestamp::to_text(now);
    if !close_invitation(&mut tx, &invitation.id, "accepted", &now_text).await? {
        return Ok(Err(AnswerRefusal::Closed));
    }
    let activated = sqlx::query(
        "UPDATE partner_customer_relationships
         SET status = 'active', accepted_at = $3, expires_at = $4
         WHERE partner_id = $1 AND customer_id = $2 AND status = 'pending'",
    )
    .bind(&invitation.partner_id)
    .bind(&invitation.customer_id)
    .bind(&now_text)
    .bind(expiry_from(now))
    .execute(&mut *tx)
    .await?;
    if activated.rows_affected() == 0 {
        return Ok(Err(AnswerRefusal::RelationshipChanged));
    }
    if users::insert(&mut tx, admin, &now_text).await.unless_duplicate()?.is_none() {
        return Ok(Err(AnswerRefusal::AccountExists));
    }
    let entry = Entry {
        action: "invitation.accepted",
        customer_id: Some(&invitation.customer_id),
        partner_id: Some(&invitation.partner_id),
        target_id: &invitation.partner_id,
        target_name: &invitation.partner_name,
        before: Some(RelationshipStatus::Pending.as_str().to_owned()),
        after: Some(RelationshipStatus::Active.as_str().to_owned()),
    };
    activity::record(&mut tx, actor, entry, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Declines the invitation: it is used up and the relationship is declined.
pub async fn decline_invitation(
    db: &Db,
    invitation: &InvitationRow,
    actor: &Actor,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<(), AnswerRefusal>> {
    let mut tx = begin_write(db).await?;
    let now_text = timestamp::to_text(now);
    if !close_invitation(&mut tx, &invitation.id, "declined", &now_text).await? {
        return Ok(Err(AnswerRefusal::Closed));
    }
    sqlx::query(
        "UPDATE partner_customer_relationships SET status = 'declined', ended_at = $3
         WHERE partner_id = $1 AND customer_id = $2 AND status = 'pending'",
    )
    .bind(&invitation.partner_id)
    .bind(&invitation.customer_id)
    .bind(&now_text)
    .execute(&mut *tx)
    .await?;
    let entry = Entry {
        action: "invitation.declined",
        customer_id: Some(&invitation.customer_id),
        partner_id: Some(&invitation.partner_id),
        target_id: &invitation.partner_id,
        target_name: &invitation.partner_name,
        before: Some(RelationshipStatus::Pending.as_str().to_owned()),
        after: Some(RelationshipStatus::Declined.as_str().to_owned()),
    };
    activity::record(&mut tx, actor, entry, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Records the answer if the invitation is still open and unexpired; whether it was.
async fn close_invitation(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    outcome: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let closed = sqlx::query(
        "UPDATE invitations SET outcome = $2, answered_at = $3
         WHERE id = $1 AND outcome IS NULL AND expires_at > $3",
    )
    .bind(id)
    .bind(outcome)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(closed.rows_affected() == 1)
}
