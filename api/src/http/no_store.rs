//! Answers that carry a secret (tokens, signing secrets) are sent with `Cache-Control: no-store`:
//! no cache keeps them, and neither does the idempotency layer (a retry with the same key runs
//! again rather than having the secret stored in the clear for a day).

use actix_web::HttpResponseBuilder;
use actix_web::http::header::{CACHE_CONTROL, HeaderMap};

/// Marks a response as carrying a secret.
pub fn no_store(mut builder: HttpResponseBuilder) -> HttpResponseBuilder {
    builder.insert_header((CACHE_CONTROL, "no-store"));
    builder
}

/// Whether a response was marked by [`no_store`].
pub fn is_no_store(headers: &HeaderMap) -> bool {
    headers
        .get(CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|directive| directive.trim().eq_ignore_ascii_case("no-store"))
        })
}
