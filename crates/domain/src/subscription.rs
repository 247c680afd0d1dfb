//! Subscriptions (Partner Center §2.7) and the Azure subscriptions under an Azure plan.

use serde::{Deserialize, Serialize};

use crate::billing::BillingCycle;
use crate::catalog::UnitType;
use crate::envelope::{Attributes, Link};
use crate::lifecycle::{RefundType, SubscriptionAction};
use crate::money::Amount;

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
    /// The term it renews for, when auto-renew is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_term_duration: Option<String>,
    /// Until when it can still be cancelled (licences within their refund window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_allowed_until_date: Option<String>,
    /// What can be done with it now.
    #[serde(default)]
    pub actions: Vec<SubscriptionAction>,
    #[serde(default)]
    pub suspension_reasons: Vec<String>,
    /// The refunds a cancellation would still get, each with when it ends.
    #[serde(default)]
    pub refund_options: Vec<RefundOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<String>,
    pub order_id: String,
    pub links: SubscriptionLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundOption {
    #[serde(rename = "type")]
    pub refund_type: RefundType,
    pub expires_at: String,
}

/// `PATCH …/subscriptions/{id}`: the fields to change. A client may send the whole resource, as
/// Partner Center's do; only fields that differ from the current ones count as changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew_enabled: Option<bool>,
    /// `suspended` suspends, `active` reactivates, `deleted` cancels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SubscriptionStatus>,
}

/// What happened to a subscription (our extension: `GET …/subscriptions/{id}/history`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Renamed,
    QuantityChanged,
    AutoRenewChanged,
    Suspended,
    Reactivated,
    Cancelled,
    AzureSubscriptionAdded,
    AzureSubscriptionCancelled,
    /// A legacy subscription moved to an Azure plan by a product upgrade.
    Upgraded,
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionEvent {
    pub id: String,
    pub occurred_at: String,
    /// Who made the change (a person's name, or `System`).
    pub actor: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_value: Option<String>,
    /// The charge (positive) or refund (negative) it caused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<String>,
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
