//! Webhooks: an organization's managers subscribe HTTPS endpoints to event types (optionally
//! of one campaign). Each event becomes one message per endpoint, signed per Standard Webhooks
//! 1.0 and delivered by the job queue with retries on a schedule; every attempt is logged, an
//! endpoint failing for days is disabled (its owners are told), and the SSRF guard keeps
//! deliveries off internal networks.

pub mod deliver;
pub mod dto;
pub mod guard;
mod handlers;
pub mod plan;
mod repo;
mod service;
pub mod sign;

pub use repo::prune_deliveries;

use crate::text_enum;

text_enum! {
    /// Where a message stands.
    pub enum DeliveryStatus {
        /// Waiting for its (next) attempt.
        Pending = "pending",
        /// The endpoint answered 2xx.
        Succeeded = "succeeded",
        /// Every attempt of the schedule failed (redeliver it by hand).
        Failed = "failed",
    }
}

text_enum! {
    /// Why an endpoint is switched off.
    pub enum DisabledReason {
        /// A manager switched it off.
        Manager = "manager",
        /// Every delivery failed for `WEBHOOK_DISABLE_AFTER_HOURS`.
        Failing = "failing",
    }
}

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::list_webhooks)
        .service(handlers::create_webhook)
        .service(handlers::get_webhook)
        .service(handlers::update_webhook)
        .service(handlers::delete_webhook)
        .service(handlers::list_deliveries)
        .service(handlers::redeliver)
        .service(handlers::ping_webhook)
        .service(handlers::rotate_secret);
}
