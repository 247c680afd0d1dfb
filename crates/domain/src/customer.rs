//! The Customer resource (Partner Center `Customer`, trimmed to the fields this portal keeps).

use serde::{Deserialize, Serialize};

use crate::envelope::{Attributes, Link};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The customer's tenant id.
    pub id: String,
    pub company_profile: CompanyProfile,
    pub billing_profile: BillingProfile,
    /// ISO 4217 code of the currency the customer is billed in.
    pub currency: String,
    pub relationship_to_partner: RelationshipToPartner,
    pub links: CustomerLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    pub tenant_id: String,
    pub company_name: String,
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingProfile {
    /// BCP 47 culture used on the customer's documents, e.g. `fr-FR`.
    pub culture: String,
    pub default_address: Address,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
}

/// How the signed-in partner relates to the customer (Partner Center `relationshipToPartner`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipToPartner {
    /// The partner resells to the customer (Cloud Solution Provider).
    Reseller,
    /// Seen by the customer's own users: no partner point of view.
    None,
}
