//! 500 requests per minute per customer on the order, cart and subscription resources, as
//! Partner Center documents (reference §1.8). The count lives in the database, so every replica
//! of the server shares it. Only signed-in requests for a customer the caller may see count:
//! nobody can use up another tenant's allowance.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::customers;
use crate::timestamp;

pub const REQUESTS_PER_MINUTE: i64 = 500;

/// The minute `now` falls in.
fn window_start(now: OffsetDateTime) -> OffsetDateTime {
    now.replace_second(0).and_then(|t| t.replace_nanosecond(0)).unwrap_or(now)
}

/// Counts one request of `customer_id` in the current minute and returns the minute's count.
async fn count(db: &Db, customer_id: &str, window: &str, forget_before: &str) -> sqlx::Result<i64> {
    let (requests,): (i64,) = sqlx::query_as(
        "INSERT INTO rate_limit_windows (customer_id, window_start, requests) VALUES ($1, $2, 1)
         ON CONFLICT (customer_id, window_start) DO UPDATE SET requests = rate_limit_windows.requests + 1
         RETURNING requests",
    )
    .bind(customer_id)
    .bind(window)
    .fetch_one(db)
    .await?;
    if requests == 1 {
        // A new minute: the customer's old ones are no longer needed.
        sqlx::query("DELETE FROM rate_limit_windows WHERE customer_id = $1 AND window_start < $2")
            .bind(customer_id)
            .bind(forget_before)
            .execute(db)
            .await?;
    }
    Ok(requests)
}

/// Middleware for routes under `/customers/{customer_id}/…`.
pub async fn per_customer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(params): Path<Vec<(String, String)>>,
    request: Request,
    next: Next,
) -> AppResult<Response> {
    let customer_id = params.iter().find(|(name, _)| name == "customer_id").map(|(_, v)| v.clone());
    let Some(customer_id) = customer_id else { return Ok(next.run(request).await) };
    // A customer the caller cannot see answers 404 from the handler, without counting.
    if customers::find(&state.db, &user.user.scope(), &customer_id).await?.is_none() {
        return Ok(next.run(request).await);
    }
    let now = state.clock.now();
    let window = window_start(now);
    let requests = count(
        &state.db,
        &customer_id,
        &timestamp::to_text(window),
        &timestamp::to_text(window - time::Duration::minutes(10)),
    )
    .await?;
    if requests > REQUESTS_PER_MINUTE {
        let wait = (window + time::Duration::minutes(1) - now).whole_seconds().max(1);
        tracing::warn!(customer_id = %customer_id, requests, "rate limit exceeded");
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
    use time::macros::datetime;

    #[test]
    fn windows_are_whole_minutes() {
        assert_eq!(
            window_start(datetime!(2026-11-21 10:05:59.999 UTC)),
            datetime!(2026-11-21 10:05 UTC)
        );
        assert_eq!(window_start(datetime!(2026-11-21 10:05 UTC)), datetime!(2026-11-21 10:05 UTC));
    }
}
