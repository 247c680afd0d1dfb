//! The invoice CSV export streams its lines in bounded memory. A test binary of its own: it
//! measures this process's resident memory, which the API suite's tests, running beside each
//! other in one process, would swell.

// Only some of the API suite's helpers are used here.
#[allow(dead_code)]
#[path = "api/bulk_usage.rs"]
mod bulk_usage;
#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

use portal_domain::Amount;
use portal_server::invoicing;
use reqwest::StatusCode;
use serde_json::Value;

use bulk_usage::{NOVEMBER, add_november_usage};
use helpers::*;

async fn invoices(app: &TestApp, query: &str) -> Vec<Value> {
    json_of(app.get(&format!("/v1/invoices{query}")).await).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

/// The resident memory of this process (the server runs in it), in kilobytes.
fn resident_kb() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// 200,000 lines (36 MB). The process grows by about 22 MB on SQLite (pages of 5,000 lines grew
/// it by 35 MB at 200,000 lines and 40 MB at 1,000,000: it levels off) and by 3 MB on PostgreSQL;
/// the lines held at once, as rows and as text, would take it well past 32 MB.
#[tokio::test]
async fn the_csv_export_streams_in_bounded_memory() {
    export_in_bounded_memory(200_000, 32).await;
}

/// The same for 1,000,000 lines (183 MB): a benchmark (`make bench`); two minutes on SQLite and
/// three on PostgreSQL in a debug build, too long for `make test`.
#[tokio::test]
#[ignore = "a benchmark: run it on purpose (make bench)"]
async fn bench_the_csv_export_streams_a_million_lines_in_bounded_memory() {
    export_in_bounded_memory(1_000_000, 64).await;
}

/// Closes November with `lines` usage lines on Contoso's invoice, exports them, and checks every
/// line arrived, their costs add up, and the process grew by less than `max_growth_mb` meanwhile.
async fn export_in_bounded_memory(lines: i64, max_growth_mb: i64) {
    let app = TestApp::spawn().await;
    add_november_usage(&app, lines).await;
    invoicing::close_period(&app.db, NOVEMBER, utc("2026-12-01T00:10:00Z")).await.unwrap();
    app.sign_in(ADMIN).await;
    let invoice = invoices(&app, "?period=2026-11")
        .await
        .into_iter()
        .find(|i| i["customerId"] == CONTOSO)
        .unwrap();
    assert_eq!(invoice["usageLineCount"], lines);
    let mut response = app
        .get(&format!(
            "/v1/invoices/{}/lineitems/export?invoicelineitemtype=usagelineitems",
            invoice["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let start = resident_kb();
    let (mut bytes, mut newlines, mut peak) = (0_usize, 0_i64, start);
    let mut cost_sum = 0_i64;
    let mut tail = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        bytes += chunk.len();
        newlines += chunk.iter().filter(|b| **b == b'\n').count() as i64;
        // Every line's cost, from the 14th field, adds up to the usage billed.
        tail.extend_from_slice(&chunk);
        let text = String::from_utf8_lossy(&tail).into_owned();
        let (complete, rest) = text.rsplit_once('\n').unwrap_or(("", &text));
        for line in complete.lines().filter(|l| !l.starts_with("invoiceNumber")) {
            // The first field names the invoice exported.
            assert_eq!(line.split(',').next(), invoice["id"].as_str());
            let cost: Amount = line.split(',').nth(13).unwrap().parse().unwrap();
            cost_sum += cost.ten_thousandths();
        }
        tail = rest.as_bytes().to_vec();
        peak = peak.max(resident_kb());
    }
    assert_eq!(newlines, lines + 1, "a heading and every line");
    let expected: i64 = (1..=lines).map(|i| 123 * (i % 7 + 1)).sum();
    assert_eq!(cost_sum, expected);
    // The process grew by a small fraction of what went through.
    assert!(bytes as i64 > lines * 150, "{bytes} bytes");
    let growth_mb = (peak - start) / 1024;
    println!("memory grew by {growth_mb} MB while streaming {} MB", bytes / 1_000_000);
    println!(
        "TABLE | memory while exporting {lines} lines ({} MB) | grew {growth_mb} MB | | constant (< {max_growth_mb} MB) |",
        bytes / 1_000_000
    );
    assert!(
        growth_mb < max_growth_mb,
        "memory grew by {growth_mb} MB while streaming {} MB",
        bytes / 1_000_000
    );
}
