//! What keeps sign-in from being a way to guess passwords or to exhaust the server:
//!
//! - per account: at most [`login_throttle::MAX_ATTEMPTS`] password checks in
//!   [`login_throttle::WINDOW`], counted in the database before the check (see `login_throttle`);
//! - per client address: at most [`ADDRESS_ATTEMPTS`] attempts a minute, counted here before the
//!   check, a successful sign-in giving its attempt back (so a busy office behind one address is
//!   not locked out by its own colleagues, but guessing across many accounts is);
//! - for the whole server: at most [`CONCURRENT_HASHES`] password hashes at once. Each argon2
//!   check holds 19 MiB for tens of milliseconds; without a cap a storm of sign-ins would need
//!   that much memory per request in flight. A request that cannot start its check within
//!   [`HASH_QUEUE_WAIT`] is answered 503 with `Retry-After`. Each slot keeps its working memory
//!   for the next check, so the memory sign-in uses is allocated once, not per request.
//!
//! The address counts are kept in this replica's memory: each replica limits what reaches it,
//! which is what protects its memory and CPU, and N replicas let an address through N times.
//!
//! [`login_throttle::MAX_ATTEMPTS`]: crate::store::login_throttle::MAX_ATTEMPTS
//! [`login_throttle::WINDOW`]: crate::store::login_throttle::WINDOW

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::auth::password::HashMemory;
use crate::state::AppState;

/// Password hashes computed at once by this server (19 MiB each).
pub const CONCURRENT_HASHES: usize = 4;
/// How long a sign-in waits for a free hashing slot before it is told to come back.
pub const HASH_QUEUE_WAIT: Duration = Duration::from_secs(2);
/// Sign-in attempts per client address and minute (successful ones are given back).
pub const ADDRESS_ATTEMPTS: u32 = 30;
const ADDRESS_WINDOW: Duration = Duration::from_secs(60);
/// Addresses remembered before stale ones are forgotten, so a flood of addresses cannot grow
/// the map without bound.
const MAX_TRACKED_ADDRESSES: usize = 100_000;

pub struct SignInLimits {
    hashing: Semaphore,
    /// The working memory of the hashing slots: at most `CONCURRENT_HASHES` ever exist.
    memory: Mutex<Vec<HashMemory>>,
    addresses: Mutex<HashMap<IpAddr, AddressWindow>>,
}

/// The right to check one password, with the memory to do it in; both go back when dropped.
pub struct HashingSlot<'a> {
    _permit: SemaphorePermit<'a>,
    memory: Option<HashMemory>,
    pool: &'a Mutex<Vec<HashMemory>>,
}

impl HashingSlot<'_> {
    pub fn memory(&mut self) -> &mut HashMemory {
        self.memory.get_or_insert_with(HashMemory::default)
    }
}

impl Drop for HashingSlot<'_> {
    fn drop(&mut self) {
        if let Some(memory) = self.memory.take() {
            self.pool.lock().unwrap_or_else(|e| e.into_inner()).push(memory);
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct AddressWindow {
    started: Instant,
    attempts: u32,
}

/// An attempt counted against an address; a successful sign-in gives it back with
/// [`SignInLimits::give_back`].
#[derive(Debug, Clone, Copy)]
pub struct AddressAttempt(IpAddr);

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            hashing: Semaphore::new(CONCURRENT_HASHES),
            memory: Mutex::new(Vec::new()),
            addresses: Mutex::new(HashMap::new()),
        }
    }
}

impl SignInLimits {
    /// Counts an attempt from `address`; `Err(seconds)` when the address has used up its minute.
    pub fn take_address_attempt(&self, address: IpAddr) -> Result<AddressAttempt, u64> {
        self.take_address_attempt_at(address, Instant::now())
    }

    fn take_address_attempt_at(
        &self,
        address: IpAddr,
        now: Instant,
    ) -> Result<AddressAttempt, u64> {
        let mut windows = self.addresses.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= MAX_TRACKED_ADDRESSES {
            windows.retain(|_, w| now.duration_since(w.started) < ADDRESS_WINDOW);
        }
        let window = windows.entry(address).or_insert(AddressWindow { started: now, attempts: 0 });
        if now.duration_since(window.started) >= ADDRESS_WINDOW {
            *window = AddressWindow { started: now, attempts: 0 };
        }
        if window.attempts >= ADDRESS_ATTEMPTS {
            let left = ADDRESS_WINDOW.saturating_sub(now.duration_since(window.started));
            return Err(left.as_secs().max(1));
        }
        window.attempts += 1;
        Ok(AddressAttempt(address))
    }

    pub fn give_back(&self, AddressAttempt(address): AddressAttempt) {
        let mut windows = self.addresses.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(window) = windows.get_mut(&address) {
            window.attempts = window.attempts.saturating_sub(1);
        }
    }

    /// A slot to hash a password in, or `None` when every slot stayed busy for
    /// [`HASH_QUEUE_WAIT`].
    pub async fn hashing_slot(&self) -> Option<HashingSlot<'_>> {
        let permit =
            tokio::time::timeout(HASH_QUEUE_WAIT, self.hashing.acquire()).await.ok()?.ok()?;
        let memory = self.memory.lock().unwrap_or_else(|e| e.into_inner()).pop();
        Some(HashingSlot { _permit: permit, memory, pool: &self.memory })
    }
}

/// The address of the client: the peer of the connection, or, behind a load balancer that the
/// configuration says to trust (`PORTAL_TRUST_FORWARDED_FOR`), the last address of
/// `X-Forwarded-For` (the one the load balancer added; earlier ones are the client's to invent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded = state
            .config
            .trust_forwarded_for
            .then(|| parts.headers.get_all("x-forwarded-for").iter().next_back())
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        Ok(ClientAddress(forwarded.or(peer).unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_attempts_a_minute_and_successes_back() {
        let limits = SignInLimits::default();
        let address: IpAddr = "192.0.2.7".parse().unwrap();
        let start = Instant::now();
        let mut taken = Vec::new();
        for _ in 0..ADDRESS_ATTEMPTS {
            taken.push(limits.take_address_attempt_at(address, start).expect("within the limit"));
        }
        let wait = limits.take_address_attempt_at(address, start + Duration::from_secs(15));
        assert_eq!(wait.unwrap_err(), 45);
        // Another address is not affected.
        assert!(limits.take_address_attempt_at("192.0.2.8".parse().unwrap(), start).is_ok());
        // A success gives its attempt back.
        limits.give_back(taken.pop().unwrap());
        assert!(limits.take_address_attempt_at(address, start).is_ok());
        assert!(limits.take_address_attempt_at(address, start).is_err());
        // A new minute starts afresh.
        assert!(limits.take_address_attempt_at(address, start + ADDRESS_WINDOW).is_ok());
    }

    #[tokio::test]
    async fn hashing_slots_are_capped() {
        let limits = SignInLimits::default();
        let mut held = Vec::new();
        for _ in 0..CONCURRENT_HASHES {
            held.push(limits.hashing_slot().await.expect("a free slot"));
        }
        tokio::time::pause();
        assert!(limits.hashing_slot().await.is_none(), "a fifth hash must wait, then give up");
        drop(held.pop());
        assert!(limits.hashing_slot().await.is_some());
    }
}
