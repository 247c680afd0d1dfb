//! Benchmark (not a test): usage ingestion throughput through the real HTTP API in batches of
//! 1,000 records, then the usage summary queries with 1 million stored records, on SQLite.
//!
//!     cargo run --release -p portal-server --example usage_bench [-- <records to ingest>]
//!
//! Prints the figures the README reports. Everything runs on this machine: the client and the
//! server share its cores.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use portal_server::clock::Clock;
use portal_server::demo::{CONTOSO_AZURE_PLAN_ID, CONTOSO_ID, CONTOSO_LAB_ID};
use portal_server::store::usage::{NewRecord, record_batch};
use portal_server::{Application, Config};
use serde_json::{Value, json};

const BATCH: usize = 1_000;
const STORED: usize = 1_000_000;
const VM_HOURS: &str = "a1f3c6d2-0001-4e2b-9d61-7c0e5b2a9f01";

fn record(i: usize, day: u32) -> Value {
    json!({
        "id": format!("bench-{i}"),
        "customerId": CONTOSO_ID,
        "subscriptionId": CONTOSO_LAB_ID,
        "meterId": VM_HOURS,
        "resourceUri": format!("/subscriptions/s/resourceGroups/rg/providers/p/vm-{}", i % 5_000),
        "resourceGroup": "rg",
        "resourceLocation": "westeurope",
        "quantity": 1 + i % 24,
        "usageDate": format!("2026-11-{:02}", day),
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let to_ingest: usize =
        std::env::args().nth(1).map(|n| n.parse()).transpose()?.unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let mut config = Config::defaults();
    config.database_url = format!("sqlite://{}/bench.db", dir.path().display());
    config.port = 0;
    config.dist_dir = dir.path().join("no-dist");
    config.demo_data = true;
    config.demo_usage_days = 0;
    let clock = Clock::manual("2026-11-21T10:00:00Z".parse::<DateTime<Utc>>().unwrap());
    let app = Application::build_with_clock(config, clock).await?;
    let base = format!("http://{}", app.local_addr());
    let db = app.db().clone();
    tokio::spawn(app.run_until_stopped(std::future::pending()));

    let mut spa = reqwest::header::HeaderMap::new();
    spa.insert("x-requested-with", reqwest::header::HeaderValue::from_static("usage-bench"));
    let client = reqwest::Client::builder().cookie_store(true).default_headers(spa).build()?;
    let login = json!({ "email": "admin@northwind.example", "password": "demo-admin-1" });
    client.post(format!("{base}/v1/auth/login")).json(&login).send().await?.error_for_status()?;
    let key: Value = client
        .post(format!("{base}/v1/apikeys"))
        .json(&json!({ "name": "bench" }))
        .send()
        .await?
        .json()
        .await?;
    let key = key["key"].as_str().unwrap_or_default().to_owned();

    // Ingestion: one batch at a time, as a meter feed sends them.
    let started = Instant::now();
    let mut accepted = 0;
    for start in (0..to_ingest).step_by(BATCH) {
        let records: Vec<Value> = (start..(start + BATCH).min(to_ingest))
            .map(|i| record(i, 1 + (i % 21) as u32))
            .collect();
        let answer: Value = client
            .post(format!("{base}/v1/usage/records"))
            .bearer_auth(&key)
            .json(&json!({ "records": records }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        accepted += answer["accepted"].as_u64().unwrap_or(0);
    }
    let elapsed = started.elapsed();
    println!(
        "ingestion: {accepted} records in batches of {BATCH} in {:.1} s = {:.0} records/s",
        elapsed.as_secs_f64(),
        accepted as f64 / elapsed.as_secs_f64()
    );

    // Up to 1 million stored records over three months and 50,000 resources, written through
    // the same store function as ingestion (so the totals are kept too), without HTTP.
    let (partner_id, plan_id, unit_price): (String, String, i64) = sqlx::query_as(
        "SELECT partner_id, plan_id, unit_price FROM usage_records WHERE id = 'bench-0'",
    )
    .fetch_one(&db)
    .await?;
    let mut stored = accepted as usize;
    while stored < STORED {
        let chunk: Vec<(String, String, String)> = (stored..(stored + 10_000).min(STORED))
            .map(|i| {
                (
                    format!("fill-{i}"),
                    format!("/subscriptions/s/resourceGroups/rg/providers/p/res-{}", i % 50_000),
                    format!("2026-{:02}-{:02}", 9 + (i % 3), 1 + (i % 28)),
                )
            })
            .collect();
        let records: Vec<NewRecord<'_>> = chunk
            .iter()
            .map(|(id, uri, day)| NewRecord {
                partner_id: &partner_id,
                id,
                customer_id: CONTOSO_ID,
                plan_id: &plan_id,
                entitlement_id: Some(CONTOSO_LAB_ID),
                meter_id: VM_HOURS,
                meter_name: "D2s v5",
                meter_category: "Virtual Machines",
                unit: "1 Hour",
                resource_uri: uri,
                resource_group: "rg",
                resource_location: "westeurope",
                quantity: 120_000,
                usage_date: day,
                unit_price,
                cost: unit_price * 12,
                currency_code: "EUR",
                received_at: "2026-11-21T10:00:00.000Z",
                azure_stack_registration_id: None,
            })
            .collect();
        let mut tx = db.begin().await?;
        stored += record_batch(&mut tx, &records).await?;
        tx.commit().await?;
    }
    println!("stored: {stored} records");

    let reads = [
        ("customer summary", format!("/v1/customers/{CONTOSO_ID}/usagesummary")),
        ("daily by category", format!("/v1/customers/{CONTOSO_ID}/usagesummary/daily")),
        (
            "meter records",
            format!(
                "/v1/customers/{CONTOSO_ID}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/meterusagerecords"
            ),
        ),
        (
            "resource records, first 100",
            format!(
                "/v1/customers/{CONTOSO_ID}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/resourceusagerecords?size=100"
            ),
        ),
        ("partner overview", "/v1/usagesummary".to_owned()),
    ];
    for (name, path) in reads {
        let mut times = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            client.get(format!("{base}{path}")).send().await?.error_for_status()?.bytes().await?;
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "{name}: median {:.1} ms, p95 {:.1} ms (20 requests)",
            percentile(&times, 0.5).as_secs_f64() * 1000.0,
            percentile(&times, 0.95).as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
