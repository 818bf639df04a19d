//! Accounts and login sessions: sign up with email and password, sign in for a short-lived JWT
//! access token plus a rotating refresh token, refresh, sign out.

pub mod dto;
mod handlers;
pub mod links;
mod profile;
mod recovery;
mod repo;
mod service;
mod sessions;

pub use service::end_all_sessions;

use std::time::Duration;

/// Settings the session handlers need (app data).
pub struct AuthSettings {
    pub refresh_token_ttl: Duration,
}

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::register)
        .service(handlers::login)
        .service(handlers::refresh)
        .service(handlers::logout)
        .service(profile::update_me)
        .service(sessions::list_sessions)
        .service(sessions::end_session)
        .service(sessions::end_other_sessions)
        .service(sessions::change_password)
        .service(recovery::request_password_reset)
        .service(recovery::confirm_password_reset)
        .service(recovery::verify_email)
        .service(recovery::resend_email_verification);
}
