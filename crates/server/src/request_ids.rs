//! `MS-RequestId` and `MS-CorrelationId` (reference §1.2): read from the request, generated when
//! absent or unusable, echoed on the response, and attached to every log line of the request.

use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("ms-requestid");
pub const CORRELATION_ID: HeaderName = HeaderName::from_static("ms-correlationid");

/// The ids of the request being handled, for handlers that need them.
#[derive(Debug, Clone)]
pub struct RequestIds {
    pub request_id: String,
    pub correlation_id: String,
}

pub async fn middleware(mut request: Request, next: Next) -> Response {
    let ids = RequestIds {
        request_id: id_from(request.headers(), &REQUEST_ID),
        correlation_id: id_from(request.headers(), &CORRELATION_ID),
    };
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %ids.request_id,
        correlation_id = %ids.correlation_id,
    );
    request.extensions_mut().insert(ids.clone());
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "handled"
        );
    });
    let headers = response.headers_mut();
    for (name, value) in [(REQUEST_ID, ids.request_id), (CORRELATION_ID, ids.correlation_id)] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// The caller's id if it is a sensible token (Partner Center sends GUIDs), otherwise a new GUID:
/// ids end up in logs, so arbitrary text is not accepted.
fn id_from(headers: &HeaderMap, name: &HeaderName) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sensible_ids_and_replaces_others() {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, "0b5a8c2e-1f3d-4c5b-9a7e-2d4f6b8a0c1e".parse().unwrap());
        assert_eq!(id_from(&headers, &REQUEST_ID), "0b5a8c2e-1f3d-4c5b-9a7e-2d4f6b8a0c1e");

        headers.insert(REQUEST_ID, "evil\" id; drop".parse().unwrap());
        let replaced = id_from(&headers, &REQUEST_ID);
        assert!(uuid::Uuid::parse_str(&replaced).is_ok());

        assert!(uuid::Uuid::parse_str(&id_from(&HeaderMap::new(), &CORRELATION_ID)).is_ok());
    }
}
