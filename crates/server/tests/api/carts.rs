//! Carts: validation line by line, order groups, updates, listing, expiry, roles and tenancy.

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

fn error_code(line: &Value) -> Option<&str> {
    line["error"]["errorCode"].as_str()
}

#[tokio::test]
async fn a_cart_is_created_with_its_lines_validated_and_grouped() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app
        .create_cart(
            CONTOSO,
            json!([
                line(E3_FR, 5, "monthly", Some("P1Y")),
                line(STANDARD_FR, 2, "annual", Some("P1Y")),
                line(AZURE_PLAN_FR, 1, "monthly", None)
            ]),
        )
        .await;
    assert_eq!(cart["status"], "Active");
    assert_eq!(cart["attributes"]["objectType"], "Cart");
    let lines = cart["lineItems"].as_array().unwrap();
    let groups: Vec<_> = lines.iter().map(|l| l["orderGroup"].as_str().unwrap()).collect();
    assert_eq!(groups, ["0", "1", "2"], "billing cycles apart, usage apart");
    assert!(lines.iter().all(|l| l.get("error").is_none()));
    assert_eq!(lines[0]["unitPrice"], json!(33.7));
    assert_eq!(lines[0]["currencyCode"], "EUR");
    // Carts expire seven days after creation.
    let created: DateTime<Utc> = cart["creationTimestamp"].as_str().unwrap().parse().unwrap();
    let expires: DateTime<Utc> = cart["expirationTimestamp"].as_str().unwrap().parse().unwrap();
    assert_eq!(expires - created, TimeDelta::days(7));
}

#[tokio::test]
async fn every_line_problem_is_reported_on_its_line() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let cart = app
        .create_cart(
            CONTOSO,
            json!([
                line("NOPE:0001:NOPE", 1, "monthly", Some("P1Y")),
                line(STANDARD_US, 1, "monthly", Some("P1Y")),
                line(STANDARD_FR, 0, "monthly", Some("P1Y")),
                line(STANDARD_FR, 301, "monthly", Some("P1Y")),
                line(STANDARD_FR, 1, "none", None),
                line(STANDARD_FR, 1, "annual", Some("P1M")),
                line(STANDARD_FR, 1, "monthly", Some("P1Y")),
            ]),
        )
        .await;
    let lines = cart["lineItems"].as_array().unwrap();
    let codes: Vec<_> = lines.iter().map(error_code).collect();
    assert_eq!(
        codes,
        [
            Some("catalog_item_id_is_not_valid"),
            // Another country's availability is not in this customer's catalog.
            Some("catalog_item_id_is_not_valid"),
            Some("invalid_input"),
            Some("max_allowed_seats_per_subscription_exceeded"),
            Some("billing_plan_not_supported"),
            Some("invalid_input"),
            None,
        ]
    );
    assert_eq!(
        lines[2]["error"]["additionalInformation"],
        json!({"field": "quantity", "minimumQuantity": "1"})
    );
    assert_eq!(lines[3]["error"]["additionalInformation"]["maximumQuantity"], "300");
    assert_eq!(
        lines[4]["error"]["additionalInformation"]["supportedBillingCycles"],
        "monthly,annual"
    );
    assert_eq!(
        lines[5]["error"]["additionalInformation"],
        json!({"field": "termDuration", "offeredTerms": "P1Y"})
    );
    assert!(lines[3]["error"]["errorDescription"].as_str().unwrap().contains("300"));
    assert!(lines.iter().take(6).all(|l| l.get("unitPrice").is_none()), "bad lines have no price");
}

#[tokio::test]
async fn malformed_carts_are_400_naming_the_field() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let path = format!("/v1/customers/{CONTOSO}/carts");
    let cases = [
        (json!({}), "lineItems"),
        (json!({"lineItems": []}), "lineItems"),
        (
            json!({"lineItems": [{"catalogItemId": STANDARD_FR, "billingCycle": "monthly"}]}),
            "lineItems[0].quantity",
        ),
        (
            json!({"lineItems": [{"catalogItemId": STANDARD_FR, "quantity": "two", "billingCycle": "monthly"}]}),
            "lineItems[0].quantity",
        ),
        (
            json!({"lineItems": [{"catalogItemId": STANDARD_FR, "quantity": 1, "billingCycle": "weekly"}]}),
            "lineItems[0].billingCycle",
        ),
        (json!({"lineItems": vec![line(STANDARD_FR, 1, "monthly", Some("P1Y")); 51]}), "lineItems"),
    ];
    for (body, field) in cases {
        let error =
            expect_error(app.post_json(&path, &body).await, StatusCode::BAD_REQUEST, "800002")
                .await;
        assert_eq!(error.data[0].field, field, "{body}");
    }
}

#[tokio::test]
async fn partner_center_pascal_case_carts_are_accepted() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let body = json!({"LineItems": [{"CatalogItemId": STANDARD_FR, "Quantity": 3, "BillingCycle": "Monthly", "TermDuration": "P1M"}]});
    let response = app.post_json(&format!("/v1/customers/{CONTOSO}/carts"), &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cart: Value = response.json().await.unwrap();
    assert!(cart["lineItems"][0].get("error").is_none(), "{cart}");
}

#[tokio::test]
async fn the_whole_cart_is_replaced_on_put() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let mut cart = app.create_cart(CONTOSO, json!([line(E3_FR, 5, "monthly", Some("P1Y"))])).await;
    let id = cart["id"].as_str().unwrap().to_owned();
    // GET it, change it, PUT it back whole, as Partner Center clients do.
    cart["lineItems"][0]["quantity"] = json!(7);
    cart["lineItems"].as_array_mut().unwrap().push(line(STANDARD_FR, 2, "annual", Some("P1Y")));
    let response = app.put_json(&format!("/v1/customers/{CONTOSO}/carts/{id}"), &cart).await;
    let updated = json_of(response).await;
    assert_eq!(updated["lineItems"][0]["quantity"], 7);
    assert_eq!(updated["lineItems"][1]["orderGroup"], "1");
    let fetched = json_of(app.get(&format!("/v1/customers/{CONTOSO}/carts/{id}")).await).await;
    assert_eq!(fetched["lineItems"], updated["lineItems"]);
    // Every line can be removed: an empty cart is still a cart.
    let emptied = json_of(
        app.put_json(&format!("/v1/customers/{CONTOSO}/carts/{id}"), &json!({"lineItems": []}))
            .await,
    )
    .await;
    assert_eq!(emptied["lineItems"], json!([]));
}

#[tokio::test]
async fn the_active_cart_follows_its_user_to_another_browser() {
    let app = TestApp::spawn().await;
    app.sign_in(SALES).await;
    let cart =
        app.create_cart(FABRIKAM, json!([line(STANDARD_US, 4, "monthly", Some("P1M"))])).await;

    let other_browser = app.new_browser();
    other_browser.sign_in(SALES).await;
    let carts = json_of(other_browser.get(&format!("/v1/customers/{FABRIKAM}/carts")).await).await;
    assert_eq!(carts["totalCount"], 1);
    assert_eq!(carts["items"][0]["id"], cart["id"]);

    // Another user does not get it.
    let admin = app.new_browser();
    admin.sign_in(ADMIN).await;
    assert_eq!(
        json_of(admin.get(&format!("/v1/customers/{FABRIKAM}/carts")).await).await["totalCount"],
        0
    );
}

#[tokio::test]
async fn expired_carts_are_gone() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 1, "monthly", Some("P1Y"))])).await;
    let id = cart["id"].as_str().unwrap();
    sqlx::query("UPDATE carts SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    expect_error(
        app.get(&format!("/v1/customers/{CONTOSO}/carts/{id}")).await,
        StatusCode::NOT_FOUND,
        "800008",
    )
    .await;
    expect_error(app.checkout(CONTOSO, id, "r1").await, StatusCode::NOT_FOUND, "800008").await;
    assert_eq!(
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/carts")).await).await["totalCount"],
        0
    );
}

#[tokio::test]
async fn readers_and_billing_admins_cannot_fill_carts() {
    let app = TestApp::spawn().await;
    for user in [CONTOSO_READER, BILLING] {
        let browser = app.new_browser();
        browser.sign_in(user).await;
        let body = json!({"lineItems": [line(E3_FR, 1, "monthly", Some("P1Y"))]});
        let response = browser.post_json(&format!("/v1/customers/{CONTOSO}/carts"), &body).await;
        expect_error(response, StatusCode::FORBIDDEN, "2032").await;
    }
}

#[tokio::test]
async fn another_customers_carts_are_404() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let cart = app.create_cart(CONTOSO, json!([line(E3_FR, 1, "monthly", Some("P1Y"))])).await;
    let id = cart["id"].as_str().unwrap();
    // The cart does not belong to Fabrikam, even for a partner who sees both.
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/carts/{id}")).await,
        StatusCode::NOT_FOUND,
        "800008",
    )
    .await;

    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(
        fabrikam.get(&format!("/v1/customers/{CONTOSO}/carts/{id}")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    let put = fabrikam
        .put_json(&format!("/v1/customers/{CONTOSO}/carts/{id}"), &json!({"lineItems": []}))
        .await;
    expect_error(put, StatusCode::NOT_FOUND, "60003").await;
    expect_error(fabrikam.checkout(CONTOSO, id, "r1").await, StatusCode::NOT_FOUND, "60003").await;
}
