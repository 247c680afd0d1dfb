//! `POST /v1/auth/login` and `POST /v1/auth/logout`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum_extra::extract::CookieJar;
use portal_domain::{ApiErrorBody, ErrorCode, FieldError, LoginRequest, Me};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::sign_in_limits::ClientAddress;
use crate::auth::{CurrentUser, password, session};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::metrics::SignInFailure;
use crate::state::AppState;
use crate::store::login_throttle::{self, Attempt};
use crate::store::{sessions, users};

/// `/v1/auth/…`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(login)).routes(routes!(logout))
}

/// Signs in. Every limit is checked before the password (see `auth::sign_in_limits`), and each
/// refused or failed attempt is logged with the email and address, never the password.
#[utoipa::path(
    post,
    path = "/auth/login",
    operation_id = "signIn",
    tag = "Sign-in",
    summary = "Sign in",
    description = "Checks the email and password and sets the session cookie. Five failed attempts for an account within 15 minutes, or thirty from one address within a minute, are refused with 429 until `Retry-After` seconds have passed.",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in: the session cookie is set; the user", body = Me),
        (status = 400, description = "The email or password is missing or too long", body = ApiErrorBody),
        (status = 401, description = "Wrong email or password", body = ApiErrorBody),
        (status = 429, description = "Too many attempts: try again after `Retry-After` seconds", body = ApiErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
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

    let address_attempt = state.sign_in.take_address_attempt(address).map_err(|seconds| {
        tracing::warn!(%email, %address, "sign-in refused: too many attempts from this address");
        state.metrics.sign_in_failed(SignInFailure::AddressLimit);
        too_many(
            seconds,
            format!(
                "Too many sign-in attempts from your network. Try again in {seconds} second(s)."
            ),
        )
    })?;

    if let Attempt::Locked(wait) = login_throttle::take_attempt(&state.db, &email, now).await? {
        let seconds = wait.num_seconds().max(1) as u64;
        tracing::warn!(%email, %address, "sign-in refused: account locked");
        state.metrics.sign_in_failed(SignInFailure::AccountLocked);
        return Err(too_many(
            seconds,
            format!(
                "Too many failed sign-ins for this account. Try again in {} minute(s), or reset the password.",
                seconds.div_ceil(60)
            ),
        ));
    }

    let Some(mut slot) = state.sign_in.hashing_slot().await else {
        // Not the address's doing: the attempt goes back.
        state.sign_in.give_back(address_attempt);
        tracing::warn!(%email, %address, "sign-in refused: every password check is busy");
        state.metrics.sign_in_failed(SignInFailure::Busy);
        return Err(AppError::unavailable(
            "Many people are signing in right now. Try again in a second.",
            1,
        ));
    };
    let (user, hash) = match users::find_for_login(&state.db, &email).await? {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password_ok = password::verify(request.password, hash, slot.memory()).await?;
    drop(slot);
    let user = match user {
        Some(user) if password_ok => user,
        _ => {
            tracing::warn!(%email, %address, "sign-in failed: wrong email or password");
            state.metrics.sign_in_failed(SignInFailure::Credentials);
            return Err(AppError::new(
                ErrorCode::InvalidCredentials,
                "The email address or password is incorrect.",
            ));
        }
    };

    state.sign_in.give_back(address_attempt);
    login_throttle::clear(&state.db, &email).await?;
    let token = session::new_token();
    let token_hash = session::hash_token(&token);
    sessions::create(&state.db, &token_hash, &user.id, now, now + session::LIFETIME).await?;
    tracing::info!(user_id = %user.id, "signed in");
    let jar = jar.add(session::cookie(token, session::is_https(&headers)));
    Ok((jar, axum::Json(crate::routes::me::me_of(&state, &user).await?)))
}

fn too_many(retry_after: u64, description: String) -> AppError {
    AppError::Api {
        code: ErrorCode::TooManySignInAttempts,
        description,
        data: Vec::new(),
        retry_after: Some(retry_after),
    }
}

#[utoipa::path(
    post,
    path = "/auth/logout",
    operation_id = "signOut",
    tag = "Sign-in",
    summary = "Sign out",
    description = "Ends the session and removes its cookie.",
    security(("session" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No session", body = ApiErrorBody),
    )
)]
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
