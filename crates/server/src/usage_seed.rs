//! Realistic usage for the demo: every active Azure subscription runs a few resources (virtual
//! machines, a database, storage, bandwidth, a web app) whose daily use varies from day to day
//! and drops at weekends, rated like records sent to the ingestion API; an Azure Stack Hub
//! deployment registered to pay as it uses reports its virtual machines and storage from the day
//! it was registered. Record ids are derived from the subscription, resource and day, so seeding
//! again adds only the days not seeded yet.

use anyhow::Context;
use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Weekday};
use portal_domain::Amount;
use portal_domain::usage::rate;
use sqlx::FromRow;

use crate::catalog;
use crate::db::{Db, begin_write};
use crate::store::usage::{NewRecord, record_batch};
use crate::timestamp;

/// One resource of a demo Azure subscription and what it uses on an ordinary weekday.
struct DemoResource {
    name: &'static str,
    group: &'static str,
    kind: &'static str,
    meter: usize,
    /// Whole units a weekday, at full scale.
    weekday: i64,
    /// Percent of the weekday use on Saturdays and Sundays.
    weekend_percent: i64,
}

const RESOURCES: [DemoResource; 6] = [
    DemoResource {
        name: "web-01",
        group: "web",
        kind: "Microsoft.Compute/virtualMachines",
        meter: 0,
        weekday: 24,
        weekend_percent: 100,
    },
    DemoResource {
        name: "batch-01",
        group: "jobs",
        kind: "Microsoft.Compute/virtualMachines",
        meter: 0,
        weekday: 14,
        weekend_percent: 20,
    },
    DemoResource {
        name: "logs",
        group: "data",
        kind: "Microsoft.Storage/storageAccounts",
        meter: 1,
        weekday: 16,
        weekend_percent: 100,
    },
    DemoResource {
        name: "cdn-egress",
        group: "web",
        kind: "Microsoft.Network/publicIPAddresses",
        meter: 2,
        weekday: 35,
        weekend_percent: 50,
    },
    DemoResource {
        name: "orders-db",
        group: "data",
        kind: "Microsoft.Sql/servers/databases",
        meter: 3,
        weekday: 48,
        weekend_percent: 80,
    },
    DemoResource {
        name: "frontend",
        group: "web",
        kind: "Microsoft.Web/sites",
        meter: 4,
        weekday: 24,
        weekend_percent: 100,
    },
];

/// What a pay-as-you-use Azure Stack Hub deployment reports each day, at full scale: its
/// virtual machines' vCPU hours and its blob storage (2,000 GB, one thirtieth of a GB-month a
/// day each).
const AZURE_STACK_RESOURCES: [DemoResource; 2] = [
    DemoResource {
        name: "vms",
        group: "azurestack",
        kind: "Microsoft.AzureStack/registrations",
        meter: 5,
        weekday: 960,
        weekend_percent: 60,
    },
    DemoResource {
        name: "blob",
        group: "azurestack",
        kind: "Microsoft.AzureStack/registrations",
        meter: 6,
        weekday: 67,
        weekend_percent: 100,
    },
];

/// A live pay-as-you-use registration, whose deployment reports usage.
#[derive(Debug, FromRow)]
struct Reporting {
    id: String,
    azure_subscription_id: String,
    resource_group: String,
    resource_group_location: String,
    name: String,
    registered_at: String,
}

/// A record to write, owned until the batch borrows it.
struct Made<'a> {
    id: String,
    uri: String,
    usage_date: String,
    group: &'a str,
    location: &'a str,
    meter: &'static catalog::MeterDef,
    price: Amount,
    quantity: Amount,
    cost: Amount,
    registration: Option<&'a str>,
}

#[derive(Debug, FromRow)]
struct Target {
    partner_id: String,
    customer_id: String,
    plan_id: String,
    entitlement_id: String,
    friendly_name: String,
    currency: String,
}

/// A number from 0 to 299 that depends only on `key` (FNV-1a): the same day always gets the
/// same use.
fn noise(key: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (hash % 300) as i64
}

/// How busy an Azure subscription is, in percent: a lab runs a quarter of production.
fn scale_percent(name: &str) -> i64 {
    if name.to_lowercase().contains("lab") { 25 } else { 100 }
}

/// Seeds the `days` days up to and including `today` for every active Azure subscription of the
/// global Azure cloud of every customer with an accepted partner relationship (a sovereign
/// cloud's usage is reported by that cloud). Returns how many records were added.
pub async fn seed(db: &Db, today: NaiveDate, days: u32) -> anyhow::Result<u64> {
    let targets: Vec<Target> = sqlx::query_as(
        "SELECT r.partner_id, e.customer_id, e.subscription_id AS plan_id, e.id AS entitlement_id,
                e.friendly_name, c.currency
         FROM azure_entitlements e
         JOIN subscriptions s ON s.id = e.subscription_id
         JOIN customers c ON c.id = e.customer_id
         JOIN partner_customer_relationships r ON r.customer_id = e.customer_id AND r.status = 'active'
         WHERE e.status = 'active' AND s.status = 'active' AND e.cloud = 'AzureCloud'
         ORDER BY e.id",
    )
    .fetch_all(db)
    .await
    .context("reading the Azure subscriptions to seed")?;
    let reporting: Vec<Reporting> = sqlx::query_as(
        "SELECT id, azure_subscription_id, resource_group, resource_group_location, name, registered_at
         FROM azure_stack_registrations
         WHERE billing_model = 'PayAsYouUse' AND status = 'activated'",
    )
    .fetch_all(db)
    .await
    .context("reading the Azure Stack Hub deployments to seed")?;
    let received_at = timestamp::to_text(today.and_time(NaiveTime::MIN).and_utc());
    let mut added = 0;
    for target in &targets {
        // The subscription's own resources, then its deployments' from the day each registered.
        let mut resources: Vec<(&DemoResource, Option<&Reporting>)> =
            RESOURCES.iter().map(|r| (r, None)).collect();
        for registration in
            reporting.iter().filter(|r| r.azure_subscription_id == target.entitlement_id)
        {
            resources.extend(AZURE_STACK_RESOURCES.iter().map(|r| (r, Some(registration))));
        }
        // Owned first (ids, URIs, days, amounts), then borrowed by the records written.
        let mut made = Vec::new();
        for back in 0..i64::from(days) {
            let day = today - TimeDelta::days(back);
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let usage_date = day.to_string();
            for &(resource, registration) in &resources {
                if registration.is_some_and(|r| r.registered_at[..10] > *usage_date) {
                    continue;
                }
                let meter = &catalog::METERS[resource.meter];
                let Some((_, price)) = catalog::meter_price(meter.id, &target.currency) else {
                    continue;
                };
                let name = match registration {
                    Some(r) => format!("{}-{}", r.name, resource.name),
                    None => resource.name.to_owned(),
                };
                let id = format!("demo-{}-{name}-{usage_date}", target.entitlement_id);
                // In ten-thousandths of a unit: the weekday use, less at weekends, scaled to
                // the subscription, then 85% to 115% of that.
                let share = if weekend { resource.weekend_percent } else { 100 };
                let base = resource.weekday * 10_000 * share / 100
                    * scale_percent(&target.friendly_name)
                    / 100;
                let quantity = Amount::from_ten_thousandths(base * (850 + noise(&id)) / 1000);
                let cost = rate(price, quantity)
                    .map_err(|p| anyhow::anyhow!("demo usage {}: {}", p.field, p.reason))?;
                // A deployment's usage comes under its registration, in its resource group.
                let (group, location, resource_name) = match registration {
                    Some(r) => (
                        r.resource_group.as_str(),
                        r.resource_group_location.as_str(),
                        r.name.as_str(),
                    ),
                    None => (resource.group, "westeurope", resource.name),
                };
                let uri = format!(
                    "/subscriptions/{}/resourceGroups/{group}/providers/{}/{resource_name}",
                    target.entitlement_id, resource.kind,
                );
                made.push(Made {
                    id,
                    uri,
                    usage_date: usage_date.clone(),
                    group,
                    location,
                    meter,
                    price,
                    quantity,
                    cost,
                    registration: registration.map(|r| r.id.as_str()),
                });
            }
        }
        let records: Vec<NewRecord<'_>> = made
            .iter()
            .map(|m| NewRecord {
                partner_id: &target.partner_id,
                id: &m.id,
                customer_id: &target.customer_id,
                plan_id: &target.plan_id,
                entitlement_id: Some(&target.entitlement_id),
                meter_id: m.meter.id,
                meter_name: m.meter.name,
                meter_category: m.meter.category,
                unit: m.meter.unit,
                resource_uri: &m.uri,
                resource_group: m.group,
                resource_location: m.location,
                quantity: m.quantity.ten_thousandths(),
                usage_date: &m.usage_date,
                unit_price: m.price.ten_thousandths(),
                cost: m.cost.ten_thousandths(),
                currency_code: &target.currency,
                received_at: &received_at,
                azure_stack_registration_id: m.registration,
            })
            .collect();
        let mut tx = begin_write(db).await?;
        added += record_batch(&mut tx, &records).await? as u64;
        tx.commit().await?;
    }
    Ok(added)
}
