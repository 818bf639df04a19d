//! HTTP plumbing shared by every route: request ids, access logs, body limits, unmatched routes
//! and the single-page app.

pub mod access_log;
pub mod body_limit;
pub mod client_ip;
pub mod download;
pub mod etag;
pub mod head;
pub mod json;
pub mod no_store;
pub mod nul_guard;
pub mod problem_guard;
pub mod query;
pub mod register;
pub mod request_id;
pub mod routes;
pub mod spa;
mod strict_value;

pub use register::Register;

use actix_cors::Cors;
use actix_web::http::{Method, header};
use actix_web::middleware::DefaultHeaders;

/// The Content-Security-Policy of every response. The SPA loads only its own scripts, styles,
/// fonts and media (and `data:`/`blob:` images: previews of files being uploaded); markdown
/// cannot pull images from other sites (they would log every viewer's address); nothing may
/// frame the app, post forms elsewhere or change the base URL. Inline styles stay allowed for
/// the API docs' UI; no inline script runs anywhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
    connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
    frame-ancestors 'none'";

/// Headers every response carries: browsers must not guess content types (an uploaded "image"
/// must never run as a script), nobody may frame the app (clickjacking), full URLs with campaign
/// or referral codes do not leak to other sites, the page may not use the camera, microphone,
/// location or payment APIs, and [`CONTENT_SECURITY_POLICY`]. With `hsts_max_age` (an `https`
/// `PUBLIC_URL`), browsers keep to HTTPS.
pub fn security_headers(hsts_max_age: u64) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ))
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY));
    match hsts_max_age {
        0 => headers,
        max_age => headers.add((
            "Strict-Transport-Security",
            format!("max-age={max_age}; includeSubDomains"),
        )),
    }
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
