//! The fold: moves pending analytics deltas into their counters, exactly once (the deltas are
//! deleted in the transaction that adds them).

use std::collections::BTreeMap;
use std::time::Duration;

use super::repo::{self, CounterRow};
use super::{Metric, Scope};
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::jobs::{self, ClaimedJob, Finished, Next};

/// Deltas folded per transaction: bounds how long one fold holds its locks.
const FOLD_BATCH: i64 = 5_000;

/// The recurring job's kind.
pub const FOLD: &str = "counters.fold";

/// The fold's wake-up check while it is parked ([`jobs::worker::Registry::every_while`]).
pub fn has_work(conn: &mut DbConnection) -> Result<bool, ApiError> {
    Ok(repo::any_pending(conn)?)
}

/// The recurring job: one batch, in the transaction that ends the job (exactly once).
pub async fn run(db: &Db, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
    db.run(move |conn| {
        // A plain read first: an idle server folds nothing and only reschedules.
        let pending = repo::any_pending(conn)?;
        write_transaction(conn, |conn| {
            let folded = if pending { fold_batch(conn)? } else { 0 };
            jobs::finish(conn, &job, Next::after_batch_or_park(folded, FOLD_BATCH, every))
        })
    })
    .await
}

/// Folds up to one batch of pending deltas into the counters (in the caller's write
/// transaction); returns how many it folded.
fn fold_batch(conn: &mut DbConnection) -> Result<usize, ApiError> {
    {
        let pending = repo::claim_pending(conn, FOLD_BATCH)?;
        // Ordered: counters are upserted in the same order by every fold, so two folds never
        // wait on each other's rows in opposite orders.
        let mut sums: BTreeMap<(&str, Scope, &str, Metric), i64> = BTreeMap::new();
        for delta in &pending {
            let key = (
                delta.campaign_id.as_str(),
                delta.scope,
                delta.bucket.as_str(),
                delta.metric,
            );
            *sums.entry(key).or_default() += delta.amount;
        }
        for ((campaign_id, scope, bucket, metric), value) in sums {
            repo::add_to_counter(
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
        repo::delete_deltas(conn, &ids)?;
        Ok(pending.len())
    }
}
