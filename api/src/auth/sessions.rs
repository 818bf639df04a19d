//! Login sessions (`sessions`): one per sign-in, the refresh-token family's id. An access token
//! names its session, and the extractor checks that the session still stands, so revoking a
//! session (sign out there, sign out everywhere, a password change) stops its access tokens at
//! once instead of after their lifetime.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::sessions;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub user_agent: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_used_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Whether `id` is a session of `user_id` that has not been revoked.
pub fn is_active(conn: &mut DbConnection, id: &str, user_id: &str) -> QueryResult<bool> {
    crate::on_backend!(conn, c => diesel::select(diesel::dsl::exists(
        sessions::table
            .filter(sessions::id.eq(id))
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    ))
    .get_result(c))
}

/// Records that the session was used to refresh its tokens.
pub fn touch(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_used_at.eq(at))
        .execute(conn)
        .map(drop)
}

/// Revokes one session; false when it was revoked already (or is not there).
pub fn revoke(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        sessions::table
            .filter(sessions::id.eq(id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(at))
    .execute(conn)
    .map(|changed| changed == 1)
}

/// Revokes every standing session of `user_id` except `keep`; returns their ids.
pub fn revoke_all_but(
    conn: &mut DbConnection,
    user_id: &str,
    keep: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    let standing: Vec<String> = sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::id.ne(keep.unwrap_or_default()))
        .select(sessions::id)
        .load(conn)?;
    diesel::update(sessions::table.filter(sessions::id.eq_any(&standing)))
        .set(sessions::revoked_at.eq(at))
        .execute(conn)?;
    Ok(standing)
}

/// A user's standing sessions, most recently used first.
pub fn standing_of(conn: &mut DbConnection, user_id: &str) -> QueryResult<Vec<SessionRow>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .order((sessions::last_used_at.desc(), sessions::id.desc()))
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table.find(id).first(conn).optional()
}
