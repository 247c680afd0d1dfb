//! Delegated admin: a partner asks a customer for the right to act for it, the customer's admin
//! accepts or declines, and either side can end it later.
//!
//! Two ways in, as in Partner Center: the partner's general request link
//! (`GET /v1/customers/relationshiprequests`), which an existing customer's admin opens while
//! signed in, and a single-use invitation for a customer the partner has just created, whose
//! first admin sets a password as they accept.

use serde::{Deserialize, Serialize};

use crate::envelope::Attributes;
use crate::validation::{NAME_MAX_LEN, Violation, check_new_password, check_text};

/// What accepting grants the partner, in the customer's words on the acceptance page. Every
/// request asks for all three: they are what a reseller's staff do in this portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum DelegatedRole {
    /// Buy, change, suspend and cancel subscriptions, and manage Defender for IoT plans.
    Purchasing,
    /// See usage, budgets and invoices.
    Billing,
    /// Add the customer's users and give them roles.
    UserAdministration,
}

crate::spelled!(DelegatedRole {
    Purchasing => "purchasing",
    Billing => "billing",
    UserAdministration => "userAdministration",
});

/// How long an accepted relationship lasts before the customer must accept again: two years,
/// the longest granular delegated admin allows (Graph's `duration`, ISO 8601).
pub const RELATIONSHIP_DURATION: &str = "P730D";
pub const RELATIONSHIP_DAYS: i64 = 730;

/// How long an invitation link stays usable.
pub const INVITATION_DAYS: i64 = 7;

/// `GET /v1/customers/relationshiprequests`: the partner's general request link (Partner Center
/// `RelationshipRequest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RelationshipRequest {
    pub url: String,
    pub attributes: Attributes,
}

/// `GET /v1/relationshiprequests/{partnerId}` (our extension): the partner's general request as a
/// signed-in customer admin sees it before answering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RelationshipRequestDetails {
    pub partner_id: String,
    pub partner_name: String,
    pub mpn_id: String,
    pub delegated_roles: Vec<DelegatedRole>,
    pub duration: String,
    pub duration_days: i64,
    /// Where the customer stands with this partner now, if it ever had a relationship with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RelationshipStatus>,
    /// The partner the customer works with already, which keeps this one out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_reseller: Option<String>,
    pub attributes: Attributes,
}

/// Where a partner and a customer stand (our extension on Partner Center's
/// `PartnerRelationship`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum RelationshipStatus {
    /// Asked; the customer's admin has not answered.
    Pending,
    /// Accepted: the partner acts for the customer until it expires or is ended.
    Active,
    /// The customer's admin said no.
    Declined,
    /// One side ended it.
    Ended,
    /// Its duration ran out.
    Expired,
}

impl RelationshipStatus {
    /// Whether it keeps other partners out: a customer has one reseller at a time.
    pub const fn keeps_others_out(self) -> bool {
        matches!(self, RelationshipStatus::Pending | RelationshipStatus::Active)
    }
}

crate::spelled!(RelationshipStatus {
    Pending => "pending",
    Active => "active",
    Declined => "declined",
    Ended => "ended",
    Expired => "expired",
});

/// `GET /v1/customers/{customerId}/relationships`: a partner of the customer, and where they
/// stand. Customer users see their partners; a partner user sees itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PartnerRelationship {
    /// The partner's id.
    pub id: String,
    pub name: String,
    pub mpn_id: String,
    /// `reseller` (the only kind this portal has).
    pub relationship_type: String,
    pub status: RelationshipStatus,
    pub delegated_roles: Vec<DelegatedRole>,
    pub duration: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    pub attributes: Attributes,
}

/// `POST /v1/invitations` (our extension): invite the first admin of a customer the partner
/// created. A new invitation replaces the customer's earlier unused ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "customerId": "2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e04"
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct NewInvitation {
    pub customer_id: String,
}

/// An invitation as the partner gets it: the link to pass on, once (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: String,
    pub customer_id: String,
    pub company_name: String,
    /// Who it is for: the billing contact the customer was created with.
    pub email: String,
    pub url: String,
    pub expires_at: String,
    /// Whether it was sent to `email` (the server sends mail only when SMTP is configured).
    pub emailed: bool,
    pub attributes: Attributes,
}

/// What the holder of an invitation link may do with it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum InvitationState {
    /// Not answered and not expired: it can be accepted or declined.
    Open,
    Accepted,
    Declined,
    /// The partner sent a newer one; only the newest works.
    Replaced,
    Expired,
}

crate::spelled!(InvitationState {
    Open => "open",
    Accepted => "accepted",
    Declined => "declined",
    Replaced => "replaced",
    Expired => "expired",
});

/// `POST /v1/invitations/open`: what the invitation asks, in the invitee's terms. The token
/// travels in bodies, never in URLs, so it stays out of logs and browser history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InvitationDetails {
    pub partner_name: String,
    pub company_name: String,
    pub domain: String,
    pub email: String,
    pub delegated_roles: Vec<DelegatedRole>,
    pub duration: String,
    pub duration_days: i64,
    pub expires_at: String,
    pub state: InvitationState,
    pub attributes: Attributes,
}

/// The body of `POST /v1/invitations/open` and `…/decline`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"token": "5c2f0e…"}))))]
#[serde(rename_all = "camelCase", default)]
pub struct InvitationToken {
    pub token: String,
}

/// `POST /v1/invitations/accept`: the invitee becomes the customer's first admin, with this
/// name and password, and the relationship becomes active.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "token": "5c2f0e…",
    "displayName": "Alex Wilber",
    "password": "correct horse battery staple"
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct AcceptInvitation {
    pub token: String,
    pub display_name: String,
    pub password: String,
}

impl AcceptInvitation {
    /// Each field the rules refuse (the token is checked by the server).
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        [
            ("displayName", check_text(&self.display_name, NAME_MAX_LEN)),
            ("password", check_new_password(&self.password)),
        ]
        .into_iter()
        .filter_map(|(field, result)| result.err().map(|v| (field, v)))
        .collect()
    }
}

/// `PATCH /v1/customers/{customerId}` with `{"relationshipToPartner": "none"}`: ends the
/// reseller relationship (Partner Center's "Remove the reseller relationship").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"relationshipToPartner": "none"}))))]
#[serde(rename_all = "camelCase")]
pub struct CustomerPatch {
    pub relationship_to_partner: crate::RelationshipToPartner,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spelling::assert_one_spelling;

    #[test]
    fn one_spelling_each() {
        assert_one_spelling(&DelegatedRole::ALL, |v| v.as_str());
        assert_one_spelling(&RelationshipStatus::ALL, |v| v.as_str());
        assert_one_spelling(&InvitationState::ALL, |v| v.as_str());
    }

    #[test]
    fn accepting_needs_a_name_and_a_long_enough_password() {
        let mut accept = AcceptInvitation {
            token: "t".into(),
            display_name: "Anna Schmidt".into(),
            password: "correct horse battery".into(),
        };
        assert_eq!(accept.violations(), []);
        accept.display_name = " ".into();
        accept.password = "short".into();
        assert_eq!(
            accept.violations(),
            [("displayName", Violation::Required), ("password", Violation::TooShort { min: 12 })]
        );
    }

    #[test]
    fn the_duration_is_two_years_in_days() {
        assert_eq!(RELATIONSHIP_DURATION, format!("P{RELATIONSHIP_DAYS}D"));
    }
}
