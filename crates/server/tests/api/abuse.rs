//! The server under attack and under a storm: what one client must not be able to do to the
//! others. Each test here failed on the build before its fix (issue 13).

use std::process::Stdio;
use std::time::Duration;

use chrono::TimeDelta;
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

/// Sign-ins sent all at once; the statuses they got, in no particular order.
async fn sign_ins(
    base: &str,
    attempts: impl IntoIterator<Item = (String, String, Option<String>)>,
) -> Vec<(StatusCode, Option<String>)> {
    let client = reqwest::Client::builder().default_headers(spa_headers()).build().unwrap();
    let requests = attempts.into_iter().map(|(email, password, forwarded_for)| {
        let mut request = client
            .post(format!("{base}/v1/auth/login"))
            .json(&json!({ "email": email, "password": password }));
        if let Some(address) = forwarded_for {
            request = request.header("X-Forwarded-For", address);
        }
        async move {
            let response = request.send().await.expect("the server answers");
            let retry_after =
                response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
            (response.status(), retry_after)
        }
    });
    join_all(requests).await
}

fn count(statuses: &[(StatusCode, Option<String>)], status: StatusCode) -> usize {
    statuses.iter().filter(|(s, _)| *s == status).count()
}

#[tokio::test]
async fn parallel_wrong_passwords_check_at_most_five_for_an_account() {
    let app = TestApp::spawn_with(|c| c.trust_forwarded_for = true).await;
    // 50 guesses at once, each from its own address so that only the account's limit applies.
    let guesses = (0..50)
        .map(|i| (ADMIN.0.to_owned(), format!("guess-{i}"), Some(format!("198.51.100.{}", i + 1))));
    let statuses = sign_ins(&app.base, guesses).await;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), 5, "passwords checked: {statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 45, "{statuses:?}");
    assert!(
        statuses.iter().all(|(s, retry)| *s != StatusCode::TOO_MANY_REQUESTS || retry.is_some())
    );
    // The right password is refused too until the window ends: it is not checked.
    let locked = app.login(ADMIN).await;
    expect_error(locked, StatusCode::TOO_MANY_REQUESTS, "700002").await;
    // Another account is not affected.
    app.sign_in(SALES).await;
    // After the window, the right password works again.
    app.clock.advance(TimeDelta::minutes(16));
    app.sign_in(ADMIN).await;
}

#[tokio::test]
async fn one_address_gets_thirty_attempts_a_minute_across_accounts() {
    let app = TestApp::spawn_with(|c| c.trust_forwarded_for = true).await;
    let from_one_address = (0..40).map(|i| {
        (format!("nobody-{i}@example.com"), "guess".to_owned(), Some("203.0.113.9".to_owned()))
    });
    let statuses = sign_ins(&app.base, from_one_address).await;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), 30, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 10, "{statuses:?}");
    // Someone at another address signs in as usual.
    let elsewhere = app
        .client
        .post(app.url("/v1/auth/login"))
        .header("X-Forwarded-For", "203.0.113.10")
        .json(&json!({ "email": ADMIN.0, "password": ADMIN.1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), StatusCode::OK);
}

#[tokio::test]
async fn successful_sign_ins_do_not_use_up_an_address() {
    let app = TestApp::spawn().await;
    // More than an address's failed attempts, all from 127.0.0.1, all right.
    for _ in 0..35 {
        app.sign_in(CONTOSO_ADMIN).await;
    }
}

#[tokio::test]
async fn forwarded_addresses_are_ignored_unless_trusted() {
    let app = TestApp::spawn().await;
    // Without PORTAL_TRUST_FORWARDED_FOR every request is the peer's (127.0.0.1), whatever it
    // claims: inventing addresses does not buy more attempts.
    let claimed = (0..31).map(|i| {
        (format!("nobody-{i}@example.com"), "guess".to_owned(), Some(format!("198.51.100.{i}")))
    });
    let statuses = sign_ins(&app.base, claimed).await;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), 30, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 1, "{statuses:?}");
}

/// Reads a `/proc/{pid}/status` figure in kB.
fn proc_status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("{field}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The real server binary in its own process, so its memory can be measured alone.
struct ServerProcess {
    child: std::process::Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    async fn start(extra_env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database_url = fresh_database(&dir).await;
        let log = dir.path().join("server.log");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .env("DATABASE_URL", &database_url)
            .env("PORT", "0")
            .env("HOST", "127.0.0.1")
            .env("DIST_DIR", dir.path().join("no-dist"))
            .env("PORTAL_DEMO_DATA", "true")
            .env("PORTAL_DEMO_USAGE_DAYS", "0")
            .env("RUST_LOG", "error")
            .envs(extra_env.iter().copied())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let base = loop {
            let printed = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(at) = printed.find("running at ") {
                let url = printed[at + "running at ".len()..].split_whitespace().next().unwrap();
                break url.trim_end_matches('/').to_owned();
            }
            assert!(std::time::Instant::now() < deadline, "server did not start: {printed}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        ServerProcess { child, base, _dir: dir }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn a_storm_of_500_sign_ins_keeps_the_server_memory_bounded() {
    let server = ServerProcess::start(&[("PORTAL_TRUST_FORWARDED_FOR", "true")]).await;
    let pid = server.child.id();
    // Warm up: one real sign-in, so the baseline includes what any sign-in allocates.
    let warm = sign_ins(&server.base, [(ADMIN.0.to_owned(), ADMIN.1.to_owned(), None)]).await;
    assert_eq!(warm[0].0, StatusCode::OK);
    let baseline_kb = proc_status_kb(pid, "VmRSS:");
    // Start the peak (VmHWM) afresh: starting the server and seeding the demo peaked higher.
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").expect("the peak can be reset");

    // 500 at once, made-up emails, each from its own address: only the hashing cap stands
    // between them and 500 × 19 MiB of argon2 memory.
    let storm = (0..500).map(|i| {
        (
            format!("storm-{i}@example.com"),
            "guess".to_owned(),
            Some(format!("10.9.{}.{}", i / 250, i % 250 + 1)),
        )
    });
    let statuses = sign_ins(&server.base, storm).await;
    let peak_kb = proc_status_kb(pid, "VmHWM:");
    let grew_mb = peak_kb.saturating_sub(baseline_kb) / 1024;
    println!(
        "sign-in storm: baseline {} MB, peak {} MB, grew {grew_mb} MB",
        baseline_kb / 1024,
        peak_kb / 1024
    );

    // Each was either checked (401) or told to come back (503 with Retry-After); nothing failed.
    let checked = count(&statuses, StatusCode::UNAUTHORIZED);
    println!(
        "checked {checked}, 503: {}, 429: {}, rss after {} MB",
        count(&statuses, StatusCode::SERVICE_UNAVAILABLE),
        count(&statuses, StatusCode::TOO_MANY_REQUESTS),
        proc_status_kb(pid, "VmRSS:") / 1024
    );
    let shed = statuses
        .iter()
        .filter(|(s, retry)| *s == StatusCode::SERVICE_UNAVAILABLE && retry.is_some())
        .count();
    assert_eq!(checked + shed, 500, "{statuses:?}");
    assert!(checked >= 4, "the cap lets sign-ins through: {checked}");
    // Four hashes of 19 MiB at once, plus what the allocator keeps: far from 500 × 19 MiB.
    assert!(grew_mb < 200, "memory grew by {grew_mb} MB during the storm");

    // The server is still there for the people who know their password.
    let after = sign_ins(&server.base, [(SALES.0.to_owned(), SALES.1.to_owned(), None)]).await;
    assert_eq!(after[0].0, StatusCode::OK);
}

/// The quantity the review sent: it made Fabrikam's month USD 465 trillion, and three more like
/// it answered 500.
const HUGE_QUANTITY: &str = "922337203685477";

#[tokio::test]
async fn a_huge_usage_quantity_is_refused_naming_the_field_and_never_a_500() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    let quantity: serde_json::Value = serde_json::from_str(HUGE_QUANTITY).unwrap();
    for i in 0..4 {
        let records = json!([crate::usage::record(
            &format!("huge-{i}"),
            FABRIKAM,
            portal_server::demo::FABRIKAM_PRODUCTION_ID,
            quantity.clone(),
        )]);
        let answer = app.send_usage(&key, records).await;
        assert_eq!(answer.status(), StatusCode::OK, "try {i}");
        let result: serde_json::Value = answer.json().await.unwrap();
        assert_eq!((result["accepted"].as_i64(), result["rejected"].as_i64()), (Some(0), Some(1)));
        assert_eq!(result["rejections"][0]["field"], "quantity", "{result}");
    }
    let (stored,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM usage_records").fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, 0);
    app.sign_in(FABRIKAM_ADMIN).await;
    let summary = json_of(app.get(&format!("/v1/customers/{FABRIKAM}/usagesummary")).await).await;
    assert_eq!(summary["totalCost"], json!(0), "{summary}");
}

#[tokio::test]
async fn a_batch_that_would_pass_a_days_cap_is_refused_whole() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    let subscription = portal_server::demo::FABRIKAM_PRODUCTION_ID;
    let first = json!([crate::usage::record("day-1", FABRIKAM, subscription, json!(10))]);
    assert_eq!(app.send_usage(&key, first).await.status(), StatusCode::OK);
    // The day's total is brought just under its cap (ten-thousandths), as a long day of
    // records at the largest cost would.
    let cap = portal_domain::usage::MAX_DAILY_COST.ten_thousandths();
    sqlx::query("UPDATE usage_daily SET cost = $1").bind(cap - 1).execute(&app.db).await.unwrap();
    let more = json!([
        crate::usage::record("day-2", FABRIKAM, subscription, json!(1)),
        crate::usage::record("day-3", FABRIKAM, subscription, json!(1)),
    ]);
    let refused =
        expect_error(app.send_usage(&key, more).await, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(refused.data[0].field, "quantity", "{}", refused.description);
    let (stored,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM usage_records").fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, 1, "nothing of the refused batch was kept");
}

#[tokio::test]
async fn a_customer_that_cannot_be_invoiced_does_not_stop_the_others() {
    use portal_domain::billing::BillingPeriod;

    let app = TestApp::spawn().await;
    // Contoso is closed first (customers go in id order). Two records whose costs add up past
    // 64 bits, written straight to the database as a bug or an old build might have.
    for id in ["poison-1", "poison-2"] {
        sqlx::query(
            "INSERT INTO usage_records (partner_id, id, customer_id, plan_id, entitlement_id, meter_id, meter_name,
                 meter_category, unit, resource_uri, resource_group, resource_location, quantity, usage_date,
                 unit_price, cost, currency_code, received_at)
             VALUES ($1, $2, $3, $4, NULL, 'm', 'Meter', 'Compute', 'Hours', '/r', 'rg', 'westeurope',
                     10000, '2026-11-20', 1, $5, 'EUR', '2026-11-21T09:00:00.000Z')",
        )
        .bind(portal_server::demo::PARTNER_ID)
        .bind(id)
        .bind(CONTOSO)
        .bind(portal_server::demo::CONTOSO_AZURE_PLAN_ID)
        .bind(i64::MAX / 2 + 1)
        .execute(&app.db)
        .await
        .unwrap();
    }
    // Fabrikam, after it, has usage to bill.
    sqlx::query(
        "INSERT INTO usage_records (partner_id, id, customer_id, plan_id, entitlement_id, meter_id, meter_name,
             meter_category, unit, resource_uri, resource_group, resource_location, quantity, usage_date,
             unit_price, cost, currency_code, received_at)
         VALUES ($1, 'fine-1', $2, $3, NULL, 'm', 'Meter', 'Compute', 'Hours', '/r', 'rg', 'eastus',
                 10000, '2026-11-20', 1000, 1000, 'USD', '2026-11-21T09:00:00.000Z')",
    )
    .bind(portal_server::demo::PARTNER_ID)
    .bind(FABRIKAM)
    .bind(portal_server::demo::FABRIKAM_AZURE_PLAN_ID)
    .execute(&app.db)
    .await
    .unwrap();
    let november = BillingPeriod::containing(day("2026-11-01"));
    let now = utc("2026-12-01T00:10:00Z");
    let report = portal_server::invoicing::close_period(&app.db, november, now).await.unwrap();
    assert_eq!(report.failed, 1, "{report:?}");
    assert!(report.issued >= 1, "Fabrikam, after Contoso, is invoiced: {report:?}");
    let issued_for = |customer: &'static str| {
        let db = app.db.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM invoices WHERE customer_id = $1 AND period_start = '2026-11-01'",
            )
            .bind(customer)
            .fetch_one(&db)
            .await
            .unwrap();
            n
        }
    };
    assert_eq!(issued_for(FABRIKAM).await, 1);
    assert_eq!(issued_for(CONTOSO).await, 0);

    // The partner's billing people see which customer and why; the period stays open.
    app.sign_in(BILLING).await;
    let failures = json_of(app.get("/v1/invoices/closefailures").await).await;
    assert_eq!(failures["totalCount"], 1, "{failures}");
    assert_eq!(failures["items"][0]["customerId"], CONTOSO);
    assert_eq!(failures["items"][0]["billingPeriodStart"], "2026-11-01");
    assert!(!failures["items"][0]["reason"].as_str().unwrap().is_empty());
    let sales = app.new_browser();
    sales.sign_in(SALES).await;
    expect_error(sales.get("/v1/invoices/closefailures").await, StatusCode::FORBIDDEN, "2032")
        .await;
    let (closed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM closed_periods WHERE period_start = '2026-11-01'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(closed, 0, "a period with a failed customer is retried");

    // Once the data is mended, the next run invoices Contoso and clears the failure.
    sqlx::query("DELETE FROM usage_records WHERE id LIKE 'poison-%'")
        .execute(&app.db)
        .await
        .unwrap();
    let report = portal_server::invoicing::close_period(&app.db, november, now).await.unwrap();
    assert_eq!((report.failed, report.issued), (0, 1), "{report:?}");
    assert_eq!(issued_for(CONTOSO).await, 1);
    let failures = json_of(app.get("/v1/invoices/closefailures").await).await;
    assert_eq!(failures["totalCount"], 0);
}

fn upgrade_request(customer: &str) -> serde_json::Value {
    json!({ "customerId": customer, "productFamily": "Azure" })
}

#[tokio::test]
async fn four_concurrent_upgrades_start_one_and_the_worker_carries_on() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let request = upgrade_request(LITWARE);
    let started = join_all((0..4).map(|_| app.post_json("/v1/productupgrades", &request))).await;
    let accepted: Vec<_> = started.iter().filter(|r| r.status() == StatusCode::ACCEPTED).collect();
    assert_eq!(accepted.len(), 1, "{:?}", started.iter().map(|r| r.status()).collect::<Vec<_>>());
    let location = accepted[0].headers()["location"].to_str().unwrap().to_owned();
    // The others meet the upgrade in progress (409), or, if it finished first, a customer with
    // nothing left to upgrade (400).
    for refused in started.into_iter().filter(|r| r.status() != StatusCode::ACCEPTED) {
        match refused.status() {
            StatusCode::CONFLICT => expect_error(refused, StatusCode::CONFLICT, "930001").await,
            _ => expect_error(refused, StatusCode::BAD_REQUEST, "800096").await,
        };
    }
    let (in_progress,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM product_upgrades").fetch_one(&app.db).await.unwrap();
    assert_eq!(in_progress, 1);

    // The one upgrade succeeds, and a registration asked for afterwards still completes.
    let status_path = format!("/v1/{location}/status");
    wait_until(Duration::from_secs(10), || async {
        json_of(app.post_json(&status_path, &upgrade_request(LITWARE)).await).await["status"]
            == "succeeded"
    })
    .await;
    registers_within_seconds(&app).await;
}

#[tokio::test]
async fn a_poisoned_upgrade_fails_on_its_own_and_healthy_work_goes_on() {
    let app = TestApp::spawn().await;
    // An upgrade that can never be carried out: the user who asked for it is gone, so every
    // try fails (before the fix, a failing upgrade made the whole worker fail every second).
    sqlx::query(
        "INSERT INTO product_upgrades (id, customer_id, product_family, status, source_subscription_id, requested_by, requested_at)
         VALUES ('poisoned', $1, 'Azure', 'inProgress', $2, 'no-such-user', '2026-11-21T09:59:00.000Z')",
    )
    .bind(LITWARE)
    .bind(portal_server::demo::LITWARE_LEGACY_AZURE_ID)
    .execute(&app.db)
    .await
    .unwrap();
    app.sign_in(CONTOSO_ADMIN).await;
    registers_within_seconds(&app).await;

    // It is retried with growing waits (the test moves the clock past each), then failed.
    wait_until(Duration::from_secs(20), || async {
        app.clock.advance(TimeDelta::minutes(1));
        let (status,): (String,) =
            sqlx::query_as("SELECT status FROM product_upgrades WHERE id = 'poisoned'")
                .fetch_one(&app.db)
                .await
                .unwrap();
        status == "failed"
    })
    .await;
    let (attempts, reason): (i64, Option<String>) = sqlx::query_as(
        "SELECT attempts, failure_reason FROM product_upgrades WHERE id = 'poisoned'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(attempts, portal_server::upgrading::MAX_ATTEMPTS);
    assert!(reason.is_some_and(|r| !r.is_empty()));
    let partner = app.new_browser();
    partner.sign_in(ADMIN).await;
    let status = json_of(
        partner.post_json("/v1/productUpgrades/poisoned/status", &upgrade_request(LITWARE)).await,
    )
    .await;
    assert_eq!(status["status"], "failed");
    assert!(
        status["errorDetails"]["description"].as_str().is_some_and(|d| !d.is_empty()),
        "{status}"
    );
}

/// Registers Contoso's Azure plan (as the signed-in user) and checks the worker completes it
/// within 5 seconds: healthy background work still gets done.
async fn registers_within_seconds(app: &TestApp) {
    let plan = format!(
        "/v1/customers/{CONTOSO}/subscriptions/{}",
        portal_server::demo::CONTOSO_AZURE_PLAN_ID
    );
    let asked = app.client.post(app.url(&format!("{plan}/registrations"))).send().await.unwrap();
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    wait_until(Duration::from_secs(5), || async {
        json_of(app.get(&format!("{plan}/registrationstatus")).await).await["status"]
            == "registered"
    })
    .await;
}

/// Polls `done` every 200 ms until it holds, failing the test after `limit`.
async fn wait_until<F, Fut>(limit: Duration, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + limit;
    while !done().await {
        assert!(std::time::Instant::now() < deadline, "not done after {limit:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
