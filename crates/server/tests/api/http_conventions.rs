//! Conventions every route shares: ids, error bodies, static hosting, CORS, health.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn health_check_answers_ok() {
    let app = TestApp::spawn().await;
    let health = json_of(app.get("/healthz").await).await;
    assert_eq!(health["status"], "ok");
}

#[tokio::test]
async fn request_and_correlation_ids_are_echoed_or_generated() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("MS-RequestId", "6f1d2c3b-aaaa-4bbb-8ccc-1234567890ab")
        .header("MS-CorrelationId", "corr-42")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["ms-requestid"], "6f1d2c3b-aaaa-4bbb-8ccc-1234567890ab");
    assert_eq!(response.headers()["ms-correlationid"], "corr-42");

    let generated = app.get("/v1/me").await;
    for header in ["ms-requestid", "ms-correlationid"] {
        let id = generated.headers()[header].to_str().unwrap();
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{header}: {id}");
    }
    let first = generated.headers()["ms-requestid"].clone();
    assert_ne!(
        app.get("/v1/me").await.headers()["ms-requestid"],
        first,
        "each request gets its own id"
    );
}

#[tokio::test]
async fn unknown_api_paths_get_the_json_404_never_the_spa() {
    let app = TestApp::spawn().await;
    for path in ["/v1/nothing-here", "/v1", "/v1/customers/x/unknown/deeper"] {
        let error = expect_error(app.get(path).await, StatusCode::NOT_FOUND, "1000").await;
        assert!(error.data.is_empty(), "{path}");
    }
}

#[tokio::test]
async fn wrong_method_gets_the_json_405() {
    let app = TestApp::spawn().await;
    let response = app.client.delete(app.url("/v1/me")).send().await.unwrap();
    expect_error(response, StatusCode::METHOD_NOT_ALLOWED, "700003").await;
}

#[tokio::test]
async fn deep_links_serve_the_spa() {
    let app = TestApp::spawn().await;
    for path in ["/", "/pricing", "/customers/abc", "/signin?next=%2Fcustomers"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(response.text().await.unwrap().contains("portal test spa"), "{path}");
    }
}

#[tokio::test]
async fn built_files_go_compressed_and_hashed_ones_are_cached_for_good() {
    let app = TestApp::spawn().await;
    let dist = app.dist_dir();
    std::fs::create_dir(dist.join("app-0123456789abcdef")).unwrap();
    let wasm = dist.join("app-0123456789abcdef/portal-app_bg.wasm");
    std::fs::write(&wasm, "plain wasm").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef/portal-app_bg.wasm.br"), "brotli wasm").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef/portal-app_bg.wasm.gz"), "gzip wasm").unwrap();
    std::fs::write(dist.join("index.html.br"), "brotli index").unwrap();
    std::fs::write(dist.join("main.css"), "body {}").unwrap();
    std::fs::write(dist.join("config.json"), "{}").unwrap();
    let fetch = |path: &str, accept: &str| {
        let request = app.client.get(app.url(path));
        let request =
            if accept.is_empty() { request } else { request.header("accept-encoding", accept) };
        request.send()
    };

    for (accept, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "brotli wasm"),
        ("gzip", Some("gzip"), "gzip wasm"),
        ("", None, "plain wasm"),
    ] {
        let response = fetch("/app-0123456789abcdef/portal-app_bg.wasm", accept).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(
            response.headers().get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert!(
            response.headers()["vary"].to_str().unwrap().to_lowercase().contains("accept-encoding")
        );
        assert_eq!(response.headers()["content-type"], "application/wasm");
        assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(response.text().await.unwrap(), body);
    }

    // What names the current build is asked for again each time, compressed or not.
    let deep_link = fetch("/invoices/abc", "br").await.unwrap();
    assert_eq!(deep_link.headers()["content-encoding"], "br");
    assert_eq!(deep_link.headers()["cache-control"], "no-cache");
    assert_eq!(deep_link.text().await.unwrap(), "brotli index");
    for path in ["/config.json", "/main.css"] {
        let response = fetch(path, "br").await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
    }
    // A chunk of an older build is gone: not the app's page under its name, and not for a year.
    let missing = fetch("/app-0123456789abcdef/gone.wasm", "").await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn api_answers_are_not_cached() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    assert_eq!(app.get("/v1/me").await.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn database_failures_answer_500_without_details() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    sqlx::query("DROP TABLE partner_customer_relationships").execute(&app.db).await.unwrap();
    let error =
        expect_error(app.get("/v1/customers").await, StatusCode::INTERNAL_SERVER_ERROR, "800003")
            .await;
    let text = error.description.to_lowercase();
    for leak in ["relationship", "table", "sql", "database"] {
        assert!(!text.contains(leak), "leaked '{leak}': {}", error.description);
    }
}

#[tokio::test]
async fn cors_allows_only_the_configured_origins_with_credentials() {
    let app =
        TestApp::spawn_with(|c| c.allowed_origins = vec!["https://portal.example.com".into()])
            .await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/v1/auth/login"))
        .header("Origin", "https://portal.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,ms-correlationid")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "https://portal.example.com");
    assert_eq!(preflight.headers()["access-control-allow-credentials"], "true");

    let foreign = app
        .client
        .get(app.url("/healthz"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(foreign.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn cors_is_off_unless_configured() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("Origin", "https://portal.example.com")
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_wildcard_origin_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = portal_server::Config::defaults();
    config.allowed_origins = vec!["*".into()];
    config.database_url = format!("sqlite://{}/p.db", dir.path().display());
    config.port = 0;
    let error = portal_server::Application::build(config).await.err().expect("refused");
    assert!(error.to_string().contains("PORTAL_ALLOWED_ORIGINS"), "{error}");
}

#[tokio::test]
async fn restarting_on_the_same_database_keeps_data_and_does_not_duplicate_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/p.db", dir.path().display());
    for _ in 0..2 {
        let mut config = portal_server::Config::defaults();
        config.database_url = url.clone();
        config.port = 0;
        config.demo_data = true;
        let app = portal_server::Application::build(config).await.unwrap();
        let (users,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(app.db()).await.unwrap();
        assert_eq!(users, portal_server::demo::USERS.len() as i64);
    }
}

#[tokio::test]
async fn a_server_started_with_only_a_database_has_no_demo_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = portal_server::Config::defaults();
    config.database_url = format!("sqlite://{}/p.db", dir.path().display());
    config.port = 0;
    let app = portal_server::Application::build(config).await.unwrap();
    let (users,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(app.db()).await.unwrap();
    assert_eq!(users, 0, "demo accounts have published passwords: they must be asked for");
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let app = TestApp::spawn().await;
    let orphan = sqlx::query(
        "INSERT INTO user_roles (user_id, role) VALUES ('no-such-user', 'global_admin')",
    )
    .execute(&app.db)
    .await;
    assert!(orphan.is_err());
}

#[tokio::test]
async fn oversized_bodies_get_the_413_error_body() {
    let app = TestApp::spawn().await;
    let huge = format!(r#"{{"email":"a@b.example","password":"{}"}}"#, "x".repeat(3 * 1024 * 1024));
    let response = app
        .client
        .post(app.url("/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::PAYLOAD_TOO_LARGE, "700004").await;
}

#[tokio::test]
async fn shutdown_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = portal_server::Config::defaults();
    config.database_url = format!("sqlite://{}/p.db", dir.path().display());
    config.port = 0;
    let app = portal_server::Application::build(config).await.unwrap();
    let url = format!("http://{}/healthz", app.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    assert_eq!(reqwest::get(&url).await.unwrap().status(), StatusCode::OK);
    stop.send(()).unwrap();
    let finished = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    assert!(finished.expect("stops within 10 s").unwrap().is_ok());
    assert!(reqwest::get(&url).await.is_err(), "no longer listening");
}
