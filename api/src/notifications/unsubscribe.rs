//! One-click unsubscribe links (RFC 8058): every mail carries a signed link that stops mail of
//! its category for its recipient, without signing in. The token names the user and category
//! and is sealed with an HMAC, so it cannot be forged or turned on someone else.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Category;

/// The key that seals unsubscribe tokens (derived from the token signing key, so every replica
/// accepts every link).
#[derive(Clone)]
pub struct UnsubscribeKey([u8; 32]);

fn keyed(key: &[u8]) -> Hmac<Sha256> {
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of every length"),
    }
}

impl UnsubscribeKey {
    pub fn derive(secret: &[u8]) -> Self {
        let mut mac = keyed(secret);
        mac.update(b"schwarm unsubscribe key v1");
        UnsubscribeKey(mac.finalize().into_bytes().into())
    }

    fn mac(&self, claim: &str) -> Hmac<Sha256> {
        let mut mac = keyed(&self.0);
        mac.update(claim.as_bytes());
        mac
    }

    /// A token for `user_id` and `category` (`None`: all mail).
    pub fn token(&self, user_id: &str, category: Option<Category>) -> String {
        let claim = format!("{user_id}|{}", category.map_or("all", Category::as_str));
        let tag = self.mac(&claim).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&claim),
            URL_SAFE_NO_PAD.encode(&tag[..16])
        )
    }

    /// The user and category a genuine token names.
    pub fn open(&self, token: &str) -> Option<(String, Option<Category>)> {
        let (claim, tag) = token.split_once('.')?;
        let claim = String::from_utf8(URL_SAFE_NO_PAD.decode(claim).ok()?).ok()?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        self.mac(&claim).verify_truncated_left(&tag).ok()?;
        if tag.len() < 16 {
            return None;
        }
        let (user_id, category) = claim.split_once('|')?;
        let category = match category {
            "all" => None,
            name => Some(name.parse().ok()?),
        };
        Some((user_id.to_owned(), category))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_open_only_unaltered_and_with_their_key() {
        let key = UnsubscribeKey::derive(b"secret");
        let token = key.token("user-1", Some(Category::Comments));
        assert_eq!(
            key.open(&token),
            Some(("user-1".into(), Some(Category::Comments)))
        );
        assert_eq!(
            key.open(&key.token("user-1", None)),
            Some(("user-1".into(), None))
        );
        assert_eq!(UnsubscribeKey::derive(b"other").open(&token), None);
        let forged = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode("user-2|all"),
            token.split_once('.').unwrap().1
        );
        assert_eq!(key.open(&forged), None);
        assert_eq!(key.open("garbage"), None);
    }
}
