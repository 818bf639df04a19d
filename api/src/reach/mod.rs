//! Reach: a campaign's invitation channels, participants' referral codes and anonymous visits
//! (what they bring is attributed by `attribution` and read by `insight`).

pub mod dto;
mod handlers;
pub mod service;

use std::net::IpAddr;

use crate::rate_limit::KeyedRateLimit;

/// Recorded visits per client IP per minute (app data).
pub struct VisitRateLimit(pub KeyedRateLimit<IpAddr>);

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::list_channels)
        .service(handlers::get_channel_qr)
        .service(handlers::create_channel)
        .service(handlers::create_referral)
        .service(handlers::record_visit);
}
