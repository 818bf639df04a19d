//! What the event backbone keeps, and for how long: one hourly job forgets what is past use, in
//! bounded batches (each a short transaction), so the outbox, the delivery log, sent mail, dead
//! jobs and read notifications do not grow without end.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::jobs::{self, ClaimedJob, Finished, Next};
use crate::{events, mail, notifications, webhooks};

/// The job kind.
pub const PRUNE: &str = "retention.prune";

/// Rows one run removes per table at most; a full batch runs again at once.
const BATCH: i64 = 2_000;
/// Dispatched events (webhook messages keep their own copy of the body).
const EVENTS: TimeDelta = TimeDelta::days(30);
/// Webhook messages and their attempts (no longer pending).
const DELIVERIES: TimeDelta = TimeDelta::days(30);
/// Sent mail.
const EMAILS: TimeDelta = TimeDelta::days(30);
/// Jobs that used up their attempts (kept to look into).
const DEAD_JOBS: TimeDelta = TimeDelta::days(30);
/// Notifications read.
const READ_NOTIFICATIONS: TimeDelta = TimeDelta::days(90);

pub async fn prune(db: &Db, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let now = crate::ids::now();
            let most = sweep(conn, now)?;
            jobs::finish(conn, &job, Next::after_batch(most, BATCH, every))
        })
    })
    .await
}

/// One batch of each kind; returns the largest count removed.
fn sweep(conn: &mut DbConnection, now: NaiveDateTime) -> Result<usize, ApiError> {
    let counts = [
        events::prune(conn, now - EVENTS, BATCH)?,
        webhooks::prune_deliveries(conn, now - DELIVERIES, BATCH)?,
        mail::outbox::prune_sent(conn, now - EMAILS, BATCH)?,
        jobs::prune_dead(conn, now - DEAD_JOBS, BATCH)?,
        notifications::prune_read(conn, now - READ_NOTIFICATIONS, BATCH)?,
    ];
    Ok(counts.into_iter().max().unwrap_or(0))
}
