//! 500 requests per minute per customer on the order, cart and subscription resources, as
//! Partner Center documents (reference §1.8). Only signed-in requests for a customer the caller
//! may see count: nobody can use up another tenant's allowance.
//!
//! The count is shared by every replica through the database, without a write per request: a
//! replica takes the right to [`LEASE`] requests at a time from the customer's minute
//! (`rate_limit_windows.requests` counts what has been handed out; of the lease that reaches
//! the limit only the part under it is granted) and serves them from memory. So the limit is never exceeded, one replica serves exactly 500, and N
//! replicas serve at least `500 − (N − 1) × (LEASE − 1)` (the unused rest of their last leases):
//! within 5% for two. One write per 25 requests instead of one per request keeps reads from
//! contending with long write transactions.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Timelike, Utc};
use serde_json::json;

use crate::auth::access::VisibleCustomer;
use crate::db::Db;
use crate::error::AppResult;
use crate::metrics::Refusal;
use crate::state::AppState;
use crate::timestamp;

pub const REQUESTS_PER_MINUTE: i64 = 500;
/// Requests a replica takes from a customer's minute at once: 5% of the limit.
pub const LEASE: i64 = 25;

/// The minute `now` falls in.
fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(now)
}

/// What this replica may still serve of each customer's current minute.
#[derive(Default)]
pub struct Leases {
    by_customer: Mutex<HashMap<String, Lease>>,
}

#[derive(Debug, Clone, Copy)]
struct Lease {
    window: DateTime<Utc>,
    remaining: i64,
    /// The minute's allowance is all handed out: refuse without asking the database again.
    exhausted: bool,
}

impl Leases {
    /// Takes one request from the customer's lease for `window`: Some(true) served from the lease,
    /// Some(false) the minute is used up, None when a new lease is needed.
    fn take(&self, customer_id: &str, window: DateTime<Utc>) -> Option<bool> {
        let mut leases = self.by_customer.lock().unwrap_or_else(|e| e.into_inner());
        let lease = leases.get_mut(customer_id).filter(|l| l.window == window)?;
        if lease.remaining > 0 {
            lease.remaining -= 1;
            Some(true)
        } else if lease.exhausted {
            Some(false)
        } else {
            None
        }
    }

    /// Adds `granted` requests (one of which is used now) to the customer's lease for `window`.
    fn add(&self, customer_id: &str, window: DateTime<Utc>, granted: i64) -> bool {
        let mut leases = self.by_customer.lock().unwrap_or_else(|e| e.into_inner());
        // Old minutes are of no use: forget them so the map holds one entry per active customer.
        if leases.len() > 10_000 {
            leases.retain(|_, l| l.window >= window);
        }
        let lease = leases.entry(customer_id.to_owned()).or_insert(Lease {
            window,
            remaining: 0,
            exhausted: false,
        });
        if lease.window != window {
            *lease = Lease { window, remaining: 0, exhausted: false };
        }
        if granted == 0 {
            lease.exhausted = true;
            return false;
        }
        lease.remaining += granted - 1;
        lease.exhausted = granted < LEASE;
        true
    }
}

/// Takes up to `LEASE` requests of the customer's minute from the shared count; returns how many
/// were granted (0 when the minute is used up). One statement, so replicas never hand out more
/// than the limit between them.
async fn lease(db: &Db, customer_id: &str, window: &str, forget_before: &str) -> sqlx::Result<i64> {
    let handed_out: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO rate_limit_windows (customer_id, window_start, requests) VALUES ($1, $2, $3)
         ON CONFLICT (customer_id, window_start) DO UPDATE
             SET requests = rate_limit_windows.requests + excluded.requests
             WHERE rate_limit_windows.requests < $4
         RETURNING requests",
    )
    .bind(customer_id)
    .bind(window)
    .bind(LEASE)
    .bind(REQUESTS_PER_MINUTE)
    .fetch_optional(db)
    .await?;
    let Some((handed_out,)) = handed_out else { return Ok(0) };
    if handed_out == LEASE {
        // A new minute: the customer's old ones are no longer needed.
        sqlx::query("DELETE FROM rate_limit_windows WHERE customer_id = $1 AND window_start < $2")
            .bind(customer_id)
            .bind(forget_before)
            .execute(db)
            .await?;
    }
    // The last lease of a minute may reach past the limit; only what is under it is granted.
    Ok(LEASE - (handed_out - REQUESTS_PER_MINUTE).max(0))
}

/// Middleware for routes under `/customers/{customer_id}/…`, inside their visibility guard: a
/// customer the caller cannot see has been answered 404 already, without counting.
pub async fn per_customer(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    request: Request,
    next: Next,
) -> AppResult<Response> {
    let customer_id = customer.id;
    let now = state.clock.now();
    let window = window_start(now);
    let allowed = match state.rate_leases.take(&customer_id, window) {
        Some(allowed) => allowed,
        None => {
            let granted = lease(
                &state.db,
                &customer_id,
                &timestamp::to_text(window),
                &timestamp::to_text(window - TimeDelta::minutes(10)),
            )
            .await?;
            state.rate_leases.add(&customer_id, window, granted)
        }
    };
    if !allowed {
        let wait = (window + TimeDelta::minutes(1) - now).num_seconds().max(1);
        tracing::warn!(customer_id = %customer_id, "rate limit exceeded");
        state.metrics.refused(Refusal::CustomerRate);
        // Partner Center's 429 body differs from its error body (reference §1.8, §7).
        let body = json!({ "statusCode": 429, "message": format!("Rate limit is exceeded. Try again in {wait} seconds.") });
        let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return Ok(response);
    }
    Ok(next.run(request).await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn a_lease_is_served_from_memory_until_used_up() {
        let leases = Leases::default();
        let window = "2026-11-21T10:05:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(leases.take("c", window), None, "no lease yet");
        assert!(leases.add("c", window, LEASE));
        for _ in 1..LEASE {
            assert_eq!(leases.take("c", window), Some(true));
        }
        assert_eq!(leases.take("c", window), None, "used up: ask for another");
        // The minute's last, partial lease: then refused without asking again.
        assert!(leases.add("c", window, 3));
        assert_eq!((leases.take("c", window), leases.take("c", window)), (Some(true), Some(true)));
        assert_eq!(leases.take("c", window), Some(false));
        // A new minute starts afresh; other customers have their own.
        let next = "2026-11-21T10:06:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(leases.take("c", next), None);
        assert_eq!(leases.take("d", window), None);
        assert!(!leases.add("d", window, 0));
        assert_eq!(leases.take("d", window), Some(false));
    }

    #[test]
    fn windows_are_whole_minutes() {
        assert_eq!(
            window_start("2026-11-21T10:05:59.999Z".parse::<DateTime<Utc>>().unwrap()),
            "2026-11-21T10:05:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            window_start("2026-11-21T10:05:00Z".parse::<DateTime<Utc>>().unwrap()),
            "2026-11-21T10:05:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }
}
