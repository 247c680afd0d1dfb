//! `/metrics` (`PORTAL_METRICS_ADDR`): served on its own listener, never the API's, and holding
//! the series operators watch after a short scripted workload.

use portal_server::demo::CONTOSO_LAB_ID;
use reqwest::StatusCode;
use serde_json::json;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::helpers::*;
use crate::usage::record;

/// The value of the sample `series` (name and labels as written), if the text has it.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.parse().unwrap())
}

#[tokio::test]
async fn metrics_are_served_apart_and_count_a_workload() {
    // Statement times reach the metrics through the tracing subscriber, as `telemetry::init`
    // sets it up (a test process may have one already: it has this layer too).
    let _ = tracing_subscriber::registry().with(portal_server::metrics::query_times()).try_init();
    let app = TestApp::spawn_with(|c| c.metrics_addr = Some("127.0.0.1:0".parse().unwrap())).await;
    let metrics_url = app.metrics_url.clone().expect("a metrics address");

    // Not on the API's port.
    expect_error(app.get("/v1/metrics").await, StatusCode::NOT_FOUND, "1000").await;

    // The workload: a sign-in refused as cross-site, a wrong password, a sign-in, a read, an
    // order, usage with a duplicate and a bad record.
    let bare = reqwest::Client::new();
    let response = bare.post(app.url("/v1/auth/login")).json(&json!({})).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = app.login((ADMIN.0, "not-the-password")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    app.sign_in(ADMIN).await;
    assert_eq!(app.get("/v1/customers").await.status(), StatusCode::OK);
    app.buy(CONTOSO, line(STANDARD_FR, 1, "monthly", Some("P1M"))).await;
    let key = app.api_key(None).await;
    let batch = json!([
        record("m1", CONTOSO, CONTOSO_LAB_ID, json!(2)),
        record("m1", CONTOSO, CONTOSO_LAB_ID, json!(2)),
        record("m2", CONTOSO, CONTOSO_LAB_ID, json!(-1)),
    ]);
    assert_eq!(app.send_usage(&key, batch).await.status(), StatusCode::OK);

    let response = app.client.get(&metrics_url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text"),
    );
    let text = response.text().await.unwrap();
    let has =
        |series: &str| sample(&text, series).unwrap_or_else(|| panic!("no {series} in\n{text}"));

    // Requests by route template (never by path: the customer's id is not a label).
    let customers =
        r#"portal_http_requests_total{method="GET",route="/v1/customers",status="200"}"#;
    assert_eq!(has(customers), 1.0);
    let failed = r#"portal_http_requests_total{method="POST",route="/v1/auth/login",status="401"}"#;
    assert_eq!(has(failed), 1.0);
    // Refused by a middleware before the handler: still under its route.
    let refused =
        r#"portal_http_requests_total{method="POST",route="/v1/auth/login",status="403"}"#;
    assert_eq!(has(refused), 1.0);
    assert!(
        has(
            r#"portal_http_request_duration_seconds_count{method="GET",route="/v1/customers/{customer_id}/orders/{order_id}"}"#
        ) >= 1.0
    );
    assert_eq!(
        has(r#"portal_http_requests_total{method="GET",route="unmatched",status="404"}"#),
        1.0
    );
    assert!(!text.contains(CONTOSO), "a customer's id in a label");

    assert_eq!(has(r#"portal_sign_in_failures_total{reason="credentials"}"#), 1.0);
    assert_eq!(has(r#"portal_sign_in_failures_total{reason="account_locked"}"#), 0.0);
    assert_eq!(has(r#"portal_refused_requests_total{reason="customer_rate"}"#), 0.0);
    assert_eq!(has(r#"portal_usage_records_total{outcome="accepted"}"#), 1.0);
    assert_eq!(has(r#"portal_usage_records_total{outcome="duplicate"}"#), 1.0);
    assert_eq!(has(r#"portal_usage_records_total{outcome="rejected"}"#), 1.0);

    // Background work: the order provisioned; the close of October ran when the server started.
    assert_eq!(has(r#"portal_background_items_total{job="orders",outcome="done"}"#), 1.0);
    assert_eq!(has(r#"portal_background_queue_depth{job="orders"}"#), 0.0);
    assert!(has(r#"portal_background_pass_duration_seconds_count{job="month_close"}"#) >= 1.0);
    assert_eq!(has(r#"portal_background_errors_total{job="month_close"}"#), 0.0);
    assert_eq!(has("portal_month_close_failed_customers"), 0.0);

    // The database: the pool, and every statement's time.
    assert!(has("portal_db_pool_max_connections") >= 1.0);
    assert!(has(r#"portal_db_pool_connections{state="idle"}"#) >= 0.0);
    assert!(has("portal_db_query_duration_seconds_count") > 0.0);
}
