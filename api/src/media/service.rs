//! Media rules: an upload is an image by its content; only its uploader attaches it to what they
//! write (a contribution, a campaign cover), so nobody can borrow someone else's upload.

use bytes::Bytes;
use chrono::NaiveDateTime;

use super::repo::{self, MediaRow};
use super::store::MediaStore;
use super::{metadata, sniff, variants};
use crate::db::{Db, DbConnection, lock_key, write_transaction};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::ids::new_id;

/// The most images one contribution shows.
pub const MAX_PER_CONTRIBUTION: usize = 10;

/// Stores an upload of `owner` that its bytes show to be an image (and, if it declares an
/// image type, that type), without its metadata (see [`metadata`]), within the owner's quota. Bytes first, row second: a row never points at nothing; if the row
/// cannot be written, the bytes are removed again.
pub async fn upload(
    db: &Db,
    store: &MediaStore,
    owner: String,
    bytes: Bytes,
    declared: Option<&str>,
    quota: super::MediaQuota,
    now: NaiveDateTime,
) -> Result<MediaRow, ApiError> {
    let image = sniff::inspect(&bytes)?;
    sniff::check_declared(declared, image)?;
    let bytes = metadata::strip(bytes, image.content_type);
    let row = MediaRow {
        id: new_id(),
        owner_id: owner,
        content_type: image.content_type.into(),
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        width: i32::try_from(image.width).unwrap_or(i32::MAX),
        height: i32::try_from(image.height).unwrap_or(i32::MAX),
        sha256: sha256_hex(&bytes),
        created_at: now,
        variant_widths: None,
    };
    // Smaller copies for galleries and phones, made once here on a blocking thread.
    let original = bytes.clone();
    let width = image.width;
    let copies = actix_web::web::block(move || variants::make(&original, width))
        .await
        .unwrap_or_default();
    let mut row = row;
    for (copy_width, jpeg) in &copies {
        store
            .put(&variants::key(&row.id, *copy_width), Bytes::from(jpeg.clone()))
            .await?;
    }
    if !copies.is_empty() {
        let widths: Vec<String> = copies
            .iter()
            .map(|(copy_width, _)| copy_width.to_string())
            .collect();
        row.variant_widths = Some(widths.join(","));
    }
    store.put(&row.id, bytes).await?;
    let recorded = row.clone();
    let recording = db.run(move |conn| {
        write_transaction(conn, |conn| {
            // Parallel uploads of one person queue here, so together they cannot pass the quota.
            lock_key(conn, &format!("media-quota:{}", recorded.owner_id))?;
            let used = repo::bytes_of_owner(conn, &recorded.owner_id)?;
            if used + recorded.size_bytes > quota.0 {
                return Err(ApiError::new(
                    ErrorCode::MediaQuotaExceeded,
                    format!(
                        "your uploads would take {} of your {} bytes; delete some first",
                        used + recorded.size_bytes,
                        quota.0
                    ),
                )
                .param("used", used)
                .param("quota", quota.0));
            }
            Ok(repo::insert(conn, &recorded)?)
        })
    });
    if let Err(err) = recording.await {
        let keys = std::iter::once(row.id.clone()).chain(
            row.variants()
                .into_iter()
                .map(|width| variants::key(&row.id, width)),
        );
        for key in keys {
            if let Err(cleanup) = store.delete(&key).await {
                log::warn!("media {key} left in the store after a failed upload: {cleanup}");
            }
        }
        return Err(err);
    }
    Ok(row)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<MediaRow>, ApiError> {
    Ok(repo::find(conn, id)?)
}

/// Checks that `id` is an upload of `owner`, or the cover already shown (`current`).
pub fn check_cover(
    conn: &mut DbConnection,
    owner: &str,
    id: &str,
    current: Option<&str>,
) -> Result<(), ApiError> {
    if current == Some(id) {
        return Ok(());
    }
    match repo::find(conn, id)? {
        Some(row) if row.owner_id == owner => Ok(()),
        _ => Err(ApiError::invalid(
            "cover_media_id",
            ErrorCode::MediaNotYours,
            "no such upload of yours: upload it with POST /media first",
        )),
    }
}

/// Checks that every id in `ids` is an upload of `owner` (or among `kept`, media already shown
/// that may stay) and that none repeats; errors name `field[i]`.
pub fn check_attachable(
    conn: &mut DbConnection,
    owner: &str,
    field: &str,
    ids: &[String],
    kept: &[String],
) -> Result<(), ApiError> {
    let found = repo::find_many(conn, ids)?;
    let errors: Vec<FieldError> = ids
        .iter()
        .enumerate()
        .filter_map(|(index, id)| {
            let (code, message) = if ids[..index].contains(id) {
                (ErrorCode::FieldDuplicate, "appears twice")
            } else if !kept.contains(id) && !found.iter().any(|row| &row.id == id && row.owner_id == owner) {
                (
                    ErrorCode::MediaNotYours,
                    "no such upload of yours: upload it with POST /media first",
                )
            } else {
                return None;
            };
            Some(FieldError::new(format!("{field}[{index}]"), code, message))
        })
        .collect();
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::fields(errors)),
    }
}
