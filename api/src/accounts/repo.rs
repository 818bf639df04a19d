//! Queries on `refresh_tokens`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::refresh_tokens;

/// What rotation needs to know about a presented refresh token.
#[derive(Debug, Queryable)]
pub struct RefreshTokenRow {
    pub id: String,
    pub family_id: String,
    pub user_id: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub replaced_by: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// The columns of [`RefreshTokenRow`].
type TokenColumns = (
    refresh_tokens::id,
    refresh_tokens::family_id,
    refresh_tokens::user_id,
    refresh_tokens::expires_at,
    refresh_tokens::used_at,
    refresh_tokens::replaced_by,
    refresh_tokens::revoked_at,
);
const TOKEN_COLUMNS: TokenColumns = (
    refresh_tokens::id,
    refresh_tokens::family_id,
    refresh_tokens::user_id,
    refresh_tokens::expires_at,
    refresh_tokens::used_at,
    refresh_tokens::replaced_by,
    refresh_tokens::revoked_at,
);

#[derive(Debug, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct NewRefreshToken {
    pub id: String,
    pub family_id: String,
    pub user_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, token: &NewRefreshToken) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values(token)
        .execute(conn)
        .map(drop)
}

pub fn find_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<RefreshTokenRow>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash))
        .select(TOKEN_COLUMNS)
        .first(conn)
        .optional()
}

pub fn find_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<RefreshTokenRow>> {
    refresh_tokens::table
        .find(id)
        .select(TOKEN_COLUMNS)
        .first(conn)
        .optional()
}

/// Records which token replaced this one.
pub fn set_replaced_by(conn: &mut DbConnection, id: &str, successor: &str) -> QueryResult<()> {
    diesel::update(refresh_tokens::table.find(id))
        .set(refresh_tokens::replaced_by.eq(successor))
        .execute(conn)
        .map(drop)
}

/// Marks a token used, only if nobody else did first; returns whether this call did. The
/// condition in the UPDATE makes two parallel refreshes with one token race on one row, and
/// exactly one of them wins on either database.
pub fn mark_used(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(id))
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(at))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Revokes every token of a family (logout, or a stolen token detected).
pub fn revoke_family(conn: &mut DbConnection, family_id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(at))
    .execute(conn)
}
