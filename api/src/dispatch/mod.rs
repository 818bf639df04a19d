//! The outbox's consumer: takes undispatched events in order and, in one transaction per batch,
//! writes the notifications they cause, queues the webhook messages, and marks them dispatched.
//! The job is a singleton and its effects share the transaction that ends it, so every event is
//! dispatched exactly once, whatever the number of replicas and whoever is killed mid-batch.

pub mod retention;

use std::time::Duration;

use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::events;
use crate::jobs::{self, ClaimedJob, Finished, Next};
use crate::notifications::fanout;
use crate::webhooks::plan::Planner;

/// Job kinds.
pub const DISPATCH: &str = "events.dispatch";

/// Events per transaction.
const BATCH: i64 = 200;

/// The dispatcher's wake-up check while it is parked ([`jobs::worker::Registry::every_while`]).
pub fn has_work(conn: &mut DbConnection) -> Result<bool, ApiError> {
    Ok(events::any_undispatched(conn)?)
}

pub async fn dispatch(db: &Db, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let batch = events::undispatched(conn, BATCH)?;
            let mut webhooks = Planner::new();
            for event in &batch {
                fanout::fan_out(conn, event)?;
                webhooks.plan(conn, event)?;
            }
            if !batch.is_empty() {
                let ids: Vec<String> = batch.iter().map(|event| event.id.clone()).collect();
                events::mark_dispatched(conn, &ids, crate::ids::now())?;
            }
            // A full batch: more are waiting, go on at once; none: park until events come.
            jobs::finish(conn, &job, Next::after_batch_or_park(batch.len(), BATCH, every))
        })
    })
    .await
}
