//! Session tokens and the cookie that carries them.
//!
//! The token is 256 random bits handed to the browser in an HttpOnly cookie; the database keeps
//! only its SHA-256, so reading the sessions table does not let anyone sign in.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::TimeDelta;
use sha2::{Digest, Sha256};

pub const COOKIE_NAME: &str = "portal_session";

/// How long a session lasts after sign-in: a working day, then the user signs in again.
pub const LIFETIME: TimeDelta = TimeDelta::hours(12);

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// TLS ends at the load balancer in front of us, so whether the browser used https is what
/// `X-Forwarded-Proto` says.
pub fn is_https(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(',').next().unwrap_or_default().trim().eq_ignore_ascii_case("https")
    })
}

pub fn cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(LIFETIME.num_seconds()))
        .build()
}

pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::ZERO)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        let hash = hash_token(&a);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, a);
        assert_eq!(hash, hash_token(&a));
    }

    #[test]
    fn cookie_is_http_only_lax_and_secure_only_over_https() {
        let plain = cookie("t".into(), false).to_string();
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(cookie("t".into(), true).to_string().contains("Secure"));
    }

    #[test]
    fn https_is_read_from_the_forwarded_proto() {
        let mut headers = HeaderMap::new();
        assert!(!is_https(&headers));
        headers.insert("x-forwarded-proto", "https, http".parse().unwrap());
        assert!(is_https(&headers));
    }
}
