//! Subscriptions and Azure subscriptions (entitlements), as a customer's scope sees them.

use portal_domain::catalog::UnitType;
use sqlx::FromRow;

use crate::db::Db;

#[derive(Debug, Clone, FromRow)]
pub struct SubscriptionRow {
    pub id: String,
    pub customer_id: String,
    pub order_id: String,
    pub offer_id: String,
    pub product_id: String,
    pub offer_name: String,
    pub friendly_name: String,
    pub quantity: i64,
    pub unit_type: String,
    pub billing_type: String,
    pub billing_cycle: String,
    pub term_duration: Option<String>,
    pub status: String,
    pub auto_renew_enabled: i64,
    pub is_trial: i64,
    pub unit_price: Option<i64>,
    pub currency_code: String,
    pub created_at: String,
    pub effective_start_date: String,
    pub commitment_end_date: String,
    pub version: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct EntitlementRow {
    pub id: String,
    pub subscription_id: String,
    pub friendly_name: String,
    pub status: String,
}

const COLUMNS: &str = "id, customer_id, order_id, offer_id, product_id, offer_name, friendly_name, quantity, \
     unit_type, billing_type, billing_cycle, term_duration, status, auto_renew_enabled, is_trial, unit_price, \
     currency_code, created_at, effective_start_date, commitment_end_date, version";

pub fn unit_type_str(unit_type: UnitType) -> &'static str {
    match unit_type {
        UnitType::Licenses => "licenses",
        UnitType::DeviceBlocks => "device_blocks",
        UnitType::Cores => "cores",
        UnitType::UsageBased => "usage_based",
    }
}

pub fn parse_unit_type(text: &str) -> UnitType {
    match text {
        "device_blocks" => UnitType::DeviceBlocks,
        "cores" => UnitType::Cores,
        "usage_based" => UnitType::UsageBased,
        _ => UnitType::Licenses,
    }
}

/// The customer's subscriptions, optionally of one order, oldest first.
pub async fn list(
    db: &Db,
    customer_id: &str,
    order_id: Option<&str>,
) -> sqlx::Result<Vec<SubscriptionRow>> {
    match order_id {
        Some(order_id) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM subscriptions WHERE customer_id = $1 AND order_id = $2 ORDER BY created_at, id"
            ))
            .bind(customer_id)
            .bind(order_id)
            .fetch_all(db)
            .await
        }
        None => {
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM subscriptions WHERE customer_id = $1 ORDER BY created_at, id"))
                .bind(customer_id)
                .fetch_all(db)
                .await
        }
    }
}

pub async fn find(
    db: &Db,
    customer_id: &str,
    subscription_id: &str,
) -> sqlx::Result<Option<SubscriptionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE id = $1 AND customer_id = $2"
    ))
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

pub async fn entitlements(db: &Db, subscription_id: &str) -> sqlx::Result<Vec<EntitlementRow>> {
    sqlx::query_as(
        "SELECT id, subscription_id, friendly_name, status FROM azure_entitlements
         WHERE subscription_id = $1 ORDER BY created_at, friendly_name",
    )
    .bind(subscription_id)
    .fetch_all(db)
    .await
}
