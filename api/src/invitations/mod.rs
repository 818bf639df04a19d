//! Invitations to invite-only campaigns and the participation rights they give: by mail or by a
//! link to share, for one campaign or all of an organization's, kept apart from the staff roles
//! (an invited participant never moderates, judges or runs a campaign).

pub mod dto;
pub mod eligibility;
mod handlers;
pub(crate) mod repo;
pub mod service;

pub use eligibility::require_eligible;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::create_invitation)
        .service(handlers::list_invitations)
        .service(handlers::revoke_invitation)
        .service(handlers::list_participants)
        .service(handlers::remove_participant)
        .service(handlers::get_invitation)
        .service(handlers::accept_invitation);
}
