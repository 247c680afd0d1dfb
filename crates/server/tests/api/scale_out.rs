//! Two servers on one database, as replicas behind a load balancer: the month's close run by
//! both at once, a replica killed in the middle of it, a checkout retried on the other one. (The
//! rate limit shared by replicas is in `rate_limit.rs`.) The close runs as `portal-server
//! close-period` processes, so that one can be killed with SIGKILL like a crashed machine.

use std::collections::BTreeMap;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::bulk_usage::add_customers_with_licences;
use crate::helpers::*;

/// Customers invoiced by the close, besides the demo's: enough that the close takes a while.
const CUSTOMERS: i64 = 200;

/// A replica closing November on the app's database, as the server's own command does it.
fn close_november(app: &TestApp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal-server"));
    command
        .args(["close-period", "2026-11"])
        .env("DATABASE_URL", app.database_url())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// How many invoices a finished close said it issued (`2026-11: 12 invoices issued, …`).
fn issued(output: &Output) -> i64 {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the close failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .split_once(" invoices issued")
        .and_then(|(before, _)| before.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {stdout:?}"))
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.db).await.unwrap();
    n
}

/// November's invoices, per customer.
async fn november_invoices(app: &TestApp) -> BTreeMap<String, Vec<String>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT customer_id, id FROM invoices
         WHERE period_start = '2026-11-01' AND document_type = 'invoice'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut by_customer: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (customer, id) in rows {
        by_customer.entry(customer).or_default().push(id);
    }
    by_customer
}

/// Every invoice is whole: its line count, totals and billed usage are those of the lines and
/// records that carry its id, and no record is marked billed by an invoice that does not exist.
async fn assert_no_partial_invoice(app: &TestApp) {
    let partial: Vec<(String,)> = sqlx::query_as(
        "SELECT i.id FROM invoices i
         WHERE i.line_count <> (SELECT COUNT(*) FROM invoice_line_items l WHERE l.invoice_id = i.id)
            OR i.total <> (SELECT COALESCE(SUM(l.total), 0) FROM invoice_line_items l WHERE l.invoice_id = i.id)
            OR i.usage_line_count <> (SELECT COUNT(*) FROM usage_records r WHERE r.invoice_id = i.id)
            OR i.line_count = 0",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(partial.is_empty(), "partial invoices: {partial:?}");
    let orphans = count(
        app,
        "SELECT COUNT(*) FROM usage_records
         WHERE invoice_id IS NOT NULL AND invoice_id NOT IN (SELECT id FROM invoices)",
    )
    .await;
    assert_eq!(orphans, 0, "usage marked billed by an invoice that was never written");
}

/// Each customer has one November invoice, all `CUSTOMERS` generated ones included; this year's
/// numbers run from 1 without a gap; November is marked closed.
async fn assert_closed_once_without_gaps(app: &TestApp) {
    let november = november_invoices(app).await;
    let twice: Vec<_> = november.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(twice.is_empty(), "invoiced more than once: {twice:?}");
    let generated = november.keys().filter(|c| c.starts_with("bench-")).count();
    assert_eq!(generated as i64, CUSTOMERS);

    let ids: Vec<(String,)> = sqlx::query_as("SELECT id FROM invoices WHERE id LIKE 'INV-2026-%'")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let mut numbers: Vec<i64> =
        ids.iter().map(|(id,)| id["INV-2026-".len()..].parse().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=numbers.len() as i64).collect::<Vec<_>>(), "numbers with gaps");
    let (last,): (i64,) =
        sqlx::query_as("SELECT last_number FROM invoice_numbers WHERE year = 2026")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(last, numbers.len() as i64, "a number was taken and not used");
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM closed_periods WHERE period_start = '2026-11-01'").await,
        1
    );
}

#[tokio::test]
async fn two_replicas_closing_the_month_at_once_issue_each_invoice_once_with_gapless_numbers() {
    let app = TestApp::spawn().await;
    add_customers_with_licences(&app, CUSTOMERS).await;

    let (first, second) =
        (close_november(&app).spawn().unwrap(), close_november(&app).spawn().unwrap());
    let (first, second) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());

    assert_closed_once_without_gaps(&app).await;
    assert_no_partial_invoice(&app).await;
    let november: usize = november_invoices(&app).await.values().map(Vec::len).sum();
    assert_eq!(issued(&first) + issued(&second), november as i64, "each invoice issued by one");
}

#[tokio::test]
async fn a_replica_killed_in_the_middle_of_the_close_leaves_no_partial_invoice_and_the_other_finishes()
 {
    let app = TestApp::spawn().await;
    add_customers_with_licences(&app, CUSTOMERS).await;

    let mut doomed = close_november(&app).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let generated = "SELECT COUNT(*) FROM invoices WHERE period_start = '2026-11-01' AND customer_id LIKE 'bench-%'";
    while count(&app, generated).await == 0 {
        assert!(doomed.try_wait().unwrap().is_none(), "the close ended before any invoice");
        assert!(Instant::now() < deadline, "no invoice after 60 s");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // SIGKILL: no chance to roll back or clean up, as when a machine dies.
    doomed.kill().unwrap();
    doomed.wait().unwrap();
    let done_when_killed = count(&app, generated).await;
    assert!(done_when_killed < CUSTOMERS, "killed after the close, not in the middle of it");
    assert_no_partial_invoice(&app).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM closed_periods WHERE period_start = '2026-11-01'").await,
        0
    );

    let rest = close_november(&app).output().unwrap();
    assert!(issued(&rest) >= CUSTOMERS - done_when_killed);
    assert_closed_once_without_gaps(&app).await;
    assert_no_partial_invoice(&app).await;
}

#[tokio::test]
async fn a_checkout_retried_on_the_other_replica_orders_and_provisions_once() {
    let first = TestApp::spawn().await;
    first.sign_in(SALES).await;
    let second = first.replica().await;
    let cart = first.create_cart(CONTOSO, json!([line(E3_FR, 5, "monthly", Some("P1Y"))])).await;
    let cart_id = cart["id"].as_str().unwrap();
    let orders = "SELECT COUNT(*) FROM orders";
    let subscriptions = "SELECT COUNT(*) FROM subscriptions";
    let (orders_before, subscriptions_before) =
        (count(&first, orders).await, count(&first, subscriptions).await);

    // The retry reaches the other replica while the first attempt may still be running there.
    let (a, b) = tokio::join!(
        first.checkout(CONTOSO, cart_id, "checkout-once"),
        second.checkout(CONTOSO, cart_id, "checkout-once")
    );
    let mut answers = Vec::new();
    for (replica, response) in [(&first, a), (&second, b)] {
        let mut response = response;
        // 409 800064: the other replica is checking it out right now; the client retries.
        while response.status() == StatusCode::CONFLICT {
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["code"], "800064", "{body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
            response = replica.checkout(CONTOSO, cart_id, "checkout-once").await;
        }
        assert_eq!(response.status(), StatusCode::CREATED);
        answers.push(response.json::<Value>().await.unwrap());
    }
    assert_eq!(answers[0], answers[1], "the same answer from both replicas");
    assert_eq!(answers[0]["orders"].as_array().unwrap().len(), 1);
    // And once more, later, on the other replica.
    let again = second.checkout(CONTOSO, cart_id, "checkout-once").await;
    assert_eq!(again.json::<Value>().await.unwrap(), answers[0]);

    let order_id = answers[0]["orders"][0]["id"].as_str().unwrap();
    // Both replicas run the provisioning worker: the order becomes one subscription.
    second.wait_for_completed(CONTOSO, order_id).await;
    assert_eq!(count(&first, orders).await, orders_before + 1);
    assert_eq!(count(&first, subscriptions).await, subscriptions_before + 1);
}
