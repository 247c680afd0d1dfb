//! Orders with their lines, and the subscriptions (and first Azure subscriptions) they create.

use chrono::NaiveDate;
use portal_domain::billing::term_end;
use portal_domain::catalog::{UnitType, term_months};
use portal_domain::order::ProvisioningFailure;
use portal_domain::subscription::{EventKind, SubscriptionStatus};
use portal_domain::{Amount, BillingCycle, Currency};
use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;
use crate::store::subscriptions;

/// An order the checkout planned, as it is written: its lines become subscriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineDraft {
    pub number: i64,
    pub offer_id: String,
    pub product_id: String,
    pub sku_id: String,
    pub offer_name: String,
    pub friendly_name: String,
    pub quantity: i64,
    pub term_duration: Option<String>,
    pub unit_type: UnitType,
    pub is_trial: bool,
    pub unit_price: Option<Amount>,
    /// Per billing period, for the whole quantity.
    pub extended_price: Amount,
    /// Charged on the order day.
    pub prorated_price: Amount,
    pub subscription_id: String,
    /// The first Azure subscription of an Azure plan: (id, name).
    pub azure_entitlement: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDraft {
    pub id: String,
    pub alternate_id: String,
    pub order_group: String,
    pub billing_cycle: BillingCycle,
    pub lines: Vec<LineDraft>,
}

impl OrderDraft {
    pub fn total(&self) -> Amount {
        Amount::sum(self.lines.iter().map(|l| l.prorated_price)).unwrap_or(Amount::ZERO)
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    pub id: String,
    pub alternate_id: String,
    pub customer_id: String,
    #[sqlx(try_from = "String")]
    pub billing_cycle: BillingCycle,
    pub currency_code: String,
    pub status: String,
    pub created_at: String,
    /// A `ProvisioningFailure` spelling, for a failed order.
    pub failure_reason: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct OrderLineRow {
    pub order_id: String,
    pub line_item_number: i64,
    pub offer_id: String,
    pub subscription_id: String,
    pub friendly_name: String,
    pub quantity: i64,
    pub term_duration: Option<String>,
    pub unit_price: Option<i64>,
    pub extended_price: i64,
    pub prorated_price: i64,
    pub provisioning_status: String,
}

/// Who placed the order and when.
pub struct Placement<'a> {
    pub customer_id: &'a str,
    pub cart_id: Option<&'a str>,
    pub created_by: &'a str,
    /// Shown in the subscription's history.
    pub created_by_name: &'a str,
    /// Timestamp text (see `timestamp`).
    pub created_at: &'a str,
    pub today: NaiveDate,
    pub currency: Currency,
    /// Seeded history is placed already provisioned; checkouts are placed pending.
    pub provisioned: bool,
}

/// Writes an order, its lines, their subscriptions and any first Azure subscription.
pub async fn insert(
    tx: &mut sqlx::AnyConnection,
    placement: &Placement<'_>,
    draft: &OrderDraft,
) -> sqlx::Result<()> {
    let (order_status, subscription_status, line_status) = if placement.provisioned {
        ("completed", SubscriptionStatus::Active, "Fulfilled")
    } else {
        ("pending", SubscriptionStatus::Pending, "PrefulfillmentPending")
    };
    Insert::into("orders")
        .value("id", &draft.id)
        .value("alternate_id", &draft.alternate_id)
        .value("customer_id", placement.customer_id)
        .value("cart_id", placement.cart_id)
        .value("order_group", &draft.order_group)
        .value("billing_cycle", draft.billing_cycle.as_str())
        .value("currency_code", placement.currency.code)
        .value("status", order_status)
        .value("created_by", placement.created_by)
        .value("created_at", placement.created_at)
        .value("completed_at", placement.provisioned.then_some(placement.created_at))
        .execute(&mut *tx)
        .await?;

    let start = placement.today.to_string();
    for line in &draft.lines {
        Insert::into("order_line_items")
            .value("order_id", &draft.id)
            .value("line_item_number", line.number)
            .value("offer_id", &line.offer_id)
            .value("subscription_id", &line.subscription_id)
            .value("friendly_name", &line.friendly_name)
            .value("quantity", line.quantity)
            .value("term_duration", &line.term_duration)
            .value("unit_price", line.unit_price.map(Amount::ten_thousandths))
            .value("extended_price", line.extended_price.ten_thousandths())
            .value("prorated_price", line.prorated_price.ten_thousandths())
            .value("provisioning_status", line_status)
            .execute(&mut *tx)
            .await?;

        let usage_based = line.unit_type == UnitType::UsageBased;
        let commitment_end = line
            .term_duration
            .as_deref()
            .and_then(term_months)
            .and_then(|months| term_end(placement.today, months))
            .map(|d| d.to_string())
            // No commitment (usage-based): Partner Center's far-future date.
            .unwrap_or_else(|| "9999-12-31".to_owned());
        Insert::into("subscriptions")
            .value("id", &line.subscription_id)
            .value("customer_id", placement.customer_id)
            .value("order_id", &draft.id)
            .value("offer_id", &line.offer_id)
            .value("product_id", &line.product_id)
            .value("sku_id", &line.sku_id)
            .value("offer_name", &line.offer_name)
            .value("friendly_name", &line.friendly_name)
            .value("quantity", line.quantity)
            .value("unit_type", line.unit_type.as_str())
            .value("billing_type", if usage_based { "usage" } else { "license" })
            .value("billing_cycle", draft.billing_cycle.as_str())
            .value("term_duration", &line.term_duration)
            .value("status", subscription_status.as_str())
            .value("auto_renew_enabled", i64::from(line.term_duration.is_some() && !line.is_trial))
            .value("is_trial", i64::from(line.is_trial))
            .value("unit_price", line.unit_price.map(Amount::ten_thousandths))
            .value("currency_code", placement.currency.code)
            .value("created_at", placement.created_at)
            .value("effective_start_date", &start)
            .value("commitment_end_date", &commitment_end)
            .value("version", 1_i64)
            .execute(&mut *tx)
            .await?;

        // The purchase opens the subscription's history, with what it charged on the order day.
        subscriptions::insert_event(
            tx,
            &subscriptions::NewEvent {
                subscription_id: &line.subscription_id,
                customer_id: placement.customer_id,
                occurred_at: placement.created_at,
                actor_id: Some(placement.created_by),
                actor_name: placement.created_by_name,
                kind: EventKind::Created,
                old_value: None,
                new_value: Some(&line.quantity.to_string()),
                amount: Some(line.prorated_price),
                currency_code: Some(placement.currency.code),
            },
        )
        .await?;

        if let Some((entitlement_id, name)) = &line.azure_entitlement {
            let entitlement = subscriptions::NewEntitlement {
                id: entitlement_id,
                subscription_id: &line.subscription_id,
                customer_id: placement.customer_id,
                name,
                status: subscription_status,
                request_id: None,
                now: placement.created_at,
            };
            subscriptions::insert_entitlement(tx, &entitlement).await?;
        }
    }
    Ok(())
}

/// The rows `insert` writes for a draft, for answering without reading them back.
pub fn rows_of(placement: &Placement<'_>, draft: &OrderDraft) -> (OrderRow, Vec<OrderLineRow>) {
    let status = if placement.provisioned { "completed" } else { "pending" };
    let line_status = if placement.provisioned { "Fulfilled" } else { "PrefulfillmentPending" };
    let order = OrderRow {
        id: draft.id.clone(),
        alternate_id: draft.alternate_id.clone(),
        customer_id: placement.customer_id.to_owned(),
        billing_cycle: draft.billing_cycle,
        currency_code: placement.currency.code.to_owned(),
        status: status.to_owned(),
        created_at: placement.created_at.to_owned(),
        failure_reason: None,
    };
    let lines = draft
        .lines
        .iter()
        .map(|line| OrderLineRow {
            order_id: draft.id.clone(),
            line_item_number: line.number,
            offer_id: line.offer_id.clone(),
            subscription_id: line.subscription_id.clone(),
            friendly_name: line.friendly_name.clone(),
            quantity: line.quantity,
            term_duration: line.term_duration.clone(),
            unit_price: line.unit_price.map(Amount::ten_thousandths),
            extended_price: line.extended_price.ten_thousandths(),
            prorated_price: line.prorated_price.ten_thousandths(),
            provisioning_status: line_status.to_owned(),
        })
        .collect();
    (order, lines)
}

const ORDER_COLUMNS: &str = "id, alternate_id, customer_id, billing_cycle, currency_code, status, created_at, failure_reason";
const LINE_COLUMNS: &str = "order_id, line_item_number, offer_id, subscription_id, friendly_name, quantity, \
     term_duration, unit_price, extended_price, prorated_price, provisioning_status";

/// The customer's orders, newest first, each with its lines in order.
pub async fn list(db: &Db, customer_id: &str) -> sqlx::Result<Vec<(OrderRow, Vec<OrderLineRow>)>> {
    let orders: Vec<OrderRow> = sqlx::query_as(composed(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE customer_id = $1 ORDER BY created_at DESC, id"
    )))
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    let lines: Vec<OrderLineRow> = sqlx::query_as(composed(&format!(
        "SELECT {LINE_COLUMNS} FROM order_line_items
         WHERE order_id IN (SELECT id FROM orders WHERE customer_id = $1)
         ORDER BY order_id, line_item_number"
    )))
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    Ok(orders
        .into_iter()
        .map(|order| {
            let own = lines.iter().filter(|l| l.order_id == order.id).cloned().collect();
            (order, own)
        })
        .collect())
}

pub async fn find(
    db: &Db,
    customer_id: &str,
    order_id: &str,
) -> sqlx::Result<Option<(OrderRow, Vec<OrderLineRow>)>> {
    let order: Option<OrderRow> = sqlx::query_as(composed(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1 AND customer_id = $2"
    )))
    .bind(order_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await?;
    let Some(order) = order else { return Ok(None) };
    let lines = sqlx::query_as(composed(&format!(
        "SELECT {LINE_COLUMNS} FROM order_line_items WHERE order_id = $1 ORDER BY line_item_number"
    )))
    .bind(order_id)
    .fetch_all(db)
    .await?;
    Ok(Some((order, lines)))
}

/// Orders waiting for provisioning, oldest first.
pub async fn pending(db: &Db, limit: i64) -> sqlx::Result<Vec<String>> {
    let ids: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM orders WHERE status = 'pending' ORDER BY created_at, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// What provisioning an order came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provisioned {
    Completed,
    Failed(ProvisioningFailure),
    /// Another worker got there first.
    Taken,
}

/// Who a worker's changes are recorded as.
const WORKER: &str = "Provisioning";

/// Provisions one order: its subscriptions and Azure subscriptions become active and the order
/// completed, together; or, when its customer no longer has an active reseller (the
/// relationship ended between checkout and now), the order fails ([`fail`]).
pub async fn complete(db: &Db, order_id: &str, now: &str) -> sqlx::Result<Provisioned> {
    let mut tx = crate::db::begin_write(db).await?;
    let reseller: Option<(String,)> = sqlx::query_as(
        "SELECT r.partner_id FROM orders o JOIN partner_customer_relationships r
           ON r.customer_id = o.customer_id AND r.status = 'active'
         WHERE o.id = $1 LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(&mut *tx)
    .await?;
    if reseller.is_none() {
        let failed = fail(&mut tx, order_id, now, ProvisioningFailure::NoActiveReseller).await?;
        tx.commit().await?;
        return Ok(failed);
    }
    if !settle_order(&mut tx, order_id, now, "completed", None).await? {
        return Ok(Provisioned::Taken);
    }
    settle_pending(&mut tx, order_id, SubscriptionStatus::Active).await?;
    sqlx::query(
        "UPDATE order_line_items SET provisioning_status = 'Fulfilled' WHERE order_id = $1",
    )
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Provisioned::Completed)
}

/// Ends a pending order as `status` (`completed` or `failed`, with the failure's reason); false
/// if it was not pending any more (another worker settled it first).
async fn settle_order(
    tx: &mut sqlx::AnyConnection,
    order_id: &str,
    now: &str,
    status: &str,
    failure: Option<ProvisioningFailure>,
) -> sqlx::Result<bool> {
    let settled = sqlx::query(
        "UPDATE orders SET status = $3, completed_at = $2, failure_reason = $4
         WHERE id = $1 AND status = 'pending'",
    )
    .bind(order_id)
    .bind(now)
    .bind(status)
    .bind(failure.map(|reason| reason.as_str()))
    .execute(&mut *tx)
    .await?;
    Ok(settled.rows_affected() == 1)
}

/// Marks a pending order failed with `reason`: its subscriptions and Azure subscriptions end
/// before they began, and each purchase charge its history recorded is refunded by a
/// cancellation of the same amount, so the month's close bills nothing for it.
async fn fail(
    tx: &mut sqlx::AnyConnection,
    order_id: &str,
    now: &str,
    reason: ProvisioningFailure,
) -> sqlx::Result<Provisioned> {
    if !settle_order(tx, order_id, now, "failed", Some(reason)).await? {
        return Ok(Provisioned::Taken);
    }
    let charged: Vec<(String, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT s.id, s.customer_id, e.amount, e.currency_code FROM subscriptions s
         LEFT JOIN subscription_events e ON e.subscription_id = s.id AND e.kind = 'created'
         WHERE s.order_id = $1 AND s.status = 'pending' ORDER BY s.id",
    )
    .bind(order_id)
    .fetch_all(&mut *tx)
    .await?;
    settle_pending(tx, order_id, SubscriptionStatus::Deleted).await?;
    for (subscription_id, customer_id, amount, currency_code) in &charged {
        let refund = amount.map(|a| Amount::from_ten_thousandths(-a));
        let event = subscriptions::NewEvent {
            subscription_id,
            customer_id,
            occurred_at: now,
            actor_id: None,
            actor_name: WORKER,
            kind: EventKind::Cancelled,
            old_value: None,
            new_value: Some(reason.as_str()),
            amount: refund.filter(|a| !a.is_zero()),
            currency_code: currency_code.as_deref(),
        };
        subscriptions::insert_event(tx, &event).await?;
    }
    Ok(Provisioned::Failed(reason))
}

/// A failed order of one of a partner's customers, with its customer's name.
#[derive(Debug, Clone, FromRow)]
pub struct FailureRow {
    pub id: String,
    pub alternate_id: String,
    pub customer_id: String,
    pub company_name: String,
    pub failed_at: String,
    pub failure_reason: String,
}

/// The failed orders of every customer the partner has or had a relationship with (the usual
/// cause is that it ended), newest first, at most `limit`.
pub async fn failures(db: &Db, partner_id: &str, limit: i64) -> sqlx::Result<Vec<FailureRow>> {
    sqlx::query_as(
        "SELECT o.id, o.alternate_id, o.customer_id, c.company_name, o.completed_at AS failed_at,
                o.failure_reason
         FROM orders o JOIN customers c ON c.id = o.customer_id
         JOIN partner_customer_relationships r ON r.customer_id = o.customer_id AND r.partner_id = $1
         WHERE o.status = 'failed' AND o.failure_reason IS NOT NULL
         ORDER BY o.completed_at DESC, o.id LIMIT $2",
    )
    .bind(partner_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The order's pending subscriptions, and their pending Azure subscriptions, become `status`:
/// active once provisioned, deleted when the order failed.
async fn settle_pending(
    tx: &mut sqlx::AnyConnection,
    order_id: &str,
    status: SubscriptionStatus,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE azure_entitlements SET status = $2
         WHERE status = 'pending' AND subscription_id IN (SELECT id FROM subscriptions WHERE order_id = $1)",
    )
    .bind(order_id)
    .bind(status.as_str())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE subscriptions SET status = $2, version = version + 1
         WHERE order_id = $1 AND status = 'pending'",
    )
    .bind(order_id)
    .bind(status.as_str())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Why the order failed, if it did.
pub async fn failure_of(db: &Db, order_id: &str) -> sqlx::Result<Option<ProvisioningFailure>> {
    let found: Option<(Option<String>,)> =
        sqlx::query_as("SELECT failure_reason FROM orders WHERE id = $1")
            .bind(order_id)
            .fetch_optional(db)
            .await?;
    Ok(found.and_then(|(reason,)| reason).and_then(|r| r.parse().ok()))
}
