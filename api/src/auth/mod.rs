//! Authentication: accounts sign in with email and password and get a short-lived JWT access
//! token plus a rotating refresh token; integrations use personal access tokens (`tokens`).
//! Every authenticated route takes an [`Auth`] extractor that names its required scope.

pub mod dto;
mod extractor;
mod handlers;
pub mod jwt;
pub mod opaque;
pub mod password;
pub mod rate_limit;
mod repo;
pub mod scopes;
mod service;

use std::time::Duration;

pub use extractor::{Auth, Credential, MaybeAuth};

/// Settings the auth handlers need (app data).
pub struct AuthSettings {
    pub refresh_token_ttl: Duration,
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::register)
        .service(handlers::login)
        .service(handlers::refresh)
        .service(handlers::logout);
}
