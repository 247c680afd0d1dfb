use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing;
use portal_domain::Me;
use portal_domain::users::SubscriptionGrant;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::identity::User;
use crate::state::AppState;
use crate::store::role_assignments;

/// `/v1/me`.
pub fn router() -> Router<AppState> {
    Router::new().route("/me", routing::get(get))
}

/// `GET /v1/me`: the signed-in user, with the roles they hold on single subscriptions when that
/// is all they have.
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
