//! Reach: a campaign's invitation channels, participants' referral codes, anonymous visits, and
//! the first-touch attribution of sign-ups, first votes and first contributions.

pub mod dto;
mod handlers;
pub mod repo;
pub mod service;

use std::net::IpAddr;

use crate::rate_limit::KeyedRateLimit;

/// Recorded visits per client IP per minute (app data).
pub struct VisitRateLimit(pub KeyedRateLimit<IpAddr>);

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list_channels)
        .service(handlers::create_channel)
        .service(handlers::create_referral)
        .service(handlers::record_visit);
}
