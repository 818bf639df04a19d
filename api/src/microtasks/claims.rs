//! Claims as real leases: the next task under the campaign's strategy or a chosen one, each
//! holding one of the task's slots (taken with a conditional update, so n parallel claimants
//! get n slots and no more) until its lease runs out; extended, released, or answered.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::Value;

use super::dto::{ClaimAction, ClaimResponse};
use super::quality::{check_gold, lock_task, recompute};
use super::repo::{self, ClaimChanges, ClaimRow, SettingsRow, TaskRow};
use super::settings::{configured, microtask_campaign};
use super::view::{record_event, respond, respond_one};
use crate::attribution;
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::domain::{ClaimStatus, Phase, Role};
use crate::error::{ApiError, ErrorCode};
use crate::events::EventType;
use crate::ids::new_id;
use crate::pagination::KeyedPage;

/// Leases one worker may hold at once in a campaign.
const MAX_ACTIVE: i64 = 5;
/// Candidates read per attempt of `next` (others may take them first).
const CANDIDATES: i64 = 20;
/// A lease is held at most this long after claiming, extensions included.
fn max_hold() -> TimeDelta {
    TimeDelta::hours(24)
}

/// What `POST /campaigns/{id}/tasks/next` found.
pub enum Next {
    Claimed(Box<ClaimResponse>),
    /// Nothing for the caller now; `retry_after` seconds when leases held by others may yet
    /// come back, none when the caller is finished.
    Nothing {
        retry_after: Option<u64>,
    },
}

/// The refusal for a claim that is not an active lease. An expired one answers as a lease that
/// ran out, whether or not the sweep has marked it yet, so the worker hears the same either way.
fn not_active(claim: &ClaimRow, to: ClaimStatus) -> ApiError {
    match claim.status {
        ClaimStatus::Expired => lease_expired(claim),
        from => ApiError::new(
            ErrorCode::ClaimTransition,
            format!("a {} claim cannot become {}", from.as_str(), to.as_str()),
        )
        .param("from", from.as_str())
        .param("to", to.as_str()),
    }
}

/// The checks before taking a slot: the work window, eligibility, the caller not paused, and
/// their number of leases (under a lock per worker and campaign, so parallel requests of one
/// worker cannot pass it together).
fn may_claim(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    role: Option<Role>,
    worker: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let phase = campaigns::phase_of(campaign, now);
    if phase != Phase::Submission {
        return Err(ApiError::new(
            ErrorCode::TaskWindowClosed,
            format!(
                "tasks are claimed while the work window is open; the campaign is in its {} phase",
                phase.as_str()
            ),
        )
        .param("phase", phase.as_str()));
    }
    crate::invitations::require_eligible(conn, campaign, worker, role)?;
    if let Some(record) = repo::worker(conn, &campaign.id, worker)?
        && record.paused_at.is_some()
    {
        let reason = record.paused_reason.unwrap_or_default();
        return Err(ApiError::new(
            ErrorCode::WorkerPaused,
            format!("you are paused in this campaign: {reason}"),
        )
        .param("reason", reason));
    }
    lock_key(conn, &format!("worker:{}:{worker}", campaign.id))?;
    if repo::active_claims_of(conn, &campaign.id, worker)? >= MAX_ACTIVE {
        return Err(ApiError::new(
            ErrorCode::ClaimLimit,
            format!("you hold {MAX_ACTIVE} leases in this campaign; answer or release one first"),
        )
        .param("max", MAX_ACTIVE));
    }
    Ok(())
}

/// Records the lease on `task` (its slot already taken, for ordinary tasks).
fn lease(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    settings: &SettingsRow,
    task: &TaskRow,
    worker: &str,
    now: NaiveDateTime,
) -> Result<ClaimRow, ApiError> {
    let row = ClaimRow {
        id: new_id(),
        task_id: task.id.clone(),
        campaign_id: campaign.id.clone(),
        worker_id: worker.to_owned(),
        status: ClaimStatus::Active,
        gold: task.gold_answer.is_some(),
        lease_expires_at: now + TimeDelta::seconds(i64::from(settings.lease_seconds)),
        answer: None,
        submitted_at: None,
        auto_approve_at: None,
        gold_correct: None,
        reviewed_at: None,
        reviewed_by: None,
        review_reason: None,
        overturned_at: None,
        points: 0,
        created_at: now,
        updated_at: now,
    };
    if !repo::insert_claim(conn, &row)? {
        let existing = repo::live_claim_of(conn, &task.id, worker)?;
        return Err(
            ApiError::new(ErrorCode::ClaimExists, "you took this task already")
                .param("claim_id", existing.map(|claim| claim.id).unwrap_or_default()),
        );
    }
    record_event(conn, campaign, &row, EventType::ClaimCreated, Some(worker), now)?;
    Ok(row)
}

/// Whether the caller's next claim should be a gold task: the campaign mixes them in, one is
/// left for the caller, and their share of gold claims is below the rate. Choosing tasks
/// directly must not skip the checks that `next` mixes in.
fn check_due(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    settings: &SettingsRow,
    worker: &str,
) -> Result<bool, ApiError> {
    if settings.gold_rate_percent == 0 {
        return Ok(false);
    }
    let (all, gold) = repo::claim_mix(conn, &campaign.id, worker)?;
    if gold * 100 >= i64::from(settings.gold_rate_percent) * (all + 1) {
        return Ok(false);
    }
    Ok(!repo::candidates(conn, &campaign.id, worker, settings.strategy, true, 1)?.is_empty())
}

/// Hands the caller a task under the campaign's strategy (a gold task at the campaign's rate),
/// never one they took before.
pub fn next(conn: &mut DbConnection, worker: &str, key: &str, now: NaiveDateTime) -> Result<Next, ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, role) = microtask_campaign(conn, Some(worker), key)?;
        let (settings, _) = configured(conn, &campaign)?;
        may_claim(conn, &campaign, role, worker, now)?;
        let gold_first =
            settings.gold_rate_percent > 0 && rand::random_range(0..100) < settings.gold_rate_percent;
        let kinds: &[bool] = if gold_first { &[true, false] } else { &[false] };
        for &gold in kinds {
            // Parallel workers may take the candidates first: read again a few times.
            for _ in 0..3 {
                let ids = repo::candidates(conn, &campaign.id, worker, settings.strategy, gold, CANDIDATES)?;
                if ids.is_empty() {
                    break;
                }
                for id in ids {
                    if gold || repo::take_slot(conn, &id)? {
                        let task =
                            repo::task(conn, &id)?.ok_or_else(|| ApiError::internal("a task vanished"))?;
                        let claim = lease(conn, &campaign, &settings, &task, worker, now)?;
                        return Ok(Next::Claimed(Box::new(respond_one(conn, claim, false)?)));
                    }
                }
            }
        }
        let busy = repo::leases_may_return(conn, &campaign.id, worker)?;
        Ok(Next::Nothing {
            retry_after: busy.then(|| u64::try_from(settings.lease_seconds.min(300)).unwrap_or(60)),
        })
    })
}

/// Claims a chosen task.
pub fn claim_task(
    conn: &mut DbConnection,
    worker: &str,
    task_id: &str,
    now: NaiveDateTime,
) -> Result<ClaimResponse, ApiError> {
    write_transaction(conn, |conn| {
        let task = repo::task(conn, task_id)?.ok_or_else(|| ApiError::not_found("task"))?;
        let (campaign, role) = microtask_campaign(conn, Some(worker), &task.campaign_id)
            .map_err(|_| ApiError::not_found("task"))?;
        let (settings, _) = configured(conn, &campaign)?;
        may_claim(conn, &campaign, role, worker, now)?;
        if let Some(existing) = repo::live_claim_of(conn, &task.id, worker)? {
            return Err(
                ApiError::new(ErrorCode::ClaimExists, "you took this task already")
                    .param("claim_id", existing.id),
            );
        }
        if task.retired_at.is_some() {
            return Err(ApiError::new(
                ErrorCode::TaskRetired,
                "this task takes no more answers",
            ));
        }
        if task.gold_answer.is_none() && check_due(conn, &campaign, &settings, worker)? {
            return Err(ApiError::new(
                ErrorCode::ClaimCheckDue,
                "a check task is due in your stream: take the next task before choosing one",
            ));
        }
        if task.gold_answer.is_none() && !repo::take_slot(conn, &task.id)? {
            return Err(ApiError::new(
                ErrorCode::TaskFull,
                "every slot of this task is held; try another",
            ));
        }
        let claim = lease(conn, &campaign, &settings, &task, worker, now)?;
        respond_one(conn, claim, false)
    })
}

/// The claim for its worker; 404 for anyone else.
fn own_claim(conn: &mut DbConnection, worker: &str, id: &str) -> Result<(ClaimRow, CampaignRow), ApiError> {
    let claim = repo::claim(conn, id)?
        .filter(|claim| claim.worker_id == worker)
        .ok_or_else(|| ApiError::not_found("claim"))?;
    let campaign = crate::campaigns::repo::find(conn, &claim.campaign_id)?
        .ok_or_else(|| ApiError::not_found("claim"))?;
    Ok((claim, campaign))
}

/// Extends or releases a lease.
pub fn update(
    conn: &mut DbConnection,
    worker: &str,
    id: &str,
    action: ClaimAction,
    now: NaiveDateTime,
) -> Result<ClaimResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (claim, campaign) = own_claim(conn, worker, id)?;
        let (settings, _) = configured(conn, &campaign)?;
        match action {
            ClaimAction::Extend => {
                if claim.status != ClaimStatus::Active {
                    return Err(not_active(&claim, ClaimStatus::Active));
                }
                if claim.lease_expires_at <= now {
                    return Err(lease_expired(&claim));
                }
                let until = (now + TimeDelta::seconds(i64::from(settings.lease_seconds)))
                    .min(claim.created_at + max_hold());
                if until <= claim.lease_expires_at {
                    return Err(ApiError::new(
                        ErrorCode::LeaseLimit,
                        "a lease is held at most 24 hours after claiming",
                    )
                    .param("until", (claim.created_at + max_hold()).and_utc().to_rfc3339()));
                }
                let changes = ClaimChanges {
                    lease_expires_at: Some(until),
                    ..Default::default()
                };
                if !repo::move_claim(
                    conn,
                    &claim.id,
                    ClaimStatus::Active,
                    ClaimStatus::Active,
                    Some(now),
                    changes,
                    now,
                )? {
                    return Err(moved_first(conn, &claim, ClaimStatus::Active)?);
                }
            }
            ClaimAction::Release => {
                if !repo::move_claim(
                    conn,
                    &claim.id,
                    ClaimStatus::Active,
                    ClaimStatus::Released,
                    None,
                    ClaimChanges::default(),
                    now,
                )? {
                    return Err(moved_first(conn, &claim, ClaimStatus::Released)?);
                }
                if !claim.gold {
                    repo::release_slot(conn, &claim.task_id)?;
                }
                let moved =
                    repo::claim(conn, &claim.id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
                record_event(
                    conn,
                    &campaign,
                    &moved,
                    EventType::ClaimReleased,
                    Some(worker),
                    now,
                )?;
            }
        }
        let stored = repo::claim(conn, &claim.id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
        respond_one(conn, stored, false)
    })
}

fn lease_expired(claim: &ClaimRow) -> ApiError {
    ApiError::new(
        ErrorCode::LeaseExpired,
        "the lease ran out and the slot went back; take the next task",
    )
    .param("lease_expires_at", claim.lease_expires_at.and_utc().to_rfc3339())
}

/// The refusal when a conditional move found the claim elsewhere.
fn moved_first(conn: &mut DbConnection, claim: &ClaimRow, to: ClaimStatus) -> Result<ApiError, ApiError> {
    let current = repo::claim(conn, &claim.id)?.unwrap_or_else(|| claim.clone());
    Ok(match current.status {
        ClaimStatus::Active => lease_expired(&current),
        _ => not_active(&current, to),
    })
}

/// Answers a claimed task while its lease holds. The answer is checked against the campaign's
/// form; a gold answer is checked against the known one at once; the task's consensus and
/// retirement follow.
pub fn submit(
    conn: &mut DbConnection,
    worker: &str,
    id: &str,
    answer: &Value,
    now: NaiveDateTime,
) -> Result<ClaimResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (claim, campaign) = own_claim(conn, worker, id)?;
        let (settings, form) = configured(conn, &campaign)?;
        let canonical = form
            .check("answer", answer)
            .map_err(|error| ApiError::fields(vec![error]))?;
        lock_task(conn, &claim.task_id)?;
        if claim.status != ClaimStatus::Active {
            return Err(not_active(&claim, ClaimStatus::Submitted));
        }
        if claim.lease_expires_at <= now {
            return Err(lease_expired(&claim));
        }
        let changes = ClaimChanges {
            answer: Some(canonical.to_string()),
            submitted_at: Some(now),
            auto_approve_at: Some(now + TimeDelta::hours(i64::from(settings.review_delay_hours))),
            ..Default::default()
        };
        if !repo::move_claim(
            conn,
            &claim.id,
            ClaimStatus::Active,
            ClaimStatus::Submitted,
            Some(now),
            changes,
            now,
        )? {
            return Err(moved_first(conn, &claim, ClaimStatus::Submitted)?);
        }
        attribution::on_task(conn, &campaign, worker, now)?;
        let submitted =
            repo::claim(conn, &claim.id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
        record_event(
            conn,
            &campaign,
            &submitted,
            EventType::ClaimSubmitted,
            Some(worker),
            now,
        )?;
        let task = repo::task(conn, &claim.task_id)?.ok_or_else(|| ApiError::internal("a task vanished"))?;
        match submitted.gold {
            true => check_gold(
                conn,
                &campaign,
                &submitted,
                &settings,
                &form,
                task.reward_points,
                now,
            )?,
            false => recompute(conn, &campaign, &claim.task_id, &settings, &form, now)?,
        }
        let stored = repo::claim(conn, &claim.id)?.ok_or_else(|| ApiError::internal("a claim vanished"))?;
        respond_one(conn, stored, false)
    })
}

/// The claim for its worker or the campaign's managers.
pub fn get(conn: &mut DbConnection, viewer: &str, id: &str) -> Result<ClaimResponse, ApiError> {
    let claim = repo::claim(conn, id)?.ok_or_else(|| ApiError::not_found("claim"))?;
    let (_, role) = campaigns::for_participation(conn, Some(viewer), &claim.campaign_id)
        .map_err(|_| ApiError::not_found("claim"))?;
    let manager = role.is_some_and(|role| role.manages());
    if claim.worker_id != viewer && !manager {
        return Err(ApiError::not_found("claim"));
    }
    respond_one(conn, claim, manager)
}

/// The cursor key of a worker's claims: `created_at|id`.
pub fn mine(
    conn: &mut DbConnection,
    worker: &str,
    campaign: Option<&str>,
    status: Option<ClaimStatus>,
    before: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<ClaimResponse>, ApiError> {
    let before = match before {
        None => None,
        Some(key) => {
            let (at, id) = key
                .split_once('|')
                .ok_or_else(|| ApiError::internal("a malformed sealed cursor"))?;
            let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S%.f").map_err(ApiError::internal)?;
            Some((at, id.to_owned()))
        }
    };
    let campaign_id = match campaign {
        Some(key) => Some(campaigns::for_participation(conn, Some(worker), key)?.0.id),
        None => None,
    };
    let rows = repo::claims_of_worker(
        conn,
        worker,
        campaign_id.as_deref(),
        status,
        before,
        i64::try_from(limit).unwrap_or(100) + 1,
    )?;
    let page = KeyedPage::from_rows(rows, limit, |row| {
        format!("{}|{}", row.created_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id)
    });
    let items = respond(conn, page.items, false)?;
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}
