//! What answers add up to: a task's consensus and its retirement, approvals that pay points once,
//! and gold answers that measure a worker's accuracy and pause those below the campaign's bar.
//! Everything here runs inside the caller's transaction, holding the task's lock.

use chrono::NaiveDateTime;
use serde_json::Value;

use super::form::AnswerForm;
use super::repo::{self, ClaimChanges, ClaimRow, SettingsRow, TaskOutcome};
use super::settings::accuracy;
use super::view::record_event;
use crate::campaigns::repo::CampaignRow;
use crate::db::{DbConnection, lock_key};
use crate::domain::{ClaimStatus, PointsSource, RetirementReason, RetirementRule};
use crate::error::ApiError;
use crate::events::catalogue::{TaskRetiredData, WorkerPausedData};
use crate::events::{self, Event, EventType};
use crate::ledger::{self, Grant};

/// Serialises everything that changes a task's answers (submissions, reviews, expiry) until the
/// transaction ends, so its consensus is computed over every committed answer.
pub fn lock_task(conn: &mut DbConnection, task_id: &str) -> Result<(), ApiError> {
    Ok(lock_key(conn, &format!("task:{task_id}"))?)
}

/// Recomputes a task's consensus from its counting answers, and retires it (or opens it again
/// when a rejection took away what retired it) as the campaign's rule says.
pub fn recompute(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    task_id: &str,
    settings: &SettingsRow,
    form: &AnswerForm,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let task = repo::task(conn, task_id)?.ok_or_else(|| ApiError::internal("a task vanished"))?;
    if task.gold_answer.is_some() {
        return Ok(());
    }
    let answers: Vec<Value> = repo::answers_of(conn, task_id)?
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect();
    let count = i32::try_from(answers.len()).unwrap_or(i32::MAX);
    let consensus = form.consensus(&answers);
    let agreeing = consensus
        .as_ref()
        .map_or(0, |(_, n)| i32::try_from(*n).unwrap_or(i32::MAX));
    let full = count >= task.redundancy;
    let retired = match settings.retirement {
        RetirementRule::Count => full.then_some(RetirementReason::Count),
        RetirementRule::Consensus if settings.consensus_k.is_some_and(|k| agreeing >= k) => {
            Some(RetirementReason::Consensus)
        }
        RetirementRule::Consensus => full.then_some(RetirementReason::Count),
        RetirementRule::Never => None,
    };
    let outcome = match (task.retired_at, retired) {
        // The result of a retired task stands: answers from leases still open at retirement
        // are taken (and paid) but change it no more. Only a rejection that undoes the
        // retirement opens it again.
        (Some(_), Some(_)) => TaskOutcome {
            answers: count,
            result_answer: task.result_answer.clone(),
            agreement_bp: task.agreement_bp,
            agreeing: task.agreeing,
            retired,
        },
        _ => TaskOutcome {
            answers: count,
            result_answer: consensus.as_ref().map(|(answer, _)| answer.to_string()),
            agreement_bp: (count > 0).then(|| agreeing * 10_000 / count),
            agreeing,
            retired,
        },
    };
    if repo::store_outcome(conn, task_id, &outcome, now)?
        && let Some(reason) = retired
    {
        events::record(
            conn,
            Event::new(
                EventType::TaskRetired,
                task_id,
                TaskRetiredData {
                    task_id: task_id.to_owned(),
                    reason,
                    answers: count,
                    agreeing,
                    result: consensus.map(|(answer, _)| answer),
                },
            )
            .of_campaign(&campaign.organization_id, &campaign.id),
            now,
        )?;
    }
    Ok(())
}

/// Approves an answer that is `from` (submitted, or rejected: an overturn), pays its points once
/// and records `claim.approved`. `reviewer` is none for automatic approvals. Returns the claim
/// as it is now, or none when another request or run moved it first.
pub fn approve(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    claim: &ClaimRow,
    reviewer: Option<&str>,
    reward: i32,
    now: NaiveDateTime,
) -> Result<Option<ClaimRow>, ApiError> {
    let overturn = claim.status == ClaimStatus::Rejected;
    let changes = ClaimChanges {
        reviewed_at: Some(now),
        reviewed_by: Some(reviewer.map(str::to_owned)),
        review_reason: Some(None).filter(|_| !overturn),
        overturned_at: overturn.then_some(now),
        gold_correct: (claim.gold && (overturn || reviewer.is_none())).then_some(true),
        points: Some(reward),
        ..Default::default()
    };
    if !repo::move_claim(
        conn,
        &claim.id,
        claim.status,
        ClaimStatus::Approved,
        None,
        changes,
        now,
    )? {
        return Ok(None);
    }
    let moved =
        repo::claim(conn, &claim.id)?.ok_or_else(|| ApiError::internal("an approved claim vanished"))?;
    ledger::grant_once(
        conn,
        Grant {
            user_id: &moved.worker_id,
            organization_id: Some(&campaign.organization_id),
            campaign_id: Some(&campaign.id),
            source: PointsSource::TaskApproved,
            source_id: &moved.id,
            points: reward,
        },
        now,
    )?;
    record_event(conn, campaign, &moved, EventType::ClaimApproved, reviewer, now)?;
    Ok(Some(moved))
}

/// Checks a just submitted gold answer: right ones are approved at once, wrong ones rejected
/// with a reason the worker reads; either counts toward their accuracy, and a worker below the
/// campaign's bar (after enough gold answers) is paused with the reason.
pub fn check_gold(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    claim: &ClaimRow,
    settings: &SettingsRow,
    form: &AnswerForm,
    reward: i32,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let task = repo::task(conn, &claim.task_id)?.ok_or_else(|| ApiError::internal("a task vanished"))?;
    let parse = |text: Option<&str>| text.and_then(|text| serde_json::from_str::<Value>(text).ok());
    let (Some(gold), Some(answer)) = (parse(task.gold_answer.as_deref()), parse(claim.answer.as_deref()))
    else {
        return Ok(());
    };
    let correct = form.agree(&gold, &answer);
    if correct {
        approve(conn, campaign, claim, None, reward, now)?;
    } else {
        let changes = ClaimChanges {
            gold_correct: Some(false),
            reviewed_at: Some(now),
            reviewed_by: Some(None),
            review_reason: Some(Some(
                "This was a check task with a known answer, and your answer differed from it.".to_owned(),
            )),
            ..Default::default()
        };
        if repo::move_claim(
            conn,
            &claim.id,
            ClaimStatus::Submitted,
            ClaimStatus::Rejected,
            None,
            changes,
            now,
        )? {
            let moved = repo::claim(conn, &claim.id)?
                .ok_or_else(|| ApiError::internal("a rejected claim vanished"))?;
            record_event(conn, campaign, &moved, EventType::ClaimRejected, None, now)?;
        }
    }
    let record = repo::count_gold(conn, &campaign.id, &claim.worker_id, correct, now)?;
    let Some(bar) = settings.min_accuracy_percent else {
        return Ok(());
    };
    let score = accuracy(record.gold_correct, record.gold_answered).unwrap_or(100);
    if record.gold_answered >= settings.gold_min_answers && score < bar {
        let reason = format!(
            "Your answers to check tasks were right {score} % of the time; this campaign needs {bar} %. \
             The organiser can let you continue."
        );
        pause(conn, campaign, &claim.worker_id, &reason, None, now)?;
    }
    Ok(())
}

/// Pauses a worker in the campaign with the reason they see; records `worker.paused` once.
pub fn pause(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    worker: &str,
    reason: &str,
    actor: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if repo::set_paused(conn, &campaign.id, worker, Some(reason), now)? {
        events::record(
            conn,
            Event::new(
                EventType::WorkerPaused,
                worker,
                WorkerPausedData {
                    worker_id: worker.to_owned(),
                    reason: reason.to_owned(),
                },
            )
            .of_campaign(&campaign.organization_id, &campaign.id)
            .by_maybe(actor),
            now,
        )?;
    }
    Ok(())
}
