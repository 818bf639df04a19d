//! The events of contributions, recorded in the transaction of each change.

use chrono::NaiveDateTime;

use super::repo::ContributionRow;
use crate::campaigns::repo::CampaignRow;
use crate::db::DbConnection;
use crate::domain::ContributionStatus;
use crate::error::ApiError;
use crate::events::catalogue::{CoAuthorshipData, ContributionEventData};
use crate::events::{self, Event, EventType};

/// Records `event_type` about `row` (in the state `status`, which the caller just set).
#[expect(clippy::too_many_arguments, reason = "an event's fields, each needed")]
pub fn record(
    conn: &mut DbConnection,
    event_type: EventType,
    row: &ContributionRow,
    status: ContributionStatus,
    campaign: &CampaignRow,
    actor: &str,
    reason: Option<String>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    record_with_invites(
        conn,
        event_type,
        row,
        status,
        campaign,
        actor,
        reason,
        Vec::new(),
        now,
    )
}

/// [`record`], naming the co-authors the contribution invites (on submission).
#[expect(clippy::too_many_arguments, reason = "an event's fields, each needed")]
pub fn record_with_invites(
    conn: &mut DbConnection,
    event_type: EventType,
    row: &ContributionRow,
    status: ContributionStatus,
    campaign: &CampaignRow,
    actor: &str,
    reason: Option<String>,
    invited_co_author_ids: Vec<String>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let data = ContributionEventData {
        title: row.title.clone(),
        status,
        submitter_id: row.submitter_id.clone(),
        reason,
        invited_co_author_ids,
    };
    events::record(
        conn,
        Event::new(event_type, &row.id, data)
            .of_campaign(&campaign.organization_id, &campaign.id)
            .by(actor),
        now,
    )?;
    Ok(())
}

/// A co-author answered.
pub fn record_answer(
    conn: &mut DbConnection,
    row: &ContributionRow,
    campaign: &CampaignRow,
    co_author: &str,
    accepted: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    events::record(
        conn,
        Event::new(
            EventType::CoAuthorshipAnswered,
            &row.id,
            CoAuthorshipData {
                co_author_id: co_author.to_owned(),
                accepted,
            },
        )
        .of_campaign(&campaign.organization_id, &campaign.id)
        .by(co_author),
        now,
    )?;
    Ok(())
}
