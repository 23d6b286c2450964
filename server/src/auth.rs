//! Capability tokens. A manage token is handed out once when a record is created and lets its
//! holder manage that record; an admin token is made on the command line and scoped to regions;
//! a session token is handed out for a code mailed to an address and manages that address's
//! records.
//! The server keeps only SHA-256 hashes: the tokens are 256 random bits, so a fast hash is as
//! safe as a slow one and keeps every authorised request cheap.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The prefix says what a token is, so one pasted in the wrong place is recognised as such (and
/// secret scanners can find leaked ones).
const MANAGE_PREFIX: &str = "phm_";
const ADMIN_PREFIX: &str = "pha_";
const SESSION_PREFIX: &str = "phs_";

#[derive(Clone, PartialEq, Eq)]
pub struct TokenHash([u8; 32]);

impl std::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHash(…)")
    }
}

impl TokenHash {
    pub fn of(token: &str) -> TokenHash {
        TokenHash(Sha256::digest(token.as_bytes()).into())
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<TokenHash> {
        bytes.try_into().ok().map(TokenHash)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Compares in constant time, so response timing reveals nothing about a stored hash.
    pub fn matches(&self, other: &TokenHash) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Manage,
    Admin,
    /// A signed-in address's session (see `routes::auth`).
    Session,
}

/// A new random token of `kind`, and its hash for storage.
pub fn new_token(kind: TokenKind) -> (String, TokenHash) {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    let prefix = match kind {
        TokenKind::Manage => MANAGE_PREFIX,
        TokenKind::Admin => ADMIN_PREFIX,
        TokenKind::Session => SESSION_PREFIX,
    };
    let token = format!("{prefix}{}", hex(&bytes));
    let hash = TokenHash::of(&token);
    (token, hash)
}

/// A sign-in code's stored hash, bound to its address so a code is worth nothing for another
/// one. A fast hash suffices: a code lives 15 minutes and allows five tries.
pub fn code_hash(email: &str, code: &str) -> TokenHash {
    TokenHash::of(&format!("{email}\n{code}"))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bearer token of a request, if it sent one that looks like a Pentahelix token. A
/// malformed header is treated as no token (anonymous), never as an error: anonymous access is
/// what such a caller gets anyway, and a 401 would only leak which headers are parsed.
#[derive(Debug, Clone, Default)]
pub struct Bearer(pub Option<BearerToken>);

#[derive(Debug, Clone)]
pub struct BearerToken {
    pub kind: TokenKind,
    pub hash: TokenHash,
}

impl Bearer {
    pub fn manage(&self) -> Option<&TokenHash> {
        self.0
            .as_ref()
            .filter(|t| t.kind == TokenKind::Manage)
            .map(|t| &t.hash)
    }

    pub fn admin(&self) -> Option<&TokenHash> {
        self.0
            .as_ref()
            .filter(|t| t.kind == TokenKind::Admin)
            .map(|t| &t.hash)
    }

    pub fn session(&self) -> Option<&TokenHash> {
        self.0
            .as_ref()
            .filter(|t| t.kind == TokenKind::Session)
            .map(|t| &t.hash)
    }

    pub fn parse(header_value: &str) -> Bearer {
        let token = header_value
            .strip_prefix("Bearer ")
            .or_else(|| header_value.strip_prefix("bearer "))
            .map(str::trim)
            .unwrap_or_default();
        let valid = |rest: &str| rest.len() == 64 && rest.bytes().all(|b| b.is_ascii_hexdigit());
        let kind = if token.strip_prefix(MANAGE_PREFIX).is_some_and(valid) {
            TokenKind::Manage
        } else if token.strip_prefix(ADMIN_PREFIX).is_some_and(valid) {
            TokenKind::Admin
        } else if token.strip_prefix(SESSION_PREFIX).is_some_and(valid) {
            TokenKind::Session
        } else {
            return Bearer(None);
        };
        Bearer(Some(BearerToken {
            kind,
            hash: TokenHash::of(token),
        }))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(Bearer::parse)
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_tokens_are_distinct_prefixed_and_parse_back_to_their_hash() {
        let (a, hash_a) = new_token(TokenKind::Manage);
        let (b, _) = new_token(TokenKind::Manage);
        assert_ne!(a, b);
        assert!(a.starts_with("phm_") && a.len() == 68);
        let bearer = Bearer::parse(&format!("Bearer {a}"));
        assert!(bearer.manage().unwrap().matches(&hash_a));
        assert!(bearer.admin().is_none());
        let (admin, admin_hash) = new_token(TokenKind::Admin);
        assert!(
            Bearer::parse(&format!("Bearer {admin}"))
                .admin()
                .unwrap()
                .matches(&admin_hash)
        );
        let (session, session_hash) = new_token(TokenKind::Session);
        assert!(session.starts_with("phs_"));
        let bearer = Bearer::parse(&format!("Bearer {session}"));
        assert!(bearer.session().unwrap().matches(&session_hash));
        assert!(bearer.manage().is_none() && bearer.admin().is_none());
    }

    #[test]
    fn malformed_authorization_is_anonymous() {
        for bad in [
            "",
            "Bearer",
            "Bearer phm_123",
            "Basic dXNlcjpwYXNz",
            "Bearer pha_zz",
            "phm_00",
        ] {
            assert!(Bearer::parse(bad).0.is_none(), "{bad}");
        }
    }

    #[test]
    fn hashes_compare_by_value() {
        assert!(TokenHash::of("x").matches(&TokenHash::of("x")));
        assert!(!TokenHash::of("x").matches(&TokenHash::of("y")));
        assert_eq!(
            TokenHash::from_bytes(TokenHash::of("x").as_bytes()),
            Some(TokenHash::of("x"))
        );
        assert_eq!(TokenHash::from_bytes(&[1, 2, 3]), None);
    }
}
