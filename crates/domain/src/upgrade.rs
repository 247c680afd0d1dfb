//! Product upgrades (Partner Center): moving a customer from a legacy Microsoft Azure
//! (MS-AZR-0145P) subscription to an Azure plan.

use serde::{Deserialize, Serialize};

use crate::envelope::Attributes;

/// The only product family that can be upgraded.
pub const AZURE: &str = "Azure";
/// The legacy offer an upgrade moves away from.
pub const LEGACY_AZURE_OFFER: &str = "MS-AZR-0145P";

/// `POST /v1/productUpgrades/eligibility` and `POST /v1/productupgrades`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "customerId": "7e1c0a5d-3b2f-4d6e-8a9b-1c2d3e4f5a03",
    "productFamily": "Azure"
}))))]
#[serde(rename_all = "camelCase")]
pub struct ProductUpgradeRequest {
    pub customer_id: String,
    pub product_family: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductUpgradesEligibility {
    pub customer_id: String,
    pub product_family: String,
    pub is_eligible: bool,
    /// The upgrade already under way, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_id: Option<String>,
    /// Why the customer is not eligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Ours: the reason as a code, for a client to say it in its user's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<NotEligible>,
    pub attributes: Attributes,
}

/// Why a customer cannot be upgraded now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum NotEligible {
    /// An upgrade is under way (its id is in `upgradeId`).
    UpgradeInProgress,
    /// Nothing to upgrade: no Microsoft Azure (MS-AZR-0145P) subscription.
    NoLegacySubscription,
    /// The customer has an Azure plan already.
    HasAzurePlan,
}

impl NotEligible {
    /// The server's wording; the browser says it in the user's language.
    pub fn english(self) -> &'static str {
        match self {
            NotEligible::UpgradeInProgress => "An upgrade to an Azure plan is already in progress.",
            NotEligible::NoLegacySubscription => {
                "The customer has no Microsoft Azure (MS-AZR-0145P) subscription to upgrade."
            }
            NotEligible::HasAzurePlan => "The customer already has an Azure plan.",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpgradeProduct {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpgradesLineItem {
    pub source_product: UpgradeProduct,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_product: Option<UpgradeProduct>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgraded_date: Option<String>,
    pub status: String,
}

/// `POST /v1/productUpgrades/{id}/status`: `inProgress`, then `succeeded` (or `failed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductUpgradesStatus {
    pub id: String,
    pub product_family: String,
    /// `inProgress`, `succeeded` or `failed`.
    pub status: String,
    pub line_items: Vec<UpgradesLineItem>,
    /// Why a `failed` upgrade failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_details: Option<UpgradeErrorDetails>,
    pub attributes: Attributes,
}

/// Partner Center's `ProductUpgradesErrorDetails`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpgradeErrorDetails {
    pub code: String,
    pub description: String,
}
