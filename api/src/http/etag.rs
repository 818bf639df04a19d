//! Conditional GETs: successful GET responses of the API carry a strong `ETag` (a digest of the
//! body), and a request whose `If-None-Match` matches gets `304 Not Modified` without the body,
//! which saves mobile clients on flaky networks the transfer.

use crate::digest::sha256_hex;
use actix_web::body::{self, BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CACHE_CONTROL, ETAG, HeaderMap, HeaderValue, IF_NONE_MATCH, VARY};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

pub async fn conditional_get(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let applies = req.method() == Method::GET;
    let if_none_match = req
        .headers()
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let res = next.call(req).await?;
    if !applies || res.status() != StatusCode::OK {
        return Ok(res.map_into_boxed_body());
    }
    // A handler that knows its representation's identity (media: the stored digest) sets the
    // ETag itself, and the body need not be read to answer a conditional request.
    if let Some(etag) = res
        .headers()
        .get(ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    {
        if if_none_match.is_some_and(|header| matches(&header, &etag)) {
            let (req, res) = res.into_parts();
            return Ok(ServiceResponse::new(req, not_modified(res.headers())));
        }
        return Ok(res.map_into_boxed_body());
    }
    // A streamed body (an export of unknown length) passes through as it comes: digesting it
    // would hold the whole export in memory.
    if matches!(res.response().body().size(), BodySize::Stream) {
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let bytes = body::to_bytes(body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("body"))?;
    let etag = format!("\"{}\"", &sha256_hex(&bytes)[..32]);
    let Ok(etag_value) = HeaderValue::from_str(&etag) else {
        return Ok(ServiceResponse::new(req, head.set_body(BoxBody::new(bytes))));
    };
    head.headers_mut().insert(ETAG, etag_value);
    if if_none_match.is_some_and(|header| matches(&header, &etag)) {
        return Ok(ServiceResponse::new(req, not_modified(head.headers())));
    }
    Ok(ServiceResponse::new(req, head.set_body(BoxBody::new(bytes))))
}

/// A 304 keeps the validators and caching headers of the 200 it stands for (RFC 9110 §15.4.5).
fn not_modified(headers: &HeaderMap) -> HttpResponse {
    let mut response = HttpResponse::NotModified();
    for name in [ETAG, CACHE_CONTROL, VARY] {
        if let Some(value) = headers.get(&name) {
            response.insert_header((name, value.clone()));
        }
    }
    response.finish()
}

/// `If-None-Match` uses weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored.
fn matches(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == etag)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn if_none_match_lists_wildcards_and_weak_tags_match() {
        assert!(matches("\"abc\"", "\"abc\""));
        assert!(matches("\"x\", W/\"abc\"", "\"abc\""));
        assert!(matches("*", "\"abc\""));
        assert!(!matches("\"abd\"", "\"abc\""));
    }
}
