//! Queries on `invitations` and `participation_grants`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{invitations, participation_grants as grants};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = invitations)]
pub struct InvitationRow {
    pub id: String,
    pub organization_id: String,
    pub campaign_id: Option<String>,
    pub email: Option<String>,
    pub token_hash: String,
    pub max_uses: Option<i32>,
    pub uses: i32,
    pub expires_at: Option<NaiveDateTime>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = grants)]
pub struct GrantRow {
    pub id: String,
    pub organization_id: String,
    pub campaign_id: Option<String>,
    pub user_id: String,
    pub invitation_id: Option<String>,
    pub granted_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &InvitationRow) -> QueryResult<()> {
    diesel::insert_into(invitations::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, organization_id: &str, id: &str) -> QueryResult<Option<InvitationRow>> {
    invitations::table
        .find(id)
        .filter(invitations::organization_id.eq(organization_id))
        .first(conn)
        .optional()
}

pub fn by_token(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<InvitationRow>> {
    invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .first(conn)
        .optional()
}

/// The organization's invitations, newest first, before the id `before`.
pub fn list(
    conn: &mut DbConnection,
    organization_id: &str,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<InvitationRow>> {
    let mut query = invitations::table
        .filter(invitations::organization_id.eq(organization_id))
        .order(invitations::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(invitations::id.lt(before.to_owned()));
    }
    query.load(conn)
}

/// Takes one use of the invitation if it still has one: not revoked, not expired, uses left.
/// One conditional statement, so parallel acceptances never take more uses than there are.
pub fn take_use(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let taken = diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::revoked_at.is_null())
            .filter(
                invitations::expires_at
                    .is_null()
                    .or(invitations::expires_at.gt(now)),
            )
            .filter(
                invitations::max_uses
                    .is_null()
                    .or(invitations::uses.nullable().lt(invitations::max_uses)),
            ),
    )
    .set(invitations::uses.eq(invitations::uses + 1))
    .execute(conn)?;
    Ok(taken == 1)
}

/// Revokes the invitation (a no-op when it is revoked already).
pub fn revoke(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::revoked_at.is_null()),
    )
    .set(invitations::revoked_at.eq(now))
    .execute(conn)
    .map(drop)
}

/// Grants the right; `false` when the person holds it already (nothing is written then).
pub fn grant(conn: &mut DbConnection, row: &GrantRow) -> QueryResult<bool> {
    let insert = diesel::insert_into(grants::table).values(row);
    // The unique index is on an expression (a campaign or the whole organization), so there is
    // no conflict target to name.
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(inserted == 1)
}

/// Does `user_id` hold a participation right for the campaign (or the whole organization)?
pub fn holds_grant(
    conn: &mut DbConnection,
    organization_id: &str,
    campaign_id: &str,
    user_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        grants::table
            .filter(grants::organization_id.eq(organization_id))
            .filter(grants::user_id.eq(user_id))
            .filter(
                grants::campaign_id
                    .is_null()
                    .or(grants::campaign_id.eq(campaign_id)),
            ),
    ))
    .get_result(conn)
}

/// Does `user_id` hold exactly this right (the same organization and campaign, or the same
/// organization-wide one)?
pub fn holds_exactly(
    conn: &mut DbConnection,
    organization_id: &str,
    campaign_id: Option<&str>,
    user_id: &str,
) -> QueryResult<bool> {
    let query = grants::table
        .filter(grants::organization_id.eq(organization_id))
        .filter(grants::user_id.eq(user_id))
        .into_boxed();
    let query = match campaign_id {
        Some(id) => query.filter(grants::campaign_id.eq(id.to_owned())),
        None => query.filter(grants::campaign_id.is_null()),
    };
    Ok(query
        .select(grants::id)
        .first::<String>(conn)
        .optional()?
        .is_some())
}

/// The organization's invited participants, newest grant first, before the id `before`.
pub fn list_grants(
    conn: &mut DbConnection,
    organization_id: &str,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<GrantRow>> {
    let mut query = grants::table
        .filter(grants::organization_id.eq(organization_id))
        .order(grants::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(grants::id.lt(before.to_owned()));
    }
    query.load(conn)
}

/// Withdraws one participation right; `false` when there was none.
pub fn remove_grant(conn: &mut DbConnection, organization_id: &str, id: &str) -> QueryResult<bool> {
    let removed = diesel::delete(
        grants::table
            .find(id)
            .filter(grants::organization_id.eq(organization_id)),
    )
    .execute(conn)?;
    Ok(removed == 1)
}

/// Erases a person's participation rights (their account is deleted).
pub fn forget(conn: &mut DbConnection, user_id: &str) -> QueryResult<()> {
    diesel::delete(grants::table.filter(grants::user_id.eq(user_id)))
        .execute(conn)
        .map(drop)
}
