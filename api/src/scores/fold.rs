//! The fold: moves pending vote deltas into the contributions' score rows, exactly once (the
//! deltas are deleted in the transaction that adds them), and recomputes the stored scores.
//! On PostgreSQL the deltas are claimed with SKIP LOCKED and the score rows they touch are
//! locked in id order, so folds running at once on several replicas never lose an update.

use std::collections::HashMap;
use std::time::Duration;

use super::ranking::Tally;
use super::repo;
use super::rescore;
use crate::campaigns::repo::{self as campaigns, CampaignRow};
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::jobs::{self, ClaimedJob, Finished, Next};

/// Deltas folded per transaction: bounds how long one fold holds its locks.
const FOLD_BATCH: i64 = 5_000;

/// The recurring job's kind.
pub const FOLD: &str = "scores.fold";

/// Folds every delta pending now, a batch per transaction (finalizing awards needs every vote
/// in the ranking).
pub fn fold_pending(conn: &mut DbConnection) -> Result<usize, ApiError> {
    let mut folded = 0;
    // A plain read first: an idle server never takes SQLite's write lock to find nothing.
    while repo::any_pending(conn)? {
        let batch = write_transaction(conn, fold_batch)?;
        folded += batch;
        if batch == 0 {
            break;
        }
    }
    Ok(folded)
}

/// The fold's wake-up check while it is parked ([`jobs::worker::Registry::every_while`]).
pub fn has_work(conn: &mut DbConnection) -> Result<bool, ApiError> {
    Ok(repo::any_pending(conn)?)
}

/// The recurring job: one batch, in the transaction that ends the job (exactly once).
pub async fn run(db: &Db, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let folded = fold_batch(conn)?;
            jobs::finish(conn, &job, Next::after_batch_or_park(folded, FOLD_BATCH, every))
        })
    })
    .await
}

/// Folds up to one batch of pending deltas in the caller's write transaction; returns how
/// many it folded.
fn fold_batch(conn: &mut DbConnection) -> Result<usize, ApiError> {
    {
        let pending = repo::pending_deltas(conn, FOLD_BATCH)?;
        if pending.is_empty() {
            return Ok(0);
        }
        let mut changes: HashMap<&str, (Tally, Tally)> = HashMap::new();
        for delta in &pending {
            let (public, jury) = changes.entry(delta.contribution_id.as_str()).or_default();
            let ballot = if delta.jury { jury } else { public };
            *ballot = ballot.plus(delta.tally());
        }
        let mut ids: Vec<String> = changes.keys().map(|id| (*id).to_owned()).collect();
        ids.sort();
        let freshness: HashMap<String, (String, chrono::NaiveDateTime)> = repo::freshness_of(conn, &ids)?
            .into_iter()
            .map(|(id, campaign_id, published_at, created_at)| {
                (id, (campaign_id, published_at.unwrap_or(created_at)))
            })
            .collect();
        let mut campaign_ids: Vec<String> =
            freshness.values().map(|(campaign, _)| campaign.clone()).collect();
        campaign_ids.sort_unstable();
        campaign_ids.dedup();
        let campaigns: HashMap<String, CampaignRow> = campaigns::find_many(conn, &campaign_ids)?
            .into_iter()
            .map(|row| (row.id.clone(), row))
            .collect();
        // Locked in id order: two folds never wait on each other in opposite orders.
        let mut rows = repo::scores_for_update(conn, &ids)?;
        rows.retain_mut(|row| {
            let (Some((public, jury)), Some((campaign_id, fresh_from))) = (
                changes.get(row.contribution_id.as_str()),
                freshness.get(&row.contribution_id),
            ) else {
                return false;
            };
            let Some(campaign) = campaigns.get(campaign_id) else {
                return false;
            };
            row.set_tallies(row.public().plus(*public), row.jury().plus(*jury));
            rescore(row, campaign, *fresh_from);
            true
        });
        repo::save_scores(conn, &rows)?;
        let folded: Vec<String> = pending.into_iter().map(|delta| delta.id).collect();
        repo::delete_deltas(conn, &folded)?;
        Ok(folded.len())
    }
}
