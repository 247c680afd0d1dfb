use portal_domain::ErrorCode;

use crate::error::AppError;

/// Any `/v1` path that is not a route: the JSON error body, never the SPA's index.html.
pub async fn not_found() -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        "No such resource: check the path against the API documentation.",
    )
}

pub async fn method_not_allowed() -> AppError {
    AppError::new(ErrorCode::MethodNotAllowed, "This resource does not support that HTTP method.")
}
