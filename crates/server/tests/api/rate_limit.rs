//! 500 requests per minute per customer on orders, carts and subscriptions.

use chrono::TimeDelta;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn the_501st_request_in_a_minute_is_refused_until_the_next_minute() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let orders = format!("/v1/customers/{CONTOSO}/orders");
    let subscriptions = format!("/v1/customers/{CONTOSO}/subscriptions");
    // The limit counts orders, carts and subscriptions together.
    for n in 0..500 {
        let path = if n % 2 == 0 { &orders } else { &subscriptions };
        assert_eq!(app.get(path).await.status(), StatusCode::OK, "request {}", n + 1);
    }
    let refused = app.get(&orders).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // The test clock stands at 10:00:00, so the next minute is 60 seconds away.
    assert_eq!(refused.headers()["retry-after"], "60");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["statusCode"], 429);
    assert_eq!(body["message"], "Rate limit is exceeded. Try again in 60 seconds.");

    // Another customer has its own allowance; resources outside the limit are not counted.
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    assert_eq!(
        fabrikam.get(&format!("/v1/customers/{FABRIKAM}/orders")).await.status(),
        StatusCode::OK
    );
    assert_eq!(app.get(&format!("/v1/customers/{CONTOSO}")).await.status(), StatusCode::OK);

    app.clock.advance(TimeDelta::minutes(1));
    assert_eq!(app.get(&orders).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn requests_for_a_customer_out_of_reach_do_not_count() {
    let app = TestApp::spawn().await;
    app.sign_in(FABRIKAM_ADMIN).await;
    let foreign = format!("/v1/customers/{CONTOSO}/orders");
    for _ in 0..3 {
        expect_error(app.get(&foreign).await, StatusCode::NOT_FOUND, "60003").await;
    }
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM rate_limit_windows WHERE customer_id = $1")
            .bind(CONTOSO)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(rows, 0);
    // Nor do requests without a session.
    let anonymous = app.new_browser();
    expect_error(anonymous.get(&foreign).await, StatusCode::UNAUTHORIZED, "800001").await;
}

#[tokio::test]
async fn the_limit_is_counted_without_a_write_per_request() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    for _ in 0..10 {
        assert_eq!(
            app.get(&format!("/v1/customers/{CONTOSO}/orders")).await.status(),
            StatusCode::OK
        );
    }
    // Ten requests took one lease of 25 from the shared count: one write, not ten.
    let (handed_out,): (i64,) =
        sqlx::query_as("SELECT requests FROM rate_limit_windows WHERE customer_id = $1")
            .bind(CONTOSO)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(handed_out, portal_server::rate_limit::LEASE);
}

#[tokio::test]
async fn two_replicas_share_the_limit_within_five_percent() {
    let first = TestApp::spawn().await;
    first.sign_in(CONTOSO_ADMIN).await;
    let second = first.replica().await;
    let path = format!("/v1/customers/{CONTOSO}/subscriptions");
    let mut served = 0;
    for n in 0..600 {
        let replica = if n % 2 == 0 { &first } else { &second };
        match replica.get(&path).await.status() {
            StatusCode::OK => served += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("request {n}: {other}"),
        }
    }
    assert!((475..=500).contains(&served), "{served} served by two replicas");
}
