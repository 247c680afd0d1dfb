use chrono::{DateTime, NaiveDate, Utc};
use portal_domain::ApiErrorBody;
use portal_server::clock::Clock;
use portal_server::db::Db;
use portal_server::state::AppState;
use portal_server::{Application, Config};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use sqlx::Connection;
use tempfile::TempDir;

pub const ADMIN: (&str, &str) = ("admin@northwind.example", "demo-admin-1");
pub const SALES: (&str, &str) = ("sales@northwind.example", "demo-sales-1");
pub const BILLING: (&str, &str) = ("billing@northwind.example", "demo-billing-1");
pub const CONTOSO_ADMIN: (&str, &str) = ("admin@contoso.example", "demo-contoso-1");
pub const CONTOSO_READER: (&str, &str) = ("reader@contoso.example", "demo-reader-1");
pub const FABRIKAM_ADMIN: (&str, &str) = ("admin@fabrikam.example", "demo-fabrikam-1");
pub const LITWARE_ADMIN: (&str, &str) = ("admin@litware.example", "demo-litware-1");

/// `2026-11-21` as a day.
pub fn day(text: &str) -> NaiveDate {
    text.parse().expect("a day written YYYY-MM-DD")
}

/// `2026-11-21T10:00:00Z` as a UTC time.
pub fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

pub struct TestApp {
    pub base: String,
    /// A browser: keeps the session cookie between calls.
    pub client: Client,
    /// Direct access to the app's database, to check what it stored.
    pub db: Db,
    /// The server's clock: stands still until a test moves it.
    pub clock: Clock,
    /// `http://…/metrics` when the test asked for metrics (`Config::metrics_addr`).
    pub metrics_url: Option<String>,
    database_url: String,
    _dir: std::sync::Arc<TempDir>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(customize: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html><title>portal test spa</title>")
            .unwrap();

        let mut config = Config::defaults();
        config.database_url = fresh_database(&dir).await;
        config.port = 0;
        config.dist_dir = dist;
        config.demo_data = true;
        // Tests send the usage they need; the demo's 90 days would only blur their totals.
        config.demo_usage_days = 0;
        customize(&mut config);

        let clock = Clock::manual(utc("2026-11-21T10:00:00Z"));
        let database_url = config.database_url.clone();
        let app =
            Application::build_with_clock(config, clock.clone()).await.expect("server starts");
        let base = format!("http://{}", app.local_addr());
        let db = app.db().clone();
        let metrics_url = app.metrics_addr().map(|addr| format!("http://{addr}/metrics"));
        tokio::spawn(app.run_until_stopped(std::future::pending()));
        TestApp {
            base,
            client: browser(),
            db,
            clock,
            metrics_url,
            database_url,
            _dir: std::sync::Arc::new(dir),
        }
    }

    /// A second server on the same database and clock, as a replica behind a load balancer
    /// (its own port and memory; the same browser and session work on both).
    pub async fn replica(&self) -> TestApp {
        let mut config = Config::defaults();
        config.database_url = self.database_url.clone();
        config.port = 0;
        config.dist_dir = self._dir.path().join("dist");
        config.demo_usage_days = 0;
        let app = Application::build_with_clock(config, self.clock.clone())
            .await
            .expect("replica starts");
        let base = format!("http://{}", app.local_addr());
        tokio::spawn(app.run_until_stopped(std::future::pending()));
        TestApp { base, client: self.client.clone(), db: self.db.clone(), ..self.new_browser() }
    }

    /// The same server seen from another browser (its own cookies).
    pub fn new_browser(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            client: browser(),
            db: self.db.clone(),
            clock: self.clock.clone(),
            metrics_url: self.metrics_url.clone(),
            database_url: self.database_url.clone(),
            _dir: self._dir.clone(),
        }
    }

    /// The state of a server on this test's database and clock, with the default configuration:
    /// to build a router of one's own in the test process.
    pub fn state(&self) -> AppState {
        AppState::new(self.db.clone(), Config::defaults(), self.clock.clone()).unwrap()
    }

    /// The server's `DATABASE_URL`: for a process of its own on the same database.
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// The directory the server serves the SPA from (it holds a stand-in index.html).
    pub fn dist_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("dist")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn login(&self, (email, password): (&str, &str)) -> Response {
        self.client
            .post(self.url("/v1/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// Signs this app's client in and checks that it worked.
    pub async fn sign_in(&self, user: (&str, &str)) {
        let response = self.login(user).await;
        assert_eq!(response.status(), StatusCode::OK, "signing in as {}", user.0);
    }
}

/// A client with its own cookie jar, like a separate browser running the SPA: it sends the
/// header that tells the server a request is not a cross-site form post.
pub fn browser() -> Client {
    Client::builder().cookie_store(true).default_headers(spa_headers()).build().unwrap()
}

/// What the SPA sends with every request (`security::CLIENT_HEADER`).
pub fn spa_headers() -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-requested-with", "portal-app".parse().unwrap());
    headers
}

/// A new empty database: a SQLite file in `dir`, or a new database on the PostgreSQL server of
/// `TEST_DATABASE_URL`.
pub async fn fresh_database(dir: &TempDir) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            sqlx::any::install_default_drivers();
            let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin =
                sqlx::AnyConnection::connect(&admin_url).await.expect("PostgreSQL reachable");
            // The name is ours (a UUID): nothing from outside goes into the statement.
            let create = format!("CREATE DATABASE {name}");
            sqlx::query(sqlx::AssertSqlSafe(create)).execute(&mut admin).await.unwrap();
            admin.close().await.unwrap();
            let (server, _) = admin_url.rsplit_once('/').expect("URL ends with a database name");
            format!("{server}/{name}")
        }
        _ => format!("sqlite://{}/portal.db", dir.path().display()),
    }
}

/// Reads an error answer and checks it has the API's error body with this status and code.
pub async fn expect_error(response: Response, status: StatusCode, code: &str) -> ApiErrorBody {
    assert_eq!(response.status(), status);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("application/json"), "{content_type}");
    let body: ApiErrorBody = response.json().await.expect("error body");
    assert_eq!(body.code, code, "{}", body.description);
    assert!(!body.description.is_empty());
    body
}

pub async fn json_of(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

pub const CONTOSO: &str = portal_server::demo::CONTOSO_ID;
pub const FABRIKAM: &str = portal_server::demo::FABRIKAM_ID;
pub const LITWARE: &str = portal_server::demo::LITWARE_ID;

/// Catalog items of the demo catalog, for France (Contoso) and the United States (Fabrikam).
pub const E3_FR: &str = "CFQ7TTC0LFLX:0001:CFQ7TTC0LFLF";
pub const STANDARD_FR: &str = "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPF";
pub const STANDARD_US: &str = "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPU";
pub const AZURE_PLAN_FR: &str = "DZH318Z0BPS6:0001:DZH318Z0BMGF";

impl TestApp {
    /// Cancels an Azure subscription under a plan, as the signed-in user, and checks it worked.
    pub async fn cancel_azure_subscription(&self, customer: &str, plan: &str, azure: &str) {
        let path = format!(
            "/v1/customers/{customer}/subscriptions/{plan}/azureEntitlements/{azure}/cancel"
        );
        let response = self.client.post(self.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.client.post(self.url(path)).json(body).send().await.unwrap()
    }

    pub async fn put_json(&self, path: &str, body: &Value) -> Response {
        self.client.put(self.url(path)).json(body).send().await.unwrap()
    }

    /// Creates a cart for the customer with these lines and returns it (201 checked).
    pub async fn create_cart(&self, customer: &str, lines: Value) -> Value {
        let response = self
            .post_json(&format!("/v1/customers/{customer}/carts"), &json!({ "lineItems": lines }))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }

    pub async fn checkout(&self, customer: &str, cart_id: &str, request_id: &str) -> Response {
        self.client
            .post(self.url(&format!("/v1/customers/{customer}/carts/{cart_id}/checkout")))
            .header("MS-RequestId", request_id)
            .send()
            .await
            .unwrap()
    }

    /// Waits (up to 10 s) until the order is completed by the provisioning worker.
    pub async fn wait_for_completed(&self, customer: &str, order_id: &str) -> Value {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let order =
                json_of(self.get(&format!("/v1/customers/{customer}/orders/{order_id}")).await)
                    .await;
            if order["status"] == "completed" {
                return order;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "order {order_id} still {} after 10 s",
                order["status"]
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
}

pub fn line(
    catalog_item_id: &str,
    quantity: i64,
    billing_cycle: &str,
    term: Option<&str>,
) -> Value {
    let mut line = json!({ "catalogItemId": catalog_item_id, "quantity": quantity, "billingCycle": billing_cycle });
    if let Some(term) = term {
        line["termDuration"] = json!(term);
    }
    line
}

impl TestApp {
    /// Buys `line` for the customer through a cart and checkout, waits for provisioning, and
    /// returns the new subscription.
    pub async fn buy(&self, customer: &str, line: Value) -> Value {
        let cart = self.create_cart(customer, json!([line])).await;
        let request_id = uuid::Uuid::new_v4().to_string();
        let result: Value = self
            .checkout(customer, cart["id"].as_str().unwrap(), &request_id)
            .await
            .json()
            .await
            .unwrap();
        let order_id = result["orders"][0]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("nothing ordered: {result}"));
        let order = self.wait_for_completed(customer, order_id).await;
        let subscription_id = order["lineItems"][0]["subscriptionId"].as_str().unwrap();
        json_of(
            self.get(&format!("/v1/customers/{customer}/subscriptions/{subscription_id}")).await,
        )
        .await
    }

    /// PATCHes the subscription with its current etag.
    pub async fn patch_subscription(
        &self,
        customer: &str,
        subscription: &Value,
        body: Value,
    ) -> Response {
        let id = subscription["id"].as_str().unwrap();
        let etag = subscription["attributes"]["etag"].as_str().unwrap();
        self.client
            .patch(self.url(&format!("/v1/customers/{customer}/subscriptions/{id}")))
            .header("If-Match", format!("\"{etag}\""))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn history(&self, customer: &str, subscription: &Value) -> Vec<Value> {
        let id = subscription["id"].as_str().unwrap();
        let page = json_of(
            self.get(&format!("/v1/customers/{customer}/subscriptions/{id}/history")).await,
        )
        .await;
        page["items"].as_array().unwrap().clone()
    }
}
