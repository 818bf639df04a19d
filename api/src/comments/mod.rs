//! Comments on contributions, threaded one level deep: the conversation around an entry.

pub mod dto;
mod handlers;
pub(crate) mod repo;
pub mod service;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list_comments)
        .service(handlers::create_comment)
        .service(handlers::delete_comment);
}
