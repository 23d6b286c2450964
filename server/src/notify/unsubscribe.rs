//! One-click unsubscribe links (RFC 8058). A link names an address and a kind of notification,
//! signed with a key of the deployment (`server_keys`), so it needs no table and works for as
//! long as the key: a recipient who finds a year-old mail can still stop that kind.

use hmac::{Hmac, Mac};
use pentahelix_core::api::NotificationKind;
use pentahelix_core::validate::email_key;
use sha2::Sha256;

use crate::auth::hex;

/// The link's token: `HEX(address).kind.signature`.
pub fn token(key: &[u8], email: &str, kind: NotificationKind) -> String {
    let address = hex(email_key(email).as_bytes());
    let signature = sign(key, &address, kind.slug());
    format!("{address}.{}.{signature}", kind.slug())
}

/// The address and kind of a token this deployment signed; `None` for anything else.
pub fn verify(key: &[u8], token: &str) -> Option<(String, NotificationKind)> {
    let mut parts = token.split('.');
    let (address, kind, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let mac = mac(key, address, kind);
    mac.verify_slice(&unhex(signature)?).ok()?;
    let email = String::from_utf8(unhex(address)?).ok()?;
    Some((email, NotificationKind::from_slug(kind)?))
}

fn mac(key: &[u8], address: &str, kind: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(b"unsubscribe\0");
    mac.update(address.as_bytes());
    mac.update(b"\0");
    mac.update(kind.as_bytes());
    mac
}

fn sign(key: &[u8], address: &str, kind: &str) -> String {
    hex(&mac(key, address, kind).finalize().into_bytes())
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_address_and_kind_and_nothing_else_verifies() {
        let key = b"a deployment's key";
        let t = token(key, "Siti@Contoh.id", NotificationKind::PledgeOffered);
        assert_eq!(
            verify(key, &t),
            Some(("siti@contoh.id".into(), NotificationKind::PledgeOffered))
        );
        assert_eq!(verify(b"another key", &t), None);
        let other_kind = t.replace("pledge_offered", "pledge_declined");
        assert_eq!(verify(key, &other_kind), None);
        let (_, rest) = t.split_once('.').unwrap();
        let other_address = format!("{}.{rest}", hex(b"budi@contoh.id"));
        assert_eq!(verify(key, &other_address), None);
        assert_eq!(verify(key, ""), None);
        assert_eq!(verify(key, "zz.pledge_offered.00"), None);
    }
}
