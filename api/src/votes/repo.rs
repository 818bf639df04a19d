//! Queries on `votes` and `vote_invalidations`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, Writer};
use crate::domain::ContributionStatus;
use crate::schema::{campaign_participants, contributions, reach_sources, users, vote_invalidations, votes};
use crate::users::repo::UserRow;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = votes)]
pub struct VoteRow {
    pub id: String,
    pub campaign_id: String,
    pub contribution_id: String,
    pub voter_id: String,
    pub jury: bool,
    pub value: i32,
    pub network_hash: Option<String>,
    pub device_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub invalidation_id: Option<String>,
    /// The voter's opted-in segments when cast (see `insight::segments`).
    pub segments: Option<String>,
}

pub fn find(conn: &mut DbConnection, contribution_id: &str, voter_id: &str) -> QueryResult<Option<VoteRow>> {
    crate::on_backend!(conn, c => votes::table
        .filter(votes::contribution_id.eq(contribution_id))
        .filter(votes::voter_id.eq(voter_id))
        .first(c)
        .optional())
}

/// What a vote decides by about its voter, read in one round trip (under the ballot lock).
pub struct VoterState {
    /// The voter's own row (for the segments a new ballot is counted under).
    pub profile: UserRow,
    /// Their ballot on the contribution, if any.
    pub ballot: Option<VoteRow>,
    /// Whether their first vote in the campaign is on record (it never goes away).
    pub voted_here: bool,
}

/// The [`VoterState`] of `voter_id` voting on a contribution of `campaign_id`; `None` for a
/// voter with no account.
pub fn voter_state(
    conn: &mut DbConnection,
    campaign_id: &str,
    contribution_id: &str,
    voter_id: &str,
) -> QueryResult<Option<VoterState>> {
    // Owned: diesel wants a second join's source `'static`, and a borrowed bind would not be.
    let (campaign_id, contribution_id) = (campaign_id.to_owned(), contribution_id.to_owned());
    let row: Option<(UserRow, Option<VoteRow>, Option<NaiveDateTime>)> = crate::on_backend!(conn, c => users::table
        .left_join(
            votes::table.on(votes::voter_id
                .eq(users::id)
                .and(votes::contribution_id.eq(contribution_id))),
        )
        .left_join(
            campaign_participants::table.on(campaign_participants::user_id
                .eq(users::id)
                .and(campaign_participants::campaign_id.eq(campaign_id))),
        )
        .filter(users::id.eq(voter_id))
        .select((
            users::all_columns,
            votes::all_columns.nullable(),
            campaign_participants::first_vote_at.nullable(),
        ))
        .first(c)
        .optional())?;
    Ok(row.map(|(profile, ballot, first_vote_at)| VoterState {
        profile,
        ballot,
        voted_here: first_vote_at.is_some(),
    }))
}

pub fn insert<'a>(to: &mut impl Writer<'a>, vote: &'a VoteRow) -> QueryResult<()> {
    to.write(diesel::insert_into(votes::table).values(vote))
}

pub fn change_value<'a>(
    to: &mut impl Writer<'a>,
    id: &'a str,
    value: i32,
    hashes: (Option<String>, Option<String>),
    at: NaiveDateTime,
) -> QueryResult<()> {
    to.write(diesel::update(votes::table.find(id)).set((
        votes::value.eq(value),
        votes::network_hash.eq(hashes.0),
        votes::device_hash.eq(hashes.1),
        votes::updated_at.eq(at),
    )))
}

pub fn delete<'a>(to: &mut impl Writer<'a>, id: &'a str) -> QueryResult<()> {
    to.write(diesel::delete(votes::table.find(id)))
}

/// Points a voter has spread in a campaign (budget voting): their votes on entries that are
/// public now. Points on an entry hidden, rejected or withdrawn since return to the voter; an
/// invalidated vote stays spent.
pub fn budget_spent(conn: &mut DbConnection, campaign_id: &str, voter_id: &str) -> QueryResult<i64> {
    let public = contributions::table
        .filter(contributions::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq_any(ContributionStatus::PUBLIC))
        .select(contributions::id);
    votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .filter(votes::voter_id.eq(voter_id))
        .filter(votes::contribution_id.eq_any(public))
        .select(diesel::dsl::sum(votes::value))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}

/// A voter's votes in a campaign, by id after `after`.
pub fn of_voter(
    conn: &mut DbConnection,
    campaign_id: &str,
    voter_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<VoteRow>> {
    let mut query = votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .filter(votes::voter_id.eq(voter_id))
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(votes::id.gt(after.to_owned()));
    }
    query.order(votes::id.asc()).limit(limit).load(conn)
}

/// Every vote of a campaign (for the integrity report, managers only).
pub fn of_campaign(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<VoteRow>> {
    votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .order(votes::id.asc())
        .load(conn)
}

pub fn find_many(conn: &mut DbConnection, campaign_id: &str, ids: &[String]) -> QueryResult<Vec<VoteRow>> {
    votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .filter(votes::id.eq_any(ids))
        .load(conn)
}

pub fn mark_invalidated(conn: &mut DbConnection, ids: &[String], invalidation_id: &str) -> QueryResult<()> {
    diesel::update(votes::table.filter(votes::id.eq_any(ids)))
        .set(votes::invalidation_id.eq(invalidation_id))
        .execute(conn)
        .map(drop)
}

pub fn insert_invalidation(
    conn: &mut DbConnection,
    id: &str,
    campaign_id: &str,
    actor_id: &str,
    reason: &str,
    vote_count: i32,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(vote_invalidations::table)
        .values((
            vote_invalidations::id.eq(id),
            vote_invalidations::campaign_id.eq(campaign_id),
            vote_invalidations::actor_id.eq(actor_id),
            vote_invalidations::reason.eq(reason),
            vote_invalidations::vote_count.eq(vote_count),
            vote_invalidations::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// Of `voter_ids`, those who first came to the campaign through someone's referral link: voter,
/// referrer, and whether they signed up on that visit.
pub fn referred_voters(
    conn: &mut DbConnection,
    campaign_id: &str,
    voter_ids: &[String],
) -> QueryResult<Vec<(String, String, bool)>> {
    campaign_participants::table
        .inner_join(
            reach_sources::table.on(campaign_participants::source_id.eq(reach_sources::id.nullable())),
        )
        .filter(campaign_participants::campaign_id.eq(campaign_id))
        .filter(campaign_participants::user_id.eq_any(voter_ids))
        .filter(reach_sources::referrer_id.is_not_null())
        .select((
            campaign_participants::user_id,
            reach_sources::referrer_id.assume_not_null(),
            campaign_participants::signed_up,
        ))
        .load(conn)
}
