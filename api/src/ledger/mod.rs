//! The points ledger: append-only entries, each source event paying each person once, in the
//! transaction of the event itself, so a retried or parallel request can never pay twice and a
//! rolled-back one never pays at all. A balance is a sum over the ledger, never a counter.

pub mod repo;

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::domain::PointsSource;
use crate::error::ApiError;
use crate::ids::new_id;
use repo::LedgerRow;

/// What to pay, and why.
pub struct Grant<'a> {
    pub user_id: &'a str,
    pub campaign_id: Option<&'a str>,
    pub source: PointsSource,
    pub source_id: &'a str,
    pub points: i32,
}

/// Pays `grant` unless its source already paid this person (or it is worth nothing).
pub fn grant_once(conn: &mut DbConnection, grant: Grant<'_>, now: NaiveDateTime) -> Result<(), ApiError> {
    if grant.points == 0 {
        return Ok(());
    }
    repo::append_once(
        conn,
        &LedgerRow {
            id: new_id(),
            user_id: grant.user_id.to_owned(),
            campaign_id: grant.campaign_id.map(str::to_owned),
            source_type: grant.source,
            source_id: grant.source_id.to_owned(),
            points: grant.points,
            created_at: now,
        },
    )?;
    Ok(())
}
