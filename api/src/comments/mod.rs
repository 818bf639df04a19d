//! Comments on contributions, threaded one level deep: the conversation around an entry.

pub mod dto;
mod handlers;
pub(crate) mod repo;
pub mod service;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::list_comments)
        .service(handlers::create_comment)
        .service(handlers::delete_comment);
}
