//! Usage: API keys (`/v1/apikeys`, partner global admins) and the ingestion of rated usage
//! records (`POST /v1/usage/records`, with an API key), both our extensions; the spending budget
//! and the customer's usage summary (Partner Center §3.5, §3.6).

mod budget;
mod ingest;
mod keys;
mod plans;
mod summaries;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing;
use portal_domain::BillingPeriod;
use portal_domain::billing::parse_day;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::identity::User;
use crate::state::AppState;

/// API keys, usage coming in, and the partner's views: `/v1/apikeys…`, `/v1/usage/records`,
/// `/v1/usagesummary`, `/v1/usagealerts`, `/v1/customers/usagerecords`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/apikeys", routing::get(keys::list_keys).post(keys::create_key))
        .route("/apikeys/{key_id}", routing::delete(keys::revoke_key))
        // A full batch of 5,000 records is a few megabytes.
        .route(
            "/usage/records",
            routing::post(ingest::ingest).layer(DefaultBodyLimit::max(16 * 1024 * 1024)),
        )
        .route("/customers/usagerecords", routing::get(summaries::customer_records))
        .route("/usagesummary", routing::get(summaries::partner_summary))
        .route("/usagealerts", routing::get(budget::partner_alerts))
}

/// A customer's usage, budget and alerts, mounted under `/v1/customers/{customer_id}`, behind
/// its visibility guard.
pub fn customer_router() -> Router<AppState> {
    Router::new()
        .route("/usagebudget", routing::get(budget::get_budget).patch(budget::set_budget))
        .route("/usagesummary", routing::get(summaries::customer_summary))
        .route("/usagesummary/daily", routing::get(summaries::daily))
        .route("/usagealerts", routing::get(budget::customer_alerts))
}

/// The usage of a customer's subscriptions (Partner Center §3.5), mounted under
/// `/v1/customers/{customer_id}` with the subscriptions, whose rate limit it shares.
pub fn subscription_router() -> Router<AppState> {
    let one = "/subscriptions/{subscription_id}";
    Router::new()
        .route("/subscriptions/usagerecords", routing::get(plans::subscription_records))
        .route(&format!("{one}/usagesummary"), routing::get(plans::subscription_summary))
        .route(&format!("{one}/meterusagerecords"), routing::get(plans::meter_records))
        .route(&format!("{one}/resourceusagerecords"), routing::get(plans::resource_records))
}

#[derive(Debug, Deserialize)]
pub(super) struct PeriodQuery {
    pub(super) period: Option<String>,
}

/// The billing period asked for (`?period=2026-10`, our extension), the current one otherwise.
pub(super) fn period(state: &AppState, asked: Option<&str>) -> AppResult<BillingPeriod> {
    let today = state.clock.now().date_naive();
    match asked {
        None => Ok(BillingPeriod::containing(today)),
        Some(text) => parse_day(&format!("{}-01", text.trim()))
            .filter(|day| text.trim().len() == 7 && *day <= today)
            .map(BillingPeriod::containing)
            .ok_or_else(|| {
                AppError::invalid_field(
                    "period",
                    "must be a month such as 2026-10, not in the future",
                )
            }),
    }
}

pub(super) fn days(period: BillingPeriod) -> (String, String) {
    (period.start.to_string(), period.end.to_string())
}

/// The partner of a partner user, or 403 for customer users.
pub(super) fn partner_of(user: &User) -> AppResult<&str> {
    super::partner_of(user, "see the usage of every customer: it is for the partner's staff")
}
