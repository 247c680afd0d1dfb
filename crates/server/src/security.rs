//! Defences every response and every state-changing request goes through: refusing cross-site
//! requests (CSRF), and the security headers.

use axum::extract::{Request, State};
use axum::http::header::{
    AUTHORIZATION, CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERER, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_domain::ErrorCode;

use crate::auth::session;
use crate::error::AppError;
use crate::metrics::Refusal;
use crate::state::AppState;

/// The header the SPA (and any script) sends with every request. An HTML form cannot send a
/// custom header, and a page on another site cannot send it to us without a CORS preflight that
/// only the allowed origins pass.
pub const CLIENT_HEADER: HeaderName = HeaderName::from_static("x-requested-with");

/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) that another site could have
/// made the browser send with our cookie: it must come from our own origin or an allowed one
/// (`Origin`, else `Referer`), or carry a header a form cannot send (`X-Requested-With`, an API
/// key). Reads pass: they change nothing.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && !is_same_site(request.headers(), &state.config.allowed_origins) {
        tracing::warn!(
            method = %request.method(),
            path = %request.uri().path(),
            origin = request.headers().get(ORIGIN).and_then(|v| v.to_str().ok()).unwrap_or("-"),
            "cross-site request refused"
        );
        return AppError::new(
            ErrorCode::CrossSiteRequest,
            "This request did not come from the portal: send it from the portal's pages, or add the header 'X-Requested-With' when calling the API from a script.",
        )
        .into_response();
    }
    next.run(request).await
}

fn is_same_site(headers: &HeaderMap, allowed_origins: &[String]) -> bool {
    let has = |name: &HeaderName| headers.contains_key(name);
    if has(&CLIENT_HEADER) || has(&AUTHORIZATION) || has(&HeaderName::from_static("x-api-key")) {
        return true;
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = text(ORIGIN).filter(|o| *o != "null").map(str::to_owned).or_else(|| {
        // `scheme://host[:port]/path…` → `scheme://host[:port]`
        let referer = text(REFERER)?;
        let (scheme, rest) = referer.split_once("://")?;
        Some(format!("{scheme}://{}", rest.split('/').next()?))
    });
    let Some(origin) = origin else { return false };
    let own = text(HOST).is_some_and(|host| {
        origin.split_once("://").is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
    });
    own || allowed_origins.iter().any(|allowed| allowed.trim().eq_ignore_ascii_case(&origin))
}

/// The security headers of every response: no MIME sniffing, no referrer to other sites, never
/// framed (clickjacking), HSTS when the browser came over HTTPS, and for the SPA's pages the
/// Content-Security-Policy the app was built for (`content_security_policy`).
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let https = session::is_https(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let is_html = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && let Some(policy) = &state.content_security_policy {
        headers.insert(CONTENT_SECURITY_POLICY, policy.clone());
    }
    response
}

/// The policy for the SPA's `index.html`: its own scripts plus the inline start-up script the
/// build writes (scripts/build-wasm.sh; allowed by its hash, read from the built file), WebAssembly compilation, requests to
/// its own origin and to the API origin `config.json` names, and never framed.
pub fn content_security_policy(index_html: &str, config_json: Option<&str>) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    for script in inline_scripts(index_html) {
        let digest = Sha256::digest(script.as_bytes());
        script_src
            .push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
    }
    let mut connect_src = vec!["'self'".to_owned()];
    let api = config_json
        .and_then(|c| serde_json::from_str::<serde_json::Value>(c).ok())
        .and_then(|c| c.get("apiBaseUrl").and_then(|v| v.as_str()).map(str::to_owned))
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
    if let Some(api) = api {
        connect_src.push(api.trim_end_matches('/').to_owned());
    }
    format!(
        "default-src 'self'; script-src {}; connect-src {}; img-src 'self' data: blob:; \
         style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'",
        script_src.join(" "),
        connect_src.join(" ")
    )
}

/// The contents of the `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// Sheds load beyond `PORTAL_MAX_IN_FLIGHT` requests at once (a queue without bound only makes
/// every request late) and ends requests that pass `PORTAL_REQUEST_TIMEOUT_SECS`, both with 503,
/// the error body and `Retry-After`.
pub async fn limit_load(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Ok(_in_flight) = state.in_flight.try_acquire() else {
        tracing::warn!("too many requests in flight; shedding load");
        state.metrics.refused(Refusal::Load);
        return busy("The portal is very busy right now. Try again in a few seconds.");
    };
    let path = request.uri().path().to_owned();
    let timeout = std::time::Duration::from_secs(state.config.request_timeout_secs);
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(%path, "request timed out");
            state.metrics.refused(Refusal::Timeout);
            busy("The request took too long and was stopped. Try again in a few seconds.")
        }
    }
}

fn busy(description: &str) -> Response {
    AppError::unavailable(description, 5).into_response()
}

/// A handler that panicked: the JSON 500 body, and the panic in the log.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    AppError::Internal(anyhow::anyhow!("a handler panicked: {message}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(HeaderName::from_static(name), value.parse().unwrap());
        }
        map
    }

    #[test]
    fn same_site_is_our_origin_an_allowed_one_or_a_header_forms_cannot_send() {
        let allowed = vec!["https://portal.example.com".to_owned()];
        let host = ("host", "api.example.com");
        assert!(is_same_site(&headers(&[host, ("origin", "https://api.example.com")]), &allowed));
        assert!(is_same_site(
            &headers(&[host, ("origin", "https://portal.example.com")]),
            &allowed
        ));
        assert!(is_same_site(
            &headers(&[host, ("referer", "https://api.example.com/pricing")]),
            &allowed
        ));
        assert!(is_same_site(&headers(&[host, ("x-requested-with", "portal")]), &allowed));
        assert!(is_same_site(&headers(&[host, ("authorization", "Bearer k")]), &allowed));
        assert!(!is_same_site(&headers(&[host, ("origin", "https://evil.example")]), &allowed));
        assert!(!is_same_site(&headers(&[host, ("origin", "null")]), &allowed));
        assert!(!is_same_site(&headers(&[host]), &allowed));
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_the_json_500() {
        use tower::ServiceExt;
        async fn boom() -> &'static str {
            panic!("boom")
        }
        let app = axum::Router::new()
            .route("/boom", axum::routing::get(boom))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response));
        let request = axum::http::Request::get("/boom").body(axum::body::Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 10_000).await.unwrap();
        let body: portal_domain::ApiErrorBody = serde_json::from_slice(&body).unwrap();
        assert_eq!(body.code, "800003");
        assert!(!body.description.contains("boom"), "panic messages stay in the log");
    }

    #[test]
    fn the_policy_allows_the_inline_start_script_by_its_hash_and_the_api_origin() {
        let html = r#"<html><head><script type="module" src="/a.js"></script>
            <script type="module">import init from '/app.js'; await init();</script></head></html>"#;
        let policy =
            content_security_policy(html, Some(r#"{"apiBaseUrl": "https://api.example.com/"}"#));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 1);
        assert!(policy.contains("connect-src 'self' https://api.example.com;"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"));
        let same_origin = content_security_policy(html, Some(r#"{"apiBaseUrl": ""}"#));
        assert!(same_origin.contains("connect-src 'self';"), "{same_origin}");
    }
}
