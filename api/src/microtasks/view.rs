//! A claim as its worker and the campaign's managers read it, and the events of claims.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta};

use super::dto::{ClaimResponse, ReviewInfo};
use super::form::AnswerForm;
use super::repo::{self, ClaimRow};
use super::tasks::task_response;
use crate::campaigns::repo::CampaignRow;
use crate::db::DbConnection;
use crate::domain::ClaimStatus;
use crate::error::ApiError;
use crate::events::catalogue::ClaimEventData;
use crate::events::{self, Event, EventType};
use crate::users::repo as users;

/// How long a rejection may be overturned.
pub fn overturn_window() -> TimeDelta {
    TimeDelta::days(30)
}

/// Records a claim's event (in the caller's transaction).
pub fn record_event(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    claim: &ClaimRow,
    event_type: EventType,
    actor: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    events::record(
        conn,
        Event::new(
            event_type,
            &claim.id,
            ClaimEventData {
                claim_id: claim.id.clone(),
                task_id: claim.task_id.clone(),
                worker_id: claim.worker_id.clone(),
                status: claim.status,
                gold: claim.gold,
                points: claim.points,
                reason: claim.review_reason.clone(),
                automatic: actor.is_none(),
            },
        )
        .of_campaign(&campaign.organization_id, &campaign.id)
        .by_maybe(actor),
        now,
    )?;
    Ok(())
}

/// Claims as responses. `manager`: the viewer manages the claims' campaigns (sees gold).
pub fn respond(
    conn: &mut DbConnection,
    rows: Vec<ClaimRow>,
    manager: bool,
) -> Result<Vec<ClaimResponse>, ApiError> {
    let mut campaigns: HashMap<String, (CampaignRow, AnswerForm)> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if !campaigns.contains_key(&row.campaign_id) {
            let campaign = crate::campaigns::repo::find(conn, &row.campaign_id)?
                .ok_or_else(|| ApiError::internal("a claim's campaign vanished"))?;
            let settings = repo::settings_of(conn, &row.campaign_id)?
                .ok_or_else(|| ApiError::internal("a claim's campaign lost its settings"))?;
            let form = serde_json::from_str(&settings.answer_form).map_err(ApiError::internal)?;
            campaigns.insert(row.campaign_id.clone(), (campaign, form));
        }
        if !names.contains_key(&row.worker_id) {
            let name = users::find(conn, &row.worker_id)?
                .map(|user| user.display_name)
                .unwrap_or_default();
            names.insert(row.worker_id.clone(), name);
        }
        let task =
            repo::task(conn, &row.task_id)?.ok_or_else(|| ApiError::internal("a claim's task vanished"))?;
        let (campaign, form) = &campaigns[&row.campaign_id];
        let review = row.reviewed_at.map(|at| ReviewInfo {
            reviewed_at: at.and_utc(),
            automatic: row.reviewed_by.is_none(),
            reason: row.review_reason.clone(),
            overturned_at: row.overturned_at.map(|at| at.and_utc()),
        });
        let overturnable_until = match (row.status, row.reviewed_at) {
            (ClaimStatus::Rejected, Some(at)) => Some((at + overturn_window()).and_utc()),
            _ => None,
        };
        out.push(ClaimResponse {
            campaign_slug: campaign.slug.clone(),
            campaign_title: campaign.title.clone(),
            worker_name: names[&row.worker_id].clone(),
            answer_form: form.clone(),
            task: task_response(task, manager, None),
            lease_expires_at: row.lease_expires_at.and_utc(),
            answer: row
                .answer
                .as_deref()
                .and_then(|text| serde_json::from_str(text).ok()),
            submitted_at: row.submitted_at.map(|at| at.and_utc()),
            auto_approve_at: match row.status {
                ClaimStatus::Submitted => row.auto_approve_at.map(|at| at.and_utc()),
                _ => None,
            },
            review,
            overturnable_until,
            created_at: row.created_at.and_utc(),
            points: row.points,
            status: row.status,
            id: row.id,
            campaign_id: row.campaign_id,
            worker_id: row.worker_id,
        });
    }
    Ok(out)
}

pub fn respond_one(conn: &mut DbConnection, row: ClaimRow, manager: bool) -> Result<ClaimResponse, ApiError> {
    respond(conn, vec![row], manager)?
        .pop()
        .ok_or_else(|| ApiError::internal("a claim was lost on its way to the response"))
}
