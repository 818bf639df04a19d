//! Insight: the numbers organisers need to beat the 1% rule (funnels per channel, the k-factor of
//! referrals, the daily series, the projection to close, votes by opted-in segment), the CSV
//! exports, and participants' timelines. Everything reads incrementally kept counters; segment
//! figures are published in coarse steps and thinned so no one can be singled out
//! ([`disclosure`], [`publication`]).

pub mod analytics;
pub mod disclosure;
pub mod dto;
mod export;
mod handlers;
mod publication;
mod service;
mod timeline;
mod timeline_repo;

pub use disclosure::Disclosure;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_analytics)
        .service(handlers::export_contributions)
        .service(handlers::export_votes_by_segment)
        .service(handlers::get_my_timeline)
        .service(handlers::get_participant_timeline);
}
