//! Opaque secrets (refresh tokens, personal access tokens): 256 random bits behind a
//! recognisable prefix, stored only as SHA-256 digests. A fast hash is right here: the secrets
//! are random, not guessable passwords, and every request needs the lookup.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// A new secret: `prefix` followed by 43 URL-safe characters.
pub fn generate(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The digest stored and looked up instead of the secret.
pub fn digest(secret: &str) -> String {
    crate::digest::sha256_hex(secret.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_unique_prefixed_and_digested_stably() {
        let (a, b) = (generate("srt_"), generate("srt_"));
        assert_ne!(a, b);
        assert!(a.starts_with("srt_") && a.len() == 4 + 43);
        assert_eq!(digest(&a), digest(&a));
        assert_ne!(digest(&a), digest(&b));
        assert_eq!(digest(&a).len(), 64);
    }
}
