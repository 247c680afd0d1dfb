//! The activity log (`GET /v1/activity`, our extension): who changed what, when, from what to
//! what, under which `MS-RequestId`.

use serde::{Deserialize, Serialize};

use crate::envelope::Attributes;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    pub id: String,
    /// When, in UTC.
    pub at: String,
    /// Who: `Name <email>`, or an invitee's email.
    pub actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// What: `customer.created`, `user.roles_changed`, `subscription.quantity_changed` …
    pub action: String,
    pub target_id: String,
    pub target_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    pub request_id: String,
    pub attributes: Attributes,
}

/// The kinds of change a log can be narrowed to (the start of `action`).
pub const ACTION_GROUPS: [&str; 12] = [
    "customer",
    "relationship",
    "invitation",
    "user",
    "subscription",
    "order",
    "invoice",
    "api_key",
    "subscription.access",
    "defender",
    "budget",
    "azure_stack",
];
