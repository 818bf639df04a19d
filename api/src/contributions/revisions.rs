//! An entry's edit history: once the public has seen an entry (and may have voted for it), every
//! edit keeps what it replaced, and anyone who can see the entry can read what it said before,
//! so an entry cannot collect votes and then silently become something else.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::repo::ContributionRow;
use super::view::visible;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::pagination::KeyedPage;
use crate::schema::contribution_revisions as revisions;

#[derive(Debug, Queryable, Insertable)]
#[diesel(table_name = revisions)]
struct RevisionRow {
    id: String,
    contribution_id: String,
    title: String,
    body: String,
    tags: String,
    media_ids: String,
    editor_id: String,
    replaced_at: NaiveDateTime,
}

/// What an entry said until an edit replaced it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionResponse {
    pub id: String,
    pub title: String,
    /// Markdown, as the entry's body.
    pub body: String,
    pub tags: Vec<String>,
    /// The media the entry showed then, in order.
    pub media_ids: Vec<String>,
    /// Who made the edit that replaced this version.
    pub editor_id: String,
    /// When the edit replaced it.
    pub replaced_at: DateTime<Utc>,
}

/// Keeps `before` (with the media it showed) as replaced by `editor` at `at`.
pub(super) fn keep(
    conn: &mut DbConnection,
    before: &ContributionRow,
    media_ids: &[String],
    editor: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::insert_into(revisions::table)
        .values(&RevisionRow {
            id: new_id(),
            contribution_id: before.id.clone(),
            title: before.title.clone(),
            body: before.body.clone(),
            tags: before.tags.clone(),
            media_ids: serde_json::to_string(media_ids).unwrap_or_else(|_| "[]".into()),
            editor_id: editor.to_owned(),
            replaced_at: at,
        })
        .execute(conn)?;
    Ok(())
}

/// The earlier versions of a contribution the viewer may see, newest first.
pub fn history(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    id: &str,
    before: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<RevisionResponse>, ApiError> {
    let (row, _) = visible(conn, viewer, id)?;
    let mut query = revisions::table
        .filter(revisions::contribution_id.eq(&row.id))
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(revisions::id.lt(before.to_owned()));
    }
    let rows: Vec<RevisionRow> = query
        .order(revisions::id.desc())
        .limit(limit as i64 + 1)
        .load(conn)?;
    Ok(
        KeyedPage::from_rows(rows, limit, |row| row.id.clone()).map(|row| RevisionResponse {
            tags: serde_json::from_str(&row.tags).unwrap_or_default(),
            media_ids: serde_json::from_str(&row.media_ids).unwrap_or_default(),
            replaced_at: row.replaced_at.and_utc(),
            id: row.id,
            title: row.title,
            body: row.body,
            editor_id: row.editor_id,
        }),
    )
}
