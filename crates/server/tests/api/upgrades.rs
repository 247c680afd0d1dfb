//! Litware's legacy Microsoft Azure (MS-AZR-0145P) subscription: no Azure plan can be bought,
//! the customer is upgraded instead.

use portal_server::demo::LITWARE_LEGACY_AZURE_ID;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const AZURE_PLAN_US: &str = "DZH318Z0BPS6:0001:DZH318Z0BML6";

fn upgrade_request(customer: &str) -> Value {
    json!({ "customerId": customer, "productFamily": "Azure" })
}

#[tokio::test]
async fn buying_an_azure_plan_with_a_legacy_subscription_is_refused_with_a_clear_error() {
    let app = TestApp::spawn().await;
    app.sign_in(LITWARE_ADMIN).await;
    let cart = app.create_cart(LITWARE, json!([line(AZURE_PLAN_US, 1, "monthly", None)])).await;
    let error = &cart["lineItems"][0]["error"];
    assert_eq!(error["errorCode"], "legacy_offer_not_eligible_for_purchase");
    assert!(error["errorDescription"].as_str().unwrap().contains("product upgrade"));
    // Checking out anyway orders nothing, and says why.
    let result: Value =
        app.checkout(LITWARE, cart["id"].as_str().unwrap(), "r").await.json().await.unwrap();
    assert_eq!(result["orders"], json!([]));
    assert_eq!(result["orderErrors"][0]["code"], 500600);
}

#[tokio::test]
async fn a_partner_upgrades_a_legacy_customer_to_an_azure_plan() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let eligibility =
        json_of(app.post_json("/v1/productUpgrades/eligibility", &upgrade_request(LITWARE)).await)
            .await;
    assert_eq!(eligibility["isEligible"], true);
    assert_eq!(eligibility["attributes"]["objectType"], "ProductUpgradesEligibility");

    let started = app.post_json("/v1/productupgrades", &upgrade_request(LITWARE)).await;
    assert_eq!(started.status(), StatusCode::ACCEPTED);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    let upgrade_id = location
        .strip_prefix("productUpgrades/")
        .expect("Location: productUpgrades/{id}")
        .to_owned();
    // Logged with the request that asked for it.
    let request_id = started.headers()["ms-requestid"].to_str().unwrap().to_owned();
    let log = json_of(app.get("/v1/activity?action=subscription").await).await;
    let entry = &log["items"][0];
    assert_eq!(entry["action"], "subscription.upgrade_requested");
    assert_eq!(
        (entry["customerId"].as_str(), entry["targetId"].as_str()),
        (Some(LITWARE), Some(LITWARE_LEGACY_AZURE_ID))
    );
    assert_eq!(
        (entry["before"].as_str(), entry["after"].as_str()),
        (Some("Microsoft Azure (MS-AZR-0145P)"), Some("Azure plan"))
    );
    assert_eq!(entry["requestId"], request_id);

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        let status = json_of(
            app.post_json(
                &format!("/v1/productUpgrades/{upgrade_id}/status"),
                &upgrade_request(LITWARE),
            )
            .await,
        )
        .await;
        if status["status"] == "succeeded" {
            break status;
        }
        assert_eq!(status["status"], "inProgress");
        assert!(std::time::Instant::now() < deadline, "upgrade still in progress after 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let line = &status["lineItems"][0];
    assert_eq!(line["sourceProduct"]["id"], LITWARE_LEGACY_AZURE_ID);
    let plan_id = line["targetProduct"]["id"].as_str().unwrap().to_owned();
    assert!(line["upgradedDate"].is_string());

    // Afterwards the legacy subscription is no longer active and the plan is, with the Azure
    // subscription under it.
    let legacy = json_of(
        app.get(&format!("/v1/customers/{LITWARE}/subscriptions/{LITWARE_LEGACY_AZURE_ID}")).await,
    )
    .await;
    assert_eq!(legacy["status"], "deleted");
    let plan =
        json_of(app.get(&format!("/v1/customers/{LITWARE}/subscriptions/{plan_id}")).await).await;
    assert_eq!(
        (plan["status"].clone(), plan["billingType"].clone()),
        (json!("active"), json!("usage"))
    );
    let azure = json_of(
        app.get(&format!("/v1/customers/{LITWARE}/subscriptions/{plan_id}/azureEntitlements"))
            .await,
    )
    .await;
    assert_eq!(azure["items"][0]["id"], LITWARE_LEGACY_AZURE_ID);
    assert_eq!(azure["items"][0]["friendlyName"], "Litware Azure");

    // No second upgrade.
    let again =
        json_of(app.post_json("/v1/productUpgrades/eligibility", &upgrade_request(LITWARE)).await)
            .await;
    assert_eq!(again["isEligible"], false);
    expect_error(
        app.post_json("/v1/productupgrades", &upgrade_request(LITWARE)).await,
        StatusCode::BAD_REQUEST,
        "800096",
    )
    .await;
}

#[tokio::test]
async fn customers_without_a_legacy_subscription_are_not_eligible() {
    let app = TestApp::spawn().await;
    app.sign_in(SALES).await;
    let contoso =
        json_of(app.post_json("/v1/productUpgrades/eligibility", &upgrade_request(CONTOSO)).await)
            .await;
    assert_eq!(contoso["isEligible"], false);
    assert!(contoso["reason"].as_str().unwrap().contains("no Microsoft Azure"));
    assert_eq!(contoso["reasonCode"], "noLegacySubscription");
    let bad = app
        .post_json(
            "/v1/productUpgrades/eligibility",
            &json!({"customerId": LITWARE, "productFamily": "Office"}),
        )
        .await;
    assert_eq!(
        expect_error(bad, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "productFamily"
    );
    let unknown =
        app.post_json("/v1/productUpgrades/eligibility", &upgrade_request("nobody")).await;
    expect_error(unknown, StatusCode::NOT_FOUND, "60003").await;
    expect_error(
        app.post_json("/v1/productUpgrades/nope/status", &upgrade_request(LITWARE)).await,
        StatusCode::NOT_FOUND,
        "1000",
    )
    .await;
}

#[tokio::test]
async fn those_who_may_buy_for_the_customer_upgrade_it() {
    let app = TestApp::spawn().await;
    // Billing admins do not buy, so they do not upgrade.
    let billing = app.new_browser();
    billing.sign_in(BILLING).await;
    expect_error(
        billing.post_json("/v1/productupgrades", &upgrade_request(LITWARE)).await,
        StatusCode::FORBIDDEN,
        "2032",
    )
    .await;
    // Another customer's admin does not see Litware.
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    expect_error(
        contoso.post_json("/v1/productUpgrades/eligibility", &upgrade_request(LITWARE)).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    // Litware's own admin checks, starts it and reads its status from the answer (ours).
    app.sign_in(LITWARE_ADMIN).await;
    let eligibility =
        json_of(app.post_json("/v1/productUpgrades/eligibility", &upgrade_request(LITWARE)).await)
            .await;
    assert_eq!(eligibility["isEligible"], true);
    assert!(eligibility.get("reasonCode").is_none());
    let started = app.post_json("/v1/productupgrades", &upgrade_request(LITWARE)).await;
    assert_eq!(started.status(), StatusCode::ACCEPTED);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    let body: Value = started.json().await.unwrap();
    assert_eq!(location, format!("productUpgrades/{}", body["id"].as_str().unwrap()));
    assert_eq!(body["status"], "inProgress");
    assert_eq!(body["lineItems"][0]["sourceProduct"]["id"], LITWARE_LEGACY_AZURE_ID);
    // While it runs, or once it is done, the reason says why not again, with its code.
    let again =
        json_of(app.post_json("/v1/productUpgrades/eligibility", &upgrade_request(LITWARE)).await)
            .await;
    assert_eq!(again["isEligible"], false);
    assert!(
        matches!(again["reasonCode"].as_str(), Some("upgradeInProgress" | "noLegacySubscription")),
        "{again}"
    );
}
