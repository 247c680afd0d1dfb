//! Realistic usage for the demo: every active Azure subscription runs a few resources (virtual
//! machines, a database, storage, bandwidth, a web app) whose daily use varies from day to day
//! and drops at weekends, rated like records sent to the ingestion API. Record ids are derived
//! from the subscription, resource and day, so seeding again adds only the days not seeded yet.

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
    let received_at = timestamp::to_text(today.and_time(NaiveTime::MIN).and_utc());
    let mut added = 0;
    for target in &targets {
        // Owned first (ids, URIs, days, amounts), then borrowed by the records written.
        let mut made = Vec::new();
        for back in 0..i64::from(days) {
            let day = today - TimeDelta::days(back);
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let usage_date = day.to_string();
            for resource in &RESOURCES {
                let meter = &catalog::METERS[resource.meter];
                let Some((_, price)) = catalog::meter_price(meter.id, &target.currency) else {
                    continue;
                };
                let id = format!("demo-{}-{}-{usage_date}", target.entitlement_id, resource.name);
                // In ten-thousandths of a unit: the weekday use, less at weekends, scaled to
                // the subscription, then 85% to 115% of that.
                let share = if weekend { resource.weekend_percent } else { 100 };
                let base = resource.weekday * 10_000 * share / 100
                    * scale_percent(&target.friendly_name)
                    / 100;
                let quantity = Amount::from_ten_thousandths(base * (850 + noise(&id)) / 1000);
                let cost = rate(price, quantity)
                    .map_err(|p| anyhow::anyhow!("demo usage {}: {}", p.field, p.reason))?;
                let uri = format!(
                    "/subscriptions/{}/resourceGroups/{}/providers/{}/{}",
                    target.entitlement_id, resource.group, resource.kind, resource.name
                );
                made.push((id, uri, usage_date.clone(), resource, meter, price, quantity, cost));
            }
        }
        let records: Vec<NewRecord<'_>> = made
            .iter()
            .map(|(id, uri, usage_date, resource, meter, price, quantity, cost)| NewRecord {
                partner_id: &target.partner_id,
                id,
                customer_id: &target.customer_id,
                plan_id: &target.plan_id,
                entitlement_id: Some(&target.entitlement_id),
                meter_id: meter.id,
                meter_name: meter.name,
                meter_category: meter.category,
                unit: meter.unit,
                resource_uri: uri,
                resource_group: resource.group,
                resource_location: "westeurope",
                quantity: quantity.ten_thousandths(),
                usage_date,
                unit_price: price.ten_thousandths(),
                cost: cost.ten_thousandths(),
                currency_code: &target.currency,
                received_at: &received_at,
                azure_stack_registration_id: None,
            })
            .collect();
        let mut tx = begin_write(db).await?;
        added += record_batch(&mut tx, &records).await? as u64;
        tx.commit().await?;
    }
    Ok(added)
}
