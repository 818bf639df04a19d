//! Queries on `vote_deltas` (appended by votes) and `contribution_scores` (what the fold keeps).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::ranking::Tally;
use crate::db::{DbConnection, Writer};
use crate::domain::ContributionStatus;
use crate::on_backend;
use crate::schema::{contribution_scores as scores, contributions, vote_deltas as deltas};

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

pub fn append_delta<'a>(to: &mut impl Writer<'a>, delta: DeltaRow) -> QueryResult<()> {
    to.write(diesel::insert_into(deltas::table).values(delta))
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
    // On the backend's connection the id list is one array parameter on PostgreSQL, so a batch
    // of any size is the same prepared statement (through `MultiConnection` it was an IN list of
    // up to 5,000 parameters, parsed and planned anew every batch).
    on_backend!(conn, c => diesel::delete(deltas::table.filter(deltas::id.eq_any(ids))).execute(c)).map(drop)
}

pub fn insert_score(conn: &mut DbConnection, row: &ScoreRow) -> QueryResult<()> {
    diesel::insert_into(scores::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The score rows of `contribution_ids`, locked for this transaction in id order (on SQLite
/// the write transaction excludes other writers already).
pub fn scores_for_update(conn: &mut DbConnection, contribution_ids: &[String]) -> QueryResult<Vec<ScoreRow>> {
    let query = scores::table
        .filter(scores::contribution_id.eq_any(contribution_ids))
        .order(scores::contribution_id.asc());
    match conn {
        DbConnection::Postgres(pg) => query.for_update().load(pg),
        DbConnection::Sqlite(lite) => query.load(lite),
    }
}

/// Saves the tallies and scores of `rows` (each contribution at most once). On PostgreSQL that is
/// one statement for the whole batch, the values passed as arrays: a fold under a vote load
/// touches a few hundred entries, and an UPDATE each was one statement per vote on the database
/// the votes wait for. SQLite runs in-process, where one UPDATE a row costs no round trip.
pub fn save_scores(conn: &mut DbConnection, rows: &[ScoreRow]) -> QueryResult<()> {
    use diesel::sql_types::{Array, BigInt, Double, Text};
    match conn {
        DbConnection::Postgres(_) if rows.is_empty() => Ok(()),
        DbConnection::Postgres(pg) => {
            let whole = |column: fn(&ScoreRow) -> i64| rows.iter().map(column).collect::<Vec<_>>();
            let real = |column: fn(&ScoreRow) -> f64| rows.iter().map(column).collect::<Vec<_>>();
            let ids: Vec<&str> = rows.iter().map(|row| row.contribution_id.as_str()).collect();
            diesel::sql_query(SAVE_SCORES_PG)
                .bind::<Array<Text>, _>(ids)
                .bind::<Array<BigInt>, _>(whole(|row| row.public_count))
                .bind::<Array<BigInt>, _>(whole(|row| row.public_sum))
                .bind::<Array<BigInt>, _>(whole(|row| row.public_positive))
                .bind::<Array<BigInt>, _>(whole(|row| row.public_negative))
                .bind::<Array<BigInt>, _>(whole(|row| row.jury_count))
                .bind::<Array<BigInt>, _>(whole(|row| row.jury_sum))
                .bind::<Array<BigInt>, _>(whole(|row| row.jury_positive))
                .bind::<Array<BigInt>, _>(whole(|row| row.jury_negative))
                .bind::<Array<Double>, _>(real(|row| row.public_score))
                .bind::<Array<Double>, _>(real(|row| row.jury_score))
                .bind::<Array<Double>, _>(real(|row| row.combined_score))
                .bind::<Array<Double>, _>(real(|row| row.hot_score))
                .execute(pg)
                .map(drop)
        }
        DbConnection::Sqlite(lite) => rows.iter().try_for_each(|row| {
            diesel::update(scores::table.find(&row.contribution_id))
                .set(row)
                .execute(lite)
                .map(drop)
        }),
    }
}

/// The batch update of [`save_scores`]: a row of arrays per column, unnested into rows.
const SAVE_SCORES_PG: &str = "UPDATE contribution_scores AS s SET \
    public_count = v.public_count, public_sum = v.public_sum, \
    public_positive = v.public_positive, public_negative = v.public_negative, \
    jury_count = v.jury_count, jury_sum = v.jury_sum, \
    jury_positive = v.jury_positive, jury_negative = v.jury_negative, \
    public_score = v.public_score, jury_score = v.jury_score, \
    combined_score = v.combined_score, hot_score = v.hot_score \
    FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], \
    $7::int8[], $8::int8[], $9::int8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[]) \
    AS v(contribution_id, public_count, public_sum, public_positive, public_negative, \
    jury_count, jury_sum, jury_positive, jury_negative, \
    public_score, jury_score, combined_score, hot_score) \
    WHERE s.contribution_id = v.contribution_id";

/// Which stored score orders a ranking.
#[derive(Debug, Clone, Copy)]
pub enum RankBy {
    Combined,
    Hot,
}

/// A campaign's public contributions' scores in rank order, after the `(score, id)` position
/// `after`, each with the contribution's title. Walks the score index; hidden, withdrawn and
/// rejected entries are skipped. The title comes from the row the join reads anyway for the
/// status, so a leaderboard needs no second query for it.
pub fn ranked(
    conn: &mut DbConnection,
    campaign_id: &str,
    by: RankBy,
    after: Option<(f64, &str)>,
    limit: i64,
) -> QueryResult<Vec<(ScoreRow, String)>> {
    let mut query = scores::table
        .inner_join(contributions::table)
        .filter(scores::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq_any(ContributionStatus::PUBLIC))
        .select((scores::all_columns, contributions::title))
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

/// A contribution's id, campaign, publication and creation instants.
pub type Freshness = (String, String, Option<NaiveDateTime>, NaiveDateTime);

/// The campaign and the instants its freshness counts from (published, else created) of each
/// contribution in `ids`.
pub fn freshness_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<Freshness>> {
    // The backend's own connection: one array parameter on PostgreSQL (see `delete_deltas`).
    on_backend!(conn, c => contributions::table
        .filter(contributions::id.eq_any(ids))
        .select((
            contributions::id,
            contributions::campaign_id,
            contributions::published_at,
            contributions::created_at,
        ))
        .load(c))
}
