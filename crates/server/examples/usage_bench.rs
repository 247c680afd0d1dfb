//! Benchmark (not a test): usage ingestion throughput through the real HTTP API in batches of
//! 1,000 records beside a baseline (the same rows stored by bare `INSERT`s in one transaction on
//! SQLite, by one `COPY` on PostgreSQL), then the usage summary queries with 1 million stored
//! records, then mixed API traffic at a fixed rate.
//!
//!     cargo run --release -p portal-server --example usage_bench [-- <records to ingest>]
//!
//! On SQLite unless `BENCH_DATABASE_URL=postgres://…/postgres` names a PostgreSQL server (a new
//! database is made on it). Prints the figures the README reports, and `TABLE` lines that
//! scripts/bench.sh gathers into one table. Everything runs on this machine: the client and the
//! server share its cores.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use portal_server::clock::Clock;
use portal_server::db::Db;
use portal_server::demo::{CONTOSO_AZURE_PLAN_ID, CONTOSO_ID, CONTOSO_LAB_ID, FABRIKAM_ID};
use portal_server::store::usage::{NewRecord, record_batch};
use portal_server::{Application, Config};
use serde_json::{Value, json};
use sqlx::Connection;

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
    let postgres = std::env::var("BENCH_DATABASE_URL").ok().filter(|u| u.starts_with("postgres"));
    config.database_url = match &postgres {
        Some(admin_url) => fresh_postgres_database(admin_url).await?,
        None => format!("sqlite://{}/bench.db", dir.path().display()),
    };
    let database = if postgres.is_some() { "PostgreSQL" } else { "SQLite" };
    let database_url = config.database_url.clone();
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
    let ingested = accepted as f64 / elapsed.as_secs_f64();
    println!(
        "ingestion: {accepted} records in batches of {BATCH} in {:.1} s = {ingested:.0} records/s",
        elapsed.as_secs_f64(),
    );

    // Up to 1 million stored records over three months and 50,000 resources, written through
    // the same store function as ingestion (so the totals are kept too), without HTTP.
    let (partner_id, plan_id, unit_price): (String, String, i64) = sqlx::query_as(
        "SELECT partner_id, plan_id, unit_price FROM usage_records WHERE id = 'bench-0'",
    )
    .fetch_one(&db)
    .await?;
    let rows: Vec<BaselineRow> = (0..accepted as usize)
        .map(|i| {
            let quantity = (1 + i % 24) as i64 * 10_000;
            BaselineRow {
                id: format!("baseline-{i}"),
                resource_uri: format!(
                    "/subscriptions/s/resourceGroups/rg/providers/p/vm-{}",
                    i % 5_000
                ),
                usage_date: format!("2026-11-{:02}", 1 + i % 21),
                quantity,
                cost: unit_price * quantity / 10_000,
            }
        })
        .collect();
    let fixed = Fixed { partner_id: &partner_id, plan_id: &plan_id, unit_price };
    let (baseline_name, baseline) = match &postgres {
        Some(_) => ("one COPY", copy_rows(&database_url, &fixed, &rows).await?),
        None => ("bare INSERTs, one transaction", insert_rows(&db, &fixed, &rows).await?),
    };
    let baseline_rate = rows.len() as f64 / baseline.as_secs_f64();
    println!(
        "baseline: the same {} rows by {baseline_name} in {:.2} s = {baseline_rate:.0} records/s",
        rows.len(),
        baseline.as_secs_f64()
    );
    sqlx::query("DELETE FROM usage_records WHERE id LIKE 'baseline-%'").execute(&db).await?;
    let goal = if postgres.is_some() { 30_000 } else { 50_000 };
    println!(
        "TABLE | usage ingestion, batches of 1,000, {database} | {} rec/s | {baseline_name}: {} rec/s ({:.0}%) | ≥ {} rec/s |",
        thousands(ingested),
        thousands(baseline_rate),
        100.0 * ingested / baseline_rate,
        thousands(goal as f64)
    );

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

    let traffic = mixed_traffic(&base, client, MIXED_RATE, MIXED_SECONDS).await;
    println!(
        "mixed traffic: {} requests at {MIXED_RATE}/s for {MIXED_SECONDS} s: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} errors",
        traffic.sent,
        ms(traffic.p50),
        ms(traffic.p99),
        ms(traffic.max),
        traffic.errors.len()
    );
    for error in traffic.errors.iter().take(5) {
        println!("  error: {error}");
    }
    println!(
        "TABLE | mixed API traffic (browse, cart, usage reads) at {MIXED_RATE} req/s, {database} | p99 {:.1} ms, {} errors | | p99 ≤ 20 ms, 0 errors |",
        ms(traffic.p99),
        traffic.errors.len()
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `52 300` for 52,300.4: figures rounded to the hundred, so nobody reads noise as a result.
fn thousands(n: f64) -> String {
    let rounded = ((n / 100.0).round() * 100.0) as u64;
    let text = rounded.to_string();
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && (text.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A new empty database on the PostgreSQL server of `admin_url`.
async fn fresh_postgres_database(admin_url: &str) -> anyhow::Result<String> {
    sqlx::any::install_default_drivers();
    let name = format!("portal_bench_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::AnyConnection::connect(admin_url).await?;
    // The name is ours (a UUID): nothing from outside goes into the statement.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await?;
    let (server, _) = admin_url.rsplit_once('/').unwrap_or((admin_url, ""));
    Ok(format!("{server}/{name}"))
}

/// What every baseline row shares.
struct Fixed<'a> {
    partner_id: &'a str,
    plan_id: &'a str,
    unit_price: i64,
}

/// A usage record as ingestion stores it, for the baselines.
struct BaselineRow {
    id: String,
    resource_uri: String,
    usage_date: String,
    quantity: i64,
    cost: i64,
}

const BASELINE_COLUMNS: &str = "partner_id, id, customer_id, plan_id, entitlement_id, meter_id, meter_name, \
    meter_category, unit, resource_uri, resource_group, resource_location, quantity, usage_date, \
    unit_price, cost, currency_code, received_at";

/// SQLite's baseline: one prepared single-row `INSERT` per record, in one transaction.
async fn insert_rows(db: &Db, fixed: &Fixed<'_>, rows: &[BaselineRow]) -> anyhow::Result<Duration> {
    let sql = format!(
        "INSERT INTO usage_records ({BASELINE_COLUMNS}) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
    );
    let started = Instant::now();
    let mut tx = db.begin().await?;
    for row in rows {
        sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(fixed.partner_id)
            .bind(&row.id)
            .bind(CONTOSO_ID)
            .bind(fixed.plan_id)
            .bind(CONTOSO_LAB_ID)
            .bind(VM_HOURS)
            .bind("D2s v5")
            .bind("Virtual Machines")
            .bind("1 Hour")
            .bind(&row.resource_uri)
            .bind("rg")
            .bind("westeurope")
            .bind(row.quantity)
            .bind(&row.usage_date)
            .bind(fixed.unit_price)
            .bind(row.cost)
            .bind("EUR")
            .bind("2026-11-21T10:00:00.000Z")
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(started.elapsed())
}

/// PostgreSQL's baseline: the same rows as CSV through one `COPY … FROM STDIN`.
async fn copy_rows(url: &str, fixed: &Fixed<'_>, rows: &[BaselineRow]) -> anyhow::Result<Duration> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let started = Instant::now();
    let mut csv = String::with_capacity(rows.len() * 300);
    for row in rows {
        csv.push_str(&format!(
            "{},{},{CONTOSO_ID},{},{CONTOSO_LAB_ID},{VM_HOURS},D2s v5,Virtual Machines,1 Hour,{},rg,westeurope,{},{},{},{},EUR,2026-11-21T10:00:00.000Z\n",
            fixed.partner_id, row.id, fixed.plan_id, row.resource_uri, row.quantity, row.usage_date, fixed.unit_price, row.cost
        ));
    }
    let mut copy = conn
        .copy_in_raw(&format!("COPY usage_records ({BASELINE_COLUMNS}) FROM STDIN (FORMAT csv)"))
        .await?;
    copy.send(csv.into_bytes()).await?;
    copy.finish().await?;
    Ok(started.elapsed())
}

const MIXED_RATE: u32 = 1_000;
const MIXED_SECONDS: u32 = 10;

struct Traffic {
    sent: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    errors: Vec<String>,
}

/// The `n`th request of the mix, as a signed-in partner admin: 45% catalog browsing, 35% usage
/// reads, 15% partner-wide lists, 5% new carts (two customers, so that their 500 requests a
/// minute are not reached in the run).
fn mixed_request(client: &reqwest::Client, base: &str, n: usize) -> reqwest::RequestBuilder {
    let get = |path: String| client.get(format!("{base}{path}"));
    match n % 20 {
        0..=8 => get(match n % 3 {
            0 => "/v1/products?country=FR&targetView=OnlineServices".to_owned(),
            1 => "/v1/products/CFQ7TTC0LDPB/skus?country=FR".to_owned(),
            _ => "/v1/products/CFQ7TTC0LDPB/skus/0001/availabilities?country=FR".to_owned(),
        }),
        9..=15 => get(match n % 2 {
            0 => format!("/v1/customers/{CONTOSO_ID}/usagesummary"),
            _ => format!("/v1/customers/{CONTOSO_ID}/usagesummary/daily"),
        }),
        16..=18 => get(match n % 2 {
            0 => "/v1/customers".to_owned(),
            _ => "/v1/usagesummary".to_owned(),
        }),
        _ => {
            let (customer, item) = if n % 40 < 20 {
                (CONTOSO_ID, "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPF")
            } else {
                (FABRIKAM_ID, "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPU")
            };
            client.post(format!("{base}/v1/customers/{customer}/carts")).json(&json!({
                "lineItems": [{ "catalogItemId": item, "quantity": 1, "billingCycle": "monthly", "termDuration": "P1Y" }]
            }))
        }
    }
}

/// Sends the mix at `rate` requests a second for `seconds`, open loop: each request starts on
/// its schedule whether or not the earlier ones have answered, so a slow server shows as
/// latency and not as a lower rate.
async fn mixed_traffic(base: &str, client: reqwest::Client, rate: u32, seconds: u32) -> Traffic {
    let total = (rate * seconds) as usize;
    let every = Duration::from_secs(1) / rate;
    let errors = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = Vec::with_capacity(total);
    for n in 0..total {
        ticks.tick().await;
        let request = mixed_request(&client, base, n);
        let errors = errors.clone();
        tasks.push(tokio::spawn(async move {
            let started = Instant::now();
            let outcome = match request.send().await {
                Ok(response) if response.status().is_success() => {
                    response.bytes().await.map(|_| ()).map_err(|e| e.to_string())
                }
                Ok(response) => Err(format!("request {n}: {}", response.status())),
                Err(e) => Err(format!("request {n}: {e}")),
            };
            let elapsed = started.elapsed();
            if let Err(e) = outcome {
                errors.lock().unwrap().push(e);
            }
            elapsed
        }));
    }
    let mut times = Vec::with_capacity(total);
    for task in tasks {
        times.push(task.await.unwrap_or(Duration::MAX));
    }
    times.sort();
    let errors = std::mem::take(&mut *errors.lock().unwrap());
    Traffic {
        sent: total,
        p50: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        max: times.last().copied().unwrap_or_default(),
        errors,
    }
}
