//! Who is signed in and what they may do.

use serde::{Deserialize, Serialize};

use crate::envelope::Attributes;
use crate::validation::{Violation, check_email, check_password};

/// Partner Center partner roles plus the two customer roles this portal gives customer users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    GlobalAdmin,
    AdminAgent,
    SalesAgent,
    BillingAdmin,
    CustomerAdmin,
    CustomerReader,
}

crate::spelled!(Role {
    GlobalAdmin => "global_admin",
    AdminAgent => "admin_agent",
    SalesAgent => "sales_agent",
    BillingAdmin => "billing_admin",
    CustomerAdmin => "customer_admin",
    CustomerReader => "customer_reader",
});

impl Role {
    /// Roles held by a partner's staff, who act on the customers they have a relationship with.
    pub const fn is_partner_role(self) -> bool {
        matches!(self, Role::GlobalAdmin | Role::AdminAgent | Role::SalesAgent | Role::BillingAdmin)
    }

    /// The customer's and the partner's admins, who change a customer's settings: Defender for
    /// IoT plans and their sensors (Azure gives this to subscription owners, not to sales agents
    /// or readers) and the spending budget.
    pub const fn administers_customers(self) -> bool {
        matches!(self, Role::GlobalAdmin | Role::AdminAgent | Role::CustomerAdmin)
    }

    /// Roles that may fill carts and place orders. Billing admins and readers look, they do
    /// not buy (Partner Center gives purchasing to admin and sales agents).
    pub const fn can_purchase(self) -> bool {
        matches!(
            self,
            Role::GlobalAdmin | Role::AdminAgent | Role::SalesAgent | Role::CustomerAdmin
        )
    }
}

/// `GET /v1/me`: the signed-in user. Exactly one of `partnerId` and `customerId` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub partner_id: Option<String>,
    pub customer_id: Option<String>,
    /// BCP 47 tag of the user's preferred language and formats, e.g. `fr-FR`.
    pub locale: String,
    /// Our extension: the roles this user holds on single subscriptions (see
    /// [`Me::is_subscription_scoped`]); empty for everyone else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscription_roles: Vec<crate::users::SubscriptionGrant>,
    pub attributes: Attributes,
}

impl Me {
    pub fn is_partner_user(&self) -> bool {
        self.partner_id.is_some()
    }

    /// A customer user with no directory role: they reach only the subscriptions they hold a
    /// role on (Owner, Contributor, Reader), nothing else of their organization.
    pub fn is_subscription_scoped(&self) -> bool {
        self.customer_id.is_some() && self.roles.is_empty()
    }

    /// Whether the user may change this subscription: by their roles, or as its Owner or
    /// Contributor.
    pub fn may_change_subscription(&self, subscription_id: &str) -> bool {
        self.can_purchase()
            || self
                .subscription_roles
                .iter()
                .any(|g| g.subscription_id == subscription_id && g.role.may_change())
    }

    pub fn can_purchase(&self) -> bool {
        self.roles.iter().any(|r| r.can_purchase())
    }

    pub fn administers_customers(&self) -> bool {
        self.roles.iter().any(|r| r.administers_customers())
    }

    /// Payments and correction notes: the partner's global admins and billing admins.
    pub fn records_payments(&self) -> bool {
        self.is_partner_user()
            && self.roles.iter().any(|r| matches!(r, Role::GlobalAdmin | Role::BillingAdmin))
    }

    /// Taking on new customers: partner global admins and admin agents.
    pub fn creates_customers(&self) -> bool {
        self.is_partner_user() && self.administers_customers()
    }

    /// API keys send usage for any of the partner's customers: partner global admins only.
    pub fn manages_api_keys(&self) -> bool {
        self.is_partner_user() && self.roles.contains(&Role::GlobalAdmin)
    }
}

/// `POST /v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "email": "kim@northwind.example",
    "password": "correct horse battery staple"
}))))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

impl LoginRequest {
    /// Each invalid field with the rule it breaks, in form order.
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        let mut found = Vec::new();
        if let Err(v) = check_email(&self.email) {
            found.push(("email", v));
        }
        if let Err(v) = check_password(&self.password) {
            found.push(("password", v));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_roles_are_partner_roles() {
        let partner: Vec<_> = Role::ALL.into_iter().filter(|r| r.is_partner_role()).collect();
        assert_eq!(
            partner,
            [Role::GlobalAdmin, Role::AdminAgent, Role::SalesAgent, Role::BillingAdmin]
        );
    }

    #[test]
    fn readers_and_billing_admins_cannot_buy() {
        let buyers: Vec<_> = Role::ALL.into_iter().filter(|r| r.can_purchase()).collect();
        assert_eq!(
            buyers,
            [Role::GlobalAdmin, Role::AdminAgent, Role::SalesAgent, Role::CustomerAdmin]
        );
    }

    #[test]
    fn partner_global_and_billing_admins_record_payments() {
        let me = |role: Role, partner: bool| Me {
            id: "u".into(),
            email: "u@x.example".into(),
            display_name: "U".into(),
            roles: vec![role],
            partner_id: partner.then(|| "p".into()),
            customer_id: (!partner).then(|| "c".into()),
            locale: "en-US".into(),
            subscription_roles: Vec::new(),
            attributes: Attributes::of("Me"),
        };
        let payers: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| me(*r, r.is_partner_role()).records_payments())
            .collect();
        assert_eq!(payers, [Role::GlobalAdmin, Role::BillingAdmin]);
    }

    #[test]
    fn login_violations_name_each_field() {
        let req = LoginRequest { email: "nope".into(), password: String::new() };
        assert_eq!(
            req.violations(),
            [("email", Violation::NotAnEmail), ("password", Violation::Required)]
        );
        let ok = LoginRequest { email: "a@b.example".into(), password: "x".into() };
        assert!(ok.violations().is_empty());
    }
}
