//! The codes of reach: channel and referral codes (short, unguessable, shared in links) and
//! the visitor ids clients send, with the validators their request fields use.

use rand::Rng;
use validator::ValidationError;

use crate::error::ErrorCode;

/// 10 characters of 36: about 52 bits, unguessable for links that are meant to be shared.
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..10)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The campaign page with a code, relative to the site.
pub fn link(slug: &str, code: &str) -> String {
    format!("/c/{slug}?via={code}")
}

fn code_shaped(value: &str, min: usize, message: &'static str) -> Result<(), ValidationError> {
    let ok = (min..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return Err(ValidationError::new(ErrorCode::FieldFormat.as_str()).with_message(message.into()));
    }
    Ok(())
}

pub fn visitor_id_format(value: &str) -> Result<(), ValidationError> {
    code_shaped(value, 8, "must be 8 to 64 letters, digits, - or _")
}

pub fn invitation_code(value: &str) -> Result<(), ValidationError> {
    code_shaped(value, 1, "must be 1 to 64 letters, digits, - or _")
}
