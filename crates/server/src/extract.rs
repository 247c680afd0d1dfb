//! Request extractors that answer bad input with the API's error body (400 naming the field)
//! instead of axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use portal_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::AppError;

/// A JSON request body. Keys are matched without regard to the case of their first letter, since
/// Partner Center clients send PascalCase (`"Quantity"`) as often as camelCase (reference §1.4).
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !has_json_content_type(req.headers()) {
            return Err(AppError::new(
                ErrorCode::UnsupportedMediaType,
                "Send the body as JSON with the header 'Content-Type: application/json'.",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(ErrorCode::PayloadTooLarge, "The request body is too large.")
            } else {
                AppError::new(ErrorCode::InvalidInput, "The request body could not be read.")
            }
        })?;
        parse_json(&bytes).map(Json)
    }
}

fn has_json_content_type(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::invalid_field("body", "is required: send a JSON object"));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        AppError::new(ErrorCode::InvalidInput, format!("The request body is not valid JSON: {e}."))
    })?;
    serde_path_to_error::deserialize(camel_case_keys(value)).map_err(|e| {
        let path = e.path().to_string();
        let (field, message) = describe(&path, &e.into_inner().to_string());
        AppError::invalid_field(&field, message)
    })
}

/// Lower-cases the first letter of every object key, recursively.
fn camel_case_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, v)| {
                    let mut chars = key.chars();
                    let key = match chars.next() {
                        Some(first) if first.is_ascii_uppercase() => {
                            first.to_ascii_lowercase().to_string() + chars.as_str()
                        }
                        _ => key,
                    };
                    (key, camel_case_keys(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_case_keys).collect()),
        other => other,
    }
}

/// Turns serde's message into (field path, what is wrong with it) for people to read.
fn describe(path: &str, serde_message: &str) -> (String, String) {
    let at = |name: &str| {
        if path == "." { name.to_owned() } else { format!("{path}.{name}") }
    };
    if let Some(name) =
        serde_message.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`'))
    {
        return (at(name), "is required".to_owned());
    }
    let field = if path == "." { "body".to_owned() } else { path.to_owned() };
    let message = match serde_message
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        Some((got, expected)) => format!("must be {expected} (got {got})"),
        None => serde_message.to_owned(),
    };
    (field, message)
}

/// One part of a body read on its own, such as one record of a batch: what it holds, or the
/// field at fault (its path within the part) and why.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, portal_domain::FieldError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let (field, message) = describe(&path, &e.into_inner().to_string());
        portal_domain::FieldError::new(field, message)
    })
}

/// Query-string parameters, with the same error body as [`Json`] when one is malformed.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer).map(Query).map_err(|e| {
            let path = e.path().to_string();
            let (field, message) = describe(&path, &e.into_inner().to_string());
            AppError::invalid_field(&field, message)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_domain::LoginRequest;

    fn field_errors(bytes: &[u8]) -> Vec<(String, String)> {
        match parse_json::<LoginRequest>(bytes) {
            Err(AppError::Api { code: ErrorCode::InvalidInput, data, .. }) => {
                data.into_iter().map(|f| (f.field, f.message)).collect()
            }
            other => panic!("expected a 400, got {:?}", other.map(|r| r.email)),
        }
    }

    #[test]
    fn names_a_field_of_the_wrong_type() {
        let errors = field_errors(br#"{"email": 5, "password": "x"}"#);
        // serde_json's arbitrary_precision (exact money) words every number as "number".
        assert_eq!(errors, [("email".to_owned(), "must be a string (got number)".to_owned())]);
    }

    #[test]
    fn names_a_missing_field() {
        assert_eq!(field_errors(br#"{"email": "a@b.example"}"#)[0].0, "password");
    }

    #[test]
    fn accepts_pascal_case_keys() {
        let req: LoginRequest =
            parse_json(br#"{"Email": "a@b.example", "Password": "x"}"#).unwrap();
        assert_eq!(req.email, "a@b.example");
    }

    #[test]
    fn syntax_errors_and_empty_bodies_are_400() {
        for body in [&b"{"[..], b"", b"  ", b"[1]"] {
            match parse_json::<LoginRequest>(body) {
                Err(AppError::Api { code, .. }) => assert_eq!(code, ErrorCode::InvalidInput),
                _ => panic!("expected a 400 for {body:?}"),
            }
        }
    }

    #[test]
    fn recognises_json_content_types() {
        let mut headers = HeaderMap::new();
        assert!(!has_json_content_type(&headers));
        headers.insert(CONTENT_TYPE, "application/json; charset=utf-8".parse().unwrap());
        assert!(has_json_content_type(&headers));
        headers.insert(CONTENT_TYPE, "text/plain".parse().unwrap());
        assert!(!has_json_content_type(&headers));
    }
}
