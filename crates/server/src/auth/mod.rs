//! Who is calling: the session extractor, the user and the tenancy scope their data is limited to.

pub mod password;
pub mod session;
pub mod sign_in_limits;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use portal_domain::{Attributes, Me, Role};

use crate::error::AppError;
use crate::state::AppState;
use crate::store;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub partner_id: Option<String>,
    pub customer_id: Option<String>,
    pub locale: String,
    /// From `user_roles`, filled in after the row is read.
    #[sqlx(skip)]
    pub roles: Vec<Role>,
}

/// The data a user may reach: everything of the customers their partner has an accepted
/// relationship with, or only their own customer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Partner { partner_id: String },
    Customer { customer_id: String },
}

impl User {
    pub fn scope(&self) -> Scope {
        match (&self.partner_id, &self.customer_id) {
            (Some(partner_id), _) => Scope::Partner { partner_id: partner_id.clone() },
            // The users table guarantees exactly one of the two.
            (None, customer_id) => {
                Scope::Customer { customer_id: customer_id.clone().unwrap_or_default() }
            }
        }
    }

    /// 403 unless one of the user's roles may fill carts and place orders.
    pub fn require_purchase(&self) -> Result<(), AppError> {
        if self.roles.iter().any(|r| r.can_purchase()) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                "buy: ask a global admin, admin agent, sales agent or customer admin",
            ))
        }
    }

    /// 403 unless the user is one of the customer's or the partner's admins; `what` completes
    /// "Your role does not allow you to …".
    pub fn require_admin(&self, what: &str) -> Result<(), AppError> {
        if self.roles.iter().any(|r| r.administers_customers()) {
            Ok(())
        } else {
            Err(AppError::forbidden(&format!(
                "{what}: ask a customer admin, global admin or admin agent"
            )))
        }
    }

    pub fn to_me(&self) -> Me {
        Me {
            id: self.id.clone(),
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            roles: self.roles.clone(),
            partner_id: self.partner_id.clone(),
            customer_id: self.customer_id.clone(),
            locale: self.locale.clone(),
            attributes: Attributes::of("Me"),
        }
    }
}

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
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(session::COOKIE_NAME).map(|c| c.value()).filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(AppError::unauthenticated());
        };
        let session_hash = session::hash_token(token);
        let user = store::sessions::find_user(&state.db, &session_hash, state.clock.now())
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        Ok(CurrentUser { user, session_hash })
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
        let row = store::usage::key_by_hash(&state.db, &session::hash_token(key))
            .await?
            .ok_or_else(unauthenticated)?;
        Ok(ApiKeyCaller {
            key_id: row.id,
            partner_id: row.partner_id,
            customer_id: row.customer_id,
        })
    }
}
