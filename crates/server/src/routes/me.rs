use axum::Json;
use axum::Router;
use axum::routing;
use portal_domain::Me;

use crate::auth::CurrentUser;
use crate::state::AppState;

/// `/v1/me`.
pub fn router() -> Router<AppState> {
    Router::new().route("/me", routing::get(get))
}

/// `GET /v1/me`: the signed-in user.
pub async fn get(CurrentUser { user, .. }: CurrentUser) -> Json<Me> {
    Json(user.to_me())
}
