//! The loop each replica runs: claim due jobs while there is capacity, run each on its own task,
//! and sleep until the next job is due (or until something is enqueued here).

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use futures_util::future::{Either, LocalBoxFuture, select};
use tokio::sync::Notify;

use super::{ClaimedJob, Finished, NewJob, repo};
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;

/// Runs one job; returns [`Finished`] from [`super::finish`], or an error to retry it later.
pub type Handler = Rc<dyn Fn(ClaimedJob) -> LocalBoxFuture<'static, Result<Finished, ApiError>>>;

/// Whether a parked recurring job has work waiting: a plain read, cheap enough to run every
/// interval on every replica.
type HasWork = Arc<dyn Fn(&mut DbConnection) -> Result<bool, ApiError> + Send + Sync>;

/// A recurring job that parks when idle, and how to tell that it has work again.
#[derive(Clone)]
struct WakeCheck {
    kind: &'static str,
    every: Duration,
    has_work: HasWork,
}

/// The handlers by job kind, and the recurring jobs to keep on the queue.
#[derive(Default, Clone)]
pub struct Registry {
    handlers: HashMap<&'static str, Handler>,
    recurring: Vec<(&'static str, Duration)>,
    wake_checks: Vec<WakeCheck>,
}

/// The `unique_key` that keeps a recurring job a singleton.
fn recurring_key(kind: &str) -> String {
    format!("recurring:{kind}")
}

impl Registry {
    pub fn handle<F, Fut>(&mut self, kind: &'static str, handler: F) -> &mut Self
    where
        F: Fn(ClaimedJob) -> Fut + 'static,
        Fut: Future<Output = Result<Finished, ApiError>> + 'static,
    {
        self.handlers
            .insert(kind, Rc::new(move |job| Box::pin(handler(job))));
        self
    }

    /// A job of `kind` that runs every `every` (its handler reschedules it with
    /// `Next::After`); one per cluster, whatever the number of replicas.
    pub fn every<F, Fut>(&mut self, kind: &'static str, every: Duration, handler: F) -> &mut Self
    where
        F: Fn(ClaimedJob) -> Fut + 'static,
        Fut: Future<Output = Result<Finished, ApiError>> + 'static,
    {
        self.recurring.push((kind, every));
        self.handle(kind, handler)
    }

    /// A job of `kind` that runs every `every` while there is work, and parks when a run finds
    /// none (its handler ends with [`super::Next::after_batch_or_park`]). While it is parked,
    /// every replica runs `has_work` every `every`, a plain read, and makes the job due when it
    /// finds work: an idle server neither claims nor writes, and new work still starts within
    /// `every`.
    pub fn every_while<W, F, Fut>(
        &mut self,
        kind: &'static str,
        every: Duration,
        has_work: W,
        handler: F,
    ) -> &mut Self
    where
        W: Fn(&mut DbConnection) -> Result<bool, ApiError> + Send + Sync + 'static,
        F: Fn(ClaimedJob) -> Fut + 'static,
        Fut: Future<Output = Result<Finished, ApiError>> + 'static,
    {
        self.wake_checks.push(WakeCheck {
            kind,
            every,
            has_work: Arc::new(has_work),
        });
        self.every(kind, every, handler)
    }

    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds: Vec<&'static str> = self.handlers.keys().copied().collect();
        kinds.sort_unstable();
        kinds
    }
}

/// How hard one replica works the queue.
#[derive(Debug, Clone, Copy)]
pub struct WorkerSettings {
    /// Jobs running at once on this replica.
    pub concurrency: usize,
    /// How long a claimed job belongs to this replica before others may take it over.
    pub lease: Duration,
    /// The longest sleep between looks at the queue.
    pub idle_poll: Duration,
}

/// Wakes the worker when one of its jobs finished: the slot is free, and the job may have queued
/// more work due now (the dispatcher queues webhook messages), which then starts at once rather
/// than at the next poll.
#[derive(Clone, Default)]
struct Wake(Arc<Notify>);

impl Wake {
    fn now(&self) {
        self.0.notify_one();
    }
}

/// Ensures the recurring jobs exist, then works the queue until the server stops.
pub fn spawn(db: Db, registry: Registry, settings: WorkerSettings) {
    actix_web::rt::spawn(async move {
        let recurring = registry.recurring.clone();
        let ensured = db
            .run(move |conn| {
                for (kind, _) in recurring {
                    super::enqueue(
                        conn,
                        NewJob::now(kind, serde_json::json!({}), i32::MAX).unique(recurring_key(kind)),
                    )?;
                }
                Ok(())
            })
            .await;
        if let Err(err) = ensured {
            log::error!("cannot put the recurring jobs on the queue: {err}");
        }
        let wake = Wake::default();
        for check in &registry.wake_checks {
            actix_web::rt::spawn(watch(db.clone(), check.clone(), wake.clone()));
        }
        work(db, Rc::new(registry), settings, wake).await;
    });
}

/// Wakes the recurring job `check.kind` when it is parked and `check.has_work` finds work:
/// while idle, one plain read every interval.
async fn watch(db: Db, check: WakeCheck, wake: Wake) {
    let key = recurring_key(check.kind);
    let mut failing = false;
    loop {
        actix_web::rt::time::sleep(check.every).await;
        let (key, has_work, every) = (key.clone(), check.has_work.clone(), check.every);
        let woken = db
            .run(move |conn| {
                if !has_work(conn)? {
                    return Ok(false);
                }
                let now = crate::ids::now();
                // Due within its interval: it runs at its cadence, nothing to wake.
                let later_than = now + super::delta(every);
                if !repo::parked(conn, &key, later_than)? {
                    return Ok(false);
                }
                write_transaction(conn, |conn| Ok(repo::unpark(conn, &key, later_than, now)?))
            })
            .await;
        match woken {
            Ok(woken) => {
                failing = false;
                if woken {
                    wake.now();
                }
            }
            // Once per spell: an unreachable database is reported by the worker's claims too.
            Err(err) if !failing => {
                failing = true;
                log::warn!("cannot check whether {} has work: {err}", check.kind);
            }
            Err(_) => {}
        }
    }
}

async fn work(db: Db, registry: Rc<Registry>, settings: WorkerSettings, wake: Wake) {
    let running = Rc::new(Cell::new(0usize));
    loop {
        let free = settings.concurrency.saturating_sub(running.get());
        let claimed = if free == 0 {
            Vec::new()
        } else {
            claim(&db, free, settings.lease).await.unwrap_or_else(|err| {
                log::warn!("cannot claim jobs, trying again shortly: {err}");
                Vec::new()
            })
        };
        if !claimed.is_empty() {
            for job in claimed {
                running.set(running.get() + 1);
                let (db, registry, running, wake) =
                    (db.clone(), registry.clone(), running.clone(), wake.clone());
                actix_web::rt::spawn(async move {
                    run(&db, &registry, job).await;
                    running.set(running.get() - 1);
                    wake.now();
                });
            }
            continue;
        }
        let pause = match free {
            0 => settings.idle_poll,
            _ => until_next_due(&db)
                .await
                .unwrap_or(settings.idle_poll)
                .min(settings.idle_poll),
        };
        let sleep = Box::pin(actix_web::rt::time::sleep(pause));
        let woken = Box::pin(wake.0.notified());
        // Whichever comes first: the pause ends, or one of this worker's jobs finished.
        let _: Either<_, _> = select(sleep, woken).await;
    }
}

async fn claim(db: &Db, limit: usize, lease: Duration) -> Result<Vec<ClaimedJob>, ApiError> {
    db.run(move |conn| {
        let now = crate::ids::now();
        if !repo::any_due(conn, now)? {
            return Ok(Vec::new());
        }
        let lease_until = now + TimeDelta::from_std(lease).unwrap_or(TimeDelta::MAX);
        write_transaction(conn, |conn| {
            Ok(repo::claim(conn, limit as i64, now, lease_until)?)
        })
    })
    .await
}

async fn until_next_due(db: &Db) -> Option<Duration> {
    let next = db.run(|conn| Ok(repo::next_due(conn)?)).await.ok()??;
    let wait = next - crate::ids::now();
    Some(
        wait.to_std()
            .unwrap_or(Duration::ZERO)
            .max(Duration::from_millis(5)),
    )
}

async fn run(db: &Db, registry: &Registry, job: ClaimedJob) {
    let outcome = match registry.handlers.get(job.kind.as_str()) {
        Some(handler) => handler(job.clone()).await.map(drop),
        None => Err(ApiError::internal(format!(
            "no handler for jobs of kind {}",
            job.kind
        ))),
    };
    if let Err(err) = outcome {
        log::warn!(
            "job {} ({}) failed on attempt {}: {err}",
            job.id,
            job.kind,
            job.attempt
        );
        super::FAILURES.with_label_values(&[job.kind.as_str()]).inc();
        let error = err.to_string();
        if let Err(err) = db.run(move |conn| super::fail(conn, &job, &error)).await {
            log::warn!("cannot record a job's failure (its lease will run out): {err}");
        }
    }
}
