//! Micro-tasking: a microtask campaign's answer form and rules, tasks added one by one or
//! imported by the thousand, claims as real leases on a task's slots (never more than its
//! redundancy, also under parallel claims), answers checked against the form, reviews with
//! reasons, overturns and a guard against mass rejection, gold tasks that measure accuracy,
//! consensus results with retirement, progress and the results export; the sweep that expires
//! leases and approves unreviewed answers.

mod claims;
pub mod dto;
pub mod form;
mod handlers;
mod progress;
mod quality;
mod repo;
mod review;
mod settings;
pub mod sweep;
mod tasks;
mod view;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_task_settings)
        .service(handlers::set_task_settings)
        .service(handlers::list_tasks)
        .service(handlers::create_task)
        .service(handlers::import_tasks)
        .service(handlers::get_task)
        .service(handlers::claim_next_task)
        .service(handlers::claim_task)
        .service(handlers::list_my_claims)
        .service(handlers::get_claim)
        .service(handlers::update_claim)
        .service(handlers::submit_answer)
        .service(handlers::review_answer)
        .service(handlers::list_campaign_claims)
        .service(handlers::list_task_workers)
        .service(handlers::update_task_worker)
        .service(handlers::get_task_progress)
        .service(handlers::export_task_results);
}
