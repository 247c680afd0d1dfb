//! Orders (Partner Center §2.5–2.6): what a checkout created, one per order group.

use serde::{Deserialize, Serialize};

use crate::billing::BillingCycle;
use crate::envelope::{Attributes, Link};
use crate::money::Amount;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed; its subscriptions are being provisioned.
    Pending,
    Completed,
    Cancelled,
    /// Ours: it could not be provisioned ([`ProvisioningFailure`] says why); nothing of it is
    /// charged.
    Failed,
}

/// An order that could not be provisioned, among the partner's customers' (our extension,
/// `GET /v1/orders/failures`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderFailure {
    pub order_id: String,
    pub alternate_id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub failed_at: String,
    pub failure_reason: ProvisioningFailure,
    pub attributes: Attributes,
}

/// Why an order could not be provisioned (our extension, `failureReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ProvisioningFailure {
    /// The customer's reseller relationship ended (or expired) between checkout and
    /// provisioning: no partner can provision or bill what it ordered.
    NoActiveReseller,
}

crate::spelled!(ProvisioningFailure { NoActiveReseller => "noActiveReseller" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub alternate_id: String,
    pub reference_customer_id: String,
    pub billing_cycle: BillingCycle,
    pub transaction_type: String,
    pub line_items: Vec<OrderLineItem>,
    pub currency_code: String,
    pub currency_symbol: String,
    pub creation_date: String,
    pub status: OrderStatus,
    /// Ours: why a `failed` order could not be provisioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<ProvisioningFailure>,
    /// What the order charged on the day it was placed; only with `include_price=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_price: Option<Amount>,
    pub links: OrderLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
    pub provisioning_status: Link,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderLineItem {
    pub line_item_number: i64,
    /// The catalog item bought (`product:sku:availability`).
    pub offer_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    pub friendly_name: String,
    pub quantity: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    pub transaction_type: String,
    /// Only with `include_price=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<OrderLineItemPricing>,
    pub links: OrderLineItemLinks,
}

/// Partner Center's `pricing` on an order line: `listPrice` per unit and billing period,
/// `extendedPrice` for the quantity, `proratedPrice` what was charged on the order day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderLineItemPricing {
    pub list_price: Amount,
    pub extended_price: Amount,
    pub prorated_price: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderLineItemLinks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Link>,
    pub provisioning_status: Link,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FulfillmentStatus {
    Fulfilled,
    Unfulfilled,
    PrefulfillmentPending,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct QuantityProvisioning {
    pub quantity: i64,
    pub status: FulfillmentStatus,
}

/// `GET .../orders/{id}/provisioningstatus`, one per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderLineItemProvisioningStatus {
    pub line_item_number: i64,
    pub status: FulfillmentStatus,
    pub quantity_provisioning_information: Vec<QuantityProvisioning>,
    pub attributes: Attributes,
}
