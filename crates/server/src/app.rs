//! The router and the running server.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header::{
    ACCEPT, CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_MATCH, LOCATION, RETRY_AFTER,
};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::response::Response;
use axum::routing::{delete, get, post};
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore, watch};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, Db};
use crate::demo;
use crate::invoicing;
use crate::paging::CONTINUATION_TOKEN;
use crate::provisioning;
use crate::rate_limit;
use crate::request_ids::{self, CORRELATION_ID, REQUEST_ID};
use crate::routes::{
    auth, carts, catalog, customers, defender, fallback, health, invoices, me, orders,
    subscriptions, upgrades, usage,
};
use crate::security;
use crate::state::AppState;
use crate::usage_seed;

pub fn build_router(state: AppState) -> anyhow::Result<Router> {
    // Carts, orders and subscriptions: Partner Center limits each customer to 500 requests a minute.
    let commerce = Router::new()
        // Carts and checkout.
        .route("/customers/{customer_id}/carts", get(carts::list).post(carts::create))
        .route("/customers/{customer_id}/carts/{cart_id}", get(carts::get).put(carts::update))
        .route("/customers/{customer_id}/carts/{cart_id}/checkout", post(carts::checkout))
        // Orders and subscriptions.
        .route("/customers/{customer_id}/orders", get(orders::list))
        .route("/customers/{customer_id}/orders/{order_id}", get(orders::get))
        .route("/customers/{customer_id}/orders/{order_id}/provisioningstatus", get(orders::provisioning_status))
        .route("/customers/{customer_id}/subscriptions", get(subscriptions::list))
        // Usage of Azure plans (Partner Center §3.5).
        .route("/customers/{customer_id}/subscriptions/usagerecords", get(usage::subscription_records))
        .route("/customers/{customer_id}/subscriptions/{subscription_id}/usagesummary", get(usage::subscription_summary))
        .route("/customers/{customer_id}/subscriptions/{subscription_id}/meterusagerecords", get(usage::meter_records))
        .route(
            "/customers/{customer_id}/subscriptions/{subscription_id}/resourceusagerecords",
            get(usage::resource_records),
        )
        .route("/customers/{customer_id}/subscriptions/{subscription_id}", get(subscriptions::get).patch(subscriptions::patch))
        .route("/customers/{customer_id}/subscriptions/{subscription_id}/history", get(subscriptions::history))
        .route(
            "/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements",
            get(subscriptions::azure_entitlements).post(subscriptions::add_azure_entitlement),
        )
        .route(
            "/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements/{entitlement_id}/cancel",
            post(subscriptions::cancel_azure_entitlement),
        )
        .route(
            "/customers/{customer_id}/subscriptions/{subscription_id}/provisioningstatus",
            get(subscriptions::provisioning_status),
        )
        .route("/customers/{customer_id}/subscriptions/{subscription_id}/registrations", post(subscriptions::register))
        .route(
            "/customers/{customer_id}/subscriptions/{subscription_id}/registrationstatus",
            get(subscriptions::registration_status),
        )
        .route(
            "/customers/{customer_id}/subscriptions/{subscription_id}/supportcontact",
            get(subscriptions::support_contact).put(subscriptions::set_support_contact),
        )
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), rate_limit::per_customer));

    let api = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(me::get))
        .route("/customers", get(customers::list))
        .route("/customers/{customer_id}", get(customers::get))
        // Usage coming in, and the API keys it is sent with (our extension).
        .route("/apikeys", get(usage::list_keys).post(usage::create_key))
        .route("/apikeys/{key_id}", delete(usage::revoke_key))
        // A full batch of 5,000 records is a few megabytes.
        .route("/usage/records", post(usage::ingest).layer(DefaultBodyLimit::max(16 * 1024 * 1024)))
        .route("/customers/{customer_id}/usagebudget", get(usage::get_budget).patch(usage::set_budget))
        .route("/customers/{customer_id}/usagesummary", get(usage::customer_summary))
        .route("/customers/{customer_id}/usagesummary/daily", get(usage::daily))
        .route("/customers/usagerecords", get(usage::customer_records))
        .route("/usagesummary", get(usage::partner_summary))
        .route("/customers/{customer_id}/usagealerts", get(usage::customer_alerts))
        .route("/usagealerts", get(usage::partner_alerts))
        // Defender for IoT plans (our extension).
        .route("/customers/{customer_id}/defenderplans", get(defender::list).post(defender::onboard))
        .route("/customers/{customer_id}/defenderplans/estimate", get(defender::estimate))
        .route(
            "/customers/{customer_id}/defenderplans/{subscription_id}",
            get(defender::get).patch(defender::change).delete(defender::offboard),
        )
        .route(
            "/customers/{customer_id}/defenderplans/{subscription_id}/sensors",
            get(defender::sensors).post(defender::add_sensor),
        )
        .route(
            "/customers/{customer_id}/defenderplans/{subscription_id}/sensors/{sensor_name}",
            delete(defender::delete_sensor),
        )
        // Catalog, by country.
        .route("/products", get(catalog::products))
        .route("/products/{product_id}", get(catalog::product))
        .route("/products/{product_id}/skus", get(catalog::skus))
        .route("/products/{product_id}/skus/{sku_id}", get(catalog::sku))
        .route("/products/{product_id}/skus/{sku_id}/availabilities", get(catalog::availabilities))
        .route("/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}", get(catalog::availability))
        // Catalog, for a customer.
        .route("/customers/{customer_id}/availabilities", get(catalog::customer_purchasable))
        .route("/customers/{customer_id}/products", get(catalog::customer_products))
        .route("/customers/{customer_id}/products/{product_id}", get(catalog::customer_product))
        .route("/customers/{customer_id}/products/{product_id}/skus", get(catalog::customer_skus))
        .route("/customers/{customer_id}/products/{product_id}/skus/{sku_id}", get(catalog::customer_sku))
        .route(
            "/customers/{customer_id}/products/{product_id}/skus/{sku_id}/availabilities",
            get(catalog::customer_sku_availabilities),
        )
        .route(
            "/customers/{customer_id}/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
            get(catalog::customer_availability),
        )
        // Product upgrades; Partner Center spells the path both ways.
        .route("/productUpgrades/eligibility", post(upgrades::check_eligibility))
        .route("/productupgrades/eligibility", post(upgrades::check_eligibility))
        .route("/productUpgrades", post(upgrades::create))
        .route("/productupgrades", post(upgrades::create))
        .route("/productUpgrades/{upgrade_id}/status", post(upgrades::status))
        .route("/productupgrades/{upgrade_id}/status", post(upgrades::status))
        // Invoices (Partner Center §3.7; payments, notes and the CSV export are our extensions).
        .route("/invoices", get(invoices::list))
        .route("/invoices/summaries", get(invoices::summaries))
        .route("/invoices/closefailures", get(invoices::close_failures))
        .route("/invoices/unbilled/lineitems", get(invoices::unbilled_line_items))
        .route("/invoices/{invoice_id}", get(invoices::get))
        .route("/invoices/{invoice_id}/lineitems", get(invoices::line_items))
        .route("/invoices/{invoice_id}/lineitems/export", get(invoices::export))
        .route("/invoices/{invoice_id}/documents/statement", get(invoices::statement))
        .route("/invoices/{invoice_id}/payments", get(invoices::payments).post(invoices::record_payment))
        .route("/invoices/{invoice_id}/amendments", post(invoices::amend))
        .merge(commerce)
        .fallback(fallback::not_found)
        .method_not_allowed_fallback(fallback::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::refuse_cross_site))
        // Billing data must not linger in shared or back-button caches.
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));

    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .nest("/v1", api)
        .fallback_service(spa(&state.config.dist_dir));
    if let Some(cors) = cors(&state.config.allowed_origins)? {
        router = router.layer(cors);
    }
    // Outermost last: every answer, a shed or panicked one included, gets its request id and
    // the security headers.
    let router = router
        .layer(CatchPanicLayer::custom(security::panic_response))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::limit_load))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(axum::middleware::from_fn(request_ids::middleware));
    Ok(router.with_state(state))
}

/// The built SPA: its files, and index.html for every other path so deep links such as
/// `/pricing` load the app, which then routes in the browser.
fn spa(dist: &Path) -> axum::routing::MethodRouter {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    axum::routing::get_service(files).layer(axum::middleware::map_response(revalidate_entry_points))
}

/// index.html and config.json name the current build and deployment, so browsers must revalidate
/// them; the other files have content hashes in their names and may be cached.
async fn revalidate_entry_points(mut response: Response) -> Response {
    let is_html_or_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if is_html_or_json {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// The Content-Security-Policy for the built SPA in `dist`, if there is one.
fn spa_policy(dist: &Path) -> anyhow::Result<Option<HeaderValue>> {
    let Ok(index) = std::fs::read_to_string(dist.join("index.html")) else { return Ok(None) };
    let config = std::fs::read_to_string(dist.join("config.json")).ok();
    let policy = security::content_security_policy(&index, config.as_deref());
    Ok(Some(HeaderValue::from_str(&policy).context("the SPA's Content-Security-Policy")?))
}

/// CORS for an SPA served from another origin; cookies need credentials, which rule out `*`.
fn cors(origins: &[String]) -> anyhow::Result<Option<CorsLayer>> {
    let origins: Vec<&str> = origins.iter().map(|o| o.trim()).filter(|o| !o.is_empty()).collect();
    if origins.is_empty() {
        return Ok(None);
    }
    let mut allowed = Vec::new();
    for origin in origins {
        let valid = (origin.starts_with("https://") || origin.starts_with("http://"))
            && !origin.ends_with('/')
            && origin
                .split("://")
                .nth(1)
                .is_some_and(|host| !host.is_empty() && !host.contains('/'));
        anyhow::ensure!(
            valid,
            "PORTAL_ALLOWED_ORIGINS: '{origin}' is not an origin such as https://portal.example.com (no path, no '*')"
        );
        allowed.push(HeaderValue::from_str(origin)?);
    }
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(allowed))
            .allow_credentials(true)
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
            .allow_headers([
                CONTENT_TYPE,
                ACCEPT,
                IF_MATCH,
                REQUEST_ID,
                CORRELATION_ID,
                CONTINUATION_TOKEN,
                HeaderName::from_static("x-locale"),
                security::CLIENT_HEADER,
            ])
            .expose_headers([
                REQUEST_ID,
                CORRELATION_ID,
                CONTINUATION_TOKEN,
                LOCATION,
                RETRY_AFTER,
                ETAG,
            ])
            .max_age(Duration::from_secs(3600)),
    ))
}

/// How long requests in flight may take to finish once the server is asked to stop.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(20);

/// A server bound to its port, database migrated, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    provisioning: Arc<Notify>,
    clock: Clock,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with_clock(config, Clock::system()).await
    }

    /// As `build`, going by `clock` (tests pass a manual one).
    pub async fn build_with_clock(config: Config, clock: Clock) -> anyhow::Result<Self> {
        let db = db::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        if config.demo_data {
            demo::ensure(&db, clock.now()).await.context("could not create the demo data")?;
            if config.demo_usage_days > 0 {
                usage_seed::seed(&db, clock.now().date(), config.demo_usage_days)
                    .await
                    .context("could not create the demo usage")?;
            }
            demo::ensure_invoices(&db, clock.now())
                .await
                .context("could not create the demo invoices")?;
        }
        if !config.dist_dir.join("index.html").is_file() {
            tracing::warn!(dist_dir = %config.dist_dir.display(), "no built SPA found; serving the API only");
        }
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .with_context(|| format!("cannot listen on {}:{}", config.host, config.port))?;
        let provisioning = Arc::new(Notify::new());
        let content_security_policy = spa_policy(&config.dist_dir)?;
        let in_flight = Arc::new(Semaphore::new(config.max_in_flight));
        let state = AppState {
            db: db.clone(),
            config: Arc::new(config),
            provisioning: provisioning.clone(),
            clock: clock.clone(),
            sign_in: Arc::default(),
            rate_leases: Arc::default(),
            in_flight,
            content_security_policy,
        };
        Ok(Self { listener, router: build_router(state)?, db, provisioning, clock })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves, and provisions orders, until `shutdown` completes; then lets requests in flight
    /// finish.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // The provisioning worker and the monthly close run beside the server and stop with it.
        let (stop, stopped) = watch::channel(false);
        let closer =
            tokio::spawn(invoicing::run(self.db.clone(), self.clock.clone(), stop.subscribe()));
        let worker = tokio::spawn(provisioning::run(
            self.db.clone(),
            self.clock,
            self.provisioning,
            stopped,
        ));
        // After the signal, requests in flight get SHUTDOWN_DEADLINE to finish; then we stop.
        let (signalled, on_signal) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            shutdown.await;
            let _ = signalled.send(());
        };
        let serve = axum::serve(
            self.listener,
            self.router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown);
        let deadline = async {
            match on_signal.await {
                Ok(()) => tokio::time::sleep(SHUTDOWN_DEADLINE).await,
                Err(_) => std::future::pending().await,
            }
        };
        let served = tokio::select! {
            served = serve => served,
            () = deadline => {
                tracing::warn!("requests still in flight after the shutdown deadline; stopping anyway");
                Ok(())
            }
        };
        let _ = stop.send(true);
        let _ = worker.await;
        let _ = closer.await;
        self.db.close().await;
        Ok(served?)
    }
}
