//! The registration token of a disconnected Azure Stack Hub deployment (seed 001,
//! `Get-AzsRegistrationToken`): what the deployment says about itself (cloud id, billing model,
//! agreement number, nodes and cores), carried by hand to a machine that reaches the portal.
//!
//! A token is `base64url(JSON claims) "." base64url(HMAC-SHA256)`, signed with the portal's key
//! (`store::secrets`): the deployment's side (`POST /v1/azurestack/registrationtokens`, or the
//! `portal-server azs-token` command) signs it, registration checks it, so a token edited on the
//! way, or older than [`VALIDITY_DAYS`], is refused.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use portal_domain::azure_stack::BillingModel;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::timestamp;

/// How long a token may wait before it is used.
pub const VALIDITY_DAYS: i64 = 30;

/// What the deployment puts in its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenClaims {
    pub cloud_id: String,
    pub billing_model: BillingModel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_number: Option<String>,
    pub node_count: i64,
    pub cores: i64,
    /// RFC 3339, UTC (`timestamp::to_text`).
    pub issued_at: String,
}

/// Why a token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token at all (cut short when copied, say).
    Malformed,
    /// Its signature does not match what it says: changed after it was made.
    Tampered,
    /// Older than [`VALIDITY_DAYS`]: the deployment must make a new one.
    Expired,
}

impl TokenError {
    pub fn english(self) -> String {
        match self {
            TokenError::Malformed => {
                "is not a registration token: paste the whole text the deployment wrote".to_owned()
            }
            TokenError::Tampered => {
                "was changed after the deployment made it: get a new one from the deployment"
                    .to_owned()
            }
            TokenError::Expired => format!(
                "has expired (tokens are valid {VALIDITY_DAYS} days): get a new one from the deployment"
            ),
        }
    }
}

fn signature(key: &[u8], payload: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

pub fn encode(claims: &TokenClaims, key: &[u8]) -> String {
    let json = serde_json::to_vec(claims).expect("claims serialize");
    let payload = URL_SAFE_NO_PAD.encode(json);
    let signed = URL_SAFE_NO_PAD.encode(signature(key, &payload));
    format!("{payload}.{signed}")
}

/// The claims of a token signed with `key`, still valid at `now`: what registering takes.
pub fn decode(token: &str, key: &[u8], now: DateTime<Utc>) -> Result<TokenClaims, TokenError> {
    let claims = verify(token, key)?;
    let issued = timestamp::parse(&claims.issued_at).map_err(|_| TokenError::Malformed)?;
    if now >= issued + Duration::days(VALIDITY_DAYS) || issued > now + Duration::minutes(5) {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

/// The claims of a token signed with `key`, however old: removing a registration with the
/// token it was made with (`UnRegister-AzsEnvironment -RegistrationToken`) works for good.
pub fn verify(token: &str, key: &[u8]) -> Result<TokenClaims, TokenError> {
    let (payload, signed) = token.trim().split_once('.').ok_or(TokenError::Malformed)?;
    let signed = URL_SAFE_NO_PAD.decode(signed).map_err(|_| TokenError::Malformed)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(payload.as_bytes());
    // Compared in constant time: how much of a forged signature matched must not show.
    mac.verify_slice(&signed).map_err(|_| TokenError::Tampered)?;
    let json = URL_SAFE_NO_PAD.decode(payload).map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a key of the portal's own";

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn claims() -> TokenClaims {
        TokenClaims {
            cloud_id: "7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00".to_owned(),
            billing_model: BillingModel::Capacity,
            agreement_number: Some("12345678".to_owned()),
            node_count: 4,
            cores: 64,
            issued_at: "2026-11-30T10:00:00.000Z".to_owned(),
        }
    }

    #[test]
    fn a_token_carries_its_claims_until_it_expires() {
        let token = encode(&claims(), KEY);
        assert_eq!(decode(&token, KEY, at("2026-12-01T10:00:00Z")), Ok(claims()));
        // With spaces or a line break around it, as pasted from a file.
        assert_eq!(decode(&format!("  {token}\n"), KEY, at("2026-12-01T10:00:00Z")), Ok(claims()));
        assert_eq!(decode(&token, KEY, at("2026-12-30T09:59:59Z")), Ok(claims()));
        assert_eq!(decode(&token, KEY, at("2026-12-30T10:00:00Z")), Err(TokenError::Expired));
        // Still the deployment's own for removing its registration.
        assert_eq!(verify(&token, KEY), Ok(claims()));
        // Dated in the future beyond clock drift: refused too.
        assert_eq!(decode(&token, KEY, at("2026-11-30T09:00:00Z")), Err(TokenError::Expired));
    }

    #[test]
    fn a_changed_token_or_another_key_is_refused() {
        let token = encode(&claims(), KEY);
        let now = at("2026-12-01T10:00:00Z");
        // The billing model changed on the way, signature kept.
        let (_, signed) = token.split_once('.').unwrap();
        let mut edited = claims();
        edited.billing_model = BillingModel::Development;
        let forged_payload = encode(&edited, KEY);
        let (payload, _) = forged_payload.split_once('.').unwrap();
        assert_eq!(decode(&format!("{payload}.{signed}"), KEY, now), Err(TokenError::Tampered));
        assert_eq!(decode(&token, b"another key", now), Err(TokenError::Tampered));
        for garbage in ["", "no-dot", "abc.!!!", &token[..token.len() / 2]] {
            assert!(decode(garbage, KEY, now).is_err(), "{garbage}");
        }
        assert_eq!(decode("e30.AAAA", KEY, now), Err(TokenError::Tampered));
    }
}
