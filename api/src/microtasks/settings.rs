//! A microtask campaign's answer form and rules (set by its managers; the form is fixed once the
//! first answer is in), and the caller's standing as a worker.

use chrono::NaiveDateTime;

use super::dto::{
    DEFAULT_REJECTION_GUARD, TaskPayload, TaskSettingsRequest, TaskSettingsResponse, WorkerStatus,
};
use super::form::AnswerForm;
use super::repo::{self, SettingsRow};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::{DbConnection, write_transaction};
use crate::domain::{CampaignKind, CampaignStatus, ClaimStatus, RetirementRule, Role};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::organizations::access::require_manager;

/// A microtask campaign as `viewer` reaches it (drafts only for its managers), with their role.
pub fn microtask_campaign(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
) -> Result<(CampaignRow, Option<Role>), ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, key)?;
    if campaign.kind != CampaignKind::Microtask {
        return Err(ApiError::new(
            ErrorCode::NotMicrotaskCampaign,
            format!(
                "`{}` is a {} campaign; only microtask campaigns have tasks",
                campaign.slug,
                campaign.kind.as_str()
            ),
        ));
    }
    Ok((campaign, role))
}

/// A microtask campaign for its owners and managers only.
pub fn managed(conn: &mut DbConnection, actor: &str, key: &str) -> Result<(CampaignRow, Role), ApiError> {
    let (campaign, role) = microtask_campaign(conn, Some(actor), key)?;
    require_manager(role)?;
    Ok((campaign, role.unwrap_or(Role::Manager)))
}

/// The campaign's settings and form; a 409 until its managers set them.
pub fn configured(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
) -> Result<(SettingsRow, AnswerForm), ApiError> {
    let row = repo::settings_of(conn, &campaign.id)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::TasksNotConfigured,
            "this campaign has no answer form yet (PUT /campaigns/{id}/task-settings)",
        )
    })?;
    let form = serde_json::from_str(&row.answer_form).map_err(ApiError::internal)?;
    Ok((row, form))
}

fn check(request: &TaskSettingsRequest) -> Result<(), ApiError> {
    let mut errors = request.answer_form.problems();
    if request.retirement == RetirementRule::Consensus && request.consensus_k.is_none() {
        errors.push(FieldError::new(
            "consensus_k",
            ErrorCode::ConsensusKMissing,
            "the consensus rule needs consensus_k: how many agreeing answers retire a task",
        ));
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::fields(errors)),
    }
}

pub fn set(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    request: TaskSettingsRequest,
    now: NaiveDateTime,
) -> Result<TaskSettingsResponse, ApiError> {
    check(&request)?;
    write_transaction(conn, |conn| {
        let (campaign, role) = managed(conn, actor, key)?;
        if matches!(
            campaign.status,
            CampaignStatus::Closed | CampaignStatus::Cancelled
        ) {
            return Err(ApiError::new(ErrorCode::CampaignEnded, "the campaign has ended")
                .param("phase", campaigns::phase_of(&campaign, now).as_str()));
        }
        let form = serde_json::to_string(&request.answer_form).map_err(ApiError::internal)?;
        let stored = repo::settings_of(conn, &campaign.id)?;
        if let Some(stored) = &stored
            && stored.answer_form != form
            && repo::has_answers(conn, &campaign.id)?
        {
            return Err(ApiError::new(
                ErrorCode::AnswerFormFrozen,
                "answers are in: the answer form cannot change any more (the rules can)",
            ));
        }
        // The guard protects workers from a manager's mass rejection: only an owner moves it.
        let guard = stored
            .as_ref()
            .map_or(DEFAULT_REJECTION_GUARD, |stored| stored.rejection_guard_percent);
        if request.rejection_guard_percent != guard && role != Role::Owner {
            return Err(ApiError::new(
                ErrorCode::RoleInsufficient,
                "only an owner changes the rejection guard",
            )
            .param("field", "rejection_guard_percent"));
        }
        if stored.as_ref().is_some_and(|stored| stored.answer_form != form) {
            check_tasks_fit(conn, &campaign.id, &request.answer_form)?;
        }
        let row = SettingsRow {
            campaign_id: campaign.id.clone(),
            answer_form: form,
            strategy: request.strategy,
            lease_seconds: request.lease_minutes * 60,
            review_delay_hours: request.review_delay_hours,
            retirement: request.retirement,
            consensus_k: request.consensus_k,
            gold_rate_percent: request.gold_rate_percent,
            min_accuracy_percent: request.min_accuracy_percent,
            gold_min_answers: request.gold_min_answers,
            rejection_guard_percent: request.rejection_guard_percent,
            created_at: stored.map_or(now, |stored| stored.created_at),
            updated_at: now,
        };
        repo::save_settings(conn, &row)?;
        respond(conn, &campaign, Some(actor))
    })
}

/// Refuses a new form that the campaign's tasks do not fit: a gold answer it does not take as it
/// is, or a task without an image when its question is about the image.
fn check_tasks_fit(conn: &mut DbConnection, campaign_id: &str, form: &AnswerForm) -> Result<(), ApiError> {
    let (mut misfits, mut first) = (0_usize, None);
    let mut after = String::new();
    loop {
        let batch = repo::gold_answers(conn, campaign_id, &after, 1000)?;
        let Some((last, ..)) = batch.last() else { break };
        after = last.clone();
        for (id, gold, payload) in &batch {
            let gold_fits = gold.as_deref().is_none_or(|gold| {
                serde_json::from_str::<serde_json::Value>(gold).is_ok_and(|value| {
                    form.check("gold_answer", &value)
                        .is_ok_and(|canonical| canonical == value)
                })
            });
            let image_fits = !form.needs_image()
                || serde_json::from_str::<TaskPayload>(payload).is_ok_and(|payload| payload.image.is_some());
            if !(gold_fits && image_fits) {
                misfits += 1;
                first.get_or_insert_with(|| id.clone());
            }
        }
    }
    match first {
        None => Ok(()),
        Some(task_id) => Err(ApiError::fields(vec![
            FieldError::new(
                "answer_form",
                ErrorCode::AnswerFormIncompatible,
                format!(
                    "{misfits} task(s) do not fit this form: a gold answer it does not take, or no image"
                ),
            )
            .param("tasks", misfits)
            .param("task_id", task_id),
        ])),
    }
}

pub fn get(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
) -> Result<TaskSettingsResponse, ApiError> {
    let (campaign, _) = microtask_campaign(conn, viewer, key)?;
    respond(conn, &campaign, viewer)
}

fn respond(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    viewer: Option<&str>,
) -> Result<TaskSettingsResponse, ApiError> {
    let (row, form) = configured(conn, campaign)?;
    let you = match viewer {
        Some(user) => Some(worker_status(conn, &campaign.id, user)?),
        None => None,
    };
    Ok(TaskSettingsResponse {
        campaign_id: row.campaign_id,
        answer_form: form,
        strategy: row.strategy,
        lease_minutes: row.lease_seconds / 60,
        review_delay_hours: row.review_delay_hours,
        retirement: row.retirement,
        consensus_k: row.consensus_k,
        gold_rate_percent: row.gold_rate_percent,
        min_accuracy_percent: row.min_accuracy_percent,
        gold_min_answers: row.gold_min_answers,
        rejection_guard_percent: row.rejection_guard_percent,
        form_frozen: repo::has_answers(conn, &campaign.id)?,
        you,
    })
}

/// Percent of `right` in `all`, none when `all` is 0.
pub fn accuracy(right: i32, all: i32) -> Option<i32> {
    (all > 0).then(|| right * 100 / all)
}

/// A worker's standing in a campaign: paused or not, their answers by review state, points.
pub fn worker_status(
    conn: &mut DbConnection,
    campaign_id: &str,
    user: &str,
) -> Result<WorkerStatus, ApiError> {
    let mut status = WorkerStatus::default();
    if let Some(worker) = repo::worker(conn, campaign_id, user)? {
        status.paused = worker.paused_at.is_some();
        status.paused_reason = worker.paused_reason;
        status.gold_answered = worker.gold_answered;
        status.gold_accuracy_percent = accuracy(worker.gold_correct, worker.gold_answered);
    }
    status.active_claims = repo::active_claims_of(conn, campaign_id, user)?;
    for (_, state, count, points) in repo::worker_totals(conn, campaign_id, Some(user))? {
        match state {
            ClaimStatus::Submitted => status.pending += count,
            ClaimStatus::Approved => status.approved += count,
            ClaimStatus::Rejected => status.rejected += count,
            _ => {}
        }
        status.points += points.unwrap_or(0);
    }
    Ok(status)
}
