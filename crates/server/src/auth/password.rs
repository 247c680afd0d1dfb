//! Password hashing with argon2id. Hashing is slow on purpose, so it runs off the async workers.
//!
//! Checking a password needs 19 MiB of working memory. Sign-ins bring their own reusable
//! [`HashMemory`] (see `sign_in_limits`): allocating and freeing 19 MiB per check leaves the
//! allocator's per-thread arenas holding hundreds of megabytes after a burst of sign-ins.

use std::sync::OnceLock;

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, PasswordHasher, Version};

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

/// The working memory of one password check, kept for the next one.
#[derive(Default)]
pub struct HashMemory(Vec<Block>);

/// Checks `password` against `stored`. When there is no stored hash (no such user) it still does
/// the same work against a throw-away hash, so response times do not reveal which emails exist.
pub async fn verify(
    password: String,
    stored: Option<String>,
    memory: &mut HashMemory,
) -> anyhow::Result<bool> {
    let mut blocks = std::mem::take(&mut memory.0);
    let (result, blocks) = tokio::task::spawn_blocking(move || {
        let result = verify_blocking(&password, stored, &mut blocks);
        (result, blocks)
    })
    .await
    .context("password check did not finish")?;
    memory.0 = blocks;
    result
}

fn verify_blocking(
    password: &str,
    stored: Option<String>,
    blocks: &mut Vec<Block>,
) -> anyhow::Result<bool> {
    let (hash, known_user) = match stored {
        Some(hash) => (hash, true),
        None => (decoy_hash()?.to_owned(), false),
    };
    let parsed = PasswordHash::new(&hash).map_err(unreadable)?;
    let params = Params::try_from(&parsed).map_err(unreadable)?;
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(unreadable)?;
    let version =
        parsed.version.map(Version::try_from).transpose().map_err(unreadable)?.unwrap_or_default();
    let salt = parsed.salt.context("stored hash has no salt")?;
    let mut salt_bytes = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_bytes).map_err(unreadable)?;
    let expected = parsed.hash.context("stored hash has no hash")?;

    // Grown once to the size the parameters need, then reused.
    blocks.resize(params.block_count(), Block::default());
    let mut computed = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut computed, &mut blocks[..])
        .map_err(|e| anyhow::anyhow!("password check failed: {e}"))?;
    // `Output` compares in constant time.
    let matches = Output::new(&computed).map_err(unreadable)? == expected;
    Ok(known_user && matches)
}

fn unreadable(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("stored hash unreadable: {e}")
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
        let mut memory = HashMemory::default();
        let stored = hash("demo-admin-1".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("demo-admin-1".into(), Some(stored.clone()), &mut memory).await.unwrap());
        assert!(!verify("demo-admin-2".into(), Some(stored), &mut memory).await.unwrap());
        // The memory is kept for the next check.
        assert_eq!(memory.0.len(), Params::DEFAULT.block_count());
    }

    #[tokio::test]
    async fn unknown_users_never_verify() {
        let mut memory = HashMemory::default();
        let decoy = "decoy password never used by anyone";
        assert!(!verify(decoy.into(), None, &mut memory).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_with_other_parameters_still_verify() {
        let params = Params::new(8 * 1024, 1, 2, None).unwrap();
        let salt = SaltString::generate(&mut OsRng);
        let stored = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"s3cret", &salt)
            .unwrap()
            .to_string();
        let mut memory = HashMemory::default();
        assert!(verify("s3cret".into(), Some(stored), &mut memory).await.unwrap());
    }
}
