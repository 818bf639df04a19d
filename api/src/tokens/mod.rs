//! Personal access tokens: long-lived, scoped credentials for integrations, managed by their
//! owner under `/me/tokens` and accepted wherever a bearer token is.

pub mod dto;
mod handlers;
mod repo;
mod service;

/// How much of a secret lists show.
const PREFIX_SHOWN: usize = crate::auth::personal_token::PREFIX.len() + 4;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::list_tokens)
        .service(handlers::create_token)
        .service(handlers::revoke_token);
}
