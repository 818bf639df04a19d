//! Standard Webhooks 1.0 signatures: `webhook-signature: v1,<base64 HMAC-SHA256 of
//! "id.timestamp.body">` with the endpoint's secret (`whsec_` + base64 of 24 random bytes).
//! After a rotation the previous secret signs too, for a day, so receivers can switch over.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

const PREFIX: &str = "whsec_";

/// A new secret: `whsec_` and 24 random bytes in base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    format!("{PREFIX}{}", STANDARD.encode(bytes))
}

/// `v1,<signature>` of one message with one secret.
fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD
        .decode(secret.strip_prefix(PREFIX).unwrap_or(secret))
        .ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

/// The `webhook-signature` header: one signature per valid secret, space-separated.
pub fn header(secrets: &[&str], id: &str, timestamp: i64, body: &str) -> String {
    secrets
        .iter()
        .filter_map(|secret| signature(secret, id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_prefixed_and_sign_deterministically() {
        let secret = new_secret();
        assert!(secret.starts_with("whsec_"));
        let one = header(&[&secret], "msg_1", 1_700_000_000, "{}");
        assert!(one.starts_with("v1,"));
        assert_eq!(one, header(&[&secret], "msg_1", 1_700_000_000, "{}"));
        assert_ne!(one, header(&[&secret], "msg_2", 1_700_000_000, "{}"));
        let both = header(&[&secret, &new_secret()], "msg_1", 1_700_000_000, "{}");
        assert_eq!(both.split(' ').count(), 2);
        assert!(both.starts_with(&one));
    }
}
