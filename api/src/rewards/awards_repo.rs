//! Queries on `awards`, `award_splits` and `award_events`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::{AwardStatus, SplitReason};
use crate::schema::{award_events as events, award_splits as splits, awards};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = awards)]
pub struct AwardRow {
    pub id: String,
    pub campaign_id: String,
    pub contribution_id: String,
    pub rank: i32,
    pub title: String,
    pub amount_minor: i64,
    pub currency: String,
    pub points: i32,
    pub status: AwardStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = splits)]
pub struct SplitRow {
    pub award_id: String,
    pub user_id: String,
    pub reason: SplitReason,
    pub amount_minor: i64,
    pub points: i32,
}

pub fn insert(conn: &mut DbConnection, award: &AwardRow, award_splits: &[SplitRow]) -> QueryResult<()> {
    diesel::insert_into(awards::table).values(award).execute(conn)?;
    for split in award_splits {
        diesel::insert_into(splits::table).values(split).execute(conn)?;
    }
    Ok(())
}

pub fn of_campaign(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<AwardRow>> {
    awards::table
        .filter(awards::campaign_id.eq(campaign_id))
        .order((awards::rank.asc(), awards::contribution_id.asc()))
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<AwardRow>> {
    awards::table.find(id).first(conn).optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<AwardRow>> {
    awards::table.filter(awards::id.eq_any(ids)).load(conn)
}

pub fn splits_of(conn: &mut DbConnection, award_ids: &[String]) -> QueryResult<Vec<SplitRow>> {
    splits::table
        .filter(splits::award_id.eq_any(award_ids))
        .order((
            splits::award_id,
            splits::reason,
            splits::amount_minor.desc(),
            splits::user_id,
        ))
        .load(conn)
}

pub fn splits_of_user(conn: &mut DbConnection, user_id: &str) -> QueryResult<Vec<SplitRow>> {
    splits::table.filter(splits::user_id.eq(user_id)).load(conn)
}

/// Moves an award to `to` only if it is still in `from`; returns whether it did.
pub fn set_status(
    conn: &mut DbConnection,
    id: &str,
    from: AwardStatus,
    to: AwardStatus,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        awards::table
            .filter(awards::id.eq(id))
            .filter(awards::status.eq(from)),
    )
    .set((awards::status.eq(to), awards::updated_at.eq(at)))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn insert_event(
    conn: &mut DbConnection,
    award_id: &str,
    actor_id: &str,
    (from, to): (AwardStatus, AwardStatus),
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(events::table)
        .values((
            events::id.eq(crate::ids::new_id()),
            events::award_id.eq(award_id),
            events::actor_id.eq(actor_id),
            events::from_status.eq(from),
            events::to_status.eq(to),
            events::note.eq(note),
            events::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}
