//! Campaigns: a brand's call to its community, from draft through submission and voting to
//! judging and close, with the rules and prizes everyone sees up front.

pub mod announcer;
mod content;
mod discovery;
pub mod dto;
mod handlers;
pub mod lifecycle;
pub mod repo;
pub mod view;

pub use handlers::CampaignSort;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::create_campaign)
        .service(handlers::list_campaigns)
        .service(handlers::get_campaign)
        .service(handlers::update_campaign)
        .service(handlers::delete_campaign)
        .service(handlers::publish_campaign)
        .service(handlers::close_campaign)
        .service(handlers::cancel_campaign);
}
