//! Field rules shared by every request type (for `validator`'s `custom(function = ...)`), each
//! reporting a catalogue code.

use validator::ValidationError;

use crate::error::ErrorCode;

/// Blank by the union of Rust's and JSON Schema's (ECMAScript's) whitespace, so the documented
/// pattern `[^\s\u0085]` ("one character that is not whitespace") and this check agree on
/// every string: ECMAScript's `\s` lacks U+0085, Rust's `is_whitespace` lacks U+FEFF.
pub fn is_blank(value: &str) -> bool {
    value.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if is_blank(value) {
        return Err(
            ValidationError::new(ErrorCode::FieldBlank.as_str()).with_message("must not be blank".into())
        );
    }
    Ok(())
}

/// A field error with a catalogue `code`, a message and, for lengths and ranges, its `max`.
pub fn refusal(code: ErrorCode, message: &'static str, max: Option<i64>) -> ValidationError {
    let mut error = ValidationError::new(code.as_str()).with_message(message.into());
    if let Some(max) = max {
        error.add_param("max".into(), &max);
    }
    error
}

#[cfg(test)]
mod tests {
    use super::is_blank;

    #[test]
    fn blank_means_whitespace_by_rust_and_ecmascript_alike() {
        for blank in ["", " ", "\u{85}", "\u{feff}", "\u{3000}\t\n"] {
            assert!(is_blank(blank), "{blank:?} is blank");
        }
        for text in ["a", " a ", "\u{200b}"] {
            assert!(!is_blank(text), "{text:?} is not blank");
        }
    }
}
