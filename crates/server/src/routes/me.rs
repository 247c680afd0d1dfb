use axum::Json;
use axum::extract::State;
use portal_domain::users::SubscriptionGrant;
use portal_domain::{ApiErrorBody, Me};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::identity::User;
use crate::state::AppState;
use crate::store::role_assignments;

/// `/v1/me`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

/// `GET /v1/me`: the signed-in user, with the roles they hold on single subscriptions when that
/// is all they have.
#[utoipa::path(
    get,
    path = "/me",
    operation_id = "getMe",
    tag = "Sign-in",
    summary = "Who is signed in",
    description = "The signed-in user: their partner or customer, roles, and for a user who reaches only some subscriptions, their role on each.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 401, description = "No session, or it ended", body = ApiErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
) -> AppResult<Json<Me>> {
    me_of(&state, &user).await.map(Json)
}

/// The user as `GET /v1/me` shows them (signing in answers the same).
pub async fn me_of(state: &AppState, user: &User) -> AppResult<Me> {
    let mut me = user.to_me();
    if me.is_subscription_scoped() {
        me.subscription_roles = role_assignments::of_user(&state.db, &user.id)
            .await?
            .into_iter()
            .map(|(subscription_id, role)| SubscriptionGrant { subscription_id, role })
            .collect();
    }
    Ok(me)
}
