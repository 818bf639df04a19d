//! Rewards: awards from the final ranking split exactly among their recipients, and what a
//! participant has earned (points from the `ledger`, awards, badges).

pub mod awards;
mod awards_repo;
pub mod badges;
pub mod dto;
pub mod finalize;
mod handlers;
mod points;
pub mod split;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_my_rewards)
        .service(handlers::preview_awards)
        .service(handlers::finalize_awards)
        .service(handlers::list_awards)
        .service(handlers::update_award)
        .service(handlers::get_points_leaderboard);
}
