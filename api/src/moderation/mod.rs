//! Moderation: reports from participants, decisions by the organization's staff, and the audit
//! log of every decision.

pub mod dto;
mod handlers;
mod repo;
mod service;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::moderate_contribution)
        .service(handlers::get_moderation_log)
        .service(handlers::report_contribution)
        .service(handlers::report_comment)
        .service(handlers::get_moderation_queue)
        .service(handlers::list_reported_comments)
        .service(handlers::list_reports)
        .service(handlers::resolve_report);
}
