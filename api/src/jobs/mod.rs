//! The job queue: all background work (event dispatch, webhook deliveries, mail, digests, phase
//! announcements, the score and analytics folds, clean-ups) runs from one table, claimed under
//! a lease so that any number of replicas can work it.
//!
//! - **Claiming**: due jobs are taken with `FOR UPDATE SKIP LOCKED` on PostgreSQL (replicas
//!   never wait for each other or take the same job) and inside `BEGIN IMMEDIATE` on SQLite.
//!   Claiming sets a lease (`lease_until`) and a fresh `lease_token`.
//! - **Exactly-once effects**: a handler ends its job with [`finish`] inside the transaction of
//!   its own database effect. `finish` only succeeds while the caller still holds the lease
//!   (its token matches), so if the lease ran out and another replica took the job over, the
//!   late transaction rolls back and the effect happens once. Only `finish` makes the
//!   [`Finished`] a handler must return, so a handler cannot forget to end its job.
//! - **Crashes**: a replica killed mid-job leaves a running job whose lease runs out; the next
//!   claim takes it again. Effects outside the database (an HTTP call, an SMTP send) are
//!   therefore at least once, with a stable id the receiver can deduplicate by.
//! - **Failures**: an error puts the job back with exponential backoff and jitter until its
//!   `max_attempts`, then it is `dead` (kept for inspection, counted in the metrics).
//! - **Recurring jobs** are singletons by `unique_key` that reschedule themselves. One that
//!   polls for work (the folds, the dispatcher) parks when a run finds nothing: it waits for its
//!   wake-up check, a plain read on each replica every interval, to find work, and writes
//!   nothing meanwhile (see [`worker::Registry::every_while`]).
//!
//! No crate does this on diesel for both databases (the Rust queues found need sqlx, Redis or
//! PostgreSQL only), so it is written here: one table, four statements.

mod repo;
pub mod worker;

use std::sync::LazyLock;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use prometheus::{IntCounterVec, Opts};
use rand::Rng;
use serde_json::Value;

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::ids::new_id;
pub use repo::QueueStats;

/// Failed attempts by job kind (registered by `metrics`).
pub static FAILURES: LazyLock<IntCounterVec> = LazyLock::new(|| {
    let opts = Opts::new("schwarm_job_failures_total", "Failed job attempts by kind");
    #[expect(clippy::expect_used, reason = "a constant, valid metric name and label set")]
    IntCounterVec::new(opts, &["kind"]).expect("valid metric")
});

/// A job as a handler gets it.
#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub id: String,
    pub kind: String,
    pub payload: Value,
    /// 1 on the first try.
    pub attempt: i32,
    pub max_attempts: i32,
    lease_token: String,
}

/// What to put on the queue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: &'static str,
    pub payload: Value,
    /// At most one queued or running job has this key: a second enqueue is a no-op.
    pub unique_key: Option<String>,
    pub run_at: NaiveDateTime,
    pub max_attempts: i32,
}

impl NewJob {
    /// A job to run now, tried up to `max_attempts` times.
    pub fn now(kind: &'static str, payload: Value, max_attempts: i32) -> Self {
        NewJob {
            kind,
            payload,
            unique_key: None,
            run_at: crate::ids::now(),
            max_attempts,
        }
    }

    pub fn unique(mut self, key: impl Into<String>) -> Self {
        self.unique_key = Some(key.into());
        self
    }

    pub fn at(mut self, run_at: NaiveDateTime) -> Self {
        self.run_at = run_at;
        self
    }
}

/// Puts a job on the queue (in the caller's transaction); `false` when a job with its
/// `unique_key` exists already.
pub fn enqueue(conn: &mut DbConnection, job: NewJob) -> Result<bool, ApiError> {
    Ok(repo::insert(conn, &job, &new_id())?)
}

/// What becomes of a job when its handler is done.
#[derive(Debug, Clone, Copy)]
pub enum Next {
    /// Gone from the queue.
    Done,
    /// Queued again after this long (recurring jobs), with its attempts reset.
    After(Duration),
    /// Queued again at this instant (a retry the handler schedules itself, e.g. a webhook's
    /// backoff), counting this attempt.
    At(NaiveDateTime),
    /// Parked, for a recurring job whose run found nothing to do: queued again [`PARKED_FOR`]
    /// from now, and sooner when its wake-up check finds work
    /// ([`worker::Registry::every_while`]; a job without one simply runs that much later).
    Parked,
}

/// How long a parked job waits at most, should its wake-up check never find work: a safety net,
/// not the cadence.
pub const PARKED_FOR: Duration = Duration::from_secs(60);

impl Next {
    /// For a recurring job that worked through one batch of `done` items: again at once when the
    /// batch was full (more is waiting), else after `every`.
    pub fn after_batch(done: usize, batch: i64, every: Duration) -> Next {
        let full = i64::try_from(done).unwrap_or(i64::MAX) >= batch;
        Next::After(if full { Duration::ZERO } else { every })
    }

    /// As [`Next::after_batch`], but parked after a batch that found nothing: for a recurring job
    /// registered with a wake-up check ([`worker::Registry::every_while`]).
    pub fn after_batch_or_park(done: usize, batch: i64, every: Duration) -> Next {
        if done == 0 {
            Next::Parked
        } else {
            Next::after_batch(done, batch, every)
        }
    }
}

/// Proof that a handler ended its job; only [`finish`] makes one.
#[must_use]
pub struct Finished(());

/// Ends `job` as `next` says, in the caller's transaction. Fails (so the caller's transaction
/// rolls back) when the lease was lost to another replica.
pub fn finish(conn: &mut DbConnection, job: &ClaimedJob, next: Next) -> Result<Finished, ApiError> {
    let now = crate::ids::now();
    let held = match next {
        Next::Done => repo::delete_leased(conn, &job.id, &job.lease_token)?,
        Next::After(delay) => {
            repo::requeue_leased(conn, &job.id, &job.lease_token, now + delta(delay), true)?
        }
        Next::At(run_at) => repo::requeue_leased(conn, &job.id, &job.lease_token, run_at, false)?,
        Next::Parked => repo::requeue_leased(conn, &job.id, &job.lease_token, now + delta(PARKED_FOR), true)?,
    };
    if !held {
        return Err(ApiError::internal(format!(
            "job {} ({}) lost its lease before it finished; another replica has it",
            job.id, job.kind
        )));
    }
    Ok(Finished(()))
}

/// After a failed attempt: the job waits for its next try, or is dead after its last.
pub fn fail(conn: &mut DbConnection, job: &ClaimedJob, error: &str) -> Result<(), ApiError> {
    let now = crate::ids::now();
    if job.attempt >= job.max_attempts {
        repo::bury(conn, &job.id, &job.lease_token, error, now)?;
    } else {
        let retry_at = now + delta(backoff(job.attempt));
        repo::retry(conn, &job.id, &job.lease_token, error, retry_at)?;
    }
    Ok(())
}

/// Seconds before try `attempt + 1`: 2, 4, 8, ... up to an hour, each ±20 %.
fn backoff(attempt: i32) -> Duration {
    let base = 2f64.powi(attempt.clamp(1, 12)).min(3600.0);
    Duration::from_secs_f64(base * rand::rng().random_range(0.8..1.2))
}

fn delta(duration: Duration) -> TimeDelta {
    TimeDelta::from_std(duration).unwrap_or(TimeDelta::MAX)
}

/// Forgets jobs that used up their attempts before `before` (at most `limit`).
pub fn prune_dead(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> Result<usize, ApiError> {
    Ok(repo::prune_dead(conn, before, limit)?)
}

/// Queue depth, oldest due job and dead jobs by kind (for the metrics).
pub fn stats(conn: &mut DbConnection) -> Result<Vec<QueueStats>, ApiError> {
    Ok(repo::stats(conn, crate::ids::now())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_within_jitter() {
        for attempt in 1..20 {
            let expected = 2f64.powi(attempt.clamp(1, 12)).min(3600.0);
            let got = backoff(attempt).as_secs_f64();
            assert!(
                got >= expected * 0.79 && got <= expected * 1.21,
                "{attempt}: {got}"
            );
        }
    }
}
