//! Subscriptions (Partner Center §2.7) and the Azure subscriptions under an Azure plan.

use serde::{Deserialize, Serialize};

use crate::billing::BillingCycle;
use crate::catalog::UnitType;
use crate::envelope::{Attributes, Link};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Ordered, not provisioned yet.
    Pending,
    Active,
    Suspended,
    Deleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingType {
    /// Charged per unit (licences, devices, cores).
    License,
    /// Charged from metered usage.
    Usage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    /// The catalog item bought (`product:sku:availability`).
    pub offer_id: String,
    pub offer_name: String,
    pub friendly_name: String,
    pub quantity: i64,
    pub unit_type: UnitType,
    pub billing_type: BillingType,
    pub billing_cycle: BillingCycle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    pub status: SubscriptionStatus,
    pub auto_renew_enabled: bool,
    pub is_trial: bool,
    pub creation_date: String,
    /// UTC date the subscription started (`YYYY-MM-DD`).
    pub effective_start_date: String,
    /// Last UTC day of the current term (`9999-12-31` for usage-based plans, which have none).
    pub commitment_end_date: String,
    pub order_id: String,
    pub links: SubscriptionLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
    pub offer: Link,
}

/// An Azure subscription created under an Azure plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureEntitlement {
    pub id: String,
    pub friendly_name: String,
    pub status: SubscriptionStatus,
    /// The Azure plan it belongs to.
    pub subscription_id: String,
    pub attributes: Attributes,
}
