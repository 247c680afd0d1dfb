//! Password hashing with argon2id. Hashing is slow on purpose, so it runs off the async workers.

use std::sync::OnceLock;

use anyhow::Context;
use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Checks `password` against `stored`. When there is no stored hash (no such user) it still does
/// the same work against a throw-away hash, so response times do not reveal which emails exist.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let (hash, known_user) = match stored {
            Some(hash) => (hash, true),
            None => (decoy_hash()?.to_owned(), false),
        };
        let parsed =
            PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
        let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
        Ok(known_user && matches)
    })
    .await
    .context("password check did not finish")?
}

fn decoy_hash() -> anyhow::Result<&'static str> {
    static DECOY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DECOY.get() {
        return Ok(hash);
    }
    let hash = hash_blocking("decoy password never used by anyone")?;
    Ok(DECOY.get_or_init(|| hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifies_only_the_right_password() {
        let stored = hash("demo-admin-1".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("demo-admin-1".into(), Some(stored.clone())).await.unwrap());
        assert!(!verify("demo-admin-2".into(), Some(stored)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_users_never_verify() {
        assert!(!verify("decoy password never used by anyone".into(), None).await.unwrap());
    }
}
