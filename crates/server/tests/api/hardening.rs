//! Faults found by review (issue 13, items 4 to 7): each test failed before its fix, on
//! PostgreSQL where the item says so.

use base64::Engine;
use futures_util::future::join_all;
use portal_server::demo::{CONTOSO_AZURE_PLAN_ID, CONTOSO_LICENCES_ID, PARTNER_ID};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// The demo with its invoices: Contoso's and Fabrikam's latest are outstanding.
async fn with_invoices() -> TestApp {
    TestApp::spawn_with(|config| config.demo_usage_days = 90).await
}

/// Contoso's outstanding invoice.
async fn outstanding(app: &TestApp) -> Value {
    let list = json_of(app.get("/v1/invoices?status=outstanding").await).await;
    list["items"].as_array().unwrap().iter().find(|i| i["customerId"] == CONTOSO).unwrap().clone()
}

async fn pay(app: &TestApp, invoice: &str, amount: &str, request_id: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/v1/invoices/{invoice}/payments")))
        .header("MS-RequestId", request_id)
        .header("content-type", "application/json")
        .body(format!(r#"{{"amount": {amount}, "reference": "Wire"}}"#))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn two_full_payments_at_once_pay_the_invoice_once() {
    let app = with_invoices().await;
    app.sign_in(BILLING).await;
    let invoice = outstanding(&app).await;
    let id = invoice["id"].as_str().unwrap().to_owned();
    let balance = invoice["balanceAmount"].to_string();
    let request_ids: Vec<String> = (0..4).map(|i| format!("full-{i}")).collect();
    let answers = join_all(request_ids.iter().map(|r| pay(&app, &id, &balance, r))).await;
    let created = answers.iter().filter(|r| r.status() == StatusCode::CREATED).count();
    assert_eq!(created, 1, "{:?}", answers.iter().map(|r| r.status()).collect::<Vec<_>>());
    assert!(
        answers
            .iter()
            .all(|r| r.status() == StatusCode::CREATED || r.status() == StatusCode::BAD_REQUEST)
    );
    let after = json_of(app.get(&format!("/v1/invoices/{id}")).await).await;
    assert_eq!(after["status"], "paid");
    assert_eq!(after["balanceAmount"], json!(0));
}

#[tokio::test]
async fn a_void_note_and_a_payment_at_once_never_leave_an_invoice_voided_and_paid() {
    let app = with_invoices().await;
    app.sign_in(BILLING).await;
    let invoice = outstanding(&app).await;
    let id = invoice["id"].as_str().unwrap().to_owned();
    let void_path = format!("/v1/invoices/{id}/amendments");
    let void_body = json!({ "documentType": "void_note", "reason": "Billed twice" });
    let void = app.post_json(&void_path, &void_body);
    let payment = pay(&app, &id, "10", "race-1");
    let (void, payment) = tokio::join!(void, payment);
    let (voided, paid) =
        (void.status() == StatusCode::CREATED, payment.status() == StatusCode::CREATED);
    assert!(
        voided != paid,
        "exactly one wins: void {}, payment {}",
        void.status(),
        payment.status()
    );
    let (paid_amount, void_notes): (i64, i64) = sqlx::query_as(
        "SELECT paid_amount, CAST((SELECT COUNT(*) FROM invoices v WHERE v.amends_id = i.id AND v.document_type = 'void_note') AS BIGINT)
         FROM invoices i WHERE i.id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(!(paid_amount != 0 && void_notes > 0), "voided and paid: {paid_amount}, {void_notes}");
}

#[tokio::test]
async fn a_request_id_replays_a_payment_of_its_own_invoice_only() {
    let app = with_invoices().await;
    app.sign_in(BILLING).await;
    let first = outstanding(&app).await;
    let first_id = first["id"].as_str().unwrap().to_owned();
    // A second invoice with a balance: Fabrikam's latest.
    let list = json_of(app.get("/v1/invoices?status=outstanding").await).await;
    let second = list["items"].as_array().unwrap().iter().find(|i| i["customerId"] == FABRIKAM);
    let second_id = second.unwrap()["id"].as_str().unwrap().to_owned();

    assert_eq!(pay(&app, &first_id, "10", "same-request").await.status(), StatusCode::CREATED);
    let second = pay(&app, &second_id, "20", "same-request").await;
    assert_eq!(second.status(), StatusCode::CREATED, "not the first invoice's payment replayed");
    let payment: Value = second.json().await.unwrap();
    assert_eq!(payment["invoiceId"], second_id.as_str());
    // The same request again on the second invoice is a replay of its own payment.
    assert_eq!(pay(&app, &second_id, "20", "same-request").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn only_the_partner_reactivates_what_the_partner_suspended() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let path = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_LICENCES_ID}");
    let subscription = json_of(app.get(&path).await).await;
    let suspended =
        app.patch_subscription(CONTOSO, &subscription, json!({ "status": "suspended" })).await;
    let suspended = json_of(suspended).await;
    assert_eq!(suspended["suspensionReasons"], json!(["PartnerInitiated"]));

    let customer = app.new_browser();
    customer.sign_in(CONTOSO_ADMIN).await;
    let refused =
        customer.patch_subscription(CONTOSO, &suspended, json!({ "status": "active" })).await;
    let body = expect_error(refused, StatusCode::FORBIDDEN, "930002").await;
    assert!(body.description.contains("partner"), "{}", body.description);

    let reactivated =
        app.patch_subscription(CONTOSO, &suspended, json!({ "status": "active" })).await;
    assert_eq!(json_of(reactivated).await["status"], "active");
}

#[tokio::test]
async fn a_customer_cannot_be_linked_to_a_second_reseller() {
    let app = TestApp::spawn().await;
    sqlx::query("INSERT INTO partners (id, name, mpn_id, created_at) VALUES ('other-partner', 'Other', '999', '2026-11-21T10:00:00.000Z')")
        .execute(&app.db)
        .await
        .unwrap();
    let second = sqlx::query(
        "INSERT INTO partner_customer_relationships (partner_id, customer_id, relationship_type, status, created_at, accepted_at)
         VALUES ('other-partner', $1, 'reseller', 'active', '2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Z')",
    )
    .bind(CONTOSO)
    .execute(&app.db)
    .await;
    let error = second.expect_err("one reseller per customer");
    assert!(error.as_database_error().is_some_and(|e| e.is_unique_violation()), "{error}");
    let (resellers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM partner_customer_relationships WHERE customer_id = $1",
    )
    .bind(CONTOSO)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(resellers, 1);
    let (partner,): (String,) = sqlx::query_as(
        "SELECT partner_id FROM partner_customer_relationships WHERE customer_id = $1",
    )
    .bind(CONTOSO)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(partner, PARTNER_ID);
}

#[tokio::test]
async fn azure_subscriptions_added_at_once_under_one_plan_all_succeed() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path =
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/azureEntitlements");
    let bodies: Vec<Value> =
        (0..5).map(|i| json!({ "friendlyName": format!("Team {i}") })).collect();
    let answers = join_all(bodies.iter().map(|b| app.post_json(&path, b))).await;
    let statuses: Vec<_> = answers.iter().map(|r| r.status()).collect();
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    let (events,): (i64,) = sqlx::query_as(
        "SELECT COUNT(DISTINCT seq) FROM subscription_events WHERE subscription_id = $1",
    )
    .bind(CONTOSO_AZURE_PLAN_ID)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (all,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM subscription_events WHERE subscription_id = $1")
            .bind(CONTOSO_AZURE_PLAN_ID)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(events, all, "every event has its own number");
}

#[tokio::test]
async fn an_altered_continuation_token_is_a_400_not_a_500() {
    let app = with_invoices().await;
    app.sign_in(ADMIN).await;
    let invoice =
        json_of(app.get("/v1/invoices").await).await["items"][0]["id"].as_str().unwrap().to_owned();
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(r#"{"key":"not a number","id":"x"}"#);
    let response = app
        .client
        .get(app.url(&format!("/v1/invoices/{invoice}/lineitems?provider=onetime&invoicelineitemtype=usagelineitems&sort=cost&seekOperation=Next")))
        .header("MS-ContinuationToken", token)
        .send()
        .await
        .unwrap();
    let body = expect_error(response, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(body.data[0].field, "MS-ContinuationToken");
}

#[tokio::test]
async fn cart_names_and_provisioning_contexts_are_bounded() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path = format!("/v1/customers/{CONTOSO}/carts");
    let mut long_name = line(STANDARD_FR, 1, "monthly", Some("P1M"));
    long_name["friendlyName"] = json!("n".repeat(101));
    let body = expect_error(
        app.post_json(&path, &json!({ "lineItems": [long_name] })).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(body.data[0].field, "lineItems[0].friendlyName");
    let mut huge_context = line(STANDARD_FR, 1, "monthly", Some("P1M"));
    huge_context["provisioningContext"] = json!({ "note": "x".repeat(100_000) });
    let body = expect_error(
        app.post_json(&path, &json!({ "lineItems": [huge_context] })).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(body.data[0].field, "lineItems[0].provisioningContext");
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_and_the_portals_own_requests_pass() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    // A browser without the SPA's header, as a form on another site would post with the cookie.
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let plain = reqwest::Client::builder().cookie_provider(jar.clone()).build().unwrap();
    let login = plain
        .post(app.url("/v1/auth/login"))
        .header("Origin", &app.base)
        .json(&json!({ "email": CONTOSO_ADMIN.0, "password": CONTOSO_ADMIN.1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK, "the portal's own origin passes");
    let path = format!("/v1/customers/{CONTOSO}/carts");
    let forged = plain
        .post(app.url(&path))
        .header("Origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("lineItems=x")
        .send()
        .await
        .unwrap();
    expect_error(forged, StatusCode::FORBIDDEN, "930004").await;
    // No Origin, no Referer, no header: refused too (body-less requests included).
    let bare = plain.post(app.url("/v1/auth/logout")).send().await.unwrap();
    expect_error(bare, StatusCode::FORBIDDEN, "930004").await;
    // Reads pass, and the session is still there.
    assert_eq!(plain.get(app.url("/v1/me")).send().await.unwrap().status(), StatusCode::OK);
    let (carts,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM carts").fetch_one(&app.db).await.unwrap();
    assert_eq!(carts, 0);
}

#[tokio::test]
async fn every_answer_has_the_security_headers_and_the_spa_its_policy() {
    let app = TestApp::spawn().await;
    for path in ["/v1/me", "/healthz", "/pricing"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(headers.get("strict-transport-security").is_none(), "plain http: {path}");
    }
    let page = app.get("/pricing").await;
    let policy = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let over_https = app
        .client
        .get(app.url("/healthz"))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    assert!(
        over_https.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age=")
    );
}

#[tokio::test]
async fn a_cart_changed_just_before_checkout_orders_what_the_change_said() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    // A PUT racing a checkout either lands before the cart is claimed (and is what gets
    // ordered) or is refused; it is never accepted and then lost.
    for round in 0..10 {
        let cart =
            app.create_cart(CONTOSO, json!([line(STANDARD_FR, 1, "monthly", Some("P1M"))])).await;
        let id = cart["id"].as_str().unwrap();
        let changed = json!({ "lineItems": [line(STANDARD_FR, 7, "monthly", Some("P1M"))] });
        let put_path = format!("/v1/customers/{CONTOSO}/carts/{id}");
        let request_id = format!("race-{round}");
        let (put, checkout) =
            tokio::join!(app.put_json(&put_path, &changed), app.checkout(CONTOSO, id, &request_id));
        let put_status = put.status();
        let result: Value = checkout.json().await.unwrap();
        let ordered = result["orders"][0]["lineItems"][0]["quantity"].as_i64().unwrap();
        if put_status == StatusCode::OK {
            assert_eq!(ordered, 7, "round {round}: the change was accepted, then not ordered");
        } else {
            assert_eq!(ordered, 1, "round {round}");
        }
    }
}

#[tokio::test]
async fn beyond_the_requests_in_flight_the_server_sheds_load_with_503() {
    let app = TestApp::spawn_with(|config| config.max_in_flight = 1).await;
    // Sign-ins take tens of milliseconds each (the password check): with room for one request
    // at a time, the others arriving meanwhile are turned away at once, not queued.
    let client = browser();
    let answers = join_all((0..10).map(|_| {
        client
            .post(app.url("/v1/auth/login"))
            .json(&json!({ "email": ADMIN.0, "password": ADMIN.1 }))
            .send()
    }))
    .await;
    let statuses: Vec<_> = answers.iter().map(|r| r.as_ref().unwrap().status()).collect();
    assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
    let shed: Vec<_> = answers
        .into_iter()
        .map(Result::unwrap)
        .filter(|r| r.status() == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(!shed.is_empty(), "{statuses:?}");
    for response in shed {
        assert!(response.headers().contains_key("retry-after"));
        expect_error(response, StatusCode::SERVICE_UNAVAILABLE, "700006").await;
    }
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_stopped_with_503() {
    let app = TestApp::spawn_with(|config| config.request_timeout_secs = 0).await;
    let response = app.login(ADMIN).await;
    assert!(response.headers().contains_key("retry-after"));
    expect_error(response, StatusCode::SERVICE_UNAVAILABLE, "700006").await;
}
