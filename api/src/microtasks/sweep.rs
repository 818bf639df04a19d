//! The recurring sweep: leases whose time ran out give their slots back (`claim.expired`), and
//! answers nobody reviewed within the campaign's delay are approved and paid.
//!
//! Each claim moves in its own transaction by a conditional update from the state it was read
//! in, holding its task's lock, so any number of replicas sweeping at once expire each lease and
//! pay each answer once.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::quality::{approve, lock_task, recompute};
use super::repo::{self, ClaimRow};
use super::settings::configured;
use super::view::record_event;
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::events::EventType;
use crate::jobs::{self, ClaimedJob, Finished, Next};

/// Job kind of the recurring sweep.
pub const SWEEP: &str = "microtasks.sweep";

/// Claims one run moves per kind of work; more are left for the next run, at once.
const BATCH: i64 = 200;

fn campaign_of(
    conn: &mut DbConnection,
    claim: &ClaimRow,
) -> Result<crate::campaigns::repo::CampaignRow, ApiError> {
    crate::campaigns::repo::find(conn, &claim.campaign_id)?
        .ok_or_else(|| ApiError::internal("a claim's campaign vanished"))
}

/// Expires one overdue lease; false when it was answered, released, extended or expired first.
pub fn expire(conn: &mut DbConnection, claim: &ClaimRow, now: NaiveDateTime) -> Result<bool, ApiError> {
    write_transaction(conn, |conn| {
        lock_task(conn, &claim.task_id)?;
        if !repo::expire_claim(conn, &claim.id, now)? {
            return Ok(false);
        }
        if !claim.gold {
            repo::release_slot(conn, &claim.task_id)?;
        }
        let campaign = campaign_of(conn, claim)?;
        let moved = repo::claim(conn, &claim.id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
        record_event(conn, &campaign, &moved, EventType::ClaimExpired, None, now)?;
        Ok(true)
    })
}

/// Approves one answer whose review delay passed; false when someone reviewed it first.
pub fn auto_approve(conn: &mut DbConnection, claim: &ClaimRow, now: NaiveDateTime) -> Result<bool, ApiError> {
    write_transaction(conn, |conn| {
        lock_task(conn, &claim.task_id)?;
        let campaign = campaign_of(conn, claim)?;
        let (settings, form) = configured(conn, &campaign)?;
        let task = repo::task(conn, &claim.task_id)?.ok_or_else(|| ApiError::internal("a task vanished"))?;
        let approved = approve(conn, &campaign, claim, None, task.reward_points, now)?.is_some();
        if approved {
            recompute(conn, &campaign, &claim.task_id, &settings, &form, now)?;
        }
        Ok(approved)
    })
}

/// One run: a batch of overdue leases and a batch of overdue reviews.
pub async fn job(
    db: &Db,
    clock: &crate::clock::Clock,
    job: ClaimedJob,
    every: Duration,
) -> Result<Finished, ApiError> {
    let now = clock.now();
    let leases = db
        .run(move |conn| Ok(repo::overdue_leases(conn, now, BATCH)?))
        .await?;
    let reviews = db
        .run(move |conn| Ok(repo::overdue_reviews(conn, now, BATCH)?))
        .await?;
    let full = leases.len() as i64 >= BATCH || reviews.len() as i64 >= BATCH;
    for claim in leases {
        let id = claim.id.clone();
        if let Err(err) = db.run(move |conn| expire(conn, &claim, now)).await {
            // One claim that cannot move now must not hold up the others.
            log::warn!("cannot expire the lease of claim {id} now: {err}");
        }
    }
    for claim in reviews {
        let id = claim.id.clone();
        if let Err(err) = db.run(move |conn| auto_approve(conn, &claim, now)).await {
            log::warn!("cannot approve claim {id} automatically now: {err}");
        }
    }
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            jobs::finish(conn, &job, Next::After(if full { Duration::ZERO } else { every }))
        })
    })
    .await
}
