//! Media rules: an upload is an image by its content; only its uploader attaches it to what they
//! write (a contribution, a campaign cover), so nobody can borrow someone else's upload.

use super::repo::{self, MediaRow};
use crate::db::DbConnection;
use crate::error::{ApiError, FieldError};

/// The most images one contribution shows.
pub const MAX_PER_CONTRIBUTION: usize = 10;

pub fn record(conn: &mut DbConnection, row: &MediaRow) -> Result<(), ApiError> {
    Ok(repo::insert(conn, row)?)
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
            let message = if ids[..index].contains(id) {
                "appears twice"
            } else if !kept.contains(id) && !found.iter().any(|row| &row.id == id && row.owner_id == owner) {
                "no such upload of yours: upload it with POST /media first"
            } else {
                return None;
            };
            Some(FieldError {
                field: format!("{field}[{index}]"),
                message: message.into(),
            })
        })
        .collect();
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::Validation(errors)),
    }
}
