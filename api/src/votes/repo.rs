//! Queries on `votes`, `vote_deltas`, `contribution_scores` and `vote_invalidations`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::ranking::Tally;
use crate::db::DbConnection;
use crate::schema::{
    contribution_scores as scores, contributions, vote_deltas as deltas, vote_invalidations, votes,
};

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

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = deltas)]
pub struct DeltaRow {
    pub id: String,
    pub contribution_id: String,
    pub jury: bool,
    pub d_count: i32,
    pub d_sum: i32,
    pub d_positive: i32,
    pub d_negative: i32,
}

impl DeltaRow {
    pub fn tally(&self) -> Tally {
        Tally {
            count: i64::from(self.d_count),
            sum: i64::from(self.d_sum),
            positive: i64::from(self.d_positive),
            negative: i64::from(self.d_negative),
        }
    }
}

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = scores)]
pub struct ScoreRow {
    pub contribution_id: String,
    pub campaign_id: String,
    pub public_count: i64,
    pub public_sum: i64,
    pub public_positive: i64,
    pub public_negative: i64,
    pub jury_count: i64,
    pub jury_sum: i64,
    pub jury_positive: i64,
    pub jury_negative: i64,
    pub public_score: f64,
    pub jury_score: f64,
    pub combined_score: f64,
    pub hot_score: f64,
}

impl ScoreRow {
    pub fn public(&self) -> Tally {
        Tally {
            count: self.public_count,
            sum: self.public_sum,
            positive: self.public_positive,
            negative: self.public_negative,
        }
    }

    pub fn jury(&self) -> Tally {
        Tally {
            count: self.jury_count,
            sum: self.jury_sum,
            positive: self.jury_positive,
            negative: self.jury_negative,
        }
    }

    pub fn set_tallies(&mut self, public: Tally, jury: Tally) {
        (
            self.public_count,
            self.public_sum,
            self.public_positive,
            self.public_negative,
        ) = (public.count, public.sum, public.positive, public.negative);
        (
            self.jury_count,
            self.jury_sum,
            self.jury_positive,
            self.jury_negative,
        ) = (jury.count, jury.sum, jury.positive, jury.negative);
    }
}

pub fn find(conn: &mut DbConnection, contribution_id: &str, voter_id: &str) -> QueryResult<Option<VoteRow>> {
    votes::table
        .filter(votes::contribution_id.eq(contribution_id))
        .filter(votes::voter_id.eq(voter_id))
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, vote: &VoteRow) -> QueryResult<()> {
    diesel::insert_into(votes::table)
        .values(vote)
        .execute(conn)
        .map(drop)
}

pub fn change_value(
    conn: &mut DbConnection,
    id: &str,
    value: i32,
    hashes: (Option<String>, Option<String>),
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(votes::table.find(id))
        .set((
            votes::value.eq(value),
            votes::network_hash.eq(hashes.0),
            votes::device_hash.eq(hashes.1),
            votes::updated_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::delete(votes::table.find(id)).execute(conn).map(drop)
}

/// Points a voter has spread in a campaign (budget voting), counting every vote they cast.
pub fn budget_spent(conn: &mut DbConnection, campaign_id: &str, voter_id: &str) -> QueryResult<i64> {
    votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .filter(votes::voter_id.eq(voter_id))
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

pub fn append_delta(conn: &mut DbConnection, delta: &DeltaRow) -> QueryResult<()> {
    diesel::insert_into(deltas::table)
        .values(delta)
        .execute(conn)
        .map(drop)
}

/// The oldest pending deltas, at most `limit`. On PostgreSQL the rows are locked and rows
/// another replica's folder holds are skipped, so two folders never fold the same delta.
pub fn pending_deltas(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<DeltaRow>> {
    let query = deltas::table.order(deltas::id.asc()).limit(limit);
    match conn {
        // Row locks: PostgreSQL only; SQLite's write transaction already excludes other folders.
        DbConnection::Postgres(pg) => query.for_update().skip_locked().load(pg),
        DbConnection::Sqlite(lite) => query.load(lite),
    }
}

pub fn any_pending(conn: &mut DbConnection) -> QueryResult<bool> {
    deltas::table
        .select(deltas::id)
        .first::<String>(conn)
        .optional()
        .map(|first| first.is_some())
}

pub fn delete_deltas(conn: &mut DbConnection, ids: &[String]) -> QueryResult<()> {
    diesel::delete(deltas::table.filter(deltas::id.eq_any(ids)))
        .execute(conn)
        .map(drop)
}

pub fn insert_score(conn: &mut DbConnection, row: &ScoreRow) -> QueryResult<()> {
    diesel::insert_into(scores::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn scores_of(conn: &mut DbConnection, contribution_ids: &[String]) -> QueryResult<Vec<ScoreRow>> {
    scores::table
        .filter(scores::contribution_id.eq_any(contribution_ids))
        .load(conn)
}

pub fn save_score(conn: &mut DbConnection, row: &ScoreRow) -> QueryResult<()> {
    diesel::update(scores::table.find(&row.contribution_id))
        .set(row)
        .execute(conn)
        .map(drop)
}

/// Which stored score orders a ranking.
#[derive(Debug, Clone, Copy)]
pub enum RankBy {
    Combined,
    Hot,
}

/// A campaign's public contributions' scores in rank order, after the `(score, id)` position
/// `after`. Walks the score index; hidden, withdrawn and rejected entries are skipped.
pub fn ranked(
    conn: &mut DbConnection,
    campaign_id: &str,
    by: RankBy,
    after: Option<(f64, &str)>,
    limit: i64,
) -> QueryResult<Vec<ScoreRow>> {
    let public = ["published", "shortlisted", "winner"];
    let mut query = scores::table
        .inner_join(contributions::table)
        .filter(scores::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq_any(public))
        .select(scores::all_columns)
        .into_boxed();
    query = match (by, after) {
        (RankBy::Combined, Some((score, id))) => query.filter(
            scores::combined_score.lt(score).or(scores::combined_score
                .eq(score)
                .and(scores::contribution_id.gt(id.to_owned()))),
        ),
        (RankBy::Hot, Some((score, id))) => query.filter(
            scores::hot_score.lt(score).or(scores::hot_score
                .eq(score)
                .and(scores::contribution_id.gt(id.to_owned()))),
        ),
        (_, None) => query,
    };
    query = match by {
        RankBy::Combined => query.order((scores::combined_score.desc(), scores::contribution_id.asc())),
        RankBy::Hot => query.order((scores::hot_score.desc(), scores::contribution_id.asc())),
    };
    query.limit(limit).load(conn)
}
