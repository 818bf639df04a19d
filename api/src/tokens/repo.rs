//! Queries on `personal_access_tokens`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::personal_access_tokens as pats;

#[derive(Debug, Queryable)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub token_prefix: String,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = pats)]
pub struct NewToken {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub token_prefix: String,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, token: &NewToken) -> QueryResult<()> {
    diesel::insert_into(pats::table)
        .values(token)
        .execute(conn)
        .map(drop)
}

/// A token that is neither revoked nor expired at `at`.
pub fn find_active_by_hash(
    conn: &mut DbConnection,
    hash: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<TokenRow>> {
    pats::table
        .filter(pats::token_hash.eq(hash))
        .filter(pats::revoked_at.is_null())
        .filter(pats::expires_at.is_null().or(pats::expires_at.gt(at)))
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(pats::table.find(id))
        .set(pats::last_used_at.eq(at))
        .execute(conn)
        .map(drop)
}

pub fn count_active(conn: &mut DbConnection, user_id: &str) -> QueryResult<i64> {
    pats::table
        .filter(pats::user_id.eq(user_id))
        .filter(pats::revoked_at.is_null())
        .count()
        .get_result(conn)
}

/// A user's unrevoked tokens after `after` (by id, i.e. creation order), at most `limit`.
pub fn list(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<TokenRow>> {
    let mut query = pats::table
        .filter(pats::user_id.eq(user_id))
        .filter(pats::revoked_at.is_null())
        .order(pats::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(pats::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// Revokes one of the user's tokens; returns whether there was one to revoke.
pub fn revoke(conn: &mut DbConnection, user_id: &str, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        pats::table
            .filter(pats::id.eq(id))
            .filter(pats::user_id.eq(user_id))
            .filter(pats::revoked_at.is_null()),
    )
    .set(pats::revoked_at.eq(at))
    .execute(conn)?;
    Ok(updated == 1)
}
