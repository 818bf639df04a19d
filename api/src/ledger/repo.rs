//! Queries on `points_ledger`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::PointsSource;
use crate::schema::points_ledger as ledger;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = ledger)]
pub struct LedgerRow {
    pub id: String,
    pub user_id: String,
    pub campaign_id: Option<String>,
    pub source_type: PointsSource,
    pub source_id: String,
    pub points: i32,
    pub created_at: NaiveDateTime,
}

/// Appends `row` unless its (source, user) was paid already; returns whether it was appended.
/// ON CONFLICT makes that hold for parallel transactions too (a check-then-insert would not).
pub fn append_once(conn: &mut DbConnection, row: &LedgerRow) -> QueryResult<bool> {
    let insert = diesel::insert_into(ledger::table).values(row);
    // The same statement on both; MultiConnection cannot express ON CONFLICT itself.
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(inserted == 1)
}

pub fn balance(conn: &mut DbConnection, user_id: &str) -> QueryResult<i64> {
    ledger::table
        .filter(ledger::user_id.eq(user_id))
        .select(diesel::dsl::sum(ledger::points))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}

/// A user's entries, newest first, before the id `before`.
pub fn page_of(
    conn: &mut DbConnection,
    user_id: &str,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<LedgerRow>> {
    let mut query = ledger::table.filter(ledger::user_id.eq(user_id)).into_boxed();
    if let Some(before) = before {
        query = query.filter(ledger::id.lt(before.to_owned()));
    }
    query.order(ledger::id.desc()).limit(limit).load(conn)
}

/// Points per participant of a campaign, most first (ties: the user id, for a stable order).
pub fn totals_in_campaign(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<(String, i64)>> {
    let totals: Vec<(String, Option<i64>)> = ledger::table
        .filter(ledger::campaign_id.eq(campaign_id))
        .group_by(ledger::user_id)
        .select((ledger::user_id, diesel::dsl::sum(ledger::points)))
        .load(conn)?;
    let mut totals: Vec<(String, i64)> = totals
        .into_iter()
        .map(|(user, points)| (user, points.unwrap_or_default()))
        .filter(|(_, points)| *points > 0)
        .collect();
    totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(totals)
}

/// The points one source paid one person, if it did.
pub fn points_of(
    conn: &mut DbConnection,
    source_type: PointsSource,
    source_id: &str,
    user_id: &str,
) -> QueryResult<Option<i32>> {
    ledger::table
        .filter(ledger::source_type.eq(source_type))
        .filter(ledger::source_id.eq(source_id))
        .filter(ledger::user_id.eq(user_id))
        .select(ledger::points)
        .first(conn)
        .optional()
}

/// The earliest entry of `source_type` with positive points for a user, if any.
pub fn first_of(
    conn: &mut DbConnection,
    user_id: &str,
    source_type: PointsSource,
) -> QueryResult<Option<LedgerRow>> {
    ledger::table
        .filter(ledger::user_id.eq(user_id))
        .filter(ledger::source_type.eq(source_type))
        .filter(ledger::points.gt(0))
        .order(ledger::id.asc())
        .first(conn)
        .optional()
}

/// Campaigns in which `user_id` has voted, with the number of votes each voter was paid for.
pub fn vote_counts_where_voted(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<Vec<(Option<String>, String, i64)>> {
    let campaigns: Vec<Option<String>> = ledger::table
        .filter(ledger::user_id.eq(user_id))
        .filter(ledger::source_type.eq(PointsSource::VoteCast))
        .select(ledger::campaign_id)
        .distinct()
        .load(conn)?;
    let campaigns: Vec<String> = campaigns.into_iter().flatten().collect();
    ledger::table
        .filter(ledger::campaign_id.eq_any(campaigns))
        .filter(ledger::source_type.eq(PointsSource::VoteCast))
        .group_by((ledger::campaign_id, ledger::user_id))
        .select((ledger::campaign_id, ledger::user_id, diesel::dsl::count_star()))
        .load(conn)
}

/// How many entries of `source_type` with positive points the user has.
pub fn positive_entries(
    conn: &mut DbConnection,
    user_id: &str,
    source_type: PointsSource,
) -> QueryResult<i64> {
    ledger::table
        .filter(ledger::user_id.eq(user_id))
        .filter(ledger::source_type.eq(source_type))
        .filter(ledger::points.gt(0))
        .count()
        .get_result(conn)
}
