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

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<TokenRow> {
    pats::table.find(id).first(conn)
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

/// The password hash of the token's owner-to-be, to confirm a write-scoped token with it.
pub fn password_hash_of(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<String>> {
    crate::schema::users::table
        .find(user_id)
        .select(crate::schema::users::password_hash)
        .first(conn)
        .optional()
}
