//! Schwarm's API server as a library: the binary (`main.rs`), the black-box tests and the
//! OpenAPI generator all build the same route tree from here.

// The layers, lowest first; a module uses only modules of lower layers (checked by the
// `architecture` test). See the README's architecture section for the picture.
//
// foundation: what every layer stands on
pub mod clock;
pub mod config;
pub mod db;
pub mod digest;
pub mod domain;
pub mod error;
pub mod http;
pub mod ids;
pub mod pagination;
pub mod rate_limit;
pub mod schema;
pub mod secrets;
pub mod validate;
// what every feature records into and what runs in the background
pub mod events;
pub mod jobs;
pub mod mail;
// credentials
pub mod auth;
// people and brands
pub mod media;
pub mod organizations;
pub mod tokens;
pub mod users;
// campaigns, and what other features record inside their transactions
pub mod attribution;
pub mod campaigns;
pub mod counters;
pub mod invitations;
pub mod ledger;
pub mod scores;
// features
pub mod accounts;
pub mod comments;
pub mod contributions;
pub mod funding;
pub mod health;
pub mod insight;
pub mod metrics;
pub mod microtasks;
pub mod moderation;
pub mod privacy;
pub mod reach;
pub mod rewards;
pub mod votes;
// what reaches people and integrations
pub mod dispatch;
pub mod idempotency;
pub mod notifications;
pub mod webhooks;
// the application
pub mod app;
pub mod openapi;
pub mod server;

/// Every API route lives under this prefix.
pub const API_PREFIX: &str = "/api/v1";

/// The one route tree of the API (relative to [`API_PREFIX`]); each resource registers its
/// handlers in its own `configure`.
pub fn configure_api(cfg: &mut impl http::Register) {
    cfg.configure(health::configure)
        .configure(metrics::configure)
        .configure(openapi::configure)
        .configure(accounts::configure)
        .configure(privacy::configure)
        .configure(users::configure)
        .configure(tokens::configure)
        .configure(organizations::configure)
        .configure(campaigns::configure)
        .configure(invitations::configure)
        .configure(contributions::configure)
        .configure(moderation::configure)
        .configure(comments::configure)
        .configure(votes::configure)
        .configure(rewards::configure)
        .configure(reach::configure)
        .configure(funding::configure)
        .configure(microtasks::configure)
        .configure(insight::configure)
        .configure(notifications::configure)
        .configure(webhooks::configure)
        .configure(media::configure);
}
