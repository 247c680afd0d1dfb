//! The demo partner, customers and users, with fixed ids so documentation and tests can rely on
//! them. Created on start when missing (never overwritten), so it is safe to run every time.

use portal_domain::Role;

use crate::auth::password;
use crate::db::Db;
use crate::store::users::{self, NewUser};
use crate::timestamp;

pub const PARTNER_ID: &str = "5e0c1f5a-6b2e-4c1d-9a3e-5f8b2c4d1e01";
pub const CONTOSO_ID: &str = "3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01";
pub const FABRIKAM_ID: &str = "9b2e4d6f-1a3c-4e5f-8b7d-2c4e6a8f0b02";

pub struct DemoCustomer {
    pub id: &'static str,
    pub company_name: &'static str,
    pub domain: &'static str,
    pub country: &'static str,
    pub currency: &'static str,
    pub culture: &'static str,
}

pub const CUSTOMERS: [DemoCustomer; 2] = [
    DemoCustomer {
        id: CONTOSO_ID,
        company_name: "Contoso",
        domain: "contoso.example",
        country: "FR",
        currency: "EUR",
        culture: "fr-FR",
    },
    DemoCustomer {
        id: FABRIKAM_ID,
        company_name: "Fabrikam",
        domain: "fabrikam.example",
        country: "US",
        currency: "USD",
        culture: "en-US",
    },
];

pub struct DemoUser {
    pub id: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    /// The customer the user belongs to; None for the partner's staff.
    pub customer_id: Option<&'static str>,
    pub locale: &'static str,
}

pub const USERS: [DemoUser; 6] = [
    DemoUser {
        id: "a1000000-0000-4000-8000-000000000001",
        email: "admin@northwind.example",
        password: "demo-admin-1",
        display_name: "Avery Martin",
        role: Role::GlobalAdmin,
        customer_id: None,
        locale: "en-US",
    },
    DemoUser {
        id: "a1000000-0000-4000-8000-000000000002",
        email: "sales@northwind.example",
        password: "demo-sales-1",
        display_name: "Sam Patel",
        role: Role::SalesAgent,
        customer_id: None,
        locale: "en-US",
    },
    DemoUser {
        id: "a1000000-0000-4000-8000-000000000003",
        email: "billing@northwind.example",
        password: "demo-billing-1",
        display_name: "Bea Lopez",
        role: Role::BillingAdmin,
        customer_id: None,
        locale: "en-US",
    },
    DemoUser {
        id: "c1000000-0000-4000-8000-000000000001",
        email: "admin@contoso.example",
        password: "demo-contoso-1",
        display_name: "Camille Durand",
        role: Role::CustomerAdmin,
        customer_id: Some(CONTOSO_ID),
        locale: "fr-FR",
    },
    DemoUser {
        id: "c1000000-0000-4000-8000-000000000002",
        email: "reader@contoso.example",
        password: "demo-reader-1",
        display_name: "Louis Bernard",
        role: Role::CustomerReader,
        customer_id: Some(CONTOSO_ID),
        locale: "fr-FR",
    },
    DemoUser {
        id: "f1000000-0000-4000-8000-000000000001",
        email: "admin@fabrikam.example",
        password: "demo-fabrikam-1",
        display_name: "Fiona Walsh",
        role: Role::CustomerAdmin,
        customer_id: Some(FABRIKAM_ID),
        locale: "en-US",
    },
];

/// Inserts whatever part of the demo data is missing, in one transaction.
pub async fn ensure(db: &Db) -> anyhow::Result<()> {
    // Hash outside the transaction: argon2 is slow and SQLite holds its write lock meanwhile.
    let mut missing_users = Vec::new();
    for user in &USERS {
        if !users::exists(db, user.email).await? {
            missing_users.push((user, password::hash(user.password.to_owned()).await?));
        }
    }

    let now = timestamp::to_text(timestamp::now());
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO partners (id, name, mpn_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(PARTNER_ID)
    .bind("Northwind Cloud Partners")
    .bind("4812345")
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    for c in &CUSTOMERS {
        sqlx::query(
            "INSERT INTO customers (id, company_name, domain, country, currency, culture, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(c.id)
        .bind(c.company_name)
        .bind(c.domain)
        .bind(c.country)
        .bind(c.currency)
        .bind(c.culture)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO partner_customer_relationships
                 (partner_id, customer_id, relationship_type, status, created_at, accepted_at)
             VALUES ($1, $2, 'reseller', 'accepted', $3, $3) ON CONFLICT (partner_id, customer_id) DO NOTHING",
        )
        .bind(PARTNER_ID)
        .bind(c.id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    for (user, hash) in &missing_users {
        let new_user = NewUser {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            password_hash: hash,
            partner_id: user.customer_id.is_none().then_some(PARTNER_ID),
            customer_id: user.customer_id,
            locale: user.locale,
            roles: &[user.role],
        };
        users::insert(&mut tx, &new_user, &now).await?;
    }
    tx.commit().await?;
    Ok(())
}
