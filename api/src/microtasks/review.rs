//! Reviews by the campaign's managers: approve, reject with a reason the worker sees, overturn a
//! rejection within 30 days; no silent mass rejection (above the campaign's share of rejections
//! in 24 hours an owner confirms); the review queue; workers paused and resumed.

use chrono::{NaiveDateTime, TimeDelta};

use super::dto::{ClaimResponse, ReviewDecision, ReviewRequest, UpdateWorkerRequest, WorkerStanding};
use super::quality::{approve, lock_task, pause, recompute};
use super::repo::{self, ClaimChanges};
use super::settings::{accuracy, configured, managed, microtask_campaign};
use super::view::{overturn_window, record_event, respond, respond_one};
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::domain::{ClaimStatus, Role};
use crate::error::{ApiError, ErrorCode};
use crate::events::EventType;
use crate::organizations::access::require_manager;
use crate::pagination::KeyedPage;
use crate::users::repo as users;

/// Reviews in 24 hours before the rejection guard looks at their share.
const GUARD_SAMPLE: i64 = 10;

pub fn review(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: ReviewRequest,
    now: NaiveDateTime,
) -> Result<ClaimResponse, ApiError> {
    let reason = request.reason.map(|reason| reason.trim().to_owned());
    if request.decision == ReviewDecision::Rejected && reason.is_none() {
        return Err(ApiError::invalid(
            "reason",
            ErrorCode::ReasonRequired,
            "a rejection needs a reason the worker sees",
        ));
    }
    write_transaction(conn, |conn| {
        let claim = repo::claim(conn, id)?.ok_or_else(|| ApiError::not_found("claim"))?;
        let (campaign, role) = microtask_campaign(conn, Some(actor), &claim.campaign_id)
            .map_err(|_| ApiError::not_found("claim"))?;
        require_manager(role)?;
        if claim.worker_id == actor {
            return Err(ApiError::new(
                ErrorCode::OwnAnswer,
                "nobody reviews their own answer",
            ));
        }
        let (settings, form) = configured(conn, &campaign)?;
        lock_task(conn, &claim.task_id)?;
        // Read again under the task's lock: a parallel review may have moved it.
        let claim = repo::claim(conn, id)?.ok_or_else(|| ApiError::not_found("claim"))?;
        let task = repo::task(conn, &claim.task_id)?.ok_or_else(|| ApiError::internal("a task vanished"))?;
        let target = match request.decision {
            ReviewDecision::Approved => ClaimStatus::Approved,
            ReviewDecision::Rejected => ClaimStatus::Rejected,
        };
        if !claim.status.can_become(target) {
            return Err(ApiError::new(
                ErrorCode::ClaimTransition,
                format!(
                    "a {} answer cannot become {}",
                    claim.status.as_str(),
                    target.as_str()
                ),
            )
            .param("from", claim.status.as_str())
            .param("to", target.as_str()));
        }
        match target {
            ClaimStatus::Approved => {
                if claim.status == ClaimStatus::Rejected {
                    let until = claim.reviewed_at.unwrap_or(now) + overturn_window();
                    if now > until {
                        return Err(ApiError::new(
                            ErrorCode::OverturnWindowPassed,
                            "a rejection is overturned within 30 days",
                        )
                        .param("until", until.and_utc().to_rfc3339()));
                    }
                    // The answer counts again. Its slot may have gone to someone else meanwhile:
                    // the task then has one answer more than it asked for, rather than a
                    // right answer thrown away.
                    match claim.gold {
                        false => repo::retake_slot(conn, &claim.task_id)?,
                        true => repo::correct_gold(conn, &campaign.id, &claim.worker_id, now)?,
                    }
                }
                if approve(conn, &campaign, &claim, Some(actor), task.reward_points, now)?.is_none() {
                    return Err(ApiError::internal("a claim moved under its task's lock"));
                }
            }
            _ => {
                guard(
                    conn,
                    &campaign.id,
                    role,
                    request.confirm_mass_rejection,
                    settings.rejection_guard_percent,
                    now,
                )?;
                let changes = ClaimChanges {
                    reviewed_at: Some(now),
                    reviewed_by: Some(Some(actor.to_owned())),
                    review_reason: Some(reason),
                    ..Default::default()
                };
                if !repo::move_claim(
                    conn,
                    &claim.id,
                    ClaimStatus::Submitted,
                    ClaimStatus::Rejected,
                    None,
                    changes,
                    now,
                )? {
                    return Err(ApiError::internal("a claim moved under its task's lock"));
                }
                if !claim.gold {
                    repo::release_slot(conn, &claim.task_id)?;
                }
                let moved = repo::claim(conn, id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
                record_event(
                    conn,
                    &campaign,
                    &moved,
                    EventType::ClaimRejected,
                    Some(actor),
                    now,
                )?;
            }
        }
        recompute(conn, &campaign, &claim.task_id, &settings, &form, now)?;
        let stored = repo::claim(conn, id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
        respond_one(conn, stored, true)
    })
}

/// No silent mass rejection: when this rejection would put the share of rejections among the
/// last 24 hours' reviews (from ten on) above the campaign's threshold, an owner confirms it.
fn guard(
    conn: &mut DbConnection,
    campaign_id: &str,
    role: Option<Role>,
    confirmed: bool,
    threshold: i32,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    // One rejection at a time per campaign: parallel rejections of different tasks would all
    // read the counts before any of them is in.
    lock_key(conn, &format!("reviews:{campaign_id}"))?;
    let (rejected, reviews) = repo::manual_reviews_since(conn, campaign_id, now - TimeDelta::hours(24))?;
    let (rejected, reviews) = (rejected + 1, reviews + 1);
    let above = reviews >= GUARD_SAMPLE && rejected * 100 > i64::from(threshold) * reviews;
    if above && !(confirmed && role == Some(Role::Owner)) {
        return Err(ApiError::new(
            ErrorCode::MassRejectionGuard,
            format!(
                "{rejected} of the last {reviews} reviews in 24 hours would be rejections, above this campaign's \
                 {threshold} %; an owner confirms with confirm_mass_rejection"
            ),
        )
        .param("rejected", rejected)
        .param("reviews", reviews)
        .param("threshold_percent", threshold));
    }
    Ok(())
}

/// The campaign's claims in one state (default: submitted, the review queue), oldest first.
pub fn queue(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    status: Option<ClaimStatus>,
    after: Option<String>,
    limit: usize,
) -> Result<KeyedPage<ClaimResponse>, ApiError> {
    let (campaign, _) = managed(conn, actor, key)?;
    let rows = repo::claims_of_campaign(
        conn,
        &campaign.id,
        status.unwrap_or(ClaimStatus::Submitted),
        after,
        i64::try_from(limit).unwrap_or(100) + 1,
    )?;
    let page = KeyedPage::from_rows(rows, limit, |row| row.id.clone());
    let items = respond(conn, page.items, true)?;
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}

/// Every worker of the campaign with their answers, points and accuracy, most approved first.
pub fn standings(conn: &mut DbConnection, campaign_id: &str) -> Result<Vec<WorkerStanding>, ApiError> {
    let mut by_worker: std::collections::BTreeMap<String, WorkerStanding> = Default::default();
    let blank = |user_id: &str| WorkerStanding {
        user_id: user_id.to_owned(),
        display_name: String::new(),
        approved: 0,
        rejected: 0,
        pending: 0,
        points: 0,
        gold_answered: 0,
        gold_accuracy_percent: None,
        paused: false,
        paused_reason: None,
    };
    for (worker, status, count, points) in repo::worker_totals(conn, campaign_id, None)? {
        let standing = by_worker.entry(worker.clone()).or_insert_with(|| blank(&worker));
        match status {
            ClaimStatus::Approved => standing.approved += count,
            ClaimStatus::Rejected => standing.rejected += count,
            _ => standing.pending += count,
        }
        standing.points += points.unwrap_or(0);
    }
    for record in repo::workers_of(conn, campaign_id)? {
        let standing = by_worker
            .entry(record.worker_id.clone())
            .or_insert_with(|| blank(&record.worker_id));
        standing.gold_answered = record.gold_answered;
        standing.gold_accuracy_percent = accuracy(record.gold_correct, record.gold_answered);
        standing.paused = record.paused_at.is_some();
        standing.paused_reason = record.paused_reason;
    }
    let mut standings: Vec<WorkerStanding> = by_worker.into_values().collect();
    for standing in &mut standings {
        standing.display_name = users::find(conn, &standing.user_id)?
            .map(|user| user.display_name)
            .unwrap_or_default();
    }
    standings.sort_by(|a, b| b.approved.cmp(&a.approved).then(a.user_id.cmp(&b.user_id)));
    Ok(standings)
}

pub fn workers(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<WorkerStanding>, ApiError> {
    let (campaign, _) = managed(conn, actor, key)?;
    KeyedPage::by_position(standings(conn, &campaign.id)?, after, limit)
}

/// Pauses (with a reason the worker sees) or resumes a worker.
pub fn update_worker(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    worker: &str,
    request: UpdateWorkerRequest,
    now: NaiveDateTime,
) -> Result<WorkerStanding, ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, _) = managed(conn, actor, key)?;
        users::find(conn, worker)?.ok_or_else(|| ApiError::not_found("user"))?;
        match (request.paused, request.reason) {
            (true, None) => {
                return Err(ApiError::invalid(
                    "reason",
                    ErrorCode::ReasonRequired,
                    "pausing a worker needs a reason they see",
                ));
            }
            (true, Some(reason)) => pause(conn, &campaign, worker, reason.trim(), Some(actor), now)?,
            (false, _) => {
                repo::set_paused(conn, &campaign.id, worker, None, now)?;
            }
        }
        standings(conn, &campaign.id)?
            .into_iter()
            .find(|standing| standing.user_id == worker)
            .ok_or_else(|| ApiError::internal("a worker's record vanished"))
    })
}
