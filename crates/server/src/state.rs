use std::sync::Arc;

use axum::http::HeaderValue;
use tokio::sync::{Notify, Semaphore};

use crate::auth::sign_in_limits::SignInLimits;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::rate_limit::Leases;

/// What every handler can reach. Cheap to clone; the server keeps no other state, so any number
/// of replicas can run behind a load balancer.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Wakes the provisioning worker after a checkout.
    pub provisioning: Arc<Notify>,
    pub clock: Clock,
    /// This replica's sign-in limits: hashing slots and attempts per client address.
    pub sign_in: Arc<SignInLimits>,
    /// This replica's share of each customer's request rate (`rate_limit`).
    pub rate_leases: Arc<Leases>,
    /// Requests in flight (`security::limit_load`).
    pub in_flight: Arc<Semaphore>,
    /// The SPA's Content-Security-Policy, made from its built `index.html`; None without one.
    pub content_security_policy: Option<HeaderValue>,
    /// Sends invitations when SMTP is configured.
    pub mailer: Arc<Mailer>,
    /// What `/metrics` reports (on its own listener, `PORTAL_METRICS_ADDR`).
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// The state of a server on `db` configured by `config`, going by `clock`.
    pub fn new(db: Db, config: Config, clock: Clock) -> anyhow::Result<Self> {
        Ok(AppState {
            content_security_policy: crate::app::spa_policy(&config.dist_dir)?,
            mailer: Arc::new(Mailer::new(config.smtp_url.as_deref(), &config.smtp_from)?),
            in_flight: Arc::new(Semaphore::new(config.max_in_flight)),
            metrics: Arc::new(Metrics::new(db.options().get_max_connections())),
            db,
            config: Arc::new(config),
            provisioning: Arc::new(Notify::new()),
            clock,
            sign_in: Arc::default(),
            rate_leases: Arc::default(),
        })
    }

    /// Where people open the portal (no trailing slash): links sent to them start with it.
    pub fn public_url(&self) -> &str {
        self.config.public_url.as_deref().unwrap_or(DEFAULT_PUBLIC_URL).trim_end_matches('/')
    }
}

/// The portal's address when neither `PORTAL_PUBLIC_URL` nor a bound port says otherwise.
const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";
