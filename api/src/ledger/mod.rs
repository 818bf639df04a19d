//! The points ledger: append-only entries, each source event paying each person once, in the
//! transaction of the event itself, so a retried or parallel request can never pay twice and a
//! rolled-back one never pays at all. A balance is a sum over the ledger, never a counter.

pub mod repo;

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::domain::PointsSource;
use crate::error::ApiError;
use crate::events::catalogue::{BadgeEarnedData, PointsGrantedData};
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use repo::LedgerRow;

/// What to pay, and why.
pub struct Grant<'a> {
    pub user_id: &'a str,
    /// The organization whose campaign it is (for the `points.granted` event's webhooks).
    pub organization_id: Option<&'a str>,
    pub campaign_id: Option<&'a str>,
    pub source: PointsSource,
    pub source_id: &'a str,
    pub points: i32,
}

/// The points `source` paid `user_id` for `source_id`, if it did.
pub fn granted(
    conn: &mut DbConnection,
    source: PointsSource,
    source_id: &str,
    user_id: &str,
) -> Result<Option<i32>, ApiError> {
    Ok(repo::points_of(conn, source, source_id, user_id)?)
}

/// Pays `grant` unless its source already paid this person (or it is worth nothing), and
/// records `points.granted` (and `badge.earned` for a first publication or a first award).
pub fn grant_once(conn: &mut DbConnection, grant: Grant<'_>, now: NaiveDateTime) -> Result<(), ApiError> {
    if grant.points == 0 {
        return Ok(());
    }
    let appended = repo::append_once(
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
    if !appended {
        return Ok(());
    }
    let event = |event_type, data: serde_json::Value| {
        let mut event = Event::new(event_type, grant.user_id, data).by_maybe(None);
        event.organization_id = grant.organization_id.map(str::to_owned);
        event.campaign_id = grant.campaign_id.map(str::to_owned);
        event
    };
    let granted = PointsGrantedData {
        user_id: grant.user_id.to_owned(),
        points: grant.points,
        source_type: grant.source,
        source_id: grant.source_id.to_owned(),
    };
    events::record(
        conn,
        event(
            EventType::PointsGranted,
            serde_json::to_value(granted).unwrap_or_default(),
        ),
        now,
    )?;
    let badge = match grant.source {
        PointsSource::ContributionPublished => Some("first_contribution"),
        PointsSource::Award => Some("first_win"),
        _ => None,
    };
    if let Some(badge) = badge.filter(|_| grant.points > 0)
        && repo::positive_entries(conn, grant.user_id, grant.source)? == 1
    {
        let earned = BadgeEarnedData {
            user_id: grant.user_id.to_owned(),
            badge: badge.to_owned(),
        };
        events::record(
            conn,
            event(
                EventType::BadgeEarned,
                serde_json::to_value(earned).unwrap_or_default(),
            ),
            now,
        )?;
    }
    Ok(())
}
