//! Subscriptions and Azure subscriptions (entitlements), as a customer's scope sees them.

use std::collections::HashMap;

use portal_domain::Attributes;
use portal_domain::azure_stack::AzureCloud;
use portal_domain::catalog::UnitType;
use portal_domain::subscription::{BillingType, EventKind, SubscriptionEvent, SubscriptionStatus};
use portal_domain::{Amount, BillingCycle, Currency};
use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct SubscriptionRow {
    pub id: String,
    pub customer_id: String,
    pub order_id: String,
    pub offer_id: String,
    pub product_id: String,
    pub sku_id: String,
    pub offer_name: String,
    pub friendly_name: String,
    pub quantity: i64,
    #[sqlx(try_from = "String")]
    pub unit_type: UnitType,
    #[sqlx(try_from = "String")]
    pub billing_type: BillingType,
    #[sqlx(try_from = "String")]
    pub billing_cycle: BillingCycle,
    pub term_duration: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: SubscriptionStatus,
    pub auto_renew_enabled: i64,
    pub is_trial: i64,
    pub unit_price: Option<i64>,
    #[sqlx(rename = "currency_code", try_from = "String")]
    pub currency: Currency,
    pub created_at: String,
    pub effective_start_date: String,
    pub commitment_end_date: String,
    pub version: i64,
    pub suspension_reason: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct EntitlementRow {
    pub id: String,
    pub subscription_id: String,
    pub friendly_name: String,
    #[sqlx(try_from = "String")]
    pub status: SubscriptionStatus,
    #[sqlx(try_from = "String")]
    pub cloud: AzureCloud,
}

const COLUMNS: &str = "id, customer_id, order_id, offer_id, product_id, sku_id, offer_name, friendly_name, quantity, \
     unit_type, billing_type, billing_cycle, term_duration, status, auto_renew_enabled, is_trial, unit_price, \
     currency_code, created_at, effective_start_date, commitment_end_date, version, suspension_reason";

/// The customer's subscriptions, optionally of one order, oldest first.
pub async fn list(
    db: &Db,
    customer_id: &str,
    order_id: Option<&str>,
) -> sqlx::Result<Vec<SubscriptionRow>> {
    match order_id {
        Some(order_id) => {
            sqlx::query_as(composed(&format!(
                "SELECT {COLUMNS} FROM subscriptions WHERE customer_id = $1 AND order_id = $2 ORDER BY created_at, id"
            )))
            .bind(customer_id)
            .bind(order_id)
            .fetch_all(db)
            .await
        }
        None => {
            sqlx::query_as(composed(&format!("SELECT {COLUMNS} FROM subscriptions WHERE customer_id = $1 ORDER BY created_at, id")))
                .bind(customer_id)
                .fetch_all(db)
                .await
        }
    }
}

/// An active subscription of one of the partner's customers, with its customer's name.
#[derive(Debug, Clone, FromRow)]
pub struct TermRow {
    pub customer_id: String,
    pub company_name: String,
    pub id: String,
    pub friendly_name: String,
    pub offer_name: String,
    pub term_duration: Option<String>,
    pub commitment_end_date: String,
    pub auto_renew_enabled: i64,
    pub is_trial: i64,
}

/// The active subscriptions of the partner's active customers whose term ends from `from` to
/// `to` (`YYYY-MM-DD`, both included), soonest first.
pub async fn terms_ending(
    db: &Db,
    partner_id: &str,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<TermRow>> {
    sqlx::query_as(
        "SELECT s.customer_id, c.company_name, s.id, s.friendly_name, s.offer_name,
                s.term_duration, s.commitment_end_date, s.auto_renew_enabled, s.is_trial
         FROM subscriptions s JOIN customers c ON c.id = s.customer_id
         JOIN partner_customer_relationships r
           ON r.customer_id = s.customer_id AND r.partner_id = $1 AND r.status = 'active'
         WHERE s.status = 'active' AND s.term_duration IS NOT NULL
           AND s.commitment_end_date >= $2 AND s.commitment_end_date <= $3
         ORDER BY s.commitment_end_date, c.company_name, s.id",
    )
    .bind(partner_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

pub async fn find(
    db: &Db,
    customer_id: &str,
    subscription_id: &str,
) -> sqlx::Result<Option<SubscriptionRow>> {
    sqlx::query_as(composed(&format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE id = $1 AND customer_id = $2"
    )))
    .bind(subscription_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await
}

/// Whether the customer has an Azure plan that is not deleted.
pub async fn has_azure_plan(tx: &mut sqlx::AnyConnection, customer_id: &str) -> sqlx::Result<bool> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM subscriptions WHERE customer_id = $1 AND product_id = $2 AND status <> 'deleted'",
    )
    .bind(customer_id)
    .bind(crate::catalog::AZURE_PLAN_PRODUCT_ID)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.is_some())
}

/// The changes a PATCH applies, all or none.
#[derive(Debug, Default)]
pub struct Update<'a> {
    pub friendly_name: Option<&'a str>,
    pub quantity: Option<i64>,
    pub auto_renew_enabled: Option<bool>,
    pub status: Option<SubscriptionStatus>,
    /// Set with `status: suspended`; cleared otherwise.
    pub suspension_reason: Option<&'a str>,
}

/// Applies `update` if the subscription is still at `version` (its etag). False when someone
/// changed it meanwhile.
pub async fn update(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    version: i64,
    update: &Update<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE subscriptions SET
            friendly_name = COALESCE($3, friendly_name),
            quantity = COALESCE($4, quantity),
            auto_renew_enabled = COALESCE($5, auto_renew_enabled),
            status = COALESCE($6, status),
            suspension_reason = CASE WHEN COALESCE($6, status) = 'suspended' THEN COALESCE($7, suspension_reason) ELSE NULL END,
            version = version + 1
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(update.friendly_name)
    .bind(update.quantity)
    .bind(update.auto_renew_enabled.map(i64::from))
    .bind(update.status.map(SubscriptionStatus::as_str))
    .bind(update.suspension_reason)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewEvent<'a> {
    pub subscription_id: &'a str,
    pub customer_id: &'a str,
    pub occurred_at: &'a str,
    pub actor_id: Option<&'a str>,
    pub actor_name: &'a str,
    pub kind: EventKind,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub amount: Option<Amount>,
    pub currency_code: Option<&'a str>,
}

/// Adds the next event of the subscription's history. Its number is the last one plus one, so
/// the subscription's row is locked first: two changes at once (two Azure subscriptions added
/// under one plan, say) wait for each other instead of taking the same number. A no-op update
/// locks on PostgreSQL; on SQLite the write transaction is already exclusive.
pub async fn insert_event(tx: &mut sqlx::AnyConnection, event: &NewEvent<'_>) -> sqlx::Result<()> {
    sqlx::query("UPDATE subscriptions SET version = version WHERE id = $1")
        .bind(event.subscription_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO subscription_events (id, subscription_id, seq, customer_id, occurred_at, actor_id, actor_name,
                                          kind, old_value, new_value, amount, currency_code)
         VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM subscription_events WHERE subscription_id = $2),
                 $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(event.subscription_id)
    .bind(event.customer_id)
    .bind(event.occurred_at)
    .bind(event.actor_id)
    .bind(event.actor_name)
    .bind(event.kind.as_str())
    .bind(event.old_value)
    .bind(event.new_value)
    .bind(event.amount.map(Amount::ten_thousandths))
    .bind(event.currency_code)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub id: String,
    pub occurred_at: String,
    pub actor_name: String,
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub amount: Option<i64>,
    pub currency_code: Option<String>,
}

/// The subscription's history, oldest first; read inside a transaction when a change depends on it.
pub async fn events<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    subscription_id: &str,
) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT id, occurred_at, actor_name, kind, old_value, new_value, amount, currency_code
         FROM subscription_events WHERE subscription_id = $1 ORDER BY seq",
    )
    .bind(subscription_id)
    .fetch_all(db)
    .await
}

/// Active Azure subscriptions per Azure plan of the customer.
pub async fn active_entitlement_counts(
    db: &Db,
    customer_id: &str,
) -> sqlx::Result<HashMap<String, usize>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT subscription_id, COUNT(*) FROM azure_entitlements
         WHERE customer_id = $1 AND status = 'active' GROUP BY subscription_id",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as usize)).collect())
}

/// An Azure subscription asked for by the request `request_id`. A second insert with the same
/// plan and request id fails with a unique violation.
pub struct NewEntitlement<'a> {
    pub id: &'a str,
    pub subscription_id: &'a str,
    pub customer_id: &'a str,
    pub name: &'a str,
    /// Pending while its Azure plan is being provisioned.
    pub status: SubscriptionStatus,
    /// The request that asked for it, so the same request sent again finds it; None when it
    /// comes with a purchase.
    pub request_id: Option<&'a str>,
    pub now: &'a str,
}

pub async fn insert_entitlement(
    tx: &mut sqlx::AnyConnection,
    new: &NewEntitlement<'_>,
) -> sqlx::Result<()> {
    Insert::into("azure_entitlements")
        .value("id", new.id)
        .value("subscription_id", new.subscription_id)
        .value("customer_id", new.customer_id)
        .value("friendly_name", new.name)
        .value("status", new.status.as_str())
        .value("created_at", new.now)
        .value("request_id", new.request_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The Azure subscription the request `request_id` created under the plan, if any.
pub async fn entitlement_by_request(
    db: &Db,
    subscription_id: &str,
    request_id: &str,
) -> sqlx::Result<Option<EntitlementRow>> {
    sqlx::query_as(
        "SELECT id, subscription_id, friendly_name, status, cloud FROM azure_entitlements
         WHERE subscription_id = $1 AND request_id = $2",
    )
    .bind(subscription_id)
    .bind(request_id)
    .fetch_optional(db)
    .await
}

/// Cancels an active Azure subscription of the plan; false if there is no such active one.
pub async fn cancel_entitlement(
    tx: &mut sqlx::AnyConnection,
    subscription_id: &str,
    entitlement_id: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE azure_entitlements SET status = 'deleted' WHERE id = $1 AND subscription_id = $2 AND status = 'active'",
    )
    .bind(entitlement_id)
    .bind(subscription_id)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the customer still has a legacy Microsoft Azure (MS-AZR-0145P) subscription.
pub async fn has_legacy_azure<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    customer_id: &str,
) -> sqlx::Result<bool> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM subscriptions WHERE customer_id = $1 AND offer_id = $2 AND status IN ('active', 'suspended')",
    )
    .bind(customer_id)
    .bind(portal_domain::upgrade::LEGACY_AZURE_OFFER)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

pub async fn entitlements(db: &Db, subscription_id: &str) -> sqlx::Result<Vec<EntitlementRow>> {
    sqlx::query_as(
        "SELECT id, subscription_id, friendly_name, status, cloud FROM azure_entitlements
         WHERE subscription_id = $1 ORDER BY created_at, friendly_name",
    )
    .bind(subscription_id)
    .fetch_all(db)
    .await
}

/// Asks for registration; a registered subscription stays registered.
/// Asks for the plan's registration; false when it was asked for before (nothing changes).
pub async fn request_registration(
    tx: &mut sqlx::AnyConnection,
    subscription_id: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = Insert::into("subscription_registrations")
        .value("subscription_id", subscription_id)
        .value("status", "registering")
        .value("requested_at", now)
        .then("ON CONFLICT (subscription_id) DO NOTHING")
        .execute(tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn registration_status(db: &Db, subscription_id: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT status FROM subscription_registrations WHERE subscription_id = $1")
            .bind(subscription_id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(s,)| s))
}

/// Completes the registrations under way (the background worker's part).
pub async fn complete_registrations(db: &Db, now: &str) -> sqlx::Result<u64> {
    let done = sqlx::query("UPDATE subscription_registrations SET status = 'registered', registered_at = $1 WHERE status = 'registering'")
        .bind(now)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// The support contact set for the subscription: (tenant id, MPN id, name).
/// The support contact set for the subscription: (tenant id, MPN id, name); None for the
/// reseller's default.
pub async fn support_contact<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    subscription_id: &str,
) -> sqlx::Result<Option<(String, String, String)>> {
    sqlx::query_as("SELECT support_tenant_id, support_mpn_id, name FROM support_contacts WHERE subscription_id = $1")
        .bind(subscription_id)
        .fetch_optional(db)
        .await
}

/// The contact as the change in `tx` replaces it, for the log: the row is locked first (on
/// PostgreSQL; SQLite's write transaction holds the whole database).
pub async fn support_contact_being_changed(
    tx: &mut sqlx::AnyConnection,
    subscription_id: &str,
) -> sqlx::Result<Option<(String, String, String)>> {
    sqlx::query("UPDATE support_contacts SET name = name WHERE subscription_id = $1")
        .bind(subscription_id)
        .execute(&mut *tx)
        .await?;
    support_contact(&mut *tx, subscription_id).await
}

pub async fn set_support_contact(
    tx: &mut sqlx::AnyConnection,
    subscription_id: &str,
    tenant: &str,
    mpn: &str,
    name: &str,
    now: &str,
) -> sqlx::Result<()> {
    Insert::into("support_contacts")
        .value("subscription_id", subscription_id)
        .value("support_tenant_id", tenant)
        .value("support_mpn_id", mpn)
        .value("name", name)
        .value("updated_at", now)
        .then("ON CONFLICT (subscription_id) DO UPDATE SET support_tenant_id = excluded.support_tenant_id, support_mpn_id = excluded.support_mpn_id, name = excluded.name, updated_at = excluded.updated_at")
    .execute(tx)
    .await?;
    Ok(())
}

/// The partner that resells to the customer: (partner id as tenant, MPN id, name).
pub async fn reseller_of<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    customer_id: &str,
) -> sqlx::Result<Option<(String, String, String)>> {
    sqlx::query_as(
        "SELECT p.id, p.mpn_id, p.name FROM partners p
         JOIN partner_customer_relationships r ON r.partner_id = p.id
         WHERE r.customer_id = $1 AND r.status = 'active' ORDER BY r.accepted_at LIMIT 1",
    )
    .bind(customer_id)
    .fetch_optional(db)
    .await
}

impl From<&EventRow> for SubscriptionEvent {
    fn from(row: &EventRow) -> Self {
        SubscriptionEvent {
            id: row.id.clone(),
            occurred_at: row.occurred_at.clone(),
            actor: row.actor_name.clone(),
            kind: row.kind,
            old_value: row.old_value.clone(),
            new_value: row.new_value.clone(),
            amount: row.amount.map(Amount::from_ten_thousandths),
            currency_code: row.currency_code.clone(),
            attributes: Attributes::of("SubscriptionEvent"),
        }
    }
}

/// An Azure subscription of the customer, with its own status, its Azure plan's, and its cloud.
#[derive(Debug, Clone, FromRow)]
pub struct AzureSubscriptionRow {
    pub id: String,
    pub friendly_name: String,
    pub status: String,
    #[sqlx(try_from = "String")]
    pub plan_status: SubscriptionStatus,
    #[sqlx(try_from = "String")]
    pub cloud: AzureCloud,
}

pub async fn azure_subscription<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    customer_id: &str,
    id: &str,
) -> sqlx::Result<Option<AzureSubscriptionRow>> {
    sqlx::query_as(
        "SELECT e.id, e.friendly_name, e.status, s.status AS plan_status, e.cloud
         FROM azure_entitlements e JOIN subscriptions s ON s.id = e.subscription_id
         WHERE e.customer_id = $1 AND e.id = $2",
    )
    .bind(customer_id)
    .bind(id)
    .fetch_optional(db)
    .await
}
