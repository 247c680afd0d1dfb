//! The catalog: Product → Sku → Availability (Partner Center §2.8). An availability is what can
//! be bought: its `catalogItemId` (`product:sku:availability`) goes into a cart line.
//!
//! Our extensions, documented in docs/api.md: `Sku.unitType`, and `Availability.prices`, the unit
//! price per term and billing cycle in the availability's currency.

use serde::{Deserialize, Serialize};

use crate::billing::BillingCycle;
use crate::envelope::{Attributes, Link};
use crate::money::Amount;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemType {
    pub id: String,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    // An item type within an item type: described by reference, not unfolded without end.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub sub_type: Option<Box<ItemType>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The product family (`Azure`, `OnlineServices`, …), by which the Pricing page groups offers.
    pub product_type: ItemType,
    pub is_microsoft_product: bool,
    pub publisher_name: String,
    pub links: ProductLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductLinks {
    pub skus: Link,
    #[serde(rename = "self")]
    pub self_link: Link,
}

/// What one unit of a SKU is. Drives wording (`per user per month`) and provisioning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    /// Per-user licences.
    Licenses,
    /// Blocks of 1,000 committed devices (Defender for IoT).
    DeviceBlocks,
    /// Physical cores (Azure Stack Hub capacity).
    Cores,
    /// Billed from metered usage (Azure plan): no unit price.
    UsageBased,
}

crate::spelled!(UnitType {
    Licenses => "licenses",
    DeviceBlocks => "device_blocks",
    Cores => "cores",
    UsageBased => "usage_based",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Sku {
    pub id: String,
    pub product_id: String,
    pub title: String,
    pub description: String,
    pub minimum_quantity: i64,
    pub maximum_quantity: i64,
    pub is_trial: bool,
    pub supported_billing_cycles: Vec<BillingCycle>,
    #[serde(default)]
    pub purchase_prerequisites: Vec<String>,
    #[serde(default)]
    pub inventory_variables: Vec<String>,
    #[serde(default)]
    pub provisioning_variables: Vec<String>,
    pub unit_type: UnitType,
    pub links: SkuLinks,
    pub attributes: Attributes,
}

impl Sku {
    pub fn is_usage_based(&self) -> bool {
        self.unit_type == UnitType::UsageBased
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkuLinks {
    pub availabilities: Link,
    #[serde(rename = "self")]
    pub self_link: Link,
}

/// A commitment length: `P1M`, `P1Y`, `P3Y`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub duration: String,
    pub description: String,
}

/// The unit price of one term and billing cycle (our extension). Monthly prices are per month;
/// annual prices are per year, charged up front.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Price {
    pub term_duration: String,
    pub billing_cycle: BillingCycle,
    pub unit_price: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrencyRef {
    pub code: String,
    pub symbol: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    pub id: String,
    pub product_id: String,
    pub sku_id: String,
    /// `product:sku:availability`, the id a cart line names.
    pub catalog_item_id: String,
    pub default_currency: CurrencyRef,
    pub segment: String,
    pub country: String,
    pub is_purchasable: bool,
    pub is_renewable: bool,
    pub terms: Vec<Term>,
    pub prices: Vec<Price>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<Sku>,
    pub links: AvailabilityLinks,
    pub attributes: Attributes,
}

impl Availability {
    /// The price of a term and cycle; `None` term picks the cycle's only term, if it has one.
    pub fn price(&self, term: Option<&str>, cycle: BillingCycle) -> Option<&Price> {
        let mut matching = self.prices.iter().filter(|p| p.billing_cycle == cycle);
        match term {
            Some(term) => matching.find(|p| p.term_duration == term),
            None => {
                let first = matching.next()?;
                matching.next().is_none().then_some(first)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
}

/// The parts of a `catalogItemId`.
pub fn split_catalog_item_id(id: &str) -> Option<(&str, &str, &str)> {
    let mut parts = id.split(':');
    let ids = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && ![ids.0, ids.1, ids.2].contains(&"")).then_some(ids)
}

/// A commitment length in months (`P1M` → 1, `P1Y` → 12, `P3Y` → 36).
pub fn term_months(duration: &str) -> Option<u32> {
    let body = duration.strip_prefix('P')?;
    let (count, unit) = body.split_at(body.len().checked_sub(1)?);
    let count: u32 = count.parse().ok().filter(|n| *n > 0)?;
    match unit {
        "M" => Some(count),
        "Y" => count.checked_mul(12),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_item_ids_have_three_parts() {
        assert_eq!(
            split_catalog_item_id("DZH318Z0BPS6:0001:DZH318Z0BML6"),
            Some(("DZH318Z0BPS6", "0001", "DZH318Z0BML6"))
        );
        for bad in ["", "a:b", "a:b:c:d", "a::c", "MS-AZR-0145P"] {
            assert_eq!(split_catalog_item_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn term_lengths() {
        assert_eq!(term_months("P1M"), Some(1));
        assert_eq!(term_months("P1Y"), Some(12));
        assert_eq!(term_months("P3Y"), Some(36));
        for bad in ["", "P", "1Y", "P0M", "P1D", "PXY"] {
            assert_eq!(term_months(bad), None, "{bad}");
        }
    }
}
