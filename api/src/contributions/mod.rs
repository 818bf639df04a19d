//! Contributions: what the community submits to a campaign, with its authors' reward shares and
//! remix lineage.

pub mod dto;
pub mod events;
mod gallery;
mod handlers;
pub mod lifecycle;
pub(crate) mod repo;
pub mod revisions;
pub mod view;

pub use handlers::GallerySortParam;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::create_contribution)
        .service(handlers::list_contributions)
        .service(handlers::get_contribution)
        .service(handlers::update_contribution)
        .service(handlers::withdraw_contribution)
        .service(handlers::answer_authorship)
        .service(handlers::contribution_revisions)
        .service(handlers::get_submission_allowance);
}
