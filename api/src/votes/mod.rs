//! Votes: one per voter and contribution (scores follow through `scores`), the leaderboard,
//! the voter's own votes, and vote integrity.

pub mod dto;
mod handlers;
pub mod integrity;
pub(crate) mod repo;
pub mod service;
pub mod signals;

use crate::rate_limit::KeyedRateLimit;

/// Votes and retractions per user per minute (app data).
pub struct VoteRateLimit(pub KeyedRateLimit<String>);

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::cast_vote)
        .service(handlers::retract_vote)
        .service(handlers::get_my_votes)
        .service(handlers::get_leaderboard)
        .service(handlers::get_vote_integrity)
        .service(handlers::invalidate_votes);
}
