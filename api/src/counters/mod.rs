//! The analytics rollups: named counters per campaign, kept incrementally. An event appends
//! deltas in its own transaction (plain inserts: no counter row for a flash crowd to queue on);
//! the [`fold`] adds them to the counters exactly once (it deletes what it adds in the same
//! transaction); a read adds the deltas not folded yet, so numbers are exact the moment an
//! event commits.

pub mod fold;
mod repo;
pub mod segments;

use std::collections::HashMap;

use diesel::QueryResult;

use crate::db::{DbConnection, Writer};
use crate::text_enum;

text_enum! {
    /// What a group of counters is keyed by.
    pub enum Scope {
        /// A UTC day, `YYYY-MM-DD`.
        Day = "day",
        /// A first-touch source: a channel id, `referral` (all referral codes together) or
        /// `direct`.
        Source = "source",
        /// One referral code's id: what each referrer brought.
        Referrer = "referrer",
        /// An opted-in segment of voters, `dimension=value` (see [`segments`]).
        Segment = "segment",
        /// A segment's votes on one contribution, `contribution_id|dimension=value`.
        EntrySegment = "entry_segment",
    }
}

text_enum! {
    /// What is counted.
    pub enum Metric {
        /// New visitors (first touches).
        Visitors = "visitors",
        /// Visits, once per visitor and day.
        Visits = "visits",
        /// Known users who came to the campaign (signed in, or signed up through it).
        Registered = "registered",
        /// Accounts created through the campaign.
        SignUps = "sign_ups",
        /// Users who cast their first vote in the campaign.
        Voters = "voters",
        /// Users who submitted their first contribution to the campaign.
        Contributors = "contributors",
        /// Users who pledged money to the campaign (counted at their first pledge).
        Backers = "backers",
        /// Users who answered a task in the campaign (counted at their first answer).
        Workers = "workers",
        /// Users who voted, contributed or pledged (counted at their first step of any).
        Participants = "participants",
        /// Referred participants: a referral code's invitee took part.
        Conversions = "conversions",
        /// Votes cast (current ballots in segment scopes).
        Votes = "votes",
        /// The sum of the values of current ballots (segment scopes).
        ValueSum = "value_sum",
        /// Contributions submitted.
        Contributions = "contributions",
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

/// Appends `changes` to a campaign's counters (in the caller's transaction).
pub fn record<'a>(to: &mut impl Writer<'a>, campaign_id: &str, changes: &[Delta]) -> QueryResult<()> {
    let changes: Vec<&Delta> = changes.iter().filter(|change| change.amount != 0).collect();
    if changes.is_empty() {
        return Ok(());
    }
    repo::append_deltas(to, campaign_id, &changes)
}

/// Counter values by `(bucket, metric)` within one scope of a campaign, the pending deltas added.
pub type Values = HashMap<(String, Metric), i64>;

/// Everything counted in `scope` for a campaign, optionally only for some buckets. Bounded by
/// the buckets that exist (days, sources, segments), not by the events behind them.
pub fn read(
    conn: &mut DbConnection,
    campaign_id: &str,
    scope: Scope,
    buckets: Option<&[String]>,
) -> QueryResult<Values> {
    let mut values = Values::new();
    for (bucket, metric, value) in repo::folded_and_pending(conn, campaign_id, scope, buckets)? {
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
    let candidates = repo::top_candidates(conn, campaign_id, scope, metric, limit)?;
    let values = read(conn, campaign_id, scope, Some(&candidates))?;
    let mut ranked: Vec<(String, i64)> = values
        .into_iter()
        .filter(|((_, counted), _)| *counted == metric)
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
) -> QueryResult<Vec<((String, Metric), i64)>> {
    let mut rows: Vec<_> = read(conn, campaign_id, scope, None)?.into_iter().collect();
    rows.sort();
    Ok(rows)
}
