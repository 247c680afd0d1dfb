//! The typed client for the portal's REST API. One module per resource; every call goes through
//! [`ApiClient::call`], which checks the status before reading the body and maps failures to
//! [`ApiError`].

pub mod auth;
pub mod azure_stack;
pub mod carts;
pub mod catalog;
pub mod customers;
pub mod defender;
mod error;
pub mod invoices;
pub mod orders;
pub mod relationships;
pub mod subscriptions;
pub mod upgrades;
pub mod usage;
pub mod users;

pub use error::ApiError;

use std::sync::Arc;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::*;
use portal_domain::{Collection, ErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::{AbortController, RequestCredentials};

use crate::browser;
use crate::i18n::I18n;
use crate::session::Session;

/// Aborts the fetch if the future awaiting it is dropped, e.g. when the user leaves the page
/// that started it.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// How many calls are waiting out a 429 (too many requests for the customer), and for how long
/// the last one was asked to wait: the shell tells the user while any is waiting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimitWait {
    pub calls: u32,
    pub seconds: u64,
}

/// One call waiting out a 429, counted in [`RateLimitWait`] until it is dropped: when the wait
/// ends, or when the page that made the call goes away in the middle of it.
struct Waiting(RwSignal<RateLimitWait>);

impl Waiting {
    fn start(wait: RwSignal<RateLimitWait>, seconds: u64) -> Self {
        wait.update(|w| *w = RateLimitWait { calls: w.calls + 1, seconds });
        Waiting(wait)
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.try_update(|w| w.calls = w.calls.saturating_sub(1));
    }
}

/// How many times a call waits out a 429 before giving up with [`ApiError::RateLimited`].
const RATE_LIMIT_RETRIES: u32 = 3;

/// In context at the root: `use_api()`.
#[derive(Clone)]
pub struct ApiClient {
    /// Origin of the API, from config.json; empty for the page's own origin.
    base: Arc<str>,
    /// One id per page load, sent as MS-CorrelationId so a session's calls can be traced together.
    correlation_id: Arc<str>,
    session: Session,
    /// Sent as X-Locale, so catalog text comes in the user's language.
    i18n: I18n,
    pub rate_limit_wait: RwSignal<RateLimitWait>,
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl ApiClient {
    pub fn new(base: &str, session: Session, i18n: I18n) -> Self {
        Self {
            base: base.trim_end_matches('/').into(),
            correlation_id: browser::random_id().into(),
            session,
            i18n,
            rate_limit_wait: RwSignal::new(RateLimitWait::default()),
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        parse(&self.call(Method::Get, path, None, &[]).await?)
    }

    /// Every item of a seek-paged collection (reference §1.6): follows `MS-ContinuationToken`
    /// until the last page. `path` must already carry `size`.
    pub async fn get_all<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>, ApiError> {
        self.get_pages(path, usize::MAX).await.map(|(items, _)| items)
    }

    /// Every item of an index-paged collection: asks for the next `offset` until a page has no
    /// `links.next`. `path` must already carry a query (`size`, say).
    pub async fn get_all_by_offset<T: DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        loop {
            let page: Collection<T> = self.get(&format!("{path}&offset={}", items.len())).await?;
            items.extend(page.items);
            if page.links.next.is_none() {
                return Ok(items);
            }
        }
    }

    /// The items of the first `pages` pages of a seek-paged collection, and whether more follow.
    /// `path` must already carry `size`.
    pub async fn get_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        pages: usize,
    ) -> Result<(Vec<T>, bool), ApiError> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..pages {
            let text = match &token {
                Some(token) => {
                    let next = format!("{path}&seekOperation=Next");
                    self.call(Method::Get, &next, None, &[("MS-ContinuationToken", token)]).await?
                }
                None => self.call(Method::Get, path, None, &[]).await?,
            };
            let page: Collection<T> = parse(&text)?;
            items.extend(page.items);
            match page.continuation_token {
                Some(next) => token = Some(next),
                None => return Ok((items, false)),
            }
        }
        Ok((items, true))
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        parse(&self.call(Method::Post, path, Some(to_json(body)?), &[]).await?)
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        parse(&self.call(Method::Put, path, Some(to_json(body)?), &[]).await?)
    }

    /// A POST without a body whose answer is read as `T`, sent with `MS-RequestId` so that a
    /// retry of the same operation is recognised by the server.
    pub async fn post_idempotent<T: DeserializeOwned>(
        &self,
        path: &str,
        request_id: &str,
    ) -> Result<T, ApiError> {
        parse(&self.call(Method::Post, path, None, &[("MS-RequestId", request_id)]).await?)
    }

    /// A PATCH applied only if the resource still has `etag` (`If-Match`).
    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        etag: &str,
    ) -> Result<T, ApiError> {
        let body = Some(to_json(body)?);
        parse(&self.call(Method::Patch, path, body, &[("If-Match", etag)]).await?)
    }

    /// A POST creating something, sent with `MS-RequestId`: sending it again with the same id
    /// (after a lost answer) returns what the first one created.
    pub async fn post_once<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        request_id: &str,
    ) -> Result<T, ApiError> {
        let body = Some(to_json(body)?);
        parse(&self.call(Method::Post, path, body, &[("MS-RequestId", request_id)]).await?)
    }

    /// A DELETE whose answer has no body (204).
    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        self.call(Method::Delete, path, None, &[]).await.map(|_| ())
    }

    /// A POST whose answer has no body (204).
    pub async fn post_empty(&self, path: &str) -> Result<(), ApiError> {
        self.call(Method::Post, path, None, &[]).await.map(|_| ())
    }

    /// A POST with a body whose answer has none (204).
    pub async fn post_no_answer<B: Serialize>(&self, path: &str, body: &B) -> Result<(), ApiError> {
        self.call(Method::Post, path, Some(to_json(body)?), &[]).await.map(|_| ())
    }

    /// A PATCH of a resource that has no etag (a customer's relationship to its partner).
    pub async fn patch_unversioned<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        parse(&self.call(Method::Patch, path, Some(to_json(body)?), &[]).await?)
    }

    /// Downloads a file the API sends (a PDF, a CSV export) and has the browser save it as
    /// `file_name`, calling `progress` with the bytes received so far as they arrive: exports
    /// stream, so there is no total to show a percentage of.
    pub async fn download(
        &self,
        path: &str,
        file_name: &str,
        progress: impl Fn(u64),
    ) -> Result<(), ApiError> {
        use wasm_bindgen::JsCast;
        let url = format!("{}/v1{path}", self.base);
        let response = Request::get(&url)
            .credentials(RequestCredentials::Include)
            .header("MS-CorrelationId", &self.correlation_id)
            .header("X-Locale", &self.i18n.format_tag_untracked())
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let status = response.status();
        if !(200..300).contains(&status) {
            let text = response.text().await.unwrap_or_default();
            let error = ApiError::from_status(
                status,
                serde_json::from_str(&text).ok(),
                response.headers().get("retry-after").and_then(|v| v.parse().ok()),
                response.headers().get("ms-requestid"),
            );
            if error.is_session_end() {
                self.session.end(true);
            }
            return Err(error);
        }
        let mime = response.headers().get("content-type").unwrap_or_default();
        let body = response.body().ok_or(ApiError::Network)?;
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let parts = js_sys::Array::new();
        let mut received = 0_u64;
        loop {
            let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
                .await
                .map_err(|_| ApiError::Network)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool());
            if done != Some(false) {
                break;
            }
            let value =
                js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| ApiError::Network)?;
            let bytes: js_sys::Uint8Array = value.unchecked_into();
            received += u64::from(bytes.length());
            parts.push(&bytes);
            progress(received);
        }
        if browser::save_parts(file_name, &mime, &parts) { Ok(()) } else { Err(ApiError::Network) }
    }

    /// Sends the request and returns the body of a 2xx answer. When the customer's request rate
    /// is exceeded (429), it waits for `Retry-After` and sends it again, a few times: the server
    /// turned the request away before doing anything, so sending it again is safe.
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Result<String, ApiError> {
        let mut retries = 0;
        loop {
            match self.send(method, path, body.clone(), headers).await {
                Err(ApiError::RateLimited { code, retry_after_secs })
                    if code != ErrorCode::TooManySignInAttempts.code()
                        && retries < RATE_LIMIT_RETRIES =>
                {
                    retries += 1;
                    let seconds = retry_after_secs.unwrap_or(60).clamp(1, 300);
                    let _waiting = Waiting::start(self.rate_limit_wait, seconds);
                    browser::sleep(seconds * 1000).await;
                }
                result => return result,
            }
        }
    }

    /// One request. An ended session signs the user out of the app, which sends them to
    /// sign-in and back here afterwards.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Result<String, ApiError> {
        let url = format!("{}/v1{path}", self.base);
        let builder: RequestBuilder = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Patch => Request::patch(&url),
            Method::Delete => Request::delete(&url),
        };
        let abort = AbortOnDrop(AbortController::new().ok());
        let mut builder = builder
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json")
            .header("MS-CorrelationId", &self.correlation_id)
            .header("X-Locale", &self.i18n.format_tag_untracked())
            // Tells the server this is the portal, not a form posted from another site (CSRF).
            .header("X-Requested-With", "portal-app")
            .abort_signal(abort.0.as_ref().map(|c| c.signal()).as_ref());
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let request = match body {
            Some(json) => builder.header("Content-Type", "application/json").body(json),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        drop(abort);
        if (200..300).contains(&status) {
            return Ok(text);
        }
        let headers = response.headers();
        let error = ApiError::from_status(
            status,
            serde_json::from_str(&text).ok(),
            headers.get("retry-after").and_then(|v| v.parse().ok()),
            headers.get("ms-requestid"),
        );
        if error.is_session_end() {
            self.session.end(true);
        }
        Err(error)
    }
}

/// Percent-encodes a path segment.
fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|_| ApiError::Unreadable)
}

fn to_json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| ApiError::Unreadable)
}

pub fn use_api() -> ApiClient {
    leptos::prelude::expect_context::<ApiClient>()
}

#[cfg(test)]
mod tests {
    use portal_domain::{ApiErrorBody, FieldError};

    use super::*;

    fn body(code: &str) -> Option<ApiErrorBody> {
        Some(ApiErrorBody {
            code: code.into(),
            description: "d".into(),
            data: vec![FieldError::new("email", "bad")],
        })
    }

    #[test]
    fn statuses_map_to_what_the_ui_does_next() {
        assert_eq!(
            ApiError::from_status(400, body("800002"), None, None),
            ApiError::Validation {
                code: "800002".into(),
                fields: vec![FieldError::new("email", "bad")]
            }
        );
        assert!(ApiError::from_status(401, body("800001"), None, None).is_session_end());
        // A life cycle refusal keeps its code and what blocks it, whatever its status.
        assert_eq!(
            ApiError::from_status(403, body("900115"), None, None),
            ApiError::Refused {
                code: "900115".into(),
                fields: vec![FieldError::new("email", "bad")]
            }
        );
        assert_eq!(ApiError::from_status(403, body("2032"), None, None), ApiError::Forbidden);
        assert!(!ApiError::from_status(401, body("700001"), None, None).is_session_end());
        assert_eq!(ApiError::from_status(404, None, None, None), ApiError::NotFound);
        assert_eq!(
            ApiError::from_status(503, None, None, Some("abc".into())),
            ApiError::Server { request_id: Some("abc".into()) }
        );
        assert_eq!(
            ApiError::from_status(429, body("700002"), Some(90), None),
            ApiError::RateLimited { code: "700002".into(), retry_after_secs: Some(90) }
        );
        assert_eq!(ApiError::from_status(418, None, None, None), ApiError::Unreadable);
    }

    #[test]
    fn messages_are_localised_and_name_the_wait() {
        let fr = crate::i18n::Locale::Fr.messages();
        let wrong = ApiError::Unauthorized { code: "700001".into() };
        assert_eq!(wrong.message(fr), fr.error_invalid_credentials);
        let locked = ApiError::RateLimited { code: "700002".into(), retry_after_secs: Some(61) };
        assert!(locked.message(fr).contains("2 min"), "{}", locked.message(fr));
        // A cart ordered meanwhile, or being ordered, is said so, not "invalid information".
        let submitted = ApiError::from_status(400, body("800065"), None, None);
        assert_eq!(submitted.message(fr), fr.error_cart_already_ordered);
        let racing = ApiError::from_status(409, body("800064"), None, None);
        assert_eq!(racing.message(fr), fr.error_cart_being_ordered);
        let server = ApiError::Server { request_id: Some("req-1".into()) };
        assert!(server.message(fr).contains("req-1"));
    }
}
