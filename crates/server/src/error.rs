//! One error type for every handler. It always answers with the Partner Center error body
//! `{code, description, data}`; database and internal details go to the log, never to the client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_domain::{ApiErrorBody, ErrorCode, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An answer the client can act on: its code, a sentence for people, the fields at fault.
    #[error("{code:?}: {description}")]
    Api {
        code: ErrorCode,
        description: String,
        data: Vec<FieldError>,
        /// Seconds, for 429 answers.
        retry_after: Option<u64>,
    },
    /// A failure on our side. Logged with the request id; the client gets a generic 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ErrorCode, description: impl Into<String>) -> Self {
        AppError::Api { code, description: description.into(), data: Vec::new(), retry_after: None }
    }

    /// 400 naming every invalid field; the description lists them so it reads on its own.
    pub fn invalid_fields(data: Vec<FieldError>) -> Self {
        let sentence = data
            .iter()
            .map(|f| format!("'{}' {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; ");
        AppError::Api {
            code: ErrorCode::InvalidInput,
            description: format!("The request is invalid: {sentence}."),
            data,
            retry_after: None,
        }
    }

    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Self::invalid_fields(vec![FieldError::new(field, message)])
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            ErrorCode::AuthenticationRequired,
            "Sign in to continue: the session is missing or has ended.",
        )
    }

    pub fn forbidden(what: &str) -> Self {
        Self::new(ErrorCode::AccessDenied, format!("Your role does not allow you to {what}."))
    }

    /// 503 with `Retry-After`: the server is busy, the client should come back in `retry_after`
    /// seconds.
    pub fn unavailable(description: impl Into<String>, retry_after: u64) -> Self {
        AppError::Api {
            code: ErrorCode::ServiceUnavailable,
            description: description.into(),
            data: Vec::new(),
            retry_after: Some(retry_after),
        }
    }

    pub fn customer_not_found(id: &str) -> Self {
        Self::new(ErrorCode::CustomerNotFound, format!("Customer '{id}' was not found."))
    }

    pub fn invoice_not_found(id: &str) -> Self {
        Self::new(ErrorCode::InvoiceNotFound, format!("There is no invoice '{id}' you can see."))
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("database error"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (code, description, data, retry_after) = match self {
            AppError::Api { code, description, data, retry_after } => {
                (code, description, data, retry_after)
            }
            AppError::Internal(e) => {
                // The request span carries MS-RequestId, so this line can be found from a client report.
                tracing::error!(error = format!("{e:#}"), "request failed");
                let code = ErrorCode::UnexpectedError;
                (code, "Something went wrong on our side. Try again; if it keeps happening, contact support with the MS-RequestId of this response.".to_owned(), Vec::new(), None)
            }
        };
        let status =
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ApiErrorBody { code: code.code().to_owned(), description, data };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(secs) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn internal_errors_do_not_leak_details() {
        let response =
            AppError::Internal(anyhow::anyhow!("no such table: secrets")).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = axum::body::to_bytes(response.into_body(), 10_000).await.unwrap();
        let body: ApiErrorBody = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body.code, "800003");
        assert!(!body.description.contains("secrets"));
    }

    #[test]
    fn invalid_fields_description_names_each_field() {
        let AppError::Api { description, data, .. } = AppError::invalid_fields(vec![
            FieldError::new("email", "is required"),
            FieldError::new("password", "is required"),
        ]) else {
            panic!("expected an API error")
        };
        assert!(description.contains("'email' is required"));
        assert!(description.contains("'password' is required"));
        assert_eq!(data.len(), 2);
    }
}
