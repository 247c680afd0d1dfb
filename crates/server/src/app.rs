//! The router and the running server.

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::Request;
use axum::http::header::{
    ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_MATCH, LOCATION, RETRY_AFTER,
};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, Db};
use crate::demo;
use crate::invoicing;
use crate::metrics;
use crate::openapi;
use crate::paging::CONTINUATION_TOKEN;
use crate::provisioning;
use crate::request_ids::{self, CORRELATION_ID, REQUEST_ID};
use crate::routes;
use crate::security;
use crate::state::AppState;
use crate::usage_seed;

pub fn build_router(state: AppState) -> anyhow::Result<Router> {
    let (api, description) = routes::api(&state).split_for_parts();
    let (health, outside) = routes::health::router().split_for_parts();
    let description = openapi::complete(description, outside);
    let api = api
        .route("/openapi.json", openapi::served(&description)?)
        .fallback(routes::fallback::not_found)
        .method_not_allowed_fallback(routes::fallback::method_not_allowed)
        // Users who reach only some subscriptions reach nothing else (auth::scoped).
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::auth::scoped::restrict))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::refuse_cross_site))
        // Billing data must not linger in shared or back-button caches.
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        // Last, so the route is noted on every answer of the route, a refused one too.
        .layer(axum::middleware::from_fn(metrics::note_route));

    let mut router = Router::new()
        .merge(health.layer(axum::middleware::from_fn(metrics::note_route)))
        .merge(openapi::reference_page())
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
        .layer(axum::middleware::from_fn(request_ids::middleware))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::record_requests));
    Ok(router.with_state(state))
}

/// The built SPA: its files, and index.html for every other path so deep links such as
/// `/pricing` load the app, which then routes in the browser. The build puts a brotli and a gzip
/// copy beside each file (scripts/precompress.mjs); browsers that accept one get it.
fn spa(dist: &Path) -> axum::routing::MethodRouter {
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    axum::routing::get(move |request: Request| serve_spa(files.clone(), index.clone(), request))
}

/// Files whose names carry a hash of their content (Trunk's `main-<hash>.css`, the wasm build's
/// `app-<hash>/`) never change, so browsers keep them for a year without asking; one that is
/// missing (a chunk of an older build) is a 404, never index.html under its name. index.html and
/// config.json name the current build and deployment, so everything else is revalidated.
async fn serve_spa(files: ServeDir, index: ServeFile, request: Request) -> Response {
    use axum::response::IntoResponse;
    use tower::ServiceExt;

    let hashed = names_content_hash(request.uri().path());
    let accept_encoding = request.headers().get(ACCEPT_ENCODING).cloned();
    let mut response = files.oneshot(request).await.into_response();
    if response.status() == StatusCode::NOT_FOUND && !hashed {
        let mut index_request = Request::new(axum::body::Body::empty());
        if let Some(accept_encoding) = accept_encoding {
            index_request.headers_mut().insert(ACCEPT_ENCODING, accept_encoding);
        }
        response = index.oneshot(index_request).await.into_response();
    }
    let policy = if hashed && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Whether a path has a segment with `-` and 16 hex digits, Trunk's and our build's hash.
fn names_content_hash(path: &str) -> bool {
    path.split('/').any(|segment| {
        segment.match_indices('-').any(|(at, _)| {
            let hash = &segment[at + 1..];
            hash.len() >= 16
                && hash.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
                && matches!(hash.as_bytes().get(16), None | Some(b'.' | b'_'))
        })
    })
}

/// The Content-Security-Policy for the built SPA in `dist`, if there is one.
pub(crate) fn spa_policy(dist: &Path) -> anyhow::Result<Option<HeaderValue>> {
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

/// Checks `PORTAL_PUBLIC_URL`, or makes it this server's own address when it is not set.
fn check_public_url(config: &mut Config, bound: SocketAddr) -> anyhow::Result<()> {
    match &config.public_url {
        Some(url) => anyhow::ensure!(
            (url.starts_with("https://") || url.starts_with("http://")) && !url.contains('#'),
            "PORTAL_PUBLIC_URL: '{url}' is not an address such as https://portal.example.com"
        ),
        None => {
            if bound.ip().is_unspecified() {
                tracing::warn!(
                    "PORTAL_PUBLIC_URL is not set: invitation links will name 127.0.0.1"
                );
            }
            let host = if bound.ip().is_unspecified() {
                "127.0.0.1".to_owned()
            } else {
                bound.ip().to_string()
            };
            config.public_url = Some(format!("http://{host}:{}", bound.port()));
        }
    }
    Ok(())
}

/// How long requests in flight may take to finish once the server is asked to stop.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(20);

/// A server bound to its port, database migrated, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    /// `/metrics`, when `PORTAL_METRICS_ADDR` asks for it.
    metrics: Option<(TcpListener, Router)>,
    /// What the router, the metrics and the background work share.
    state: AppState,
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
                usage_seed::seed(&db, clock.now().date_naive(), config.demo_usage_days)
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
        let metrics_listener = match config.metrics_addr {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("PORTAL_METRICS_ADDR: cannot listen on {addr}"))?,
            ),
            None => None,
        };
        let mut config = config;
        check_public_url(&mut config, listener.local_addr()?)?;
        let state = AppState::new(db, config, clock)?;
        let metrics = metrics_listener.map(|listener| {
            let router = Router::new()
                .route("/metrics", axum::routing::get(metrics::scrape))
                .with_state(state.clone());
            (listener, router)
        });
        Ok(Self { listener, router: build_router(state.clone())?, metrics, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Where `/metrics` is served, if it is.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|(listener, _)| listener.local_addr().ok())
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// Where people open the portal (`PORTAL_PUBLIC_URL`, or this server's address).
    pub fn public_url(&self) -> &str {
        self.state.public_url()
    }

    /// Serves, and provisions orders, until `shutdown` completes; then lets requests in flight
    /// finish.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // The provisioning worker and the monthly close run beside the server and stop with it.
        let (stop, stopped) = watch::channel(false);
        let AppState { db, clock, metrics, provisioning, .. } = self.state.clone();
        let closer = tokio::spawn(invoicing::run(
            db.clone(),
            clock.clone(),
            metrics.clone(),
            stop.subscribe(),
        ));
        let expiry = tokio::spawn(routes::relationships::run_expiry(
            db.clone(),
            clock.clone(),
            stop.subscribe(),
        ));
        let worker =
            tokio::spawn(provisioning::run(db.clone(), clock, metrics, provisioning, stopped));
        // Metrics are served until the server stops, unhurried by the shutdown deadline.
        let metrics_server = self.metrics.map(|(listener, router)| {
            let mut stop = stop.subscribe();
            tokio::spawn(
                axum::serve(listener, router)
                    .with_graceful_shutdown(async move {
                        let _ = stop.changed().await;
                    })
                    .into_future(),
            )
        });
        // After the signal, requests in flight get SHUTDOWN_DEADLINE to finish; then we stop.
        let (signalled, on_signal) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            shutdown.await;
            let _ = signalled.send(());
        };
        // Without TCP_NODELAY a file's body, written after its headers, waits for the browser's
        // delayed acknowledgement of them (Nagle): up to 40 ms a file, which a page of 25 small
        // chunk files paid in every round of its six connections.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::warn!(%err, "could not set TCP_NODELAY on a connection");
            }
        });
        let serve =
            axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
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
        let _ = expiry.await;
        if let Some(metrics_server) = metrics_server {
            let _ = metrics_server.await;
        }
        db.close().await;
        Ok(served?)
    }
}

#[cfg(test)]
mod tests {
    use super::names_content_hash;

    #[test]
    fn hashed_names_are_those_of_the_build() {
        for hashed in [
            "/main-ffe6333af87b2cd6.css",
            "/favicon-1560a4bb878c51e5.svg",
            "/app-7f5196e38d8ac67b/split_invoices.wasm",
            "/app-7f5196e38d8ac67b/portal-app_bg.wasm.br",
        ] {
            assert!(names_content_hash(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/config.json",
            "/invoices/abc",
            "/main-ffe6333a.css",
            "/x-ffe6333af87b2cd6z",
        ] {
            assert!(!names_content_hash(plain), "{plain}");
        }
    }
}
