//! Queries on `users`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::search::lower;
use crate::domain::Locale;
use crate::schema::users;

#[derive(Debug, Clone, Queryable)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub locale: Locale,
    pub research_consent: bool,
    pub country: Option<String>,
    pub birth_year: Option<i32>,
    pub interests: Option<String>,
    pub signup_via: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When the holder confirmed the address by the mailed link; `None` until then.
    pub email_verified_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub locale: Locale,
    pub research_consent: bool,
    pub signup_via: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A profile update; `None` leaves a column as it is, `Some(None)` clears a nullable one.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub locale: Option<Locale>,
    pub research_consent: Option<bool>,
    pub country: Option<Option<String>>,
    pub birth_year: Option<Option<i32>>,
    pub interests: Option<Option<String>>,
    pub updated_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    crate::on_backend!(conn, c => users::table.find(id).first(c).optional())
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table.filter(users::email.eq(email)).first(conn).optional()
}

pub fn email_taken(conn: &mut DbConnection, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(users::table.filter(users::email.eq(email)))).get_result(conn)
}

pub fn insert(conn: &mut DbConnection, user: &NewUser) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(drop)
}

/// Replaces the password hash `old` with `new`, the same password hashed with today's settings;
/// false when the hash is no longer `old` (the password changed meanwhile, and that one stays).
/// Not a change the user made: `updated_at` stays.
pub fn rehash_password(conn: &mut DbConnection, id: &str, old: &str, new: &str) -> QueryResult<bool> {
    diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::password_hash.eq(old)),
    )
    .set(users::password_hash.eq(new))
    .execute(conn)
    .map(|changed| changed == 1)
}

pub fn set_password_hash(
    conn: &mut DbConnection,
    id: &str,
    hash: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(at)))
        .execute(conn)
        .map(drop)
}

pub fn update(conn: &mut DbConnection, id: &str, changes: &UserChanges) -> QueryResult<UserRow> {
    diesel::update(users::table.find(id)).set(changes).execute(conn)?;
    users::table.find(id).first(conn)
}

/// Display names of several users at once (for member lists).
pub fn display_names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load(conn)
}

/// When each of `ids` signed up.
pub fn created_at_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::created_at))
        .load(conn)
}

/// Marks the address confirmed, if it is still the account's address.
pub fn mark_email_verified(
    conn: &mut DbConnection,
    id: &str,
    email: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id).filter(users::email.eq(email)))
        .set(users::email_verified_at.eq(at))
        .execute(conn)
}

/// Up to `limit` accounts whose display name contains the pattern (see
/// [`crate::db::search::contains_pattern`]), by name; deleted accounts never.
pub fn search_by_name(conn: &mut DbConnection, pattern: &str, limit: i64) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(lower(users::display_name).like(pattern).escape('\\'))
        .filter(users::password_hash.ne(DELETED_PASSWORD_HASH))
        .order((users::display_name.asc(), users::id.asc()))
        .limit(limit)
        .load(conn)
}

/// The password hash a deleted account keeps: no argon2 hash has this form, so nobody signs in as
/// it again (set by the account's deletion).
pub const DELETED_PASSWORD_HASH: &str = "!deleted";
