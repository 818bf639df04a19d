//! Organizations (brands, the platform's tenants) and their members' roles.

pub mod access;
pub mod dto;
mod handlers;
pub(crate) mod repo;
pub mod service;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::create_organization)
        .service(handlers::get_organization)
        .service(handlers::update_organization)
        .service(handlers::list_members)
        .service(handlers::list_my_organizations)
        .service(handlers::put_member)
        .service(handlers::remove_member);
}
