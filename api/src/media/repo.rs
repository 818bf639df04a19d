//! Queries on `media` and `contribution_media`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Text;
use serde::Deserialize;

use crate::db::DbConnection;
use crate::db::fragment::{json_rows, json_timestamp};
use crate::domain::ContributionStatus;
use crate::schema::{contribution_media, contributions, media};

#[derive(Debug, Clone, Queryable, Insertable, Deserialize)]
#[diesel(table_name = media)]
pub struct MediaRow {
    pub id: String,
    pub owner_id: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub width: i32,
    pub height: i32,
    pub sha256: String,
    #[serde(deserialize_with = "json_timestamp")]
    pub created_at: NaiveDateTime,
    /// The widths of the smaller copies made of it (see `variants`), comma-separated.
    pub variant_widths: Option<String>,
}

impl MediaRow {
    /// The widths of its smaller copies, smallest first.
    pub fn variants(&self) -> Vec<u32> {
        self.variant_widths
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|width| width.trim().parse().ok())
            .collect()
    }
}

pub fn insert(conn: &mut DbConnection, row: &MediaRow) -> QueryResult<()> {
    diesel::insert_into(media::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<MediaRow>> {
    media::table.find(id).first(conn).optional()
}

/// The bytes `owner_id`'s uploads take.
pub fn bytes_of_owner(conn: &mut DbConnection, owner_id: &str) -> QueryResult<i64> {
    media::table
        .filter(media::owner_id.eq(owner_id))
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back, the same on both.
        .select(diesel::dsl::sql::<
            diesel::sql_types::Nullable<diesel::sql_types::BigInt>,
        >("CAST(SUM(size_bytes) AS BIGINT)"))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}

/// The statuses of the contributions that show `media_id` (none for a cover or a loose upload).
pub fn shown_by(conn: &mut DbConnection, media_id: &str) -> QueryResult<Vec<ContributionStatus>> {
    contribution_media::table
        .inner_join(contributions::table)
        .filter(contribution_media::media_id.eq(media_id))
        .select(contributions::status)
        .load(conn)
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<MediaRow>> {
    media::table.filter(media::id.eq_any(ids)).load(conn)
}

/// The media of each of `contribution_ids`, in their chosen order.
pub fn of_contributions(
    conn: &mut DbConnection,
    contribution_ids: &[String],
) -> QueryResult<Vec<(String, MediaRow)>> {
    crate::on_backend!(conn, c => contribution_media::table
        .inner_join(media::table)
        .filter(contribution_media::contribution_id.eq_any(contribution_ids))
        .order((contribution_media::contribution_id, contribution_media::position))
        .select((contribution_media::contribution_id, media::all_columns))
        .load(c))
}

crate::backend_fragment! {
    /// The media of the enclosing query's contribution (`contributions.id`), in their chosen
    /// order, as a JSON array of [`MediaRow`]s (read with [`media_rows`]).
    pub MediaOfContributionJson: Text,
    postgres = "(SELECT coalesce(json_agg(json_build_object(\
        'id', m.id, 'owner_id', m.owner_id, 'content_type', m.content_type, \
        'size_bytes', m.size_bytes, 'width', m.width, 'height', m.height, 'sha256', m.sha256, \
        'created_at', m.created_at, 'variant_widths', m.variant_widths) ORDER BY cm.position), '[]')::text \
        FROM contribution_media cm JOIN media m ON m.id = cm.media_id \
        WHERE cm.contribution_id = contributions.id)",
    sqlite = "(SELECT json_group_array(json_object(\
        'id', m.id, 'owner_id', m.owner_id, 'content_type', m.content_type, \
        'size_bytes', m.size_bytes, 'width', m.width, 'height', m.height, 'sha256', m.sha256, \
        'created_at', m.created_at, 'variant_widths', m.variant_widths) ORDER BY cm.position) \
        FROM contribution_media cm JOIN media m ON m.id = cm.media_id \
        WHERE cm.contribution_id = contributions.id)",
}

/// Reads what [`MediaOfContributionJson`] selected.
pub fn media_rows(json: &str) -> QueryResult<Vec<MediaRow>> {
    json_rows(json)
}

/// Replaces a contribution's media with `media_ids`, in that order.
pub fn replace_of_contribution(
    conn: &mut DbConnection,
    contribution_id: &str,
    media_ids: &[String],
) -> QueryResult<()> {
    diesel::delete(contribution_media::table.filter(contribution_media::contribution_id.eq(contribution_id)))
        .execute(conn)?;
    for (position, media_id) in media_ids.iter().enumerate() {
        diesel::insert_into(contribution_media::table)
            .values((
                contribution_media::contribution_id.eq(contribution_id),
                contribution_media::media_id.eq(media_id),
                contribution_media::position.eq(i32::try_from(position).unwrap_or(i32::MAX)),
            ))
            .execute(conn)?;
    }
    Ok(())
}
