//! Usage: API keys (`/v1/apikeys`, partner global admins) and the ingestion of rated usage
//! records (`POST /v1/usage/records`, with an API key), both our extensions; the spending budget
//! and the customer's usage summary (Partner Center §3.5, §3.6).

mod budget;
mod ingest;
mod keys;
mod plans;
mod summaries;

use axum::extract::DefaultBodyLimit;
use portal_domain::BillingPeriod;
use portal_domain::billing::parse_day;
use serde::Deserialize;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, AppResult};
use crate::identity::User;
use crate::state::AppState;

/// API keys, usage coming in, and the partner's views: `/v1/apikeys…`, `/v1/usage/records`,
/// `/v1/usagesummary`, `/v1/usagealerts`, `/v1/customers/usagerecords`.
pub fn router() -> OpenApiRouter<AppState> {
    // A full batch of 5,000 records is a few megabytes.
    let ingestion = OpenApiRouter::new()
        .routes(routes!(ingest::ingest))
        .layer(DefaultBodyLimit::max(16 * 1024 * 1024));
    OpenApiRouter::new()
        .routes(routes!(keys::list_keys, keys::create_key))
        .routes(routes!(keys::revoke_key))
        .merge(ingestion)
        .routes(routes!(summaries::customer_records))
        .routes(routes!(summaries::partner_summary))
        .routes(routes!(budget::partner_alerts))
}

/// A customer's usage, budget and alerts, mounted under `/v1/customers/{customer_id}`, behind
/// its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(budget::get_budget, budget::set_budget))
        .routes(routes!(summaries::customer_summary))
        .routes(routes!(summaries::daily))
        .routes(routes!(budget::customer_alerts))
}

/// The usage of a customer's subscriptions (Partner Center §3.5), mounted under
/// `/v1/customers/{customer_id}` with the subscriptions, whose rate limit it shares.
pub fn subscription_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(plans::subscription_records))
        .routes(routes!(plans::subscription_summary))
        .routes(routes!(plans::meter_records))
        .routes(routes!(plans::resource_records))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PeriodQuery {
    /// The billing month, `YYYY-MM` (our extension); the current one by default.
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
