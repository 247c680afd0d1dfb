//! Seek paging as Partner Center does it (reference §1.6): the first call sends `size`; each page
//! with more after it carries `continuationToken` and a `next` link whose headers hold
//! `MS-ContinuationToken`; the next call sends that header with `seekOperation=Next`.

use axum::http::{HeaderMap, HeaderName};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use portal_domain::{Collection, Link, LinkHeader};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AppError, AppResult};

pub const CONTINUATION_TOKEN: HeaderName = HeaderName::from_static("ms-continuationtoken");

/// `size` checked against the collection's bounds; absent means the collection's default.
pub fn page_size(size: Option<i64>, default: i64, max: i64) -> AppResult<i64> {
    match size {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => {
            Err(AppError::invalid_field("size", format!("must be a whole number from 1 to {max}")))
        }
    }
}

/// `seekOperation` may only be `Next` (any case), as in Partner Center.
pub fn check_seek_operation(seek_operation: Option<&str>) -> AppResult<()> {
    match seek_operation {
        None => Ok(()),
        Some(op) if op.eq_ignore_ascii_case("next") => Ok(()),
        Some(_) => Err(AppError::invalid_field("seekOperation", "must be 'Next'")),
    }
}

/// The answer to a continuation token that was not issued by this API (or was altered).
pub fn invalid_token() -> AppError {
    AppError::invalid_field(
        "MS-ContinuationToken",
        "is not a token this API issued; start again from the first page",
    )
}

/// The cursor the caller sent back, if any. Tokens are opaque to clients; a damaged one is a 400.
pub fn cursor_from<C: DeserializeOwned>(headers: &HeaderMap) -> AppResult<Option<C>> {
    let Some(value) = headers.get(&CONTINUATION_TOKEN) else {
        return Ok(None);
    };
    let bytes = value
        .to_str()
        .ok()
        .and_then(|t| URL_SAFE_NO_PAD.decode(t.trim()).ok())
        .ok_or_else(invalid_token)?;
    serde_json::from_slice(&bytes).map(Some).map_err(|_| invalid_token())
}

/// A page of a seek-paged collection. `rows` holds up to `size + 1` rows: the extra one only says
/// that another page follows, and `cursor_of` makes the token from the page's last row.
pub fn seek_page<R, T, C: Serialize>(
    mut rows: Vec<R>,
    size: i64,
    base_uri: &str,
    cursor_of: impl Fn(&R) -> C,
    to_item: impl Fn(R) -> T,
) -> Collection<T> {
    let has_more = rows.len() as i64 > size;
    rows.truncate(size as usize);
    let token = has_more
        .then(|| {
            rows.last().map(|last| {
                URL_SAFE_NO_PAD.encode(serde_json::to_vec(&cursor_of(last)).unwrap_or_default())
            })
        })
        .flatten();
    // The base may carry a query of its own (`?provider=onetime&…`).
    let separator = if base_uri.contains('?') { '&' } else { '?' };
    let mut page = Collection::page(
        rows.into_iter().map(to_item).collect(),
        format!("{base_uri}{separator}size={size}"),
    );
    if let Some(token) = token {
        page.links.next = Some(Link {
            uri: format!("{base_uri}{separator}size={size}&seekOperation=Next"),
            method: "GET".to_owned(),
            headers: vec![LinkHeader {
                key: "MS-ContinuationToken".to_owned(),
                value: token.clone(),
            }],
        });
        page.continuation_token = Some(token);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_bounds() {
        assert_eq!(page_size(None, 100, 500).unwrap(), 100);
        assert_eq!(page_size(Some(500), 100, 500).unwrap(), 500);
        assert!(page_size(Some(0), 100, 500).is_err());
        assert!(page_size(Some(501), 100, 500).is_err());
    }

    #[test]
    fn token_round_trips_through_the_header() {
        let page = seek_page(vec![1, 2, 3], 2, "/things", |n| *n, |n| n);
        assert_eq!(page.items, [1, 2]);
        let token = page.continuation_token.clone().unwrap();
        assert_eq!(page.links.next.unwrap().headers[0].value, token);
        let mut headers = HeaderMap::new();
        headers.insert(CONTINUATION_TOKEN, token.parse().unwrap());
        assert_eq!(cursor_from::<i32>(&headers).unwrap(), Some(2));
    }

    #[test]
    fn a_base_with_a_query_gets_size_appended() {
        let page = seek_page(vec![1, 2, 3], 2, "/things?kind=a", |n| *n, |n| n);
        assert_eq!(page.links.self_link.uri, "/things?kind=a&size=2");
        assert_eq!(page.links.next.unwrap().uri, "/things?kind=a&size=2&seekOperation=Next");
    }

    #[test]
    fn last_page_has_no_token_and_bad_tokens_are_refused() {
        let page = seek_page(vec![1, 2], 2, "/things", |n| *n, |n| n);
        assert!(page.continuation_token.is_none() && page.links.next.is_none());
        let mut headers = HeaderMap::new();
        headers.insert(CONTINUATION_TOKEN, "not-a-token!".parse().unwrap());
        assert!(cursor_from::<i32>(&headers).is_err());
    }
}
