//! Queries on `organizations` and `organization_members`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::Role;
use crate::schema::{organization_members as members, organizations};

#[derive(Debug, Clone, Queryable)]
pub struct OrganizationRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub website: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = organizations)]
pub struct NewOrganization {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub website: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = organizations)]
pub struct OrganizationChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub website: Option<Option<String>>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Queryable)]
pub struct MemberRow {
    pub user_id: String,
    pub role: Role,
    pub created_at: NaiveDateTime,
}

/// The columns of [`MemberRow`].
const MEMBER_COLUMNS: (members::user_id, members::role, members::created_at) =
    (members::user_id, members::role, members::created_at);

#[derive(Debug, Insertable)]
#[diesel(table_name = members)]
pub struct NewMember {
    pub organization_id: String,
    pub user_id: String,
    pub role: Role,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<OrganizationRow>> {
    organizations::table
        .filter(organizations::slug.eq(slug))
        .first(conn)
        .optional()
}

pub fn find_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<OrganizationRow>> {
    organizations::table.find(id).first(conn).optional()
}

/// Locks the organization's row until the transaction ends, so that concurrent membership
/// changes are judged one after the other (never two owners demoting each other at once).
pub fn lock(conn: &mut DbConnection, organization_id: &str) -> QueryResult<()> {
    match conn {
        // Row lock; SQLite needs none, its write transactions (BEGIN IMMEDIATE) are serial.
        DbConnection::Postgres(pg) => {
            organizations::table
                .find(organization_id)
                .select(organizations::id)
                .for_update()
                .execute(pg)?;
        }
        DbConnection::Sqlite(_) => {}
    }
    Ok(())
}

/// Id, slug and name of each of `ids`.
pub fn names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String, String)>> {
    organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::slug, organizations::name))
        .load(conn)
}

pub fn slugs(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::slug))
        .load(conn)
}

pub fn slug_taken(conn: &mut DbConnection, slug: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        organizations::table.filter(organizations::slug.eq(slug)),
    ))
    .get_result(conn)
}

pub fn insert(conn: &mut DbConnection, organization: &NewOrganization) -> QueryResult<()> {
    diesel::insert_into(organizations::table)
        .values(organization)
        .execute(conn)
        .map(drop)
}

pub fn update(
    conn: &mut DbConnection,
    id: &str,
    changes: &OrganizationChanges,
) -> QueryResult<OrganizationRow> {
    diesel::update(organizations::table.find(id))
        .set(changes)
        .execute(conn)?;
    organizations::table.find(id).first(conn)
}

pub fn role_of(conn: &mut DbConnection, organization_id: &str, user_id: &str) -> QueryResult<Option<Role>> {
    members::table
        .find((organization_id, user_id))
        .select(members::role)
        .first(conn)
        .optional()
}

pub fn find_member(
    conn: &mut DbConnection,
    organization_id: &str,
    user_id: &str,
) -> QueryResult<Option<MemberRow>> {
    members::table
        .find((organization_id, user_id))
        .select(MEMBER_COLUMNS)
        .first(conn)
        .optional()
}

pub fn insert_member(conn: &mut DbConnection, member: &NewMember) -> QueryResult<()> {
    diesel::insert_into(members::table)
        .values(member)
        .execute(conn)
        .map(drop)
}

pub fn set_role(
    conn: &mut DbConnection,
    organization_id: &str,
    user_id: &str,
    role: Role,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(members::table.find((organization_id, user_id)))
        .set((members::role.eq(role), members::updated_at.eq(at)))
        .execute(conn)
        .map(drop)
}

pub fn remove_member(conn: &mut DbConnection, organization_id: &str, user_id: &str) -> QueryResult<()> {
    diesel::delete(members::table.find((organization_id, user_id)))
        .execute(conn)
        .map(drop)
}

pub fn count_owners(conn: &mut DbConnection, organization_id: &str) -> QueryResult<i64> {
    members::table
        .filter(members::organization_id.eq(organization_id))
        .filter(members::role.eq(Role::Owner))
        .count()
        .get_result(conn)
}

/// Members after `after` (by user id), at most `limit`.
pub fn list_members(
    conn: &mut DbConnection,
    organization_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<MemberRow>> {
    let mut query = members::table
        .filter(members::organization_id.eq(organization_id))
        .order(members::user_id.asc())
        .select(MEMBER_COLUMNS)
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(members::user_id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// The organizations `user_id` belongs to with their role, by organization id after `after`.
pub fn memberships_of(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(OrganizationRow, Role)>> {
    let mut query = members::table
        .inner_join(organizations::table)
        .filter(members::user_id.eq(user_id))
        .order(organizations::id.asc())
        .select((organizations::all_columns, members::role))
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(organizations::id.gt(after.to_owned()));
    }
    query.load(conn)
}
