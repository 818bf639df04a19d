//! HTTP plumbing shared by every route: request ids, access logs, body limits, unmatched routes
//! and the single-page app.

pub mod body_limit;
pub mod client_ip;
pub mod download;
pub mod etag;
pub mod head;
pub mod json;
pub mod no_store;
pub mod nul_guard;
pub mod problem_guard;
pub mod request_id;
pub mod routes;
pub mod spa;
mod strict_value;

use actix_cors::Cors;
use actix_web::http::{Method, header};
use actix_web::middleware::{DefaultHeaders, Logger};

/// One access-log line per request, as `key=value` pairs that log tools can parse.
pub fn access_log() -> Logger {
    Logger::new("method=%{method}xi path=%U status=%s latency_ms=%D bytes=%b request_id=%{x-request-id}o")
        .custom_request_replace("method", |req| req.method().to_string())
}

/// Headers every response carries: browsers must not guess content types (an uploaded "image"
/// must never run as a script), nobody may frame the app (clickjacking), and full URLs with
/// campaign or referral codes do not leak to other sites.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
}

/// CORS for the browser origins in `CORS_ORIGINS`; with none, browsers may call the API from its
/// own origin only (the SPA it serves). Requests from other origins get no CORS headers, so the
/// browser refuses them, while non-browser clients are unaffected.
pub fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_NONE_MATCH,
            header::HeaderName::from_static("idempotency-key"),
            header::HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([
            header::ETAG,
            header::RETRY_AFTER,
            header::LOCATION,
            header::WWW_AUTHENTICATE,
            header::HeaderName::from_static("x-request-id"),
        ])
        .block_on_origin_mismatch(false)
        .max_age(3600)
}
