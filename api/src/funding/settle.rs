//! The settlement: after a funding campaign's deadline, collect the pledges, give failed
//! payments their grace window (with reminders), drop what stays unpaid, and decide the outcome
//! on collected money (or backers) once nothing can change it any more; refund and release
//! everyone when it fails or the campaign is cancelled.
//!
//! One campaign is settled in one transaction that holds the campaign's lock (an advisory lock
//! on PostgreSQL; SQLite's writers are serial), every pledge moves by a conditional update and
//! every charge or refund is recorded under an idempotency key. So the job, a manager's
//! re-run and any number of replicas running at once give one outcome, and each pledge is
//! collected, refunded or released once. A dry run does the same work and rolls it back.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use super::dto::{SettleReport, SettleResponse};
use super::gateway::{Collection, gateway};
use super::pledges::{collect, move_pledge, record_event};
use super::repo::{self, FundingRow, PledgeChanges, PledgeRow};
use super::settings::{configured, managed, progress, totals};
use crate::campaigns::repo::CampaignRow;
use crate::db::{Db, DbConnection, lock_key, write_transaction};
use crate::domain::{CampaignStatus, FundingModel, FundingOutcome, PledgeStatus};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::FundingOutcomeData;
use crate::events::{self, Event, EventType};
use crate::jobs::{self, ClaimedJob, Finished, Next};

/// Job kind of the recurring settlement.
pub const SETTLE: &str = "funding.settle";

/// Pledges one run moves per step and campaign; more are left for the next run.
const BATCH: i64 = 200;
/// Campaigns one query of the job takes.
const CAMPAIGNS: i64 = 20;

/// Reminders to a backer whose payment failed: at most one a day.
fn reminder_gap() -> TimeDelta {
    TimeDelta::days(1)
}

/// Whether the funding window is over: the deadline passed, or the campaign ended.
fn window_over(campaign: &CampaignRow, now: NaiveDateTime) -> bool {
    match campaign.status {
        CampaignStatus::Draft => false,
        CampaignStatus::Published => campaign
            .submissions_close_at
            .is_some_and(|deadline| deadline <= now),
        CampaignStatus::Closed | CampaignStatus::Cancelled => true,
    }
}

/// Releases (uncollected) or refunds (collected) every open pledge: the campaign failed or was
/// cancelled.
fn unwind(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    report: &mut SettleReport,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    for pledge in repo::pledges_in(conn, &campaign.id, &PledgeStatus::OPEN, BATCH)? {
        let ended = PledgeChanges {
            ended_at: Some(Some(now)),
            ..Default::default()
        };
        if pledge.status == PledgeStatus::Collected {
            gateway(pledge.provider).refund(conn, &pledge, now)?;
            let moved = move_pledge(conn, &pledge, PledgeStatus::Refunded, ended, now)?;
            record_event(conn, campaign, &moved, EventType::PledgeRefunded, None, now)?;
            report.refunded += 1;
        } else {
            let moved = move_pledge(conn, &pledge, PledgeStatus::Cancelled, ended, now)?;
            record_event(conn, campaign, &moved, EventType::PledgeCancelled, None, now)?;
            report.released += 1;
        }
        if let Some(tier) = &pledge.tier_id {
            repo::release_slot(conn, tier)?;
        }
    }
    report.more |= !repo::pledges_in(conn, &campaign.id, &PledgeStatus::OPEN, 1)?.is_empty();
    Ok(())
}

fn drop_pledge(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    pledge: &PledgeRow,
    reason: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let moved = move_pledge(
        conn,
        pledge,
        PledgeStatus::Dropped,
        PledgeChanges {
            ended_at: Some(Some(now)),
            failure: Some(Some(reason.to_owned())),
            ..Default::default()
        },
        now,
    )?;
    if let Some(tier) = &pledge.tier_id {
        repo::release_slot(conn, tier)?;
    }
    record_event(conn, campaign, &moved, EventType::PledgeDropped, None, now)
}

/// After the deadline: drops what was never confirmed and collects every active pledge.
fn collect_due(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    funding: &FundingRow,
    report: &mut SettleReport,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    for pledge in repo::pledges_in(conn, &campaign.id, &[PledgeStatus::Pending], BATCH)? {
        drop_pledge(conn, campaign, &pledge, "the payment was never confirmed", now)?;
        report.dropped += 1;
    }
    for pledge in repo::pledges_in(conn, &campaign.id, &[PledgeStatus::Active], BATCH)? {
        match collect(conn, campaign, funding, &pledge, now)?.1 {
            Collection::Collected => report.collected += 1,
            Collection::Failed(_) => report.errored += 1,
            Collection::Awaiting => report.awaiting_transfer += 1,
        }
    }
    let waiting = [PledgeStatus::Pending, PledgeStatus::Active];
    report.more |= !repo::pledges_in(conn, &campaign.id, &waiting, 1)?.is_empty();
    Ok(())
}

/// Failed payments (also a keep-it-all pledge's before the deadline): reminds their backers
/// once a day and drops what is unpaid when its grace window ends.
fn chase(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    report: &mut SettleReport,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let past = [PledgeStatus::Errored, PledgeStatus::Collecting];
    for pledge in repo::past_grace(conn, &campaign.id, &past, now, BATCH)? {
        drop_pledge(conn, campaign, &pledge, "not paid within the grace window", now)?;
        report.dropped += 1;
    }
    for pledge in repo::due_reminders(conn, &campaign.id, now - reminder_gap(), now, BATCH)? {
        if repo::mark_reminded(conn, &pledge.id, pledge.reminded_at, now)? {
            record_event(conn, campaign, &pledge, EventType::PledgePaymentFailed, None, now)?;
            report.reminded += 1;
        }
    }
    report.more |= !repo::past_grace(conn, &campaign.id, &past, now, 1)?.is_empty();
    Ok(())
}

/// Decides the outcome when it is certain: funded as soon as collected money (or backers)
/// reach the goal; failed once no pledge waits for money any more.
fn decide(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    funding: &FundingRow,
    report: &mut SettleReport,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let totals = totals(conn, &campaign.id)?;
    let funded = match funding.model {
        FundingModel::AllOrNothing => totals.collected_minor >= funding.goal_minor,
        FundingModel::BackerThreshold => {
            totals.collected_backers >= i64::from(funding.backer_goal.unwrap_or(i32::MAX))
        }
        FundingModel::KeepItAll => totals.collected_minor > 0,
    };
    let outcome = match (funded, totals.unresolved) {
        (true, _) => FundingOutcome::Funded,
        (false, 0) => FundingOutcome::Failed,
        (false, _) => return Ok(()),
    };
    if !repo::decide(conn, &campaign.id, outcome, now)? {
        return Ok(());
    }
    report.decided = Some(outcome);
    if outcome == FundingOutcome::Failed {
        unwind(conn, campaign, report, now)?;
    }
    announce(conn, campaign, funding, outcome, now)
}

fn announce(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    funding: &FundingRow,
    outcome: FundingOutcome,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let totals = totals(conn, &campaign.id)?;
    let event_type = match outcome {
        FundingOutcome::Funded => EventType::CampaignFunded,
        FundingOutcome::Failed | FundingOutcome::Cancelled => EventType::CampaignFailed,
    };
    events::record(
        conn,
        Event::new(
            event_type,
            &campaign.id,
            FundingOutcomeData {
                outcome,
                goal_minor: funding.goal_minor,
                currency: funding.currency.clone(),
                collected_minor: totals.collected_minor,
                collected_backers: totals.collected_backers,
                dropped_minor: totals.dropped_minor,
            },
        )
        .of_campaign(&campaign.organization_id, &campaign.id),
        now,
    )?;
    Ok(())
}

/// One settlement step for one campaign, in the caller's transaction.
fn settle_campaign(
    conn: &mut DbConnection,
    campaign_id: &str,
    now: NaiveDateTime,
) -> Result<SettleReport, ApiError> {
    lock_key(conn, &format!("funding:{campaign_id}"))?;
    let mut report = SettleReport::default();
    let Some(campaign) = crate::campaigns::repo::find(conn, campaign_id)? else {
        return Ok(report);
    };
    let funding = configured(conn, &campaign)?;
    if funding.outcome.is_none() && campaign.status == CampaignStatus::Cancelled {
        if repo::decide(conn, &campaign.id, FundingOutcome::Cancelled, now)? {
            report.decided = Some(FundingOutcome::Cancelled);
            unwind(conn, &campaign, &mut report, now)?;
            announce(conn, &campaign, &funding, FundingOutcome::Cancelled, now)?;
        }
        return Ok(report);
    }
    if matches!(
        funding.outcome,
        Some(FundingOutcome::Cancelled | FundingOutcome::Failed)
    ) {
        // Whatever a failed or cancelled campaign still holds goes back (a later batch).
        unwind(conn, &campaign, &mut report, now)?;
        return Ok(report);
    }
    chase(conn, &campaign, &mut report, now)?;
    if !window_over(&campaign, now) {
        return Ok(report);
    }
    repo::start_collection(conn, &campaign.id, now)?;
    collect_due(conn, &campaign, &funding, &mut report, now)?;
    if funding.outcome.is_none() && !report.more {
        decide(conn, &campaign, &funding, &mut report, now)?;
    }
    Ok(report)
}

/// Rolls a dry run back after it did its work.
enum Run {
    Failed(ApiError),
    Dry(SettleReport),
}

impl From<diesel::result::Error> for Run {
    fn from(err: diesel::result::Error) -> Self {
        Run::Failed(err.into())
    }
}

impl From<ApiError> for Run {
    fn from(err: ApiError) -> Self {
        Run::Failed(err)
    }
}

/// A manager's run for one campaign (after its deadline), or a dry run that changes nothing.
pub fn run(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    dry_run: bool,
    now: NaiveDateTime,
) -> Result<SettleResponse, ApiError> {
    let campaign = managed(conn, actor, key)?;
    configured(conn, &campaign)?;
    if !window_over(&campaign, now) {
        return Err(ApiError::new(
            ErrorCode::FundingWindowOpen,
            "the funding window is still open; the settlement runs after the deadline",
        ));
    }
    let report = match dry_run {
        false => write_transaction(conn, |conn| settle_campaign(conn, &campaign.id, now))?,
        true => {
            let outcome: Result<(), Run> = write_transaction(conn, |conn| {
                let mut report = settle_campaign(conn, &campaign.id, now)?;
                report.dry_run = true;
                Err(Run::Dry(report))
            });
            match outcome {
                Err(Run::Dry(report)) => report,
                Err(Run::Failed(err)) => return Err(err),
                Ok(()) => return Err(ApiError::internal("a dry run committed")),
            }
        }
    };
    let campaign =
        crate::campaigns::repo::find(conn, &campaign.id)?.ok_or_else(|| ApiError::not_found("campaign"))?;
    let funding = configured(conn, &campaign)?;
    Ok(SettleResponse {
        report,
        funding: progress(conn, &campaign, &funding, now)?,
    })
}

/// The recurring job: settles every campaign with work due, one transaction each, going
/// through them in id order so that none waits behind others that have nothing to do.
pub async fn job(
    db: &Db,
    clock: &crate::clock::Clock,
    job: ClaimedJob,
    every: Duration,
) -> Result<Finished, ApiError> {
    let now = clock.now();
    let mut after = String::new();
    let mut more = false;
    loop {
        let cursor = after.clone();
        let due = db
            .run(move |conn| Ok(repo::campaigns_to_settle(conn, now, &cursor, CAMPAIGNS)?))
            .await?;
        let Some(last) = due.last().cloned() else { break };
        let full = due.len() as i64 >= CAMPAIGNS;
        for campaign_id in due {
            let id = campaign_id.clone();
            match db
                .run(move |conn| write_transaction(conn, |conn| settle_campaign(conn, &id, now)))
                .await
            {
                Ok(report) => more |= report.more,
                // One campaign that cannot be settled now (a lock timeout, a broken row) must
                // not hold up the others; it is tried again on the next run.
                Err(err) => log::warn!("cannot settle the funding of campaign {campaign_id} now: {err}"),
            }
        }
        if !full {
            break;
        }
        after = last;
    }
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            jobs::finish(conn, &job, Next::After(if more { Duration::ZERO } else { every }))
        })
    })
    .await
}
