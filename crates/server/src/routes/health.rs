use axum::Json;
use axum::extract::State;
use portal_domain::ErrorCode;
use serde_json::{Value, json};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `/healthz`, outside `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz))
}

/// `GET /healthz`: 200 when the server can reach its database, for load balancers and probes.
#[utoipa::path(
    get,
    path = "/healthz",
    operation_id = "health",
    tag = "Operations",
    summary = "Whether the server can reach its database",
    description = "For load balancers and probes; outside `/v1`.",
    responses(
        (status = 200, description = "`{\"status\": \"ok\"}`", body = Object),
        (status = 503, description = "The database is unreachable", body = portal_domain::ApiErrorBody),
    )
)]
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
