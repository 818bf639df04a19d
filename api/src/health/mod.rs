//! Liveness and readiness probes for load balancers and orchestrators.

mod dto;
mod handlers;

pub use dto::{DatabaseBackend, HealthResponse, ReadinessResponse};

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_health).service(handlers::get_readiness);
}
