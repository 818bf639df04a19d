//! Accounts: the signed-in user's profile (`/me`) and public profiles (`/users/{id}`).

pub mod dto;
mod handlers;
pub mod repo;
pub mod service;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_me)
        .service(handlers::search_users)
        .service(handlers::get_user);
}
