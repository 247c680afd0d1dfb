//! Prometheus metrics, served at `/metrics` on a listener of their own (`PORTAL_METRICS_ADDR`),
//! never on the public port: they tell how the business runs (sign-in failures, usage volumes).
//! Every series an alert may watch exists from the start at zero, so a rule never meets an
//! absent series.
//!
//! Counted where things happen: requests by route template ([`record_requests`]), sign-in
//! failures and refusals, rate-limit and load-shedding refusals, usage records, and each pass of
//! the background work (orders, upgrades and registrations provisioned, the month's close). Read
//! at each scrape: the database pool's connections and the work waiting in the queues. The time
//! of each database statement comes from sqlx's own per-statement event ([`query_times`]).

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::Context;

use crate::db::Db;
use crate::state::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    /// The route's template (`/v1/customers/{customer_id}`), never the path itself, which would
    /// make a series per customer; `static` for the SPA's files, `unmatched` for the rest.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobOutcomeLabels {
    job: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

/// Why a sign-in did not succeed.
#[derive(Debug, Clone, Copy)]
pub enum SignInFailure {
    /// Wrong email or password.
    Credentials,
    /// The account had too many failed attempts (a lockout).
    AccountLocked,
    /// Too many attempts from the client's address.
    AddressLimit,
    /// Every password check was busy.
    Busy,
}

impl SignInFailure {
    const ALL: [SignInFailure; 4] =
        [Self::Credentials, Self::AccountLocked, Self::AddressLimit, Self::Busy];

    fn label(self) -> &'static str {
        match self {
            Self::Credentials => "credentials",
            Self::AccountLocked => "account_locked",
            Self::AddressLimit => "address_limit",
            Self::Busy => "busy",
        }
    }
}

/// A request refused to protect the service.
#[derive(Debug, Clone, Copy)]
pub enum Refusal {
    /// A customer's 500 requests a minute were used up (429).
    CustomerRate,
    /// Too many requests in flight on this replica (503).
    Load,
    /// The request took longer than `PORTAL_REQUEST_TIMEOUT_SECS` (503).
    Timeout,
}

impl Refusal {
    const ALL: [Refusal; 3] = [Self::CustomerRate, Self::Load, Self::Timeout];

    fn label(self) -> &'static str {
        match self {
            Self::CustomerRate => "customer_rate",
            Self::Load => "load",
            Self::Timeout => "timeout",
        }
    }
}

/// The background work, as the `job` label names it.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    Orders,
    Upgrades,
    Registrations,
    MonthClose,
}

impl Job {
    const ALL: [Job; 4] = [Self::Orders, Self::Upgrades, Self::Registrations, Self::MonthClose];

    fn label(self) -> &'static str {
        match self {
            Self::Orders => "orders",
            Self::Upgrades => "upgrades",
            Self::Registrations => "registrations",
            Self::MonthClose => "month_close",
        }
    }
}

/// What one pass of a background job did: items done and items that failed (an order that could
/// not be provisioned, a customer the close could not invoice).
#[derive(Debug, Default, Clone, Copy)]
pub struct Pass {
    pub done: u64,
    pub failed: u64,
}

/// Every statement's time, from sqlx's per-statement event. One per process, like the tracing
/// subscriber that feeds it; each server's registry shows it.
static QUERY_SECONDS: LazyLock<Histogram> =
    LazyLock::new(|| Histogram::new(exponential_buckets(0.0001, 2.5, 12)));

/// The server's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    request_seconds: Family<RouteLabels, Histogram>,
    sign_in_failures: Family<ReasonLabels, Counter>,
    refusals: Family<ReasonLabels, Counter>,
    usage_records: Family<OutcomeLabels, Counter>,
    job_items: Family<JobOutcomeLabels, Counter>,
    job_errors: Family<JobLabels, Counter>,
    job_seconds: Family<JobLabels, Histogram>,
    queued: Family<JobLabels, Gauge>,
    close_failed_customers: Gauge,
    pool: Family<PoolLabels, Gauge>,
}

impl Metrics {
    pub fn new(pool_max: u32) -> Self {
        let mut registry = Registry::with_prefix("portal");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        let request_seconds = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 16))
        });
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request (to its headers; a streamed body may take longer)",
            request_seconds.clone(),
        );
        let sign_in_failures = Family::<ReasonLabels, Counter>::default();
        registry.register(
            "sign_in_failures",
            "Sign-ins that failed (credentials) or were refused (account_locked: a lockout; address_limit; busy)",
            sign_in_failures.clone(),
        );
        // `get_or_create` without a use: the series exists, at zero.
        for failure in SignInFailure::ALL {
            let _ = sign_in_failures.get_or_create(&ReasonLabels { reason: failure.label() });
        }
        let refusals = Family::<ReasonLabels, Counter>::default();
        registry.register(
            "refused_requests",
            "Requests refused to protect the service: a customer's rate limit (429), load shedding and timeouts (503)",
            refusals.clone(),
        );
        for refusal in Refusal::ALL {
            let _ = refusals.get_or_create(&ReasonLabels { reason: refusal.label() });
        }
        let usage_records = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "usage_records",
            "Usage records received: accepted (stored), duplicate (received before), rejected (invalid)",
            usage_records.clone(),
        );
        for outcome in ["accepted", "duplicate", "rejected"] {
            let _ = usage_records.get_or_create(&OutcomeLabels { outcome });
        }
        let job_items = Family::<JobOutcomeLabels, Counter>::default();
        registry.register(
            "background_items",
            "Items the background work finished (done) or could not (failed): orders, upgrades, registrations, customers invoiced by the month's close",
            job_items.clone(),
        );
        let job_errors = Family::<JobLabels, Counter>::default();
        registry.register(
            "background_errors",
            "Passes of the background work that stopped on an error (retried on the next pass)",
            job_errors.clone(),
        );
        let job_seconds = Family::<JobLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 4.0, 10))
        });
        registry.register(
            "background_pass_duration_seconds",
            "Time of one pass of the background work",
            job_seconds.clone(),
        );
        let queued = Family::<JobLabels, Gauge>::default();
        registry.register(
            "background_queue_depth",
            "Work waiting: orders to provision, upgrades due, registrations in progress",
            queued.clone(),
        );
        for job in Job::ALL {
            for outcome in ["done", "failed"] {
                let _ = job_items.get_or_create(&JobOutcomeLabels { job: job.label(), outcome });
            }
            let _ = job_errors.get_or_create(&JobLabels { job: job.label() });
        }
        let close_failed_customers = Gauge::default();
        registry.register(
            "month_close_failed_customers",
            "Customers the last close of a month could not invoice (GET /v1/invoices/closefailures says why)",
            close_failed_customers.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register("db_pool_connections", "Database connections open", pool.clone());
        let pool_max_gauge = Gauge::<i64>::default();
        pool_max_gauge.set(i64::from(pool_max));
        registry.register(
            "db_pool_max_connections",
            "Database connections the pool may open",
            pool_max_gauge,
        );
        registry.register(
            "db_query_duration_seconds",
            "Time of each database statement",
            QUERY_SECONDS.clone(),
        );
        Metrics {
            registry,
            requests,
            request_seconds,
            sign_in_failures,
            refusals,
            usage_records,
            job_items,
            job_errors,
            job_seconds,
            queued,
            close_failed_customers,
            pool,
        }
    }

    pub fn sign_in_failed(&self, failure: SignInFailure) {
        self.sign_in_failures.get_or_create(&ReasonLabels { reason: failure.label() }).inc();
    }

    pub fn refused(&self, refusal: Refusal) {
        self.refusals.get_or_create(&ReasonLabels { reason: refusal.label() }).inc();
    }

    pub fn usage_received(&self, accepted: usize, duplicate: usize, rejected: usize) {
        for (outcome, count) in
            [("accepted", accepted), ("duplicate", duplicate), ("rejected", rejected)]
        {
            self.usage_records.get_or_create(&OutcomeLabels { outcome }).inc_by(count as u64);
        }
    }

    /// One pass of `job`, from `started`: what it did, or the error that stopped it.
    pub fn pass<E>(&self, job: Job, started: Instant, result: &Result<Pass, E>) {
        let labels = JobLabels { job: job.label() };
        self.job_seconds.get_or_create(&labels).observe(started.elapsed().as_secs_f64());
        match result {
            Ok(pass) => {
                for (outcome, count) in [("done", pass.done), ("failed", pass.failed)] {
                    self.job_items
                        .get_or_create(&JobOutcomeLabels { job: job.label(), outcome })
                        .inc_by(count);
                }
            }
            Err(_) => {
                self.job_errors.get_or_create(&labels).inc();
            }
        }
    }

    /// After a month's close: how many customers it could not invoice.
    pub fn month_closed(&self, failed_customers: u64) {
        self.close_failed_customers.set(failed_customers as i64);
    }

    fn request(&self, method: &str, route: &str, status: StatusCode, elapsed: Duration) {
        let (method, route) = (method.to_owned(), route.to_owned());
        self.requests
            .get_or_create(&RequestLabels {
                method: method.clone(),
                route: route.clone(),
                status: status.as_u16(),
            })
            .inc();
        self.request_seconds
            .get_or_create(&RouteLabels { method, route })
            .observe(elapsed.as_secs_f64());
    }

    /// The text a scrape gets: the pool and the queues read now, then every series.
    async fn render(&self, db: &Db) -> Result<String, sqlx::Error> {
        let idle = db.num_idle() as i64;
        self.pool.get_or_create(&PoolLabels { state: "idle" }).set(idle);
        self.pool.get_or_create(&PoolLabels { state: "in_use" }).set(i64::from(db.size()) - idle);
        let (orders, upgrades, registrations): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM orders WHERE status = 'pending'),
                    (SELECT COUNT(*) FROM product_upgrades WHERE status = 'inProgress'),
                    (SELECT COUNT(*) FROM subscription_registrations WHERE status = 'registering')",
        )
        .fetch_one(db)
        .await?;
        for (job, count) in
            [(Job::Orders, orders), (Job::Upgrades, upgrades), (Job::Registrations, registrations)]
        {
            self.queued.get_or_create(&JobLabels { job: job.label() }).set(count);
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .expect("writing to a String cannot fail");
        Ok(text)
    }
}

/// `GET /metrics`, on the metrics listener.
pub async fn scrape(State(state): State<AppState>) -> Response {
    match state.metrics.render(&state.db).await {
        Ok(text) => (
            [(
                CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                ),
            )],
            text,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "metrics: the database could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The route a request matched, passed from inside the router (where axum knows it) out to
/// [`record_requests`] on the response.
#[derive(Clone)]
struct MatchedRoute(MatchedPath);

/// Middleware inside the API router: notes the matched route's template on the response.
pub async fn note_route(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(MatchedRoute(matched));
    }
    response
}

/// Outermost middleware: counts and times every answer, shed and panicked ones included.
pub async fn record_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let is_api = request.uri().path().starts_with("/v1/") || request.uri().path() == "/v1";
    let response = next.run(request).await;
    let route = match response.extensions().get::<MatchedRoute>() {
        Some(MatchedRoute(matched)) => matched.as_str(),
        None if is_api => "unmatched",
        None => "static",
    };
    state.metrics.request(method.as_str(), route, response.status(), started.elapsed());
    response
}

/// The tracing layer that times every database statement ([`QueryTimeLayer`]), with a filter of
/// its own that lets through only sqlx's statement events (sent at `DEBUG`, slow ones at
/// `WARN`), so the log's level for sqlx stays as `RUST_LOG` says.
pub fn query_times<S>() -> impl tracing_subscriber::Layer<S>
where
    S: Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    use tracing_subscriber::Layer;
    let statements = tracing_subscriber::filter::Targets::new()
        .with_target("sqlx::query", tracing::Level::DEBUG);
    QueryTimeLayer.with_filter(statements)
}

/// Times every database statement, from the event sqlx sends when each one finishes (target
/// `sqlx::query`, field `elapsed_secs`).
struct QueryTimeLayer;

impl<S: Subscriber> tracing_subscriber::Layer<S> for QueryTimeLayer {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        struct Elapsed(Option<f64>);
        impl Visit for Elapsed {
            fn record_f64(&mut self, field: &Field, value: f64) {
                if field.name() == "elapsed_secs" {
                    self.0 = Some(value);
                }
            }
            fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
        }
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let mut elapsed = Elapsed(None);
        event.record(&mut elapsed);
        if let Some(seconds) = elapsed.0 {
            QUERY_SECONDS.observe(seconds);
        }
    }
}
