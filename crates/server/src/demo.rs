//! The demo partner, customers and users, with fixed ids so documentation and tests can rely on
//! them. Created on start when missing (never overwritten), so it is safe to run every time.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use portal_domain::Role;
use portal_domain::azure_stack;
use portal_domain::cart::CartLineItemRequest;
use portal_domain::defender;
use portal_domain::relationship::{self, RelationshipStatus};
use portal_domain::subscription::SubscriptionStatus;
use portal_domain::{BillingCycle, BillingPeriod};

use crate::auth::password;
use crate::catalog::{Language, currency_of};
use crate::checkout::{self, CheckoutContext};
use crate::db::{Db, begin_write};
use crate::store;
use crate::store::insert::Insert;
use crate::store::orders::{self, Placement};
use crate::store::subscriptions;
use crate::store::users::{self, NewUser};
use crate::timestamp;

pub const PARTNER_ID: &str = "5e0c1f5a-6b2e-4c1d-9a3e-5f8b2c4d1e01";
pub const CONTOSO_ID: &str = "3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01";
pub const FABRIKAM_ID: &str = "9b2e4d6f-1a3c-4e5f-8b7d-2c4e6a8f0b02";
/// Still on a legacy Microsoft Azure (MS-AZR-0145P) subscription, to be upgraded to an Azure plan.
pub const LITWARE_ID: &str = "7e1c0a5d-3b2f-4d6e-8a9b-1c2d3e4f5a03";
pub const LITWARE_LEGACY_AZURE_ID: &str = "5ab0c0e1-0000-4000-8000-00000000c001";
/// Created by the partner, not accepted yet: `make run` prints an invitation for its first admin.
pub const TAILSPIN_ID: &str = "2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e04";
/// Contoso's admin, who gave the lab reader their role.
const CONTOSO_ADMIN_ID: &str = "c1000000-0000-4000-8000-000000000001";
/// The partner's global admin, who issues the demo invitation.
const PARTNER_ADMIN_ID: &str = "a1000000-0000-4000-8000-000000000001";

pub struct DemoCustomer {
    pub id: &'static str,
    pub company_name: &'static str,
    pub domain: &'static str,
    pub country: &'static str,
    pub currency: &'static str,
    pub culture: &'static str,
    /// Street, postal code, city: printed on its invoices.
    pub address: (&'static str, &'static str, &'static str),
    pub vat_number: Option<&'static str>,
}

pub const CUSTOMERS: [DemoCustomer; 3] = [
    DemoCustomer {
        id: CONTOSO_ID,
        company_name: "Contoso",
        domain: "contoso.example",
        country: "FR",
        currency: "EUR",
        culture: "fr-FR",
        address: ("8 rue de la Paix", "75002", "Paris"),
        vat_number: Some("FR32552081317"),
    },
    DemoCustomer {
        id: FABRIKAM_ID,
        company_name: "Fabrikam",
        domain: "fabrikam.example",
        country: "US",
        currency: "USD",
        culture: "en-US",
        address: ("500 Pine Street", "98101", "Seattle"),
        vat_number: None,
    },
    DemoCustomer {
        id: LITWARE_ID,
        company_name: "Litware",
        domain: "litware.example",
        country: "US",
        currency: "USD",
        culture: "en-US",
        address: ("77 Summer Street", "02110", "Boston"),
        vat_number: None,
    },
];

/// Tailspin Toys, in Germany, billed in euros: the partner has created it and waits for its
/// admin to accept.
pub const TAILSPIN: DemoCustomer = DemoCustomer {
    id: TAILSPIN_ID,
    company_name: "Tailspin Toys",
    domain: "tailspintoys.example",
    country: "DE",
    currency: "EUR",
    culture: "de-DE",
    address: ("Spielzeugstraße 12", "90402", "Nürnberg"),
    vat_number: Some("DE136695976"),
};
/// Tailspin's billing contact, whom the invitation is for.
pub const TAILSPIN_CONTACT: (&str, &str, &str) =
    ("anna.schmidt@tailspintoys.example", "Anna", "Schmidt");

pub struct DemoUser {
    pub id: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    /// Its directory roles; none for a user who reaches only the subscriptions they hold a
    /// role on.
    pub roles: &'static [Role],
    /// The customer the user belongs to; None for the partner's staff.
    pub customer_id: Option<&'static str>,
    pub locale: &'static str,
}

pub const USERS: [DemoUser; 8] = [
    DemoUser {
        id: "a1000000-0000-4000-8000-000000000001",
        email: "admin@northwind.example",
        password: "demo-admin-1",
        display_name: "Avery Martin",
        roles: &[Role::GlobalAdmin],
        customer_id: None,
        locale: "en-US",
    },
    DemoUser {
        id: "a1000000-0000-4000-8000-000000000002",
        email: "sales@northwind.example",
        password: "demo-sales-1",
        display_name: "Sam Patel",
        roles: &[Role::SalesAgent],
        customer_id: None,
        locale: "en-US",
    },
    DemoUser {
        id: "a1000000-0000-4000-8000-000000000003",
        email: "billing@northwind.example",
        password: "demo-billing-1",
        display_name: "Bea Lopez",
        roles: &[Role::BillingAdmin],
        customer_id: None,
        locale: "en-US",
    },
    DemoUser {
        id: "c1000000-0000-4000-8000-000000000001",
        email: "admin@contoso.example",
        password: "demo-contoso-1",
        display_name: "Camille Durand",
        roles: &[Role::CustomerAdmin],
        customer_id: Some(CONTOSO_ID),
        locale: "fr-FR",
    },
    DemoUser {
        id: "c1000000-0000-4000-8000-000000000002",
        email: "reader@contoso.example",
        password: "demo-reader-1",
        display_name: "Louis Bernard",
        roles: &[Role::CustomerReader],
        customer_id: Some(CONTOSO_ID),
        locale: "fr-FR",
    },
    DemoUser {
        id: CONTOSO_LAB_READER_ID,
        email: "lab@contoso.example",
        password: "demo-lab-1",
        display_name: "Nora Lambert",
        roles: &[],
        customer_id: Some(CONTOSO_ID),
        locale: "fr-FR",
    },
    DemoUser {
        id: "f1000000-0000-4000-8000-000000000001",
        email: "admin@fabrikam.example",
        password: "demo-fabrikam-1",
        display_name: "Fiona Walsh",
        roles: &[Role::CustomerAdmin],
        customer_id: Some(FABRIKAM_ID),
        locale: "en-US",
    },
    DemoUser {
        id: "b1000000-0000-4000-8000-000000000001",
        email: "admin@litware.example",
        password: "demo-litware-1",
        display_name: "Lee Park",
        roles: &[Role::CustomerAdmin],
        customer_id: Some(LITWARE_ID),
        locale: "en-US",
    },
];

/// A purchase in the demo history: what was bought, with fixed ids so docs and tests can name it.
struct DemoOrder {
    order_id: &'static str,
    customer_id: &'static str,
    catalog_item_id: &'static str,
    quantity: i64,
    billing_cycle: BillingCycle,
    term: Option<&'static str>,
    subscription_id: &'static str,
    friendly_name: &'static str,
    /// For an Azure plan: its Azure subscriptions (id, name).
    azure_subscriptions: &'static [(&'static str, &'static str)],
    /// Placed this many days before today; None: `HISTORY_MONTHS` months back.
    placed_days_ago: Option<u64>,
}

pub const CONTOSO_AZURE_PLAN_ID: &str = "5ab0c0e1-0000-4000-8000-00000000a001";
/// Holds only Reader on Contoso's Azure plan (where "Contoso Lab" runs): sees that and nothing else.
pub const CONTOSO_LAB_READER_ID: &str = "c1000000-0000-4000-8000-000000000003";
pub const CONTOSO_LICENCES_ID: &str = "5ab0c0e1-0000-4000-8000-00000000a002";
pub const FABRIKAM_AZURE_PLAN_ID: &str = "5ab0c0e1-0000-4000-8000-00000000b001";
/// Azure subscriptions under the demo Azure plans.
pub const CONTOSO_PRODUCTION_ID: &str = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001";
pub const CONTOSO_LAB_ID: &str = "c0a2e5b1-7d3f-4e6a-9b8c-000000000002";
pub const FABRIKAM_PRODUCTION_ID: &str = "f0b3e6c2-8e4a-4f7b-8c9d-000000000001";
/// An Azure subscription of the US Government cloud, under Fabrikam's Azure plan: it shows that
/// such subscriptions cannot register Azure Stack Hub (seed 001).
pub const FABRIKAM_US_GOVERNMENT_ID: &str = "f0b3e6c2-8e4a-4f7b-8c9d-000000000002";

/// Litware's yearly licences, bought 345 days ago: their term ends, and renews for a year, in
/// about three weeks, which the overview tells of.
pub const LITWARE_LICENCES_ID: &str = "5ab0c0e1-0000-4000-8000-00000000c002";

const ORDERS: [DemoOrder; 4] = [
    DemoOrder {
        order_id: "0d0c0e1a0001",
        customer_id: CONTOSO_ID,
        catalog_item_id: "DZH318Z0BPS6:0001:DZH318Z0BMGF",
        quantity: 1,
        billing_cycle: BillingCycle::Monthly,
        term: None,
        subscription_id: CONTOSO_AZURE_PLAN_ID,
        friendly_name: "Contoso Azure plan",
        azure_subscriptions: &[
            (CONTOSO_PRODUCTION_ID, "Contoso Production"),
            (CONTOSO_LAB_ID, "Contoso Lab"),
        ],
        placed_days_ago: None,
    },
    DemoOrder {
        order_id: "0d0c0e1a0002",
        customer_id: CONTOSO_ID,
        catalog_item_id: "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPF",
        quantity: 25,
        billing_cycle: BillingCycle::Monthly,
        term: Some("P1Y"),
        subscription_id: CONTOSO_LICENCES_ID,
        friendly_name: "Contoso Business Standard",
        azure_subscriptions: &[],
        placed_days_ago: None,
    },
    DemoOrder {
        order_id: "0d0c0e1b0001",
        customer_id: FABRIKAM_ID,
        catalog_item_id: "DZH318Z0BPS6:0001:DZH318Z0BML6",
        quantity: 1,
        billing_cycle: BillingCycle::Monthly,
        term: None,
        subscription_id: FABRIKAM_AZURE_PLAN_ID,
        friendly_name: "Fabrikam Azure plan",
        azure_subscriptions: &[(FABRIKAM_PRODUCTION_ID, "Fabrikam Production")],
        placed_days_ago: None,
    },
    DemoOrder {
        order_id: "0d0c0e1c0002",
        customer_id: LITWARE_ID,
        catalog_item_id: "CFQ7TTC0LFLX:0001:CFQ7TTC0LFLU",
        quantity: 10,
        billing_cycle: BillingCycle::Annual,
        term: Some("P1Y"),
        subscription_id: LITWARE_LICENCES_ID,
        friendly_name: "Litware Microsoft 365 E3",
        azure_subscriptions: &[],
        placed_days_ago: Some(345),
    },
];

/// Months of history before today that the demo purchases date from.
const HISTORY_MONTHS: usize = 4;

/// Places the demo purchases that are missing, through the same planning and writing as a
/// checkout, already provisioned and dated `HISTORY_MONTHS` months back (or as each says).
async fn ensure_orders(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    for demo in &ORDERS {
        let placed_on = match demo.placed_days_ago {
            Some(days) => now.date_naive() - chrono::Days::new(days),
            None => history_start(now),
        };
        let created_at = timestamp::to_text(placed_on.and_time(NaiveTime::MIN).and_utc());
        let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM orders WHERE id = $1")
            .bind(demo.order_id)
            .fetch_optional(db)
            .await?;
        if exists.is_some() {
            continue;
        }
        let customer = CUSTOMERS
            .iter()
            .find(|c| c.id == demo.customer_id)
            .expect("demo orders are for demo customers");
        let currency =
            currency_of(customer.country).expect("demo customers are in catalog countries");
        let request = CartLineItemRequest {
            id: None,
            catalog_item_id: demo.catalog_item_id.to_owned(),
            friendly_name: Some(demo.friendly_name.to_owned()),
            quantity: demo.quantity,
            billing_cycle: demo.billing_cycle,
            term_duration: demo.term.map(str::to_owned),
            provisioning_context: BTreeMap::new(),
        };
        let lines = checkout::validate_lines(
            vec![request],
            customer.country,
            currency,
            Language::En,
            false,
        );
        let context = CheckoutContext {
            country: customer.country,
            currency,
            today: placed_on,
            has_azure_plan: false,
            has_legacy_azure: false,
            company_name: customer.company_name,
        };
        let (mut drafts, errors) = checkout::plan(&lines, &context);
        anyhow::ensure!(
            errors.is_empty() && drafts.len() == 1,
            "demo order {} does not plan: {errors:?}",
            demo.order_id
        );
        let mut draft = drafts.remove(0);
        draft.id = demo.order_id.to_owned();
        draft.alternate_id = demo.order_id.to_owned();
        let line = &mut draft.lines[0];
        line.subscription_id = demo.subscription_id.to_owned();
        let mut azure = demo.azure_subscriptions.iter();
        line.azure_entitlement =
            azure.next().map(|(id, name)| ((*id).to_owned(), (*name).to_owned()));

        let placement = Placement {
            customer_id: customer.id,
            cart_id: None,
            created_by: USERS[0].id,
            created_by_name: USERS[0].display_name,
            created_at: &created_at,
            today: placed_on,
            currency,
            provisioned: true,
        };
        let mut tx = begin_write(db).await?;
        orders::insert(&mut tx, &placement, &draft).await?;
        for (id, name) in azure {
            let entitlement = subscriptions::NewEntitlement {
                id,
                subscription_id: demo.subscription_id,
                customer_id: customer.id,
                name,
                status: SubscriptionStatus::Active,
                request_id: None,
                now: &created_at,
            };
            subscriptions::insert_entitlement(&mut tx, &entitlement).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// A fresh invitation for Tailspin Toys' first admin while it has not answered (earlier ones stop
/// working), to print beside the sign-ins; None once it has.
pub async fn tailspin_invitation(
    db: &Db,
    public_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    let token = crate::auth::session::new_token();
    let issued = store::relationships::issue_invitation(
        db,
        store::relationships::NewInvitationRow {
            id: &uuid::Uuid::new_v4().to_string(),
            token_hash: &crate::auth::session::hash_token(&token),
            partner_id: PARTNER_ID,
            customer_id: TAILSPIN_ID,
            actor: &store::activity::Actor {
                user_id: Some(PARTNER_ADMIN_ID.to_owned()),
                name: "Avery Martin <admin@northwind.example> (make run)".to_owned(),
                partner_id: Some(PARTNER_ID.to_owned()),
                request_id: uuid::Uuid::new_v4().to_string(),
            },
            now,
        },
    )
    .await?;
    Ok(issued.ok().map(|_| format!("{public_url}/invitation#{token}")))
}

/// Inserts whatever part of the demo data is missing.
pub async fn ensure(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    ensure_people(db, now).await?;
    ensure_orders(db, now).await?;
    Insert::into("subscription_role_assignments")
        .value("subscription_id", CONTOSO_AZURE_PLAN_ID)
        .value("user_id", CONTOSO_LAB_READER_ID)
        .value("role", portal_domain::users::SubscriptionRole::Reader.as_str())
        .value("created_by", CONTOSO_ADMIN_ID)
        .value("created_at", timestamp::to_text(now))
        .then("ON CONFLICT (subscription_id, user_id) DO NOTHING")
        .execute(db)
        .await?;
    let created_at = timestamp::to_text(history_start(now).and_time(NaiveTime::MIN).and_utc());
    Insert::into("azure_entitlements")
        .value("id", FABRIKAM_US_GOVERNMENT_ID)
        .value("subscription_id", FABRIKAM_AZURE_PLAN_ID)
        .value("customer_id", FABRIKAM_ID)
        .value("friendly_name", "Fabrikam US Government")
        .value("status", SubscriptionStatus::Active.as_str())
        .value("cloud", azure_stack::AzureCloud::UsGovernment.as_str())
        .value("created_at", &created_at)
        .then("ON CONFLICT (id) DO NOTHING")
        .execute(db)
        .await?;
    ensure_legacy_azure(db, now).await?;
    ensure_defender(db, now).await?;
    ensure_azure_stack(db, now).await
}

/// The cloud id of Contoso's demo Azure Stack Hub deployment.
pub const CONTOSO_AZURE_STACK_CLOUD_ID: &str = "a25c0de1-0000-4000-8000-00000000a5c1";

/// Contoso's Azure Stack Hub (4 nodes, 64 cores) has been registered, connected and paying as it
/// uses, under Contoso Production since the demo history starts.
async fn ensure_azure_stack(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    const ID: &str = "a25c0de1-0000-4000-8000-00000000a5c0";
    let exists: Option<(String,)> =
        sqlx::query_as("SELECT id FROM azure_stack_registrations WHERE id = $1")
            .bind(ID)
            .fetch_optional(db)
            .await?;
    if exists.is_some() {
        return Ok(());
    }
    let registered_at = timestamp::to_text(history_start(now).and_time(NaiveTime::MIN).and_utc());
    let actor = format!("{} <{}>", USERS[3].display_name, USERS[3].email);
    let name = azure_stack::default_registration_name(CONTOSO_AZURE_STACK_CLOUD_ID);
    let mut tx = begin_write(db).await?;
    let registration = store::azure_stack::NewRegistration {
        id: ID,
        customer_id: CONTOSO_ID,
        azure_subscription_id: CONTOSO_PRODUCTION_ID,
        resource_group: azure_stack::DEFAULT_RESOURCE_GROUP,
        resource_group_location: "francecentral",
        name: &name,
        cloud_id: CONTOSO_AZURE_STACK_CLOUD_ID,
        connection: azure_stack::Connection::Connected,
        billing_model: azure_stack::BillingModel::PayAsYouUse,
        agreement_number: None,
        node_count: 4,
        cores: 64,
        status: azure_stack::RegistrationStatus::Activated,
        token_hash: None,
        now: &registered_at,
        actor: &actor,
    };
    store::azure_stack::insert(&mut tx, &registration).await?;
    tx.commit().await?;
    Ok(())
}

/// Contoso Production has been onboarded to Defender for IoT with 5,000 committed devices, billed
/// monthly, since the demo history starts, and has one sensor; Contoso Lab is not onboarded.
async fn ensure_defender(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    const PLAN_ID: &str = "de0fe0de-0000-4000-8000-00000000a001";
    const DEVICES: i64 = 5_000;
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM defender_plans WHERE id = $1")
        .bind(PLAN_ID)
        .fetch_optional(db)
        .await?;
    if exists.is_some() {
        return Ok(());
    }
    let offer =
        crate::catalog::availabilities("FR", defender::PRODUCT_ID, defender::SKU_ID, Language::En)
            .ok()
            .and_then(|list| list.into_iter().next())
            .context("the catalog sells Defender for IoT in France")?;
    let price = defender::plan_price(&offer, BillingCycle::Monthly)
        .context("Defender for IoT has a monthly price")?;
    let day = history_start(now);
    let onboarded_at = timestamp::to_text(day.and_time(NaiveTime::MIN).and_utc());
    let charge = defender::onboarding_cost(price, DEVICES, false, day)
        .context("the demo charge fits")?
        .first_charge;
    let mut tx = begin_write(db).await?;
    let plan = store::defender::NewPlan {
        id: PLAN_ID,
        customer_id: CONTOSO_ID,
        azure_subscription_id: CONTOSO_PRODUCTION_ID,
        devices: DEVICES,
        billing_cycle: price.cycle.as_str(),
        is_trial: false,
        block_price: price.block_price.ten_thousandths(),
        currency_code: price.currency.code,
        now: &onboarded_at,
    };
    store::defender::insert(&mut tx, &plan).await?;
    let event = store::defender::NewEvent {
        plan_id: PLAN_ID,
        occurred_at: &onboarded_at,
        actor_id: Some(USERS[0].id),
        actor_name: USERS[0].display_name,
        kind: "onboarded",
        old_devices: None,
        new_devices: Some(DEVICES),
        amount: charge.ten_thousandths(),
    };
    store::defender::insert_event(&mut tx, &event).await?;
    store::defender::insert_sensor(
        &mut tx,
        CONTOSO_ID,
        CONTOSO_PRODUCTION_ID,
        "plant-floor-01",
        &onboarded_at,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Litware's legacy Microsoft Azure (MS-AZR-0145P) subscription. The legacy offer is not in the
/// catalog any more (it cannot be bought), so its order and subscription are written directly.
async fn ensure_legacy_azure(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    const ORDER_ID: &str = "0d0c0e1c0001";
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM orders WHERE id = $1")
        .bind(ORDER_ID)
        .fetch_optional(db)
        .await?;
    if exists.is_some() {
        return Ok(());
    }
    let placed = timestamp::to_text(history_start(now).and_time(NaiveTime::MIN).and_utc());
    let day = history_start(now).to_string();
    let offer = portal_domain::upgrade::LEGACY_AZURE_OFFER;
    let mut tx = begin_write(db).await?;
    Insert::into("orders")
        .value("id", ORDER_ID)
        .value("alternate_id", ORDER_ID)
        .value("customer_id", LITWARE_ID)
        .value("order_group", "0")
        .value("billing_cycle", "monthly")
        .value("currency_code", "USD")
        .value("status", "completed")
        .value("created_by", USERS[0].id)
        .value("created_at", &placed)
        .value("completed_at", &placed)
        .execute(&mut *tx)
        .await?;
    Insert::into("order_line_items")
        .value("order_id", ORDER_ID)
        .value("line_item_number", 0_i64)
        .value("offer_id", offer)
        .value("subscription_id", LITWARE_LEGACY_AZURE_ID)
        .value("friendly_name", "Litware Azure")
        .value("quantity", 1_i64)
        .value("extended_price", 0_i64)
        .value("prorated_price", 0_i64)
        .value("provisioning_status", "Fulfilled")
        .execute(&mut *tx)
        .await?;
    Insert::into("subscriptions")
        .value("id", LITWARE_LEGACY_AZURE_ID)
        .value("customer_id", LITWARE_ID)
        .value("order_id", ORDER_ID)
        .value("offer_id", offer)
        .value("product_id", offer)
        .value("sku_id", "0145P")
        .value("offer_name", "Microsoft Azure")
        .value("friendly_name", "Litware Azure")
        .value("quantity", 1_i64)
        .value("unit_type", "usage_based")
        .value("billing_type", "usage")
        .value("billing_cycle", "monthly")
        .value("status", "active")
        .value("auto_renew_enabled", 0_i64)
        .value("is_trial", 0_i64)
        .value("currency_code", "USD")
        .value("created_at", &placed)
        .value("effective_start_date", &day)
        .value("commitment_end_date", "9999-12-31")
        .value("version", 1_i64)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The first day of the month `HISTORY_MONTHS` months before `now`: when the demo purchases date from.
fn history_start(now: DateTime<Utc>) -> NaiveDate {
    let mut period = BillingPeriod::containing(now.date_naive());
    for _ in 0..HISTORY_MONTHS {
        period = BillingPeriod::containing(period.start.pred_opt().expect("dates go back"));
    }
    period.start
}

/// The partner, customers, relationships and users that are missing, in one transaction.
async fn ensure_people(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    // Hash outside the transaction: argon2 is slow and SQLite holds its write lock meanwhile.
    let mut missing_users = Vec::new();
    for user in &USERS {
        if !users::exists(db, user.email).await? {
            missing_users.push((user, password::hash(user.password.to_owned()).await?));
        }
    }

    let expires_at =
        timestamp::to_text(now + chrono::TimeDelta::days(relationship::RELATIONSHIP_DAYS));
    let now = timestamp::to_text(now);
    let mut tx = db.begin().await?;
    Insert::into("partners")
        .value("id", PARTNER_ID)
        .value("name", "Northwind Cloud Partners")
        .value("mpn_id", "4812345")
        .value("address_line1", "12 avenue de l’Opéra")
        .value("postal_code", "75001")
        .value("city", "Paris")
        .value("country", "FR")
        .value("vat_number", "FR40912345678")
        .value("registration", "SAS au capital de 50 000 € · RCS Paris 912 345 678")
        .value("created_at", &now)
        .then("ON CONFLICT (id) DO NOTHING")
        .execute(&mut *tx)
        .await?;
    for c in &CUSTOMERS {
        Insert::into("customers")
            .value("id", c.id)
            .value("company_name", c.company_name)
            .value("domain", c.domain)
            .value("country", c.country)
            .value("currency", c.currency)
            .value("culture", c.culture)
            .value("address_line1", c.address.0)
            .value("postal_code", c.address.1)
            .value("city", c.address.2)
            .value("vat_number", c.vat_number)
            .value("created_at", &now)
            .then("ON CONFLICT (id) DO NOTHING")
            .execute(&mut *tx)
            .await?;
        Insert::into("partner_customer_relationships")
            .value("partner_id", PARTNER_ID)
            .value("customer_id", c.id)
            .value("relationship_type", "reseller")
            .value("status", RelationshipStatus::Active.as_str())
            .value("created_at", &now)
            .value("accepted_at", &now)
            .value("expires_at", &expires_at)
            .then("ON CONFLICT (partner_id, customer_id) DO NOTHING")
            .execute(&mut *tx)
            .await?;
    }
    let (email, first_name, last_name) = TAILSPIN_CONTACT;
    Insert::into("customers")
        .value("id", TAILSPIN.id)
        .value("company_name", TAILSPIN.company_name)
        .value("domain", TAILSPIN.domain)
        .value("country", TAILSPIN.country)
        .value("currency", TAILSPIN.currency)
        .value("culture", TAILSPIN.culture)
        .value("language", "de")
        .value("contact_email", email)
        .value("contact_first_name", first_name)
        .value("contact_last_name", last_name)
        .value("address_line1", TAILSPIN.address.0)
        .value("postal_code", TAILSPIN.address.1)
        .value("city", TAILSPIN.address.2)
        .value("vat_number", TAILSPIN.vat_number)
        .value("created_at", &now)
        .then("ON CONFLICT (id) DO NOTHING")
        .execute(&mut *tx)
        .await?;
    Insert::into("partner_customer_relationships")
        .value("partner_id", PARTNER_ID)
        .value("customer_id", TAILSPIN.id)
        .value("relationship_type", "reseller")
        .value("status", RelationshipStatus::Pending.as_str())
        .value("created_at", &now)
        .then("ON CONFLICT (partner_id, customer_id) DO NOTHING")
        .execute(&mut *tx)
        .await?;
    for (user, hash) in &missing_users {
        let new_user = NewUser {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            password_hash: hash,
            partner_id: user.customer_id.is_none().then_some(PARTNER_ID),
            customer_id: user.customer_id,
            locale: user.locale,
            roles: user.roles,
        };
        users::insert(&mut tx, &new_user, &now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The last three months closed, so a new user sees real invoices: each paid in full on the
/// 10th of the month it was issued, except Contoso's and Fabrikam's latest, left outstanding
/// (to pay, or to correct with a note), and Contoso's oldest (it has licences from the first
/// month), now past its due date whatever the day.
pub async fn ensure_invoices(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let this_month = BillingPeriod::containing(now.date_naive());
    let mut months = Vec::new();
    let mut period = this_month;
    for _ in 0..3 {
        period = BillingPeriod::containing(period.start.pred_opt().expect("dates go back"));
        months.push(period);
    }
    for period in months.iter().rev() {
        crate::invoicing::close_period(db, *period, now).await?;
    }
    let (latest, oldest) = (months[0].start.to_string(), months[2].start.to_string());
    let invoices: Vec<(String, String, String, i64, i64, String)> = sqlx::query_as(
        "SELECT id, customer_id, period_start, total, paid_amount, invoice_date FROM invoices
         WHERE document_type = 'invoice' ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    for (id, customer_id, period_start, total, paid, invoice_date) in invoices {
        let outstanding = ((customer_id == CONTOSO_ID || customer_id == FABRIKAM_ID)
            && period_start == latest)
            || (customer_id == CONTOSO_ID && period_start == oldest);
        if outstanding || paid != 0 || total <= 0 || period_start < oldest {
            continue;
        }
        let request_id = format!("demo-payment-{id}");
        let mut tx = begin_write(db).await?;
        if store::invoices::payment_by_request(&mut tx, &id, &request_id).await?.is_some() {
            continue;
        }
        let paid_on = format!("{}10", invoice_date.get(..8).unwrap_or("2026-01-"));
        let payment = store::invoices::PaymentRow {
            id: uuid::Uuid::new_v4().to_string(),
            invoice_id: id.clone(),
            amount: total,
            paid_on: paid_on.clone(),
            reference: format!("Bank transfer {id}"),
            recorded_by: USERS[0].display_name.to_owned(),
            recorded_at: format!("{paid_on}T09:00:00.000Z"),
        };
        store::invoices::insert_payment(&mut tx, &payment, &request_id).await?;
        tx.commit().await?;
    }
    Ok(())
}
