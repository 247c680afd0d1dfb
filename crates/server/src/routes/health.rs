use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing;
use portal_domain::ErrorCode;
use serde_json::{Value, json};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `/healthz`, outside `/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", routing::get(healthz))
}

/// `GET /healthz`: 200 when the server can reach its database, for load balancers and probes.
pub async fn healthz(State(state): State<AppState>) -> AppResult<Json<Value>> {
    match sqlx::query("SELECT 1").execute(&state.db).await {
        Ok(_) => Ok(Json(json!({ "status": "ok" }))),
        Err(e) => {
            tracing::error!(error = %e, "health check cannot reach the database");
            Err(AppError::new(
                ErrorCode::ServiceUnavailable,
                "The database is unreachable; try again shortly.",
            ))
        }
    }
}
