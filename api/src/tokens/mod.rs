//! Personal access tokens: long-lived, scoped credentials for integrations, managed by their
//! owner under `/me/tokens` and accepted wherever a bearer token is.

pub mod dto;
mod handlers;
mod repo;
pub mod service;

/// Every personal access token starts with this, so it is recognisable (to the server, to the
/// owner, and to secret scanners).
pub const PREFIX: &str = "swm_pat_";
/// How much of a secret lists show.
const PREFIX_SHOWN: usize = PREFIX.len() + 4;

pub fn is_personal_token(bearer: &str) -> bool {
    bearer.starts_with(PREFIX)
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list_tokens)
        .service(handlers::create_token)
        .service(handlers::revoke_token);
}
