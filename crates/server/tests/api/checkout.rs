//! Checkout: orders per group, partial success, idempotent retries and racing checkouts.

use std::collections::HashSet;

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.db).await.unwrap();
    n
}

#[tokio::test]
async fn checkout_creates_one_order_per_group_then_provisions_them() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app
        .create_cart(
            CONTOSO,
            json!([
                line(E3_FR, 5, "monthly", Some("P1Y")),
                line(STANDARD_FR, 2, "annual", Some("P1Y"))
            ]),
        )
        .await;
    let response = app.checkout(CONTOSO, cart["id"].as_str().unwrap(), "checkout-1").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let result: Value = response.json().await.unwrap();
    assert_eq!(result["attributes"]["objectType"], "CartCheckoutResult");
    assert_eq!(result["orderErrors"], json!([]));
    let orders = result["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0]["billingCycle"], "monthly");
    assert_eq!(orders[1]["billingCycle"], "annual");
    assert_eq!(orders[0]["status"], "pending");
    assert_eq!(orders[0]["currencyCode"], "EUR");
    // The annual line pays its year up front.
    assert_eq!(orders[1]["totalPrice"], json!(280.8));
    assert_eq!(orders[1]["lineItems"][0]["pricing"]["listPrice"], json!(140.4));

    // The cart is spent.
    let spent = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/carts/{}", cart["id"].as_str().unwrap())).await,
    )
    .await;
    assert_eq!(spent["status"], "Ordered");

    // The worker provisions within seconds: subscriptions become active.
    for order in orders {
        let id = order["id"].as_str().unwrap();
        let completed = app.wait_for_completed(CONTOSO, id).await;
        let subscription_id = completed["lineItems"][0]["subscriptionId"].as_str().unwrap();
        assert_eq!(
            completed["lineItems"][0]["links"]["subscription"]["uri"],
            format!("/customers/{CONTOSO}/subscriptions/{subscription_id}")
        );
        let subscription = json_of(
            app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{subscription_id}")).await,
        )
        .await;
        assert_eq!(subscription["status"], "active");
        assert_eq!(subscription["orderId"], id);
        let status = json_of(
            app.get(&format!("/v1/customers/{CONTOSO}/orders/{id}/provisioningstatus")).await,
        )
        .await;
        assert_eq!(status["items"][0]["status"], "Fulfilled");
    }
}

#[tokio::test]
async fn subscriptions_get_the_documented_fields() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 5, "monthly", Some("P1Y"))])).await;
    let result: Value =
        app.checkout(CONTOSO, cart["id"].as_str().unwrap(), "c").await.json().await.unwrap();
    let order_id = result["orders"][0]["id"].as_str().unwrap();
    app.wait_for_completed(CONTOSO, order_id).await;
    let by_order = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions?order_id={order_id}")).await,
    )
    .await;
    assert_eq!(by_order["totalCount"], 1);
    let s = &by_order["items"][0];
    assert_eq!(s["offerId"], E3_FR);
    assert_eq!(s["offerName"], "Microsoft 365 E3");
    assert_eq!(s["friendlyName"], "Microsoft 365 E3");
    assert_eq!(s["quantity"], 5);
    assert_eq!(s["unitType"], "licenses");
    assert_eq!(s["billingType"], "license");
    assert_eq!(s["billingCycle"], "monthly");
    assert_eq!(s["termDuration"], "P1Y");
    assert_eq!(s["autoRenewEnabled"], true);
    assert_eq!(s["isTrial"], false);
    let start: NaiveDate = s["effectiveStartDate"].as_str().unwrap().parse().unwrap();
    let end: NaiveDate = s["commitmentEndDate"].as_str().unwrap().parse().unwrap();
    assert_eq!(portal_domain::billing::term_end(start, 12), Some(end));
    assert_eq!(s["attributes"]["objectType"], "Subscription");
    assert!(s["attributes"]["etag"].is_string());
}

#[tokio::test]
async fn a_group_with_a_bad_line_fails_alone() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let cart = app
        .create_cart(
            CONTOSO,
            json!([
                line(E3_FR, 5, "monthly", Some("P1Y")),
                line(STANDARD_FR, 500, "annual", Some("P1Y"))
            ]),
        )
        .await;
    let result: Value =
        app.checkout(CONTOSO, cart["id"].as_str().unwrap(), "partial").await.json().await.unwrap();
    assert_eq!(result["orders"].as_array().unwrap().len(), 1);
    assert_eq!(result["orders"][0]["billingCycle"], "monthly");
    let errors = result["orderErrors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["orderGroupId"], "1");
    assert_eq!(errors[0]["code"], 800009);
    assert!(errors[0]["description"].as_str().unwrap().contains("300"));
}

#[tokio::test]
async fn a_second_azure_plan_is_an_order_error_and_nothing_is_ordered() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    // Contoso has an Azure plan from the demo history.
    let cart = app.create_cart(CONTOSO, json!([line(AZURE_PLAN_FR, 1, "monthly", None)])).await;
    let id = cart["id"].as_str().unwrap();
    let result: Value = app.checkout(CONTOSO, id, "plan").await.json().await.unwrap();
    assert_eq!(result["orders"], json!([]));
    assert_eq!(result["orderErrors"][0]["code"], 800066);
    // With nothing ordered, the cart stays open to be changed.
    assert_eq!(
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/carts/{id}")).await).await["status"],
        "Active"
    );
}

#[tokio::test]
async fn a_first_azure_plan_brings_its_first_azure_subscription() {
    let app = TestApp::spawn().await;
    sqlx::query("UPDATE subscriptions SET status = 'deleted' WHERE customer_id = $1")
        .bind(FABRIKAM)
        .execute(&app.db)
        .await
        .unwrap();
    app.sign_in(FABRIKAM_ADMIN).await;
    let cart = app
        .create_cart(FABRIKAM, json!([line("DZH318Z0BPS6:0001:DZH318Z0BML6", 1, "monthly", None)]))
        .await;
    let result: Value =
        app.checkout(FABRIKAM, cart["id"].as_str().unwrap(), "plan").await.json().await.unwrap();
    let order = &result["orders"][0];
    assert_eq!(order["totalPrice"], json!(0), "usage is billed later");
    let completed = app.wait_for_completed(FABRIKAM, order["id"].as_str().unwrap()).await;
    let plan_id = completed["lineItems"][0]["subscriptionId"].as_str().unwrap();
    let azure = json_of(
        app.get(&format!("/v1/customers/{FABRIKAM}/subscriptions/{plan_id}/azureEntitlements"))
            .await,
    )
    .await;
    assert_eq!(azure["totalCount"], 1);
    assert_eq!(azure["items"][0]["status"], "active");
    assert_eq!(azure["items"][0]["friendlyName"], "Fabrikam Azure subscription 1");
    let plan =
        json_of(app.get(&format!("/v1/customers/{FABRIKAM}/subscriptions/{plan_id}")).await).await;
    assert_eq!(
        (plan["billingType"].clone(), plan["commitmentEndDate"].clone()),
        (json!("usage"), json!("9999-12-31"))
    );
}

#[tokio::test]
async fn a_retry_with_the_same_request_id_gets_the_same_result_and_creates_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 5, "monthly", Some("P1Y"))])).await;
    let id = cart["id"].as_str().unwrap();
    let first: Value = app.checkout(CONTOSO, id, "same-request").await.json().await.unwrap();
    let orders_before = count(&app, "SELECT COUNT(*) FROM orders").await;
    let retry = app.checkout(CONTOSO, id, "same-request").await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    let second: Value = retry.json().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, orders_before);
    // Anyone else is told the cart is already submitted.
    expect_error(
        app.checkout(CONTOSO, id, "another-request").await,
        StatusCode::BAD_REQUEST,
        "800065",
    )
    .await;
    // And it can no longer be changed.
    let put = app
        .put_json(&format!("/v1/customers/{CONTOSO}/carts/{id}"), &json!({"lineItems": []}))
        .await;
    expect_error(put, StatusCode::BAD_REQUEST, "800065").await;
}

#[tokio::test]
async fn twenty_concurrent_checkouts_of_one_cart_make_exactly_one_set_of_orders() {
    let app = TestApp::spawn().await;
    app.sign_in(SALES).await;
    let cart = app
        .create_cart(
            CONTOSO,
            json!([
                line(E3_FR, 5, "monthly", Some("P1Y")),
                line(STANDARD_FR, 2, "annual", Some("P1Y"))
            ]),
        )
        .await;
    let id = cart["id"].as_str().unwrap().to_owned();
    let orders_before = count(&app, "SELECT COUNT(*) FROM orders").await;

    let attempts: Vec<_> = (0..20)
        .map(|n| {
            let (client, url) = (
                app.client.clone(),
                app.url(&format!("/v1/customers/{CONTOSO}/carts/{id}/checkout")),
            );
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .header("MS-RequestId", format!("racer-{n}"))
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                (status, response.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut winners = Vec::new();
    for attempt in attempts {
        let (status, body) = attempt.await.unwrap();
        match status {
            StatusCode::CREATED => winners.push(body),
            StatusCode::CONFLICT => assert_eq!(body["code"], "800064"),
            StatusCode::BAD_REQUEST => assert_eq!(body["code"], "800065"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one checkout wins");
    assert_eq!(winners[0]["orders"].as_array().unwrap().len(), 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, orders_before + 2);
    let distinct: HashSet<_> =
        winners[0]["orders"].as_array().unwrap().iter().map(|o| o["id"].clone()).collect();
    assert_eq!(distinct.len(), 2);
}

#[tokio::test]
async fn changing_a_cart_while_it_is_checked_out_is_refused() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 5, "monthly", Some("P1Y"))])).await;
    let id = cart["id"].as_str().unwrap();
    // A checkout is under way (claimed, not finished).
    sqlx::query("UPDATE carts SET checkout_request_id = 'other', checkout_started_at = $1")
        .bind(portal_server::timestamp::to_text(app.clock.now()))
        .execute(&app.db)
        .await
        .unwrap();
    let put = app
        .put_json(&format!("/v1/customers/{CONTOSO}/carts/{id}"), &json!({"lineItems": []}))
        .await;
    expect_error(put, StatusCode::CONFLICT, "800064").await;
    expect_error(app.checkout(CONTOSO, id, "mine").await, StatusCode::CONFLICT, "800064").await;
    // A claim left behind by a server that died is taken over after two minutes.
    sqlx::query("UPDATE carts SET checkout_started_at = '2000-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.checkout(CONTOSO, id, "mine").await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn readers_cannot_check_out() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 5, "monthly", Some("P1Y"))])).await;
    let reader = app.new_browser();
    reader.sign_in(CONTOSO_READER).await;
    expect_error(
        reader.checkout(CONTOSO, cart["id"].as_str().unwrap(), "r").await,
        StatusCode::FORBIDDEN,
        "2032",
    )
    .await;
}
