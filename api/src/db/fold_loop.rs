//! Fold loops: deltas that events append (vote scores, analytics counters) are folded into their
//! rollups by a loop on each replica. On PostgreSQL replicas share the work through skipped row
//! locks; on SQLite the write transaction excludes the others.

use std::time::Duration;

use super::{Db, DbConnection};
use crate::error::ApiError;

/// One fold: moves up to `batch` pending rows and says how many it moved.
pub type Fold = fn(&mut DbConnection) -> Result<usize, ApiError>;

/// Runs `fold` every `interval` until the server stops. A full batch is followed at once by the
/// next, so a backlog drains without waiting for ticks.
pub fn spawn(db: Db, interval: Duration, what: &'static str, batch: usize, fold: Fold) {
    actix_web::rt::spawn(async move {
        let mut ticker = actix_web::rt::time::interval(interval);
        loop {
            ticker.tick().await;
            loop {
                match db.run(fold).await {
                    Ok(folded) if folded == batch => continue,
                    Ok(_) => break,
                    Err(err) => {
                        log::warn!("folding {what} failed, retrying next tick: {err}");
                        break;
                    }
                }
            }
        }
    });
}
