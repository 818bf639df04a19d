//! Uploaded images (contribution media, campaign covers): checked by their content, kept in a
//! media store that one replica or many share, served with long-lived caching.

pub mod dto;
mod handlers;
mod metadata;
pub(crate) mod repo;
pub mod service;
pub mod sniff;
pub mod store;
pub mod variants;

pub use store::MediaStore;

/// The bytes of uploads one person may keep (`MEDIA_QUOTA_BYTES`).
#[derive(Debug, Clone, Copy)]
pub struct MediaQuota(pub i64);

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::upload_media)
        .service(handlers::get_media_limits)
        .service(handlers::get_media);
}
