//! Managing users: a partner's staff (`/v1/users`, our extension: Partner Center has no API for
//! partner users) and a customer's users (Partner Center's `CustomerUser` and directory roles).
//! A new user chooses their password through a single-use link, as does one whose password is
//! reset.

use serde::{Deserialize, Serialize};

use crate::envelope::Attributes;
use crate::identity::Role;
use crate::validation::{NAME_MAX_LEN, Violation, check_email, check_new_password, check_text};

/// Where an account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum UserState {
    /// Signs in.
    Active,
    /// Created, and has not chosen a password yet.
    Invited,
    /// Cannot sign in; its sessions have ended. It can be made active again.
    Deactivated,
}

crate::spelled!(UserState {
    Active => "active",
    Invited => "invited",
    Deactivated => "deactivated",
});

/// How long a link to choose a password stays usable.
pub const PASSWORD_LINK_DAYS: i64 = 7;

/// A single-use link to choose a password, shown to the admin who asked for it (only a hash of
/// its token is kept), and emailed when the server has SMTP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PasswordLink {
    pub url: String,
    pub expires_at: String,
    pub emailed: bool,
}

/// `GET /v1/users`: one of the partner's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PartnerUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub state: UserState,
    pub created_at: String,
    /// Only in the answer that created the user or reset their password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_link: Option<PasswordLink>,
    pub attributes: Attributes,
}

/// `POST /v1/users`: invite a colleague with partner roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "email": "jo@northwind.example",
    "displayName": "Jo Berry",
    "roles": [
        "sales_agent"
    ]
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct NewPartnerUser {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

impl NewPartnerUser {
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        let roles = check_roles(&self.roles, Role::is_partner_role);
        [
            ("email", check_email(&self.email)),
            ("displayName", check_text(&self.display_name, NAME_MAX_LEN)),
            ("roles", roles),
        ]
        .into_iter()
        .filter_map(|(field, result)| result.err().map(|v| (field, v)))
        .collect()
    }
}

/// At least one role, each of the right kind.
fn check_roles(roles: &[Role], allowed: fn(Role) -> bool) -> Result<(), Violation> {
    if roles.is_empty() {
        Err(Violation::Required)
    } else if roles.iter().all(|r| allowed(*r)) {
        Ok(())
    } else {
        Err(Violation::NotARole)
    }
}

/// `PATCH /v1/users/{userId}`: new roles, or a new state (`active` or `deactivated`), or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "roles": [
        "sales_agent",
        "billing_admin"
    ]
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct PartnerUserPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
}

impl PartnerUserPatch {
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        let mut found = Vec::new();
        if let Some(roles) = &self.roles
            && let Err(v) = check_roles(roles, Role::is_partner_role)
        {
            found.push(("roles", v));
        }
        if self.state == Some(UserState::Invited) {
            found.push(("state", Violation::NotAState));
        }
        found
    }
}

/// `GET /v1/customers/{customerId}/users`: a customer's user (Partner Center `CustomerUser`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerUser {
    pub id: String,
    pub user_principal_name: String,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    pub usage_location: String,
    /// `active`, `invited` or `deactivated` (Partner Center says `active`/`inactive`).
    pub state: UserState,
    /// Our extension: the directory roles the user holds (as `directoryroles` lists them).
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_link: Option<PasswordLink>,
    pub attributes: Attributes,
}

/// Partner Center's `passwordProfile`: a password set by the admin, or none for a link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct PasswordProfile {
    pub force_change_password: bool,
    pub password: String,
}

/// `POST /v1/customers/{customerId}/users`. Without a `passwordProfile` the user gets a link to
/// choose their own password (our way); with one, that password (at least 12 characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "userPrincipalName": "alex@contoso.example",
    "firstName": "Alex",
    "lastName": "Wilber",
    "displayName": "Alex Wilber",
    "usageLocation": "FR"
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct NewCustomerUser {
    pub user_principal_name: String,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    pub usage_location: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_profile: Option<PasswordProfile>,
}

impl NewCustomerUser {
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        let password = match &self.password_profile {
            Some(profile) => check_new_password(&profile.password),
            None => Ok(()),
        };
        [
            ("userPrincipalName", check_email(&self.user_principal_name)),
            ("firstName", check_text(&self.first_name, NAME_MAX_LEN)),
            ("lastName", check_text(&self.last_name, NAME_MAX_LEN)),
            ("displayName", check_text(&self.display_name, NAME_MAX_LEN)),
            ("usageLocation", check_text(&self.usage_location, 2)),
            ("passwordProfile.password", password),
        ]
        .into_iter()
        .filter_map(|(field, result)| result.err().map(|v| (field, v)))
        .collect()
    }
}

/// `PATCH /v1/customers/{customerId}/users/{userId}`: names, or the state (restoring a
/// deactivated user is `state: active`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"state": "deactivated"}))))]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerUserPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
}

/// `GET /v1/customers/{customerId}/directoryroles`: a role a customer's users can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DirectoryRole {
    /// The role's spelling, e.g. `customer_admin`.
    pub id: String,
    pub name: String,
    pub attributes: Attributes,
}

/// A user holding a directory role (`…/directoryroles/{roleId}/usermembers`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "id": "c1000000-0000-4000-8000-000000000002"
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct UserMember {
    pub id: String,
    pub display_name: String,
    pub user_principal_name: String,
    pub role_id: String,
}

/// `POST /v1/passwordlinks/open` and `…/use` (no session: the link is the proof).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "token": "5c2f0e…",
    "password": "correct horse battery staple"
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct UsePasswordLink {
    pub token: String,
    pub password: String,
}

impl UsePasswordLink {
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        check_new_password(&self.password).err().map(|v| ("password", v)).into_iter().collect()
    }
}

/// What a password link is for, as its holder sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PasswordLinkDetails {
    pub email: String,
    pub display_name: String,
    /// The partner's or the customer's name.
    pub organization: String,
    /// `true` when the account has a password already (a reset), `false` for a new account.
    pub reset: bool,
    pub expires_at: String,
    /// `open`, or why it no longer works: `used`, `replaced`, `expired`.
    pub state: String,
    pub attributes: Attributes,
}

/// A role on one subscription (Azure's built-in roles, as the seed's "Access control" steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum SubscriptionRole {
    /// Changes the subscription (like Contributor), and is named its owner.
    Owner,
    /// Changes the subscription.
    Contributor,
    /// Reads it.
    Reader,
}

crate::spelled!(SubscriptionRole {
    Owner => "owner",
    Contributor => "contributor",
    Reader => "reader",
});

impl SubscriptionRole {
    pub const fn may_change(self) -> bool {
        matches!(self, SubscriptionRole::Owner | SubscriptionRole::Contributor)
    }
}

/// A role the signed-in user holds on one subscription (in `GET /v1/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionGrant {
    pub subscription_id: String,
    pub role: SubscriptionRole,
}

/// `GET /v1/customers/{c}/subscriptions/{s}/roleassignments` (our extension): who holds a role
/// on the subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    pub user_id: String,
    pub display_name: String,
    pub user_principal_name: String,
    pub role: SubscriptionRole,
    pub created_at: String,
    pub attributes: Attributes,
}

/// `POST …/roleassignments`: give the user this role (replacing the one they had).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "userId": "c1000000-0000-4000-8000-000000000002",
    "role": "reader"
}))))]
#[serde(rename_all = "camelCase")]
pub struct NewRoleAssignment {
    pub user_id: String,
    pub role: SubscriptionRole,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spelling::assert_one_spelling;

    #[test]
    fn one_spelling_each() {
        assert_one_spelling(&UserState::ALL, |v| v.as_str());
        assert_one_spelling(&SubscriptionRole::ALL, |v| v.as_str());
    }

    #[test]
    fn a_new_partner_user_needs_partner_roles() {
        let mut user = NewPartnerUser {
            email: "kim@northwind.example".into(),
            display_name: "Kim Lee".into(),
            roles: vec![Role::SalesAgent],
        };
        assert_eq!(user.violations(), []);
        user.roles = vec![Role::CustomerAdmin];
        assert_eq!(user.violations(), [("roles", Violation::NotARole)]);
        user.roles.clear();
        assert_eq!(user.violations(), [("roles", Violation::Required)]);
    }

    #[test]
    fn a_new_customer_user_may_bring_a_password() {
        let mut user = NewCustomerUser {
            user_principal_name: "sam@contoso.example".into(),
            first_name: "Sam".into(),
            last_name: "Roy".into(),
            display_name: "Sam Roy".into(),
            usage_location: "FR".into(),
            password_profile: None,
        };
        assert_eq!(user.violations(), []);
        user.password_profile =
            Some(PasswordProfile { force_change_password: false, password: "short".into() });
        assert_eq!(
            user.violations(),
            [("passwordProfile.password", Violation::TooShort { min: 12 })]
        );
    }

    #[test]
    fn a_patch_cannot_invite() {
        let patch = PartnerUserPatch { roles: None, state: Some(UserState::Invited) };
        assert_eq!(patch.violations(), [("state", Violation::NotAState)]);
    }
}
