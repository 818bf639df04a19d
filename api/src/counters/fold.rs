//! The fold: moves pending analytics deltas into their counters, exactly once (the deltas are
//! deleted in the transaction that adds them).

use std::collections::BTreeMap;
use std::time::Duration;

use super::repo::{self, CounterRow};
use super::{Metric, Scope};
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;

/// Deltas folded per transaction: bounds how long one fold holds its locks.
const FOLD_BATCH: usize = 5_000;

/// Folds up to one batch of pending deltas into the counters; returns how many it folded.
pub fn fold_pending(conn: &mut DbConnection) -> Result<usize, ApiError> {
    // A plain read first: an idle server never takes SQLite's write lock to find nothing.
    if !repo::any_pending(conn)? {
        return Ok(0);
    }
    write_transaction(conn, |conn| {
        let pending = repo::claim_pending(conn, FOLD_BATCH as i64)?;
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
    })
}

/// Folds pending analytics deltas every `interval` until the server stops.
pub fn spawn_fold_loop(db: Db, interval: Duration) {
    crate::db::fold_loop::spawn(db, interval, "analytics deltas", FOLD_BATCH, fold_pending);
}
