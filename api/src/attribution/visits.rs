//! Visits: an anonymous exposure to a campaign, counted once per visitor and UTC day; the first
//! is the visitor's first touch.

use chrono::NaiveDateTime;

use super::{day_of, join, source_by_id, source_in, touch};
use crate::campaigns::view as campaigns;
use crate::counters::{self, Delta, Metric, Scope};
use crate::db::{DbConnection, write_transaction};
use crate::error::ApiError;

use super::repo;

/// What a visit changed.
pub struct VisitOutcome {
    pub first_touch: bool,
    pub counted: bool,
    pub via_recognized: bool,
}

/// Counts an anonymous visit: once per visitor and day; the first one is the visitor's first
/// touch. A signed-in visitor joins the campaign's known audience (the funnel's `registered`).
pub fn record_visit(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    visitor_id: &str,
    via: Option<&str>,
    now: NaiveDateTime,
) -> Result<VisitOutcome, ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, _) = campaigns::for_participation(conn, viewer, campaign_key)?;
        let source = source_in(conn, &campaign.id, via)?;
        if campaign.published_at.is_none() {
            // A manager previewing a draft is not audience.
            return Ok(VisitOutcome {
                first_touch: false,
                counted: false,
                via_recognized: source.is_some(),
            });
        }
        let (visitor, first_touch) = touch(conn, &campaign.id, visitor_id, source.as_ref(), viewer, now)?;
        let counted = repo::insert_visit(conn, &campaign.id, &day_of(now), visitor_id)?;
        if counted {
            counters::record(
                conn,
                &campaign.id,
                &[Delta::new(Scope::Day, day_of(now), Metric::Visits, 1)],
            )?;
        }
        if let Some(user_id) = viewer {
            let first = source_by_id(conn, visitor.source_id.as_deref())?;
            join(
                conn,
                &campaign.id,
                user_id,
                first.as_ref(),
                Some(visitor.first_seen_at),
                false,
                now,
            )?;
        }
        Ok(VisitOutcome {
            first_touch,
            counted,
            via_recognized: source.is_some(),
        })
    })
}
