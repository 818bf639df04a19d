//! Storage of sources (channels and referral codes), visitors, visits and participants.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::SourceKind;
use crate::schema::{
    campaign_participants as participants, campaign_visitors as visitors, campaign_visits as visits,
    reach_sources as sources,
};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = sources)]
pub struct SourceRow {
    pub id: String,
    pub campaign_id: String,
    pub code: String,
    pub kind: SourceKind,
    pub name: Option<String>,
    pub referrer_id: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = visitors)]
pub struct VisitorRow {
    pub campaign_id: String,
    pub visitor_id: String,
    pub source_id: Option<String>,
    pub user_id: Option<String>,
    pub first_seen_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = participants)]
pub struct ParticipantRow {
    pub campaign_id: String,
    pub user_id: String,
    pub source_id: Option<String>,
    pub first_touch_at: Option<NaiveDateTime>,
    pub joined_at: NaiveDateTime,
    pub signed_up: bool,
    pub first_vote_at: Option<NaiveDateTime>,
    pub first_contribution_at: Option<NaiveDateTime>,
    pub first_pledge_at: Option<NaiveDateTime>,
    pub first_task_at: Option<NaiveDateTime>,
    /// The segments this person counts under among the campaign's voters (from their first
    /// vote, with research consent).
    pub voter_segments: Option<String>,
}

/// Runs the same INSERT ... ON CONFLICT DO NOTHING on either backend (MultiConnection cannot
/// express ON CONFLICT itself); true when the row was new.
macro_rules! insert_if_new {
    ($conn:expr, $table:expr, $row:expr) => {{
        let insert = diesel::insert_into($table).values($row);
        let inserted = match $conn {
            DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
            DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
        };
        Ok(inserted == 1)
    }};
}

pub fn insert_source(conn: &mut DbConnection, row: &SourceRow) -> QueryResult<bool> {
    insert_if_new!(conn, sources::table, row)
}

pub fn source_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<SourceRow>> {
    sources::table
        .filter(sources::code.eq(code))
        .first(conn)
        .optional()
}

pub fn sources_by_id(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<SourceRow>> {
    sources::table.filter(sources::id.eq_any(ids)).load(conn)
}

/// A campaign's channels (not referral codes) after the id `after`, oldest first.
pub fn channels(
    conn: &mut DbConnection,
    campaign_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<SourceRow>> {
    let mut query = sources::table
        .filter(sources::campaign_id.eq(campaign_id))
        .filter(sources::referrer_id.is_null())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(sources::id.gt(after.to_owned()));
    }
    query.order(sources::id.asc()).limit(limit).load(conn)
}

/// Every channel of a campaign (a campaign has a handful; analytics shows them all).
pub fn all_channels(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<SourceRow>> {
    sources::table
        .filter(sources::campaign_id.eq(campaign_id))
        .filter(sources::referrer_id.is_null())
        .order(sources::id.asc())
        .load(conn)
}

pub fn referral_of(
    conn: &mut DbConnection,
    campaign_id: &str,
    user_id: &str,
) -> QueryResult<Option<SourceRow>> {
    sources::table
        .filter(sources::campaign_id.eq(campaign_id))
        .filter(sources::referrer_id.eq(user_id))
        .first(conn)
        .optional()
}

/// Records a first touch; false when the visitor had touched the campaign before.
pub fn insert_visitor(conn: &mut DbConnection, row: &VisitorRow) -> QueryResult<bool> {
    insert_if_new!(conn, visitors::table, row)
}

pub fn visitor(
    conn: &mut DbConnection,
    campaign_id: &str,
    visitor_id: &str,
) -> QueryResult<Option<VisitorRow>> {
    visitors::table
        .find((campaign_id, visitor_id))
        .first(conn)
        .optional()
}

/// The campaign the visitor touched last (the one that brought a sign-up without a code).
pub fn latest_visit_of(conn: &mut DbConnection, visitor_id: &str) -> QueryResult<Option<VisitorRow>> {
    visitors::table
        .filter(visitors::visitor_id.eq(visitor_id))
        .order(visitors::first_seen_at.desc())
        .first(conn)
        .optional()
}

pub fn link_visitor(
    conn: &mut DbConnection,
    campaign_id: &str,
    visitor_id: &str,
    user_id: &str,
) -> QueryResult<()> {
    diesel::update(
        visitors::table
            .find((campaign_id, visitor_id))
            .filter(visitors::user_id.is_null()),
    )
    .set(visitors::user_id.eq(user_id))
    .execute(conn)
    .map(drop)
}

/// Records the day's visit; false when the visitor was counted that day already.
pub fn insert_visit(
    conn: &mut DbConnection,
    campaign_id: &str,
    day: &str,
    visitor_id: &str,
) -> QueryResult<bool> {
    insert_if_new!(
        conn,
        visits::table,
        (
            visits::campaign_id.eq(campaign_id),
            visits::day.eq(day),
            visits::visitor_id.eq(visitor_id),
        )
    )
}

/// Adds the participant; false when they were in the campaign already.
pub fn insert_participant(conn: &mut DbConnection, row: &ParticipantRow) -> QueryResult<bool> {
    insert_if_new!(conn, participants::table, row)
}

pub fn participant(
    conn: &mut DbConnection,
    campaign_id: &str,
    user_id: &str,
) -> QueryResult<Option<ParticipantRow>> {
    participants::table
        .find((campaign_id, user_id))
        .first(conn)
        .optional()
}

/// A participant's first step of one kind, kept once with its instant.
#[derive(Debug, Clone, Copy)]
pub enum FirstStep {
    Vote,
    Contribution,
    Pledge,
    /// An answer to a task.
    Task,
}

/// Sets the instant of the participant's first `step` unless there was one; true when this was
/// the first (a conditional update, so parallel steps agree on which was first).
pub fn mark_first(
    conn: &mut DbConnection,
    campaign_id: &str,
    user_id: &str,
    step: FirstStep,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    macro_rules! mark {
        ($column:ident) => {
            diesel::update(
                participants::table
                    .find((campaign_id, user_id))
                    .filter(participants::$column.is_null()),
            )
            .set(participants::$column.eq(at))
            .execute(conn)?
        };
    }
    let changed = match step {
        FirstStep::Vote => mark!(first_vote_at),
        FirstStep::Contribution => mark!(first_contribution_at),
        FirstStep::Pledge => mark!(first_pledge_at),
        FirstStep::Task => mark!(first_task_at),
    };
    Ok(changed == 1)
}

/// Keeps the segments a first vote counted its voter under.
pub fn set_voter_segments(
    conn: &mut DbConnection,
    campaign_id: &str,
    user_id: &str,
    segments: &str,
) -> QueryResult<()> {
    diesel::update(participants::table.find((campaign_id, user_id)))
        .set(participants::voter_segments.eq(segments))
        .execute(conn)
        .map(drop)
}

/// A user's campaigns, most recently joined first, before `(joined_at, campaign_id)`.
pub fn journeys_of(
    conn: &mut DbConnection,
    user_id: &str,
    campaign_ids: Option<&[String]>,
    before: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<ParticipantRow>> {
    let mut query = participants::table
        .filter(participants::user_id.eq(user_id))
        .into_boxed();
    if let Some(ids) = campaign_ids {
        query = query.filter(participants::campaign_id.eq_any(ids.to_vec()));
    }
    if let Some((at, id)) = before {
        query = query.filter(
            participants::joined_at.lt(at).or(participants::joined_at
                .eq(at)
                .and(participants::campaign_id.lt(id))),
        );
    }
    query
        .order((participants::joined_at.desc(), participants::campaign_id.desc()))
        .limit(limit)
        .load(conn)
}
