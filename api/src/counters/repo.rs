//! Queries on `insight_deltas` (appended by events) and `insight_counters` (the folded rollups).

use diesel::prelude::*;
use diesel::upsert::excluded;

use super::{Delta, Metric, Scope};
use crate::db::{DbConnection, Writer, Writes};
use crate::ids::new_id;
use crate::schema::{insight_counters as counters, insight_deltas as deltas};

#[derive(Debug, Queryable, Insertable)]
#[diesel(table_name = deltas)]
pub struct DeltaRow {
    pub id: String,
    pub campaign_id: String,
    pub scope: Scope,
    pub bucket: String,
    pub metric: Metric,
    pub amount: i64,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = counters)]
pub struct CounterRow<'a> {
    pub campaign_id: &'a str,
    pub scope: Scope,
    pub bucket: &'a str,
    pub metric: Metric,
    pub value: i64,
}

/// One INSERT per delta, sent together ([`Writes`]): one statement on PostgreSQL. (diesel writes
/// a multi-row insert on SQLite as a savepoint around an INSERT per row, two statements more.)
pub fn append_deltas<'a>(to: &mut impl Writer<'a>, campaign_id: &str, changes: &[&Delta]) -> QueryResult<()> {
    let insert = |change: &Delta| {
        diesel::insert_into(deltas::table).values(DeltaRow {
            id: new_id(),
            campaign_id: campaign_id.to_owned(),
            scope: change.scope,
            bucket: change.bucket.clone(),
            metric: change.metric,
            amount: change.amount,
        })
    };
    if let [only] = changes {
        // Sent as it is: a statement of static shape, found in the cache by its type.
        return to.write(insert(only));
    }
    let mut writes = Writes::new();
    for change in changes {
        writes.write(insert(change))?;
    }
    to.write_all(writes)
}

/// The folded counters of `scope` and the deltas not folded yet, as `(bucket, metric, value)`.
///
/// One statement (`UNION ALL`), so both halves come from one snapshot: read as two, a fold
/// that committed between them (moving a delta into its counter) made the delta missing from
/// both halves, and a count read right after a visit could come out one short.
pub fn folded_and_pending(
    conn: &mut DbConnection,
    campaign_id: &str,
    scope: Scope,
    buckets: Option<&[String]>,
) -> QueryResult<Vec<(String, Metric, i64)>> {
    crate::on_backend!(conn, c => {
        let mut folded = counters::table
            .filter(counters::campaign_id.eq(campaign_id))
            .filter(counters::scope.eq(scope))
            .select((counters::bucket, counters::metric, counters::value))
            .into_boxed();
        let mut pending = deltas::table
            .filter(deltas::campaign_id.eq(campaign_id))
            .filter(deltas::scope.eq(scope))
            .select((deltas::bucket, deltas::metric, deltas::amount))
            .into_boxed();
        if let Some(buckets) = buckets {
            folded = folded.filter(counters::bucket.eq_any(buckets));
            pending = pending.filter(deltas::bucket.eq_any(buckets));
        }
        folded.union_all(pending).load(c)
    })
}

/// The buckets that may be among the `limit` highest of `metric`: every bucket with pending
/// deltas and the best folded ones (from the index); counters of this kind only grow.
///
/// Pending first: a fold that commits between the two reads then moves a delta into a counter
/// after its bucket was taken as a candidate. Read the other way round, such a bucket could be
/// in neither list (a top list missing a bucket until the next fold).
pub fn top_candidates(
    conn: &mut DbConnection,
    campaign_id: &str,
    scope: Scope,
    metric: Metric,
    limit: i64,
) -> QueryResult<Vec<String>> {
    let mut candidates: Vec<String> = deltas::table
        .filter(deltas::campaign_id.eq(campaign_id))
        .filter(deltas::scope.eq(scope))
        .filter(deltas::metric.eq(metric))
        .select(deltas::bucket)
        .distinct()
        .load(conn)?;
    candidates.extend(
        counters::table
            .filter(counters::campaign_id.eq(campaign_id))
            .filter(counters::scope.eq(scope))
            .filter(counters::metric.eq(metric))
            .order((counters::value.desc(), counters::bucket.asc()))
            .select(counters::bucket)
            .limit(limit)
            .load::<String>(conn)?,
    );
    Ok(candidates)
}

pub fn any_pending(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(deltas::table
        .select(deltas::id)
        .first::<String>(conn)
        .optional()?
        .is_some())
}

/// Up to `limit` pending deltas, oldest first; on PostgreSQL locked with SKIP LOCKED, so
/// replicas folding at once take different rows.
pub fn claim_pending(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<DeltaRow>> {
    let query = deltas::table.order(deltas::id.asc()).limit(limit);
    match conn {
        DbConnection::Postgres(pg) => query.for_update().skip_locked().load(pg),
        // SQLite's write transaction already excludes other folds.
        DbConnection::Sqlite(lite) => query.load(lite),
    }
}

pub fn delete_deltas(conn: &mut DbConnection, ids: &[&str]) -> QueryResult<()> {
    diesel::delete(deltas::table.filter(deltas::id.eq_any(ids)))
        .execute(conn)
        .map(drop)
}

/// Adds `row.value` to its counter, creating it at that value (an atomic upsert).
pub fn add_to_counter(conn: &mut DbConnection, row: &CounterRow<'_>) -> QueryResult<()> {
    let upsert = diesel::insert_into(counters::table).values(row);
    let target = (
        counters::campaign_id,
        counters::scope,
        counters::bucket,
        counters::metric,
    );
    let grow = counters::value.eq(counters::value + excluded(counters::value));
    // The same statement on both; MultiConnection cannot express ON CONFLICT itself.
    match conn {
        DbConnection::Postgres(pg) => upsert.on_conflict(target).do_update().set(grow).execute(pg),
        DbConnection::Sqlite(lite) => upsert.on_conflict(target).do_update().set(grow).execute(lite),
    }
    .map(drop)
}
