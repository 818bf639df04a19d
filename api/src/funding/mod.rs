//! Crowdfunding: a funding campaign's goal and model, backer tiers that never oversell, pledges
//! with their states, payment providers behind one trait, honest progress, the organiser's
//! report and backer export, and the settlement that collects after the deadline and decides
//! the outcome on collected money.

pub mod dto;
pub mod gateway;
mod handlers;
pub mod pledges;
mod repo;
pub mod report;
pub mod settings;
pub mod settle;
pub mod tiers;
pub mod view;

/// Which payment providers this server offers beside `manual`.
#[derive(Debug, Clone, Copy)]
pub struct PaymentSettings {
    /// `SIMULATED_PAYMENTS`: the simulated provider (demos and tests).
    pub simulated: bool,
}

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_funding)
        .service(handlers::set_funding)
        .service(handlers::list_tiers)
        .service(handlers::create_tier)
        .service(handlers::update_tier)
        .service(handlers::delete_tier)
        .service(handlers::create_pledge)
        .service(handlers::list_my_pledges)
        .service(handlers::get_pledge)
        .service(handlers::update_pledge)
        .service(handlers::cancel_pledge)
        .service(handlers::record_payment)
        .service(handlers::list_backers)
        .service(handlers::export_backers)
        .service(handlers::get_funding_report)
        .service(handlers::settle_funding);
}
