//! The analytics rollups: named counters per campaign, kept incrementally. An event appends
//! deltas (plain inserts: no counter row for a flash crowd to queue on); the folder adds them to
//! the counters exactly once (it deletes what it adds in the same transaction); a read adds the
//! deltas not folded yet, so numbers are exact the moment an event commits.

use std::collections::HashMap;
use std::time::Duration;

use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::schema::{insight_counters as counters, insight_deltas as deltas};

/// Deltas folded per transaction: bounds how long one fold holds its locks.
const FOLD_BATCH: usize = 5_000;

/// What a group of counters is keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A UTC day, `YYYY-MM-DD`.
    Day,
    /// A first-touch source: a channel id, `referral` (all referral codes together) or `direct`.
    Source,
    /// One referral code's id: what each referrer brought.
    Referrer,
    /// An opted-in segment of voters, `dimension=value` (see [`super::segments`]).
    Segment,
    /// A segment's votes on one contribution, `contribution_id|dimension=value`.
    EntrySegment,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Day => "day",
            Scope::Source => "source",
            Scope::Referrer => "referrer",
            Scope::Segment => "segment",
            Scope::EntrySegment => "entry_segment",
        }
    }
}

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// New visitors (first touches).
    Visitors,
    /// Visits, once per visitor and day.
    Visits,
    /// Known users who came to the campaign (signed in, or signed up through it).
    Registered,
    /// Accounts created through the campaign.
    SignUps,
    /// Users who cast their first vote in the campaign.
    Voters,
    /// Users who submitted their first contribution to the campaign.
    Contributors,
    /// Users who voted or contributed (counted at their first step of either).
    Participants,
    /// Referred participants: a referral code's invitee took part.
    Conversions,
    /// Votes cast (current ballots in segment scopes).
    Votes,
    /// The sum of the values of current ballots (segment scopes).
    ValueSum,
    /// Contributions submitted.
    Contributions,
}

impl Metric {
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Visitors => "visitors",
            Metric::Visits => "visits",
            Metric::Registered => "registered",
            Metric::SignUps => "sign_ups",
            Metric::Voters => "voters",
            Metric::Contributors => "contributors",
            Metric::Participants => "participants",
            Metric::Conversions => "conversions",
            Metric::Votes => "votes",
            Metric::ValueSum => "value_sum",
            Metric::Contributions => "contributions",
        }
    }
}

/// One change to one counter.
#[derive(Debug, Clone)]
pub struct Delta {
    pub scope: Scope,
    pub bucket: String,
    pub metric: Metric,
    pub amount: i64,
}

impl Delta {
    pub fn new(scope: Scope, bucket: impl Into<String>, metric: Metric, amount: i64) -> Self {
        Delta {
            scope,
            bucket: bucket.into(),
            metric,
            amount,
        }
    }
}

#[derive(Debug, Queryable, Insertable)]
#[diesel(table_name = deltas)]
struct DeltaRow {
    id: String,
    campaign_id: String,
    scope: String,
    bucket: String,
    metric: String,
    amount: i64,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = counters)]
struct CounterRow<'a> {
    campaign_id: &'a str,
    scope: &'a str,
    bucket: &'a str,
    metric: &'a str,
    value: i64,
}

/// Appends `changes` to a campaign's counters (in the caller's transaction).
pub fn record(conn: &mut DbConnection, campaign_id: &str, changes: &[Delta]) -> QueryResult<()> {
    let rows: Vec<DeltaRow> = changes
        .iter()
        .filter(|change| change.amount != 0)
        .map(|change| DeltaRow {
            id: new_id(),
            campaign_id: campaign_id.to_owned(),
            scope: change.scope.as_str().to_owned(),
            bucket: change.bucket.clone(),
            metric: change.metric.as_str().to_owned(),
            amount: change.amount,
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let insert = diesel::insert_into(deltas::table).values(&rows);
    // Multi-row inserts are per backend: MultiConnection cannot batch them.
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(lite) => insert.execute(lite),
    }
    .map(drop)
}

/// Counter values by `(bucket, metric)` within one scope of a campaign, the pending deltas added.
pub type Values = HashMap<(String, String), i64>;

/// Everything counted in `scope` for a campaign, optionally only for some buckets. Bounded by
/// the buckets that exist (days, sources, segments), not by the events behind them.
pub fn read(
    conn: &mut DbConnection,
    campaign_id: &str,
    scope: Scope,
    buckets: Option<&[String]>,
) -> QueryResult<Values> {
    let mut folded = counters::table
        .filter(counters::campaign_id.eq(campaign_id))
        .filter(counters::scope.eq(scope.as_str()))
        .select((counters::bucket, counters::metric, counters::value))
        .into_boxed();
    let mut pending = deltas::table
        .filter(deltas::campaign_id.eq(campaign_id))
        .filter(deltas::scope.eq(scope.as_str()))
        .select((deltas::bucket, deltas::metric, deltas::amount))
        .into_boxed();
    if let Some(buckets) = buckets {
        folded = folded.filter(counters::bucket.eq_any(buckets.to_vec()));
        pending = pending.filter(deltas::bucket.eq_any(buckets.to_vec()));
    }
    let mut values = Values::new();
    for (bucket, metric, value) in folded
        .load::<(String, String, i64)>(conn)?
        .into_iter()
        .chain(pending.load::<(String, String, i64)>(conn)?)
    {
        *values.entry((bucket, metric)).or_default() += value;
    }
    Ok(values)
}

/// The `limit` buckets of `scope` with the highest `metric`, exactly: the best folded buckets
/// (from the index) and every bucket with pending deltas are the only candidates, since
/// counters of this kind only grow.
pub fn top(
    conn: &mut DbConnection,
    campaign_id: &str,
    scope: Scope,
    metric: Metric,
    limit: i64,
) -> QueryResult<Vec<(String, i64)>> {
    let mut candidates: Vec<String> = counters::table
        .filter(counters::campaign_id.eq(campaign_id))
        .filter(counters::scope.eq(scope.as_str()))
        .filter(counters::metric.eq(metric.as_str()))
        .order((counters::value.desc(), counters::bucket.asc()))
        .select(counters::bucket)
        .limit(limit)
        .load(conn)?;
    candidates.extend(
        deltas::table
            .filter(deltas::campaign_id.eq(campaign_id))
            .filter(deltas::scope.eq(scope.as_str()))
            .filter(deltas::metric.eq(metric.as_str()))
            .select(deltas::bucket)
            .distinct()
            .load::<String>(conn)?,
    );
    let values = read(conn, campaign_id, scope, Some(&candidates))?;
    let mut ranked: Vec<(String, i64)> = values
        .into_iter()
        .filter(|((_, counted), _)| counted == metric.as_str())
        .map(|((bucket, _), value)| (bucket, value))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(ranked)
}

/// All counters of `scope`, in bucket order, the pending deltas added (for exports).
pub fn all_in_scope(
    conn: &mut DbConnection,
    campaign_id: &str,
    scope: Scope,
) -> QueryResult<Vec<((String, String), i64)>> {
    let mut rows: Vec<_> = read(conn, campaign_id, scope, None)?.into_iter().collect();
    rows.sort();
    Ok(rows)
}

/// Folds up to one batch of pending deltas into the counters; returns how many it folded.
pub fn fold_pending(conn: &mut DbConnection) -> Result<usize, ApiError> {
    // A plain read first: an idle server never takes SQLite's write lock to find nothing.
    let any = deltas::table
        .select(deltas::id)
        .first::<String>(conn)
        .optional()?;
    if any.is_none() {
        return Ok(0);
    }
    write_transaction(conn, |conn| {
        let query = deltas::table.order(deltas::id.asc()).limit(FOLD_BATCH as i64);
        let pending: Vec<DeltaRow> = match conn {
            // Row locks: PostgreSQL only; SQLite's write transaction already excludes others.
            DbConnection::Postgres(pg) => query.for_update().skip_locked().load(pg)?,
            DbConnection::Sqlite(lite) => query.load(lite)?,
        };
        let mut sums: HashMap<(&str, &str, &str, &str), i64> = HashMap::new();
        for delta in &pending {
            let key = (
                delta.campaign_id.as_str(),
                delta.scope.as_str(),
                delta.bucket.as_str(),
                delta.metric.as_str(),
            );
            *sums.entry(key).or_default() += delta.amount;
        }
        for ((campaign_id, scope, bucket, metric), value) in sums {
            add_to_counter(
                conn,
                &CounterRow {
                    campaign_id,
                    scope,
                    bucket,
                    metric,
                    value,
                },
            )?;
        }
        let ids: Vec<&str> = pending.iter().map(|delta| delta.id.as_str()).collect();
        diesel::delete(deltas::table.filter(deltas::id.eq_any(ids))).execute(conn)?;
        Ok(pending.len())
    })
}

fn add_to_counter(conn: &mut DbConnection, row: &CounterRow<'_>) -> QueryResult<()> {
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

/// Folds pending analytics deltas every `interval` until the server stops.
pub fn spawn_folder(db: Db, interval: Duration) {
    crate::db::folder::spawn(db, interval, "analytics deltas", FOLD_BATCH, fold_pending);
}
