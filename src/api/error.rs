//! What can go wrong with a request, and what the user is told.

use portal_domain::{ApiErrorBody, ErrorCode, FieldError};

use crate::i18n::Messages;

/// Everything that can go wrong with a call, in the terms the UI needs to react.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer: offline, DNS, CORS, or the server is down.
    Network,
    /// 401. `code` tells a wrong password (700001) from an ended session (800001).
    Unauthorized {
        code: String,
    },
    Forbidden,
    NotFound,
    /// 400: `code` says which rule, `fields` which fields are at fault.
    Validation {
        code: String,
        fields: Vec<FieldError>,
    },
    /// 409: `fields` names what is in the way (the sensors still attached, for example).
    Conflict {
        code: String,
        description: String,
        fields: Vec<FieldError>,
    },
    /// A change the subscription's life cycle does not allow (any status): `code` says which
    /// rule, `fields` what blocks it (for an Azure plan, its active Azure subscriptions).
    Refused {
        code: String,
        fields: Vec<FieldError>,
    },
    PreconditionFailed,
    RateLimited {
        code: String,
        retry_after_secs: Option<u64>,
    },
    /// 5xx; `request_id` is what support needs to find the failure in the logs.
    Server {
        request_id: Option<String>,
    },
    /// An answer this build cannot read (another status, or a body of the wrong shape).
    Unreadable,
}

impl ApiError {
    pub(super) fn from_status(
        status: u16,
        body: Option<ApiErrorBody>,
        retry_after: Option<u64>,
        request_id: Option<String>,
    ) -> Self {
        let ApiErrorBody { code, description, data } = body.unwrap_or(ApiErrorBody {
            code: String::new(),
            description: String::new(),
            data: Vec::new(),
        });
        if ErrorCode::from_code(&code).is_some_and(ErrorCode::is_refusal) {
            return ApiError::Refused { code, fields: data };
        }
        // A server shedding load says when to come back: waited out like a rate limit.
        if status == 503 && retry_after.is_some() {
            return ApiError::RateLimited { code, retry_after_secs: retry_after };
        }
        match status {
            400 => ApiError::Validation { code, fields: data },
            401 => ApiError::Unauthorized { code },
            403 => ApiError::Forbidden,
            404 => ApiError::NotFound,
            409 => ApiError::Conflict { code, description, fields: data },
            412 | 428 => ApiError::PreconditionFailed,
            429 => ApiError::RateLimited { code, retry_after_secs: retry_after },
            500..=599 => ApiError::Server { request_id },
            _ => ApiError::Unreadable,
        }
    }

    pub fn is_session_end(&self) -> bool {
        matches!(self, ApiError::Unauthorized { code } if code == ErrorCode::AuthenticationRequired.code())
    }

    /// A sentence for the user, in their language.
    pub fn message(&self, t: &Messages) -> String {
        match self {
            ApiError::Network => t.error_network.to_owned(),
            ApiError::Unauthorized { code } if code == ErrorCode::InvalidCredentials.code() => {
                t.error_invalid_credentials.to_owned()
            }
            ApiError::Unauthorized { .. } => t.session_ended.to_owned(),
            ApiError::Forbidden => t.error_forbidden.to_owned(),
            ApiError::NotFound => t.error_not_found.to_owned(),
            ApiError::Validation { code, .. } if code == ErrorCode::CartAlreadySubmitted.code() => {
                t.error_cart_already_ordered.to_owned()
            }
            ApiError::Validation { .. } => t.error_invalid_input.to_owned(),
            ApiError::Conflict { code, .. } if code == ErrorCode::CartBeingProcessed.code() => {
                t.error_cart_being_ordered.to_owned()
            }
            ApiError::Conflict { code, description, fields } => {
                t.conflict(code, fields).unwrap_or_else(|| description.clone())
            }
            ApiError::Refused { code, fields } => t.refused(code, fields),
            ApiError::PreconditionFailed => t.error_changed_meanwhile.to_owned(),
            ApiError::RateLimited { code, retry_after_secs }
                if code == ErrorCode::TooManySignInAttempts.code() =>
            {
                let minutes = retry_after_secs.map(|s| s.div_ceil(60).max(1)).unwrap_or(15);
                (t.error_too_many_sign_ins)(&minutes.to_string())
            }
            ApiError::RateLimited { retry_after_secs, .. } => {
                (t.error_rate_limited)(&retry_after_secs.unwrap_or(60).to_string())
            }
            ApiError::Server { request_id } => {
                (t.error_server)(request_id.as_deref().unwrap_or("-"))
            }
            ApiError::Unreadable => t.error_unreadable.to_owned(),
        }
    }
}
