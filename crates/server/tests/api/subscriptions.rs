//! The subscription life cycle: etags, every change and refusal, refund windows (on the test
//! clock), Azure plans and their Azure subscriptions, registration and support contact.

use chrono::TimeDelta;
use portal_server::demo::CONTOSO_AZURE_PLAN_ID;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// Five E3 licences, one year billed monthly, bought on the test clock's 21 November 2026:
/// 33.70 × 5 × 10/30 = 56.17 charged on the day.
async fn fresh_licences(app: &TestApp) -> Value {
    app.buy(CONTOSO, line(E3_FR, 5, "monthly", Some("P1Y"))).await
}

async fn changed(app: &TestApp, subscription: &Value, body: Value) -> Value {
    json_of(app.patch_subscription(CONTOSO, subscription, body).await).await
}

#[tokio::test]
async fn a_fresh_licence_shows_its_actions_refunds_and_renewal() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    assert_eq!(s["status"], "active");
    assert_eq!(s["renewalTermDuration"], "P1Y");
    assert_eq!(
        s["actions"],
        json!([
            "rename",
            "change_auto_renew",
            "increase_quantity",
            "decrease_quantity",
            "suspend",
            "cancel"
        ])
    );
    assert_eq!(
        s["refundOptions"][0],
        json!({"type": "Full", "expiresAt": "2026-11-24T10:00:00.000Z"})
    );
    assert_eq!(
        s["refundOptions"][1],
        json!({"type": "Partial", "expiresAt": "2026-11-28T10:00:00.000Z"})
    );
    assert_eq!(s["cancellationAllowedUntilDate"], "2026-11-28T10:00:00.000Z");
    assert_eq!(s["suspensionReasons"], json!([]));
    // Our extensions: what a client needs to price a change before making it.
    assert_eq!(
        (&s["unitPrice"], &s["currencyCode"], &s["minimumQuantity"], &s["maximumQuantity"]),
        (&json!(33.7), &json!("EUR"), &json!(1), &json!(5000))
    );
    let history = app.history(CONTOSO, &s).await;
    assert_eq!(history[0]["kind"], "created");
    assert_eq!(history[0]["amount"], json!(56.17));
    assert_eq!(history[0]["actor"], "Camille Durand");
}

#[tokio::test]
async fn renaming_needs_the_current_etag() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    let id = s["id"].as_str().unwrap();

    // No If-Match at all: 428.
    let bare = app
        .client
        .patch(app.url(&format!("/v1/customers/{CONTOSO}/subscriptions/{id}")))
        .json(&json!({"friendlyName": "x"}))
        .send()
        .await
        .unwrap();
    expect_error(bare, StatusCode::PRECONDITION_REQUIRED, "700007").await;

    let renamed = changed(&app, &s, json!({"friendlyName": "  Sales team E3  "})).await;
    assert_eq!(renamed["friendlyName"], "Sales team E3");
    assert_ne!(renamed["attributes"]["etag"], s["attributes"]["etag"]);
    // The old etag is stale now: 412, and nothing changes.
    let stale = app.patch_subscription(CONTOSO, &s, json!({"friendlyName": "Lost update"})).await;
    expect_error(stale, StatusCode::PRECONDITION_FAILED, "2055").await;
    let history = app.history(CONTOSO, &renamed).await;
    let rename = history.iter().find(|e| e["kind"] == "renamed").unwrap();
    assert_eq!(
        (rename["oldValue"].clone(), rename["newValue"].clone()),
        (json!("Microsoft 365 E3"), json!("Sales team E3"))
    );
    assert_eq!(history.len(), 2);
    // PascalCase bodies and the whole resource sent back work too; unchanged fields are no change.
    let mut whole = renamed.clone();
    whole["friendlyName"] = json!("Sales E3");
    let again = changed(&app, &renamed, whole).await;
    assert_eq!(again["friendlyName"], "Sales E3");
    assert_eq!(app.history(CONTOSO, &again).await.len(), 3);
}

#[tokio::test]
async fn quantity_increases_are_charged_from_today_and_decreases_refunded_in_the_window() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    let more = changed(&app, &s, json!({"quantity": 10})).await;
    assert_eq!(more["quantity"], 10);
    let fewer = changed(&app, &more, json!({"quantity": 8})).await;
    assert_eq!(fewer["quantity"], 8);
    let amounts: Vec<_> =
        app.history(CONTOSO, &fewer).await.iter().map(|e| e["amount"].clone()).collect();
    // Purchase 56.17; +5 for 10 days: 56.17; −2 from tomorrow, 9 days: 33.70 × 2 × 9/30 = −20.22.
    assert_eq!(amounts, [json!(56.17), json!(56.17), json!(-20.22)]);

    // Outside the 7-day window a decrease is refused; an increase still works.
    app.clock.advance(TimeDelta::days(8));
    app.sign_in(CONTOSO_ADMIN).await; // the session of eight days ago has ended
    let late = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{}", s["id"].as_str().unwrap()))
            .await,
    )
    .await;
    assert_eq!(
        late["actions"],
        json!(["rename", "change_auto_renew", "increase_quantity", "suspend"])
    );
    let decrease = app.patch_subscription(CONTOSO, &late, json!({"quantity": 7})).await;
    let error = expect_error(decrease, StatusCode::BAD_REQUEST, "800090").await;
    assert!(error.description.contains("7 days"), "{}", error.description);
    assert_eq!(
        json_of(app.patch_subscription(CONTOSO, &late, json!({"quantity": 9})).await).await["quantity"],
        9
    );
}

#[tokio::test]
async fn quantity_refusals() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    expect_error(
        app.patch_subscription(CONTOSO, &s, json!({"quantity": 5001})).await,
        StatusCode::BAD_REQUEST,
        "2002",
    )
    .await;
    expect_error(
        app.patch_subscription(CONTOSO, &s, json!({"quantity": 0})).await,
        StatusCode::BAD_REQUEST,
        "2002",
    )
    .await;
    let both =
        app.patch_subscription(CONTOSO, &s, json!({"quantity": 6, "status": "suspended"})).await;
    expect_error(both, StatusCode::BAD_REQUEST, "2001").await;
    let bad_status = app.patch_subscription(CONTOSO, &s, json!({"status": "pending"})).await;
    assert_eq!(
        expect_error(bad_status, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "status"
    );
    let bad_type = app.patch_subscription(CONTOSO, &s, json!({"quantity": "ten"})).await;
    assert_eq!(
        expect_error(bad_type, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "quantity"
    );
    // The Azure plan's quantity is not a thing to change.
    let plan = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}")).await,
    )
    .await;
    // A usage-based plan has no unit price to estimate changes from.
    assert!(plan.get("unitPrice").is_none());
    expect_error(
        app.patch_subscription(CONTOSO, &plan, json!({"quantity": 2})).await,
        StatusCode::BAD_REQUEST,
        "800027",
    )
    .await;
}

#[tokio::test]
async fn cancelling_within_72_hours_refunds_everything() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    app.clock.advance(TimeDelta::hours(71));
    app.sign_in(CONTOSO_ADMIN).await;
    let cancelled = changed(&app, &s, json!({"status": "deleted"})).await;
    assert_eq!(cancelled["status"], "deleted");
    assert_eq!(cancelled["actions"], json!([]));
    assert_eq!(cancelled["refundOptions"], json!([]));
    let last = app.history(CONTOSO, &cancelled).await.pop().unwrap();
    assert_eq!((last["kind"].clone(), last["amount"].clone()), (json!("cancelled"), json!(-56.17)));
    // A cancelled subscription cannot change any more.
    expect_error(
        app.patch_subscription(CONTOSO, &cancelled, json!({"friendlyName": "x"})).await,
        StatusCode::BAD_REQUEST,
        "2011",
    )
    .await;
}

#[tokio::test]
async fn cancelling_between_3_and_7_days_refunds_the_rest_of_the_month() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    app.clock.advance(TimeDelta::days(4));
    app.sign_in(CONTOSO_ADMIN).await;
    let now = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{}", s["id"].as_str().unwrap()))
            .await,
    )
    .await;
    assert_eq!(
        now["refundOptions"],
        json!([{"type": "Partial", "expiresAt": "2026-11-28T10:00:00.000Z"}])
    );
    let cancelled = changed(&app, &now, json!({"status": "deleted"})).await;
    // 25 November: 5 days of 30 left, 5 × 33.70 × 5/30 = 28.08.
    assert_eq!(app.history(CONTOSO, &cancelled).await.pop().unwrap()["amount"], json!(-28.08));
}

#[tokio::test]
async fn after_7_days_it_runs_to_the_end_of_its_term() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    app.clock.advance(TimeDelta::days(7) + TimeDelta::seconds(1));
    app.sign_in(CONTOSO_ADMIN).await;
    let now = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{}", s["id"].as_str().unwrap()))
            .await,
    )
    .await;
    assert!(now.get("cancellationAllowedUntilDate").is_none());
    assert_eq!(now["refundOptions"], json!([]));
    let error = expect_error(
        app.patch_subscription(CONTOSO, &now, json!({"status": "deleted"})).await,
        StatusCode::BAD_REQUEST,
        "800096",
    )
    .await;
    assert!(error.description.contains("auto-renew"), "{}", error.description);
    // Turning auto-renew off is the way to stop it.
    let off = changed(&app, &now, json!({"autoRenewEnabled": false})).await;
    assert_eq!(off["autoRenewEnabled"], false);
    assert!(off.get("renewalTermDuration").is_none());
}

#[tokio::test]
async fn suspending_and_reactivating_a_licence() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let s = fresh_licences(&app).await;
    let suspended = changed(&app, &s, json!({"status": "suspended"})).await;
    assert_eq!(suspended["status"], "suspended");
    assert_eq!(suspended["suspensionReasons"], json!(["PartnerInitiated"]));
    assert_eq!(suspended["actions"], json!(["reactivate"]));
    expect_error(
        app.patch_subscription(CONTOSO, &suspended, json!({"quantity": 6})).await,
        StatusCode::BAD_REQUEST,
        "800091",
    )
    .await;
    expect_error(
        app.patch_subscription(CONTOSO, &suspended, json!({"friendlyName": "x"})).await,
        StatusCode::BAD_REQUEST,
        "800091",
    )
    .await;
    let active = changed(&app, &suspended, json!({"status": "active"})).await;
    assert_eq!(active["status"], "active");
    assert_eq!(active["suspensionReasons"], json!([]));
    let kinds: Vec<_> =
        app.history(CONTOSO, &active).await.iter().map(|e| e["kind"].clone()).collect();
    assert_eq!(kinds, [json!("created"), json!("suspended"), json!("reactivated")]);
}

#[tokio::test]
async fn an_azure_plan_is_suspended_only_without_active_azure_subscriptions_and_for_good() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}");
    let plan = json_of(app.get(&path).await).await;
    assert_eq!(plan["actions"], json!(["rename", "add_azure_subscription"]));

    let refused = app.patch_subscription(CONTOSO, &plan, json!({"status": "suspended"})).await;
    let error = expect_error(refused, StatusCode::FORBIDDEN, "900115").await;
    let blocking: Vec<_> = error.data.iter().map(|f| f.message.clone()).collect();
    assert_eq!(blocking.len(), 2);
    assert!(blocking.iter().any(|m| m.starts_with("Contoso Production")), "{blocking:?}");
    assert!(error.description.contains("Contoso Lab"), "{}", error.description);

    // Another Azure subscription under the plan, then cancel them all.
    let created = app
        .post_json(&format!("{path}/azureEntitlements"), &json!({"friendlyName": "Contoso Test"}))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let entitlements = json_of(app.get(&format!("{path}/azureEntitlements")).await).await;
    assert_eq!(entitlements["totalCount"], 3);
    for e in entitlements["items"].as_array().unwrap() {
        let cancel = app
            .post_json(
                &format!("{path}/azureEntitlements/{}/cancel", e["id"].as_str().unwrap()),
                &json!({}),
            )
            .await;
        assert_eq!(json_of(cancel).await["status"], "deleted");
    }
    // Cancelling again (a retried request) answers the same and records nothing more.
    let first = &entitlements["items"][0];
    let again = app
        .post_json(
            &format!("{path}/azureEntitlements/{}/cancel", first["id"].as_str().unwrap()),
            &json!({}),
        )
        .await;
    assert_eq!(json_of(again).await["status"], "deleted");
    let plan = json_of(app.get(&path).await).await;
    assert_eq!(plan["actions"], json!(["rename", "suspend", "add_azure_subscription"]));
    let suspended = changed(&app, &plan, json!({"status": "suspended"})).await;
    assert_eq!(suspended["status"], "suspended");
    assert_eq!(suspended["actions"], json!([]));
    let again = app.patch_subscription(CONTOSO, &suspended, json!({"status": "active"})).await;
    let error = expect_error(again, StatusCode::BAD_REQUEST, "800096").await;
    assert!(error.description.contains("cannot be reactivated"), "{}", error.description);
    // No new Azure subscriptions under a suspended plan.
    let add =
        app.post_json(&format!("{path}/azureEntitlements"), &json!({"friendlyName": "Late"})).await;
    expect_error(add, StatusCode::BAD_REQUEST, "800091").await;
    let kinds: Vec<_> =
        app.history(CONTOSO, &suspended).await.iter().map(|e| e["kind"].clone()).collect();
    assert!(kinds.contains(&json!("azure_subscription_added")));
    assert_eq!(kinds.iter().filter(|k| **k == json!("azure_subscription_cancelled")).count(), 3);
}

#[tokio::test]
async fn a_retried_azure_subscription_request_creates_one() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path =
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/azureEntitlements");
    let send = |request_id: &'static str| {
        app.client
            .post(app.url(&path))
            .header("MS-RequestId", request_id)
            .json(&json!({"friendlyName": "Contoso Staging"}))
            .send()
    };
    let first = send("add-staging-1").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    // The answer was lost and the browser sends the same request again: the same subscription.
    let retry = send("add-staging-1").await.unwrap();
    assert_eq!(retry.status(), StatusCode::OK);
    assert_eq!(json_of(retry).await["id"], first["id"]);
    // Both at once: still one.
    let (a, b) = tokio::join!(send("add-staging-2"), send("add-staging-2"));
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a["id"], b["id"]);
    let all = json_of(app.get(&path).await).await;
    assert_eq!(all["totalCount"], 4, "{all}");
}

#[tokio::test]
async fn azure_subscription_input_and_unknown_ones() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path =
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/azureEntitlements");
    let error = expect_error(
        app.post_json(&path, &json!({"friendlyName": "  "})).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(error.data[0].field, "friendlyName");
    expect_error(
        app.post_json(&format!("{path}/nope/cancel"), &json!({})).await,
        StatusCode::NOT_FOUND,
        "700008",
    )
    .await;
    // Only Azure plans have Azure subscriptions.
    let licences = app
        .get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{}",
            portal_server::demo::CONTOSO_LICENCES_ID
        ))
        .await;
    let licences = json_of(licences).await;
    let add = app
        .post_json(
            &format!(
                "/v1/customers/{CONTOSO}/subscriptions/{}/azureEntitlements",
                licences["id"].as_str().unwrap()
            ),
            &json!({"friendlyName": "x"}),
        )
        .await;
    expect_error(add, StatusCode::BAD_REQUEST, "800096").await;
}

#[tokio::test]
async fn auto_renew_applies_only_to_terms() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let plan = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}")).await,
    )
    .await;
    expect_error(
        app.patch_subscription(CONTOSO, &plan, json!({"autoRenewEnabled": true})).await,
        StatusCode::BAD_REQUEST,
        "800096",
    )
    .await;
}

#[tokio::test]
async fn readers_and_other_customers_cannot_change_subscriptions() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let s = fresh_licences(&app).await;
    let reader = app.new_browser();
    reader.sign_in(CONTOSO_READER).await;
    let seen = json_of(
        reader
            .get(&format!("/v1/customers/{CONTOSO}/subscriptions/{}", s["id"].as_str().unwrap()))
            .await,
    )
    .await;
    assert_eq!(seen["id"], s["id"]);
    expect_error(
        reader.patch_subscription(CONTOSO, &s, json!({"friendlyName": "x"})).await,
        StatusCode::FORBIDDEN,
        "2032",
    )
    .await;
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(
        fabrikam.patch_subscription(CONTOSO, &s, json!({"friendlyName": "x"})).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    // Even through their own customer's path, another customer's subscription is not found.
    expect_error(
        fabrikam.patch_subscription(FABRIKAM, &s, json!({"friendlyName": "x"})).await,
        StatusCode::NOT_FOUND,
        "20003",
    )
    .await;
}

#[tokio::test]
async fn provisioning_status_and_registration() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}");
    let provisioning = json_of(app.get(&format!("{path}/provisioningstatus")).await).await;
    assert_eq!(provisioning["status"], "success");
    assert_eq!(provisioning["attributes"]["objectType"], "SubscriptionProvisioningStatus");

    assert_eq!(
        json_of(app.get(&format!("{path}/registrationstatus")).await).await["status"],
        "notregistered"
    );
    let accepted = app.client.post(app.url(&format!("{path}/registrations"))).send().await.unwrap();
    assert_eq!(accepted.status(), StatusCode::ACCEPTED);
    assert_eq!(
        accepted.headers()["location"],
        format!("/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/registrationstatus")
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let status = json_of(app.get(&format!("{path}/registrationstatus")).await).await;
        assert!(["registering", "registered"].contains(&status["status"].as_str().unwrap()));
        if status["status"] == "registered" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "still registering after 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Logged once: asking again changes nothing.
    let again = app.client.post(app.url(&format!("{path}/registrations"))).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::ACCEPTED);
    let log = json_of(app.get("/v1/activity?action=subscription").await).await;
    let asked: Vec<&serde_json::Value> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "subscription.registration_requested")
        .collect();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0]["targetId"], CONTOSO_AZURE_PLAN_ID);
    assert_eq!(asked[0]["requestId"], accepted.headers()["ms-requestid"].to_str().unwrap());
}

#[tokio::test]
async fn support_contact_defaults_to_the_reseller_and_partners_can_set_it() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let path =
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/supportcontact");
    let default = json_of(app.get(&path).await).await;
    assert_eq!(default["name"], "Northwind Cloud Partners");
    assert_eq!(default["supportMpnId"], "4812345");
    assert_eq!(default["attributes"]["objectType"], "SupportContact");

    let bad = app
        .client
        .put(app.url(&path))
        .json(&json!({"supportTenantId": "x", "supportMpnId": "12ab", "name": ""}))
        .send()
        .await
        .unwrap();
    let error = expect_error(bad, StatusCode::BAD_REQUEST, "800002").await;
    let fields: Vec<_> = error.data.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["supportTenantId", "supportMpnId", "name"]);

    let body = json!({"supportTenantId": "0b5a8c2e-1f3d-4c5b-9a7e-2d4f6b8a0c1e", "supportMpnId": "1234567", "name": "Contoso IT desk"});
    assert_eq!(
        json_of(app.client.put(app.url(&path)).json(&body).send().await.unwrap()).await["name"],
        "Contoso IT desk"
    );
    assert_eq!(json_of(app.get(&path).await).await["supportMpnId"], "1234567");
    // Logged from the reseller's default to the new contact; a refused change is not.
    let log = json_of(app.get("/v1/activity?action=subscription").await).await;
    assert_eq!(log["totalCount"], 1);
    let entry = &log["items"][0];
    assert_eq!(entry["action"], "subscription.support_contact_changed");
    assert_eq!(
        (entry["before"].as_str(), entry["after"].as_str()),
        (Some("Northwind Cloud Partners (MPN 4812345)"), Some("Contoso IT desk (MPN 1234567)"))
    );

    let customer = app.new_browser();
    customer.sign_in(CONTOSO_ADMIN).await;
    let put = customer.client.put(customer.url(&path)).json(&body).send().await.unwrap();
    expect_error(put, StatusCode::FORBIDDEN, "2032").await;
}

#[tokio::test]
async fn the_resource_carries_the_seed_003_fields() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path = |id: &str| format!("/v1/customers/{CONTOSO}/subscriptions/{id}");
    let plan = json_of(app.get(&path(portal_server::demo::CONTOSO_AZURE_PLAN_ID)).await).await;
    // An Azure plan is its own entitlement; its Azure subscriptions are linked.
    assert_eq!(plan["entitlementId"], portal_server::demo::CONTOSO_AZURE_PLAN_ID);
    assert_eq!(plan["partnerId"], "4812345", "the reseller's MPN ID");
    assert_eq!(plan["contractType"], "subscription");
    assert_eq!(plan["publisherName"], "Microsoft Corporation");
    assert_eq!(plan["isMicrosoftProduct"], true);
    assert_eq!(plan["hasPurchasableAddons"], false);
    assert!(plan["links"]["entitlement"]["uri"].as_str().unwrap().ends_with("/azureEntitlements"));
    assert!(plan.get("renewalTermDuration").is_none(), "an Azure plan has no term");

    let licences = json_of(app.get(&path(portal_server::demo::CONTOSO_LICENCES_ID)).await).await;
    assert!(licences.get("entitlementId").is_none());
    assert_eq!(licences["renewalTermDuration"], "P1Y");
    assert_eq!(
        licences["links"]["availability"]["uri"],
        "/products/CFQ7TTC0LDPB/skus/0001/availabilities/CFQ7TTC0LDPF"
    );
    // Three years renew for one: Partner Center's renewal terms are P1M and P1Y.
    assert_eq!(portal_domain::subscription::renewal_term("P3Y"), "P1Y");
    assert_eq!(portal_domain::subscription::renewal_term("P1M"), "P1M");
}

#[tokio::test]
async fn the_partner_is_told_of_terms_ending_within_thirty_days() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let page = json_of(app.get("/v1/subscriptions/termsending").await).await;
    let items = page["items"].as_array().unwrap();
    // Litware's yearly licences, bought 345 days before the clock's 21 November, end on
    // 10 December and renew for a year. Contoso's yearly ones end in eight months, and
    // monthly terms that renew themselves are routine: neither is listed.
    assert_eq!(items.len(), 1, "{page}");
    let term = &items[0];
    assert_eq!(term["subscriptionId"], portal_server::demo::LITWARE_LICENCES_ID);
    assert_eq!(term["customerId"], LITWARE);
    assert_eq!(term["customerName"], "Litware");
    assert_eq!(term["commitmentEndDate"], "2026-12-10");
    assert_eq!(
        (term["autoRenewEnabled"].as_bool(), term["isTrial"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(term["attributes"]["objectType"], "EndingTerm");
    // The same date as the subscription's own.
    let path = format!(
        "/v1/customers/{LITWARE}/subscriptions/{}",
        term["subscriptionId"].as_str().unwrap()
    );
    let subscription = json_of(app.get(&path).await).await;
    assert_eq!(subscription["commitmentEndDate"], term["commitmentEndDate"]);
    // Customer users read their own subscriptions instead.
    let customer = TestApp::spawn().await;
    customer.sign_in(LITWARE_ADMIN).await;
    assert_eq!(customer.get("/v1/subscriptions/termsending").await.status(), 403);
}
