//! Orders: listing, prices on request, provisioning status, tenancy, and the demo history.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn the_demo_history_has_the_documented_purchases() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_READER).await;
    let orders = json_of(app.get(&format!("/v1/customers/{CONTOSO}/orders")).await).await;
    assert_eq!(orders["totalCount"], 2);
    assert!(orders["items"].as_array().unwrap().iter().all(|o| o["status"] == "completed"));
    let subscriptions =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/subscriptions")).await).await;
    let names: Vec<_> = subscriptions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["friendlyName"].clone(), s["quantity"].clone()))
        .collect();
    assert!(names.contains(&(json!("Contoso Azure plan"), json!(1))));
    assert!(names.contains(&(json!("Contoso Business Standard"), json!(25))));
    let azure = json_of(
        app.get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{}/azureEntitlements",
            portal_server::demo::CONTOSO_AZURE_PLAN_ID
        ))
        .await,
    )
    .await;
    let mut azure_names: Vec<_> = azure["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["friendlyName"].as_str().unwrap().to_owned())
        .collect();
    azure_names.sort();
    assert_eq!(azure_names, ["Contoso Lab", "Contoso Production"]);

    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    let azure = json_of(
        fabrikam
            .get(&format!(
                "/v1/customers/{FABRIKAM}/subscriptions/{}/azureEntitlements",
                portal_server::demo::FABRIKAM_AZURE_PLAN_ID
            ))
            .await,
    )
    .await;
    // Fabrikam Production, and the US Government cloud's subscription the demo shows.
    assert_eq!(azure["totalCount"], 2);
    assert_eq!(azure["items"][1]["cloud"], "AzureUSGovernment");
    assert_eq!(azure["items"][0]["cloud"], "AzureCloud");
}

#[tokio::test]
async fn prices_come_with_include_price() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let plain =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/orders/0d0c0e1a0002")).await).await;
    assert!(plain.get("totalPrice").is_none());
    assert!(plain["lineItems"][0].get("pricing").is_none());
    let priced = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/orders/0d0c0e1a0002?include_price=true")).await,
    )
    .await;
    // 25 × 11.70 for a whole month (the demo order was placed on the 1st).
    assert_eq!(priced["lineItems"][0]["pricing"]["extendedPrice"], json!(292.5));
    assert_eq!(priced["totalPrice"], json!(292.5));
    assert_eq!(priced["attributes"]["objectType"], "Order");
}

#[tokio::test]
async fn unknown_and_foreign_orders_are_404() {
    let app = TestApp::spawn().await;
    app.sign_in(FABRIKAM_ADMIN).await;
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/orders/nope")).await,
        StatusCode::NOT_FOUND,
        "20000",
    )
    .await;
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/orders/0d0c0e1a0001")).await,
        StatusCode::NOT_FOUND,
        "20000",
    )
    .await;
    expect_error(
        app.get(&format!("/v1/customers/{CONTOSO}/orders")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/orders/nope/provisioningstatus")).await,
        StatusCode::NOT_FOUND,
        "20000",
    )
    .await;
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/subscriptions/nope")).await,
        StatusCode::NOT_FOUND,
        "20003",
    )
    .await;
    expect_error(
        app.get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{}",
            portal_server::demo::CONTOSO_AZURE_PLAN_ID
        ))
        .await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
}

#[tokio::test]
async fn bad_include_price_is_400() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let error = expect_error(
        app.get(&format!("/v1/customers/{CONTOSO}/orders?include_price=maybe")).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(error.data[0].field, "include_price");
}

fn amount(value: &serde_json::Value) -> portal_domain::Amount {
    value.to_string().parse().unwrap_or_else(|_| panic!("{value} is not an amount"))
}

#[tokio::test]
async fn an_order_whose_reseller_left_before_provisioning_fails_and_charges_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let subscription = app.buy(CONTOSO, line(E3_FR, 5, "monthly", Some("P1Y"))).await;
    let (subscription_id, order_id) =
        (subscription["id"].as_str().unwrap(), subscription["orderId"].as_str().unwrap());
    // The relationship ends between checkout and provisioning: the order is as the worker
    // would find it, pending, and Contoso has no reseller any more.
    for statement in [
        "UPDATE orders SET status = 'pending', completed_at = NULL WHERE id = $1",
        "UPDATE subscriptions SET status = 'pending' WHERE order_id = $1",
    ] {
        sqlx::query(statement).bind(order_id).execute(&app.db).await.unwrap();
    }
    sqlx::query(
        "UPDATE partner_customer_relationships SET status = 'ended' WHERE customer_id = $1",
    )
    .bind(CONTOSO)
    .execute(&app.db)
    .await
    .unwrap();

    let path = format!("/v1/customers/{CONTOSO}/orders/{order_id}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let order = loop {
        let order = json_of(app.get(&path).await).await;
        if order["status"] != "pending" {
            break order;
        }
        assert!(std::time::Instant::now() < deadline, "still pending after 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(
        (order["status"].as_str(), order["failureReason"].as_str()),
        (Some("failed"), Some("noActiveReseller"))
    );
    // Its subscription never began; the status says why.
    let sub_path = format!("/v1/customers/{CONTOSO}/subscriptions/{subscription_id}");
    assert_eq!(json_of(app.get(&sub_path).await).await["status"], "deleted");
    let status = json_of(app.get(&format!("{sub_path}/provisioningstatus")).await).await;
    assert_eq!(
        (status["status"].as_str(), status["reason"].as_str()),
        (Some("failed"), Some("noActiveReseller"))
    );
    // What checkout charged is refunded in full, so nothing is billed.
    let history = app.history(CONTOSO, &subscription).await;
    let created = history.iter().find(|e| e["kind"] == "created").unwrap();
    let cancelled = history.iter().find(|e| e["kind"] == "cancelled").unwrap();
    assert!(amount(&created["amount"]) > portal_domain::Amount::ZERO);
    assert_eq!(
        amount(&cancelled["amount"]),
        amount(&created["amount"]).times("-1".parse().unwrap()).unwrap()
    );

    // The partner is told, though it reaches none of Contoso's data any more.
    let partner = app.new_browser();
    partner.sign_in(ADMIN).await;
    let failures = json_of(partner.get("/v1/orders/failures").await).await;
    let failure = &failures["items"][0];
    assert_eq!(
        (failure["orderId"].as_str(), failure["customerName"].as_str()),
        (Some(order_id), Some("Contoso"))
    );
    assert_eq!(failure["failureReason"], "noActiveReseller");
    assert_eq!(app.get("/v1/orders/failures").await.status(), StatusCode::FORBIDDEN);

    // And nothing more can be bought until a reseller is back.
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 1, "monthly", Some("P1Y"))])).await;
    let refused = app.checkout(CONTOSO, cart["id"].as_str().unwrap(), "after-the-end").await;
    expect_error(refused, StatusCode::CONFLICT, "940003").await;
}
