//! The catalog: products, SKUs and availabilities, globally and for a customer.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn products_by_country_and_target_view() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let azure = json_of(app.get("/v1/products?country=US&targetView=MicrosoftAzure").await).await;
    assert_eq!(azure["totalCount"], 1);
    let plan = &azure["items"][0];
    assert_eq!(plan["id"], "DZH318Z0BPS6");
    assert_eq!(plan["title"], "Azure plan");
    assert_eq!(plan["productType"]["id"], "Azure");
    assert_eq!(plan["links"]["skus"]["uri"], "/products/DZH318Z0BPS6/skus");
    assert_eq!(plan["attributes"]["objectType"], "Product");

    let online = json_of(app.get("/v1/products?country=fr&targetView=onlineservices").await).await;
    assert_eq!(online["totalCount"], 2);
}

#[tokio::test]
async fn skus_and_availabilities_carry_the_documented_fields_and_prices() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let sku = json_of(app.get("/v1/products/CFQ7TTC0LDPB/skus/0001?country=FR").await).await;
    assert_eq!(
        (sku["minimumQuantity"].clone(), sku["maximumQuantity"].clone()),
        (json!(1), json!(300))
    );
    assert_eq!(sku["supportedBillingCycles"], json!(["monthly", "annual"]));
    assert_eq!(sku["unitType"], "licenses");
    assert_eq!(sku["isTrial"], false);

    let list =
        json_of(app.get("/v1/products/CFQ7TTC0LDPB/skus/0001/availabilities?country=FR").await)
            .await;
    assert_eq!(list["totalCount"], 1);
    let availability = &list["items"][0];
    assert_eq!(availability["catalogItemId"], STANDARD_FR);
    assert_eq!(availability["defaultCurrency"], json!({"code": "EUR", "symbol": "€"}));
    assert_eq!(availability["terms"][1]["duration"], "P1Y");
    assert!(
        availability["prices"].as_array().unwrap().contains(
            &json!({"termDuration": "P1Y", "billingCycle": "annual", "unitPrice": 140.4})
        )
    );
    assert_eq!(availability["sku"]["id"], "0001");

    // The trial SKU of Defender for IoT, and Azure Stack Hub's three-year term.
    let trial = json_of(app.get("/v1/products/DG7GMGF0DMDI/skus/0002?country=US").await).await;
    assert_eq!(
        (trial["isTrial"].clone(), trial["supportedBillingCycles"].clone()),
        (json!(true), json!(["none"]))
    );
    let stack =
        json_of(app.get("/v1/products/DG7GMGF0ASHC/skus/0001/availabilities?country=US").await)
            .await;
    assert!(
        stack["items"][0]["prices"].as_array().unwrap().iter().any(|p| p["termDuration"] == "P3Y")
    );
}

#[tokio::test]
async fn unknown_catalog_parts_are_404_with_their_codes() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    expect_error(app.get("/v1/products/NOPE?country=US").await, StatusCode::NOT_FOUND, "400013")
        .await;
    expect_error(
        app.get("/v1/products/NOPE/skus?country=US").await,
        StatusCode::NOT_FOUND,
        "400013",
    )
    .await;
    expect_error(
        app.get("/v1/products/DZH318Z0BPS6/skus/9999?country=US").await,
        StatusCode::NOT_FOUND,
        "400018",
    )
    .await;
    expect_error(
        app.get("/v1/products/DZH318Z0BPS6/skus/0001/availabilities/NOPE?country=US").await,
        StatusCode::NOT_FOUND,
        "400019",
    )
    .await;
    // The French availability does not exist in the United States.
    expect_error(
        app.get("/v1/products/DZH318Z0BPS6/skus/0001/availabilities/DZH318Z0BMGF?country=US").await,
        StatusCode::NOT_FOUND,
        "400019",
    )
    .await;
}

#[tokio::test]
async fn country_and_target_view_are_required_and_checked() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    for (path, field) in [
        ("/v1/products?targetView=Azure", "country"),
        ("/v1/products?country=US", "targetView"),
        ("/v1/products?country=GB&targetView=Azure", "country"),
        ("/v1/products/DZH318Z0BPS6", "country"),
    ] {
        let error = expect_error(app.get(path).await, StatusCode::BAD_REQUEST, "800002").await;
        assert_eq!(error.data[0].field, field, "{path}");
    }
}

#[tokio::test]
async fn customer_scoped_catalog_uses_the_customers_country() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let contoso = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/products/CFQ7TTC0LDPB/skus/0001/availabilities"))
            .await,
    )
    .await;
    assert_eq!(contoso["items"][0]["defaultCurrency"]["code"], "EUR");
    let fabrikam = json_of(
        app.get(&format!(
            "/v1/customers/{FABRIKAM}/products/CFQ7TTC0LDPB/skus/0001/availabilities"
        ))
        .await,
    )
    .await;
    assert_eq!(fabrikam["items"][0]["catalogItemId"], STANDARD_US);
    let products = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/products?targetView=MicrosoftAzure")).await,
    )
    .await;
    assert_eq!(products["totalCount"], 1);
    let sku =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/products/DG7GMGF0DMDI/skus/0002")).await)
            .await;
    assert_eq!(sku["isTrial"], true);
    let availability = json_of(
        app.get(&format!(
            "/v1/customers/{CONTOSO}/products/DZH318Z0BPS6/skus/0001/availabilities/DZH318Z0BMGF"
        ))
        .await,
    )
    .await;
    assert_eq!(availability["catalogItemId"], AZURE_PLAN_FR);
}

#[tokio::test]
async fn everything_purchasable_in_one_call_in_the_requested_language() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_READER).await;
    let all = app
        .client
        .get(app.url(&format!("/v1/customers/{CONTOSO}/availabilities")))
        .header("X-Locale", "fr-FR")
        .send()
        .await
        .unwrap();
    let all = json_of(all).await;
    assert_eq!(all["totalCount"], 6);
    let plan = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["catalogItemId"] == AZURE_PLAN_FR)
        .unwrap();
    assert!(plan["product"]["description"].as_str().unwrap().starts_with("Accès"));
    assert_eq!(plan["sku"]["unitType"], "usage_based");
    let licences = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/availabilities?targetView=OnlineServices")).await,
    )
    .await;
    assert_eq!(licences["totalCount"], 2);
}

#[tokio::test]
async fn another_customers_catalog_is_404() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/availabilities")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM}/products?targetView=Azure")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
}

#[tokio::test]
async fn the_catalog_needs_a_session() {
    let app = TestApp::spawn().await;
    expect_error(
        app.get("/v1/products?country=US&targetView=Azure").await,
        StatusCode::UNAUTHORIZED,
        "800001",
    )
    .await;
}
