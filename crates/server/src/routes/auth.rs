//! `POST /v1/auth/login` and `POST /v1/auth/logout`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum_extra::extract::CookieJar;
use portal_domain::{ErrorCode, FieldError, LoginRequest, Me};

use crate::auth::{CurrentUser, password, session};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::store::{login_throttle, sessions, users};

pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(request): Json<LoginRequest>,
) -> AppResult<(CookieJar, axum::Json<Me>)> {
    let violations = request.violations();
    if !violations.is_empty() {
        return Err(AppError::invalid_fields(
            violations.into_iter().map(|(field, v)| FieldError::new(field, v.english())).collect(),
        ));
    }
    let email = request.email.trim().to_lowercase();
    let now = state.clock.now();

    // Checked before the password, so a locked-out account cannot be probed further.
    if let Some(wait) = login_throttle::locked_for(&state.db, &email, now).await? {
        let seconds = wait.whole_seconds().max(1) as u64;
        return Err(AppError::Api {
            code: ErrorCode::TooManySignInAttempts,
            description: format!(
                "Too many failed sign-ins for this account. Try again in {} minute(s), or reset the password.",
                seconds.div_ceil(60)
            ),
            data: Vec::new(),
            retry_after: Some(seconds),
        });
    }

    let (user, hash) = match users::find_for_login(&state.db, &email).await? {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password_ok = password::verify(request.password, hash).await?;
    let user = match user {
        Some(user) if password_ok => user,
        _ => {
            login_throttle::record_failure(&state.db, &email, now).await?;
            return Err(AppError::new(
                ErrorCode::InvalidCredentials,
                "The email address or password is incorrect.",
            ));
        }
    };

    login_throttle::clear(&state.db, &email).await?;
    let token = session::new_token();
    sessions::create(&state.db, &session::hash_token(&token), &user.id, now).await?;
    tracing::info!(user_id = %user.id, "signed in");
    let jar = jar.add(session::cookie(token, session::is_https(&headers)));
    Ok((jar, axum::Json(user.to_me())))
}

pub async fn logout(
    State(state): State<AppState>,
    current: CurrentUser,
    headers: HeaderMap,
    jar: CookieJar,
) -> AppResult<(CookieJar, StatusCode)> {
    sessions::delete(&state.db, &current.session_hash).await?;
    tracing::info!(user_id = %current.user.id, "signed out");
    Ok((jar.add(session::removal_cookie(session::is_https(&headers))), StatusCode::NO_CONTENT))
}
