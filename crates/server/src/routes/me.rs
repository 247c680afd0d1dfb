use axum::Json;
use portal_domain::Me;

use crate::auth::CurrentUser;

/// `GET /v1/me`: the signed-in user.
pub async fn get(CurrentUser { user, .. }: CurrentUser) -> Json<Me> {
    Json(user.to_me())
}
