//! Who is calling: the session extractor, the user and the tenancy scope their data is limited to.

pub mod access;
pub mod password;
pub mod scoped;
pub mod session;
pub mod sign_in_limits;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

use crate::error::AppError;
use crate::identity::User;
use crate::state::AppState;
use crate::store;

/// The signed-in user of this request; answers 401 when there is no valid session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub session_hash: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // Guards and handlers both ask; the session is read once per request.
        if let Some(current) = parts.extensions.get::<CurrentUser>() {
            return Ok(current.clone());
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(session::COOKIE_NAME).map(|c| c.value()).filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(AppError::unauthenticated());
        };
        let session_hash = session::hash_token(token);
        let user = store::sessions::find_user(&state.db, &session_hash, state.clock.now())
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        let current = CurrentUser { user, session_hash };
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

/// A meter or billing system sending usage with an API key (`Authorization: Bearer <key>`, or
/// `X-Api-Key: <key>`); answers 401 when the key is missing, unknown or revoked.
#[derive(Debug, Clone)]
pub struct ApiKeyCaller {
    pub key_id: String,
    pub partner_id: String,
    /// The one customer the key may send usage for, if it is scoped to one.
    pub customer_id: Option<String>,
}

impl ApiKeyCaller {
    /// The customer's currency when the key may act for it (the partner resells to it, and the
    /// key is not kept to another customer); None otherwise.
    pub async fn customer_currency(
        &self,
        db: &crate::db::Db,
        customer_id: &str,
    ) -> sqlx::Result<Option<String>> {
        if self.customer_id.as_deref().is_some_and(|only| only != customer_id) {
            return Ok(None);
        }
        store::api_keys::partner_customer_currency(db, &self.partner_id, customer_id).await
    }
}

impl FromRequestParts<AppState> for ApiKeyCaller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let key = header(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.strip_prefix("Bearer "))
            .or_else(|| header(axum::http::HeaderName::from_static("x-api-key")))
            .map(str::trim)
            .filter(|k| !k.is_empty());
        let unauthenticated = || {
            AppError::new(
                portal_domain::ErrorCode::AuthenticationRequired,
                "Send an API key in 'Authorization: Bearer <key>': this one is missing, unknown or revoked. A partner global admin creates keys under Settings, API keys.",
            )
        };
        let key = key.ok_or_else(unauthenticated)?;
        let row = store::api_keys::key_by_hash(&state.db, &session::hash_token(key))
            .await?
            .ok_or_else(unauthenticated)?;
        Ok(ApiKeyCaller {
            key_id: row.id,
            partner_id: row.partner_id,
            customer_id: row.customer_id,
        })
    }
}

/// The signed-in user as the activity log names them, with this request's `MS-RequestId`.
impl FromRequestParts<AppState> for store::activity::Actor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser { user, .. } = CurrentUser::from_request_parts(parts, state).await?;
        Ok(store::activity::Actor::user(&user, &request_id(parts)))
    }
}

/// This request's `MS-RequestId` (set by the outermost middleware).
pub fn request_id(parts: &Parts) -> String {
    parts
        .extensions
        .get::<crate::request_ids::RequestIds>()
        .map(|ids| ids.request_id.clone())
        .unwrap_or_default()
}
