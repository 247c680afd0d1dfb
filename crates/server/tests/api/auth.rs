//! Sign-in, sessions, sign-out and the login throttle.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn every_demo_user_can_sign_in_and_read_me() {
    let app = TestApp::spawn().await;
    let expected = [
        (ADMIN, "global_admin", true),
        (SALES, "sales_agent", true),
        (BILLING, "billing_admin", true),
        (CONTOSO_ADMIN, "customer_admin", false),
        (CONTOSO_READER, "customer_reader", false),
        (FABRIKAM_ADMIN, "customer_admin", false),
        (LITWARE_ADMIN, "customer_admin", false),
    ];
    for (user, role, is_partner) in expected {
        let client = browser();
        let login = client
            .post(app.url("/v1/auth/login"))
            .json(&json!({ "email": user.0, "password": user.1 }))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::OK, "{}", user.0);
        let me = json_of(client.get(app.url("/v1/me")).send().await.unwrap()).await;
        assert_eq!(me["email"], user.0);
        assert_eq!(me["roles"], json!([role]));
        assert_eq!(me["partnerId"].is_string(), is_partner, "{}", user.0);
        assert_eq!(me["customerId"].is_string(), !is_partner, "{}", user.0);
        assert!(me["displayName"].as_str().is_some_and(|n| !n.is_empty()));
    }
}

#[tokio::test]
async fn login_answers_the_user_and_sets_a_safe_session_cookie() {
    let app = TestApp::spawn().await;
    let response = app.login(CONTOSO_ADMIN).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("portal_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    assert!(!cookie.contains("Secure"), "plain http must not get a Secure cookie: {cookie}");
    let me: serde_json::Value = response.json().await.unwrap();
    assert_eq!(me["email"], "admin@contoso.example");
    assert_eq!(me["locale"], "fr-FR");
    assert_eq!(me["attributes"]["objectType"], "Me");
}

#[tokio::test]
async fn cookie_is_secure_behind_an_https_proxy() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/v1/auth/login"))
        .header("X-Forwarded-Proto", "https")
        .json(&json!({ "email": ADMIN.0, "password": ADMIN.1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["set-cookie"].to_str().unwrap().contains("Secure"));
}

#[tokio::test]
async fn email_is_matched_without_regard_to_case_or_spaces() {
    let app = TestApp::spawn().await;
    assert_eq!(app.login(("  Admin@Northwind.EXAMPLE ", ADMIN.1)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_401() {
    let app = TestApp::spawn().await;
    let wrong =
        expect_error(app.login((ADMIN.0, "not-it")).await, StatusCode::UNAUTHORIZED, "700001")
            .await;
    let unknown = expect_error(
        app.login(("nobody@northwind.example", "x")).await,
        StatusCode::UNAUTHORIZED,
        "700001",
    )
    .await;
    assert_eq!(wrong.description, unknown.description);
    expect_error(app.get("/v1/me").await, StatusCode::UNAUTHORIZED, "800001").await;
}

#[tokio::test]
async fn malformed_login_bodies_get_400_naming_the_field() {
    let app = TestApp::spawn().await;
    let post = |body: &'static str| {
        app.client
            .post(app.url("/v1/auth/login"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let cases = [
        (r#"{"email": 42, "password": "x"}"#, "email"),
        (r#"{"email": "admin@northwind.example"}"#, "password"),
        (r#"{"email": "not-an-email", "password": "x"}"#, "email"),
        (r#"{"email": "admin@northwind.example", "password": ""}"#, "password"),
        (r#"{"email": "admin@northwind.example", "password": ["x"]}"#, "password"),
    ];
    for (body, field) in cases {
        let error =
            expect_error(post(body).await.unwrap(), StatusCode::BAD_REQUEST, "800002").await;
        assert_eq!(error.data[0].field, field, "{body}");
        assert!(error.description.contains(&format!("'{field}'")), "{}", error.description);
    }
    let syntax =
        expect_error(post("{\"email\":").await.unwrap(), StatusCode::BAD_REQUEST, "800002").await;
    assert!(syntax.description.contains("not valid JSON"), "{}", syntax.description);
}

#[tokio::test]
async fn login_requires_a_json_content_type() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/v1/auth/login"))
        .body(r#"{"email":"admin@northwind.example","password":"demo-admin-1"}"#)
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "700005").await;
}

#[tokio::test]
async fn pascal_case_bodies_are_accepted_as_partner_center_clients_send_them() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/v1/auth/login"))
        .json(&json!({ "Email": ADMIN.0, "Password": ADMIN.1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let response = app.login(ADMIN).await;
    let token =
        response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert_eq!(app.get("/v1/me").await.status(), StatusCode::OK);

    let logout = app.client.post(app.url("/v1/auth/logout")).send().await.unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    expect_error(app.get("/v1/me").await, StatusCode::UNAUTHORIZED, "800001").await;

    // The old cookie, replayed by a client that kept it, no longer works either.
    let replay = browser().get(app.url("/v1/me")).header("cookie", token).send().await.unwrap();
    expect_error(replay, StatusCode::UNAUTHORIZED, "800001").await;
    let (sessions,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&app.db).await.unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn logout_without_a_session_is_401() {
    let app = TestApp::spawn().await;
    let response = app.client.post(app.url("/v1/auth/logout")).send().await.unwrap();
    expect_error(response, StatusCode::UNAUTHORIZED, "800001").await;
}

#[tokio::test]
async fn sessions_are_stored_hashed() {
    let app = TestApp::spawn().await;
    let response = app.login(ADMIN).await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    let token = cookie.split(';').next().unwrap().trim_start_matches("portal_session=").to_owned();
    let stored: Vec<(String,)> =
        sqlx::query_as("SELECT token_hash FROM sessions").fetch_all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    assert!(!stored[0].0.contains(&token));
}

#[tokio::test]
async fn expired_sessions_are_refused() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    expect_error(app.get("/v1/me").await, StatusCode::UNAUTHORIZED, "800001").await;
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        expect_error(app.login((SALES.0, "guess")).await, StatusCode::UNAUTHORIZED, "700001").await;
    }
    // Locked: even the right password is refused, with a Retry-After to wait.
    let locked = app.login(SALES).await;
    let retry_after: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    expect_error(locked, StatusCode::TOO_MANY_REQUESTS, "700002").await;
    // Other accounts are unaffected.
    assert_eq!(
        browser()
            .post(app.url("/v1/auth/login"))
            .json(&json!({"email": ADMIN.0, "password": ADMIN.1}))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    // Once the window has passed, the right password works again and clears the count.
    sqlx::query("UPDATE login_throttle SET window_started_at = '2000-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.login(SALES).await.status(), StatusCode::OK);
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM login_throttle").fetch_one(&app.db).await.unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn stale_throttle_rows_and_ended_sessions_are_purged() {
    let app = TestApp::spawn().await;
    expect_error(
        app.login(("made-up@nowhere.example", "x")).await,
        StatusCode::UNAUTHORIZED,
        "700001",
    )
    .await;
    app.sign_in(CONTOSO_ADMIN).await;
    sqlx::query("UPDATE login_throttle SET window_started_at = '2000-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();

    // The next failure drops throttle rows whose window has passed; the next sign-in drops
    // ended sessions, whoever they belonged to.
    expect_error(app.login((ADMIN.0, "guess")).await, StatusCode::UNAUTHORIZED, "700001").await;
    app.sign_in(ADMIN).await;
    let throttled: Vec<(String,)> =
        sqlx::query_as("SELECT email FROM login_throttle").fetch_all(&app.db).await.unwrap();
    assert!(throttled.is_empty(), "{throttled:?}");
    let sessions: Vec<(String,)> =
        sqlx::query_as("SELECT user_id FROM sessions").fetch_all(&app.db).await.unwrap();
    assert_eq!(sessions, [("a1000000-0000-4000-8000-000000000001".to_owned(),)]);
}

#[tokio::test]
async fn concurrent_failures_are_all_counted() {
    let app = TestApp::spawn().await;
    let attempts = (0..5).map(|_| {
        let client = browser();
        let url = app.url("/v1/auth/login");
        async move {
            client
                .post(url)
                .json(&json!({"email": BILLING.0, "password": "guess"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let statuses = futures_join_all(attempts).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    expect_error(app.login(BILLING).await, StatusCode::TOO_MANY_REQUESTS, "700002").await;
}

async fn futures_join_all<F: std::future::Future<Output = StatusCode> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    statuses
}
