//! Who a user is and which data they may reach. A leaf module: the store reads users into it
//! and the extractors in `auth` hand it to handlers.

use portal_domain::{Attributes, Me, Role};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub partner_id: Option<String>,
    pub customer_id: Option<String>,
    pub locale: String,
    /// From `user_roles`, filled in after the row is read.
    #[sqlx(skip)]
    pub roles: Vec<Role>,
}

/// The data a user may reach: everything of the customers their partner has an accepted
/// relationship with, or only their own customer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Partner { partner_id: String },
    Customer { customer_id: String },
}

impl User {
    pub fn scope(&self) -> Scope {
        match (&self.partner_id, &self.customer_id) {
            (Some(partner_id), _) => Scope::Partner { partner_id: partner_id.clone() },
            // The users table guarantees exactly one of the two.
            (None, customer_id) => {
                Scope::Customer { customer_id: customer_id.clone().unwrap_or_default() }
            }
        }
    }

    pub fn to_me(&self) -> Me {
        Me {
            id: self.id.clone(),
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            roles: self.roles.clone(),
            partner_id: self.partner_id.clone(),
            customer_id: self.customer_id.clone(),
            locale: self.locale.clone(),
            subscription_roles: Vec::new(),
            attributes: Attributes::of("Me"),
        }
    }
}
