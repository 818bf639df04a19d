//! Schwarm's API server as a library: the binary (`main.rs`), the black-box tests and the
//! OpenAPI generator all build the same route tree from here.

pub mod app;
pub mod auth;
pub mod campaigns;
pub mod clock;
pub mod comments;
pub mod config;
pub mod contributions;
pub mod db;
pub mod digest;
pub mod error;
pub mod health;
pub mod http;
pub mod ids;
pub mod insight;
pub mod media;
pub mod metrics;
pub mod moderation;
pub mod openapi;
pub mod organizations;
pub mod pagination;
pub mod rate_limit;
pub mod reach;
pub mod rewards;
pub mod schema;
pub mod secrets;
pub mod server;
pub mod tokens;
pub mod users;
pub mod votes;

/// Every API route lives under this prefix.
pub const API_PREFIX: &str = "/api/v1";

/// The one route tree of the API (relative to [`API_PREFIX`]); each resource registers its
/// handlers in its own `configure`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.configure(health::configure)
        .configure(metrics::configure)
        .configure(openapi::configure)
        .configure(auth::configure)
        .configure(users::configure)
        .configure(tokens::configure)
        .configure(organizations::configure)
        .configure(campaigns::configure)
        .configure(contributions::configure)
        .configure(moderation::configure)
        .configure(comments::configure)
        .configure(votes::configure)
        .configure(rewards::configure)
        .configure(reach::configure)
        .configure(insight::configure)
        .configure(media::configure);
}
