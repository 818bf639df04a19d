//! Keeping scores right: a cast appends a delta; the folder moves pending deltas into the
//! contributions' score rows, exactly once (the deltas are deleted in the transaction that adds
//! them), and recomputes the stored scores with [`super::ranking`].

use std::collections::HashMap;
use std::time::Duration;

use chrono::NaiveDateTime;

use super::ranking::{self, Tally};
use super::repo::{self, DeltaRow, ScoreRow};
use crate::campaigns::dto::VotingMethod;
use crate::campaigns::repo::{self as campaigns, CampaignRow};
use crate::contributions::repo as contributions;
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::ids::new_id;

/// Deltas folded per transaction: bounds how long one fold holds its locks.
const FOLD_BATCH: i64 = 5_000;

/// Records that `value_before` became `value_after` on a contribution's ballot (either may be
/// `None`: a new or a retracted vote). Nothing is appended when nothing changes.
pub fn record_change(
    conn: &mut DbConnection,
    contribution_id: &str,
    jury: bool,
    value_before: Option<i32>,
    value_after: Option<i32>,
) -> Result<(), ApiError> {
    let of = |value: Option<i32>| value.map(Tally::of_vote).unwrap_or_default();
    let change = of(value_after).minus(of(value_before));
    if change == Tally::default() {
        return Ok(());
    }
    let narrow = |n: i64| i32::try_from(n).unwrap_or(0);
    repo::append_delta(
        conn,
        &DeltaRow {
            id: new_id(),
            contribution_id: contribution_id.to_owned(),
            jury,
            d_count: narrow(change.count),
            d_sum: narrow(change.sum),
            d_positive: narrow(change.positive),
            d_negative: narrow(change.negative),
        },
    )?;
    Ok(())
}

/// The score row of a new contribution: no votes yet, fresh for `hot`.
pub fn start(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    contribution_id: &str,
    published_at: NaiveDateTime,
) -> Result<(), ApiError> {
    let mut row = ScoreRow {
        contribution_id: contribution_id.to_owned(),
        campaign_id: campaign.id.clone(),
        public_count: 0,
        public_sum: 0,
        public_positive: 0,
        public_negative: 0,
        jury_count: 0,
        jury_sum: 0,
        jury_positive: 0,
        jury_negative: 0,
        public_score: 0.0,
        jury_score: 0.0,
        combined_score: 0.0,
        hot_score: 0.0,
    };
    rescore(&mut row, campaign, published_at);
    Ok(repo::insert_score(conn, &row)?)
}

/// Recomputes the stored scores of `row` from its tallies.
fn rescore(row: &mut ScoreRow, campaign: &CampaignRow, published_at: NaiveDateTime) {
    let method = VotingMethod::parse(&campaign.voting_method).unwrap_or(VotingMethod::Upvote);
    let (public, jury) = (row.public(), row.jury());
    row.public_score = ranking::method_score(method, public);
    row.jury_score = ranking::method_score(method, jury);
    row.combined_score = ranking::combined(method, public, jury, campaign.jury_weight_percent);
    row.hot_score = ranking::hot(
        method,
        public,
        published_at.and_utc().timestamp_micros() as f64 / 1e6,
    );
}

/// Folds up to one batch of pending deltas; returns how many it folded.
pub fn fold_pending(conn: &mut DbConnection) -> Result<usize, ApiError> {
    // A plain read first: an idle server never takes SQLite's write lock to find nothing.
    if !repo::any_pending(conn)? {
        return Ok(0);
    }
    write_transaction(conn, |conn| {
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
        let ids: Vec<String> = changes.keys().map(|id| (*id).to_owned()).collect();
        let contributions: HashMap<String, _> = contributions::find_many(conn, &ids)?
            .into_iter()
            .map(|row| (row.id.clone(), row))
            .collect();
        let campaign_ids: Vec<String> = contributions
            .values()
            .map(|row| row.campaign_id.clone())
            .collect();
        let campaigns: HashMap<String, CampaignRow> = campaigns::find_many(conn, &campaign_ids)?
            .into_iter()
            .map(|row| (row.id.clone(), row))
            .collect();
        for mut row in repo::scores_of(conn, &ids)? {
            let (Some((public, jury)), Some(contribution)) = (
                changes.get(row.contribution_id.as_str()),
                contributions.get(&row.contribution_id),
            ) else {
                continue;
            };
            let Some(campaign) = campaigns.get(&contribution.campaign_id) else {
                continue;
            };
            row.set_tallies(row.public().plus(*public), row.jury().plus(*jury));
            rescore(
                &mut row,
                campaign,
                contribution.published_at.unwrap_or(contribution.created_at),
            );
            repo::save_score(conn, &row)?;
        }
        let folded: Vec<String> = pending.into_iter().map(|delta| delta.id).collect();
        repo::delete_deltas(conn, &folded)?;
        Ok(folded.len())
    })
}

/// Folds pending deltas every `interval` until the server stops.
pub fn spawn_folder(db: Db, interval: Duration) {
    crate::db::folder::spawn(db, interval, "vote deltas", FOLD_BATCH as usize, fold_pending);
}
