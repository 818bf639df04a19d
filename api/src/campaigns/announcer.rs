//! Announcing phase changes. A phase follows from the schedule and the clock, so nothing
//! happens in the database when submissions open; this job notices and records one
//! `campaign.phase_changed` per transition, in order and exactly once, also for transitions
//! that passed while no server ran (catch up, never skip). A campaign seen for the first time
//! (older than the announcer) is taken as announced where it stands.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::repo::{self, CampaignRow};
use super::view::{phase_of, schedule_of};
use crate::clock::Clock;
use crate::db::{Db, DbConnection, write_transaction};
use crate::domain::{Phase, Schedule};
use crate::error::ApiError;
use crate::events::catalogue::PhaseChangedData;
use crate::events::{self, Event, EventType};
use crate::jobs::{self, ClaimedJob, Finished, Next};

/// The job kind.
pub const ANNOUNCE: &str = "campaigns.announce_phases";

/// Campaigns handled per transaction.
const BATCH: i64 = 100;

/// The phases a published campaign passes through, in order, with the instant each begins.
fn path(schedule: &Schedule) -> Vec<(Phase, NaiveDateTime)> {
    let mut phases = vec![(Phase::Submission, schedule.submissions_open_at)];
    if schedule.voting_open_at > schedule.submissions_close_at {
        phases.push((Phase::Review, schedule.submissions_close_at));
    }
    phases.push((Phase::Voting, schedule.voting_open_at));
    phases.push((Phase::Judging, schedule.voting_close_at));
    phases
}

/// The transitions from `from` to `to`, each with the instant its phase began.
fn transitions(from: Phase, to: Phase, schedule: &Schedule) -> Vec<(Phase, Phase, NaiveDateTime)> {
    let mut steps = Vec::new();
    let mut previous = from;
    let mut passing = from == Phase::Scheduled;
    for (phase, begins_at) in path(schedule) {
        if passing {
            steps.push((previous, phase, begins_at));
            previous = phase;
        }
        if phase == from {
            passing = true;
        }
        if phase == to {
            break;
        }
    }
    steps
}

/// Announces every transition of `campaign` up to its phase at `now` that is not announced yet
/// (in the caller's transaction). The lifecycle calls it before closing or cancelling, so no
/// transition is lost to a close that came before the announcer looked.
pub fn catch_up(conn: &mut DbConnection, campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    announce_one(conn, campaign, now)
}

fn announce_one(conn: &mut DbConnection, campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    let current = phase_of(campaign, now);
    let Some(from) = campaign.announced_phase else {
        repo::set_announced(conn, &campaign.id, None, current)?;
        return Ok(());
    };
    if from == current {
        return Ok(());
    }
    let Some(schedule) = schedule_of(campaign) else {
        return Ok(());
    };
    if !repo::set_announced(conn, &campaign.id, Some(from), current)? {
        // Someone else announced it meanwhile.
        return Ok(());
    }
    for (from, to, begins_at) in transitions(from, current, &schedule) {
        events::record(
            conn,
            Event::new(
                EventType::CampaignPhaseChanged,
                &campaign.id,
                PhaseChangedData {
                    slug: campaign.slug.clone(),
                    title: campaign.title.clone(),
                    from,
                    to,
                    begins_at: begins_at.and_utc(),
                },
            )
            .of_campaign(&campaign.organization_id, &campaign.id),
            now,
        )?;
    }
    Ok(())
}

/// The announcer's wake-up check while it is parked: a campaign has a phase to announce.
pub fn has_work(
    clock: Clock,
) -> impl Fn(&mut DbConnection) -> Result<bool, ApiError> + Send + Sync + 'static {
    move |conn| Ok(!repo::due_for_announcement(conn, clock.now(), 1)?.is_empty())
}

pub async fn run(db: &Db, clock: &Clock, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
    let clock = clock.clone();
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let now = clock.now();
            let due = repo::due_for_announcement(conn, now, BATCH)?;
            for campaign in &due {
                announce_one(conn, campaign, now)?;
            }
            jobs::finish(conn, &job, Next::after_batch_or_park(due.len(), BATCH, every))
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn schedule(voting_open: u32) -> Schedule {
        Schedule {
            submissions_open_at: at(10),
            submissions_close_at: at(12),
            voting_open_at: at(voting_open),
            voting_close_at: at(16),
        }
    }

    #[test]
    fn every_transition_between_two_phases_is_announced_in_order() {
        let steps = transitions(Phase::Scheduled, Phase::Judging, &schedule(14));
        let names: Vec<(Phase, Phase)> = steps.iter().map(|(a, b, _)| (*a, *b)).collect();
        assert_eq!(
            names,
            [
                (Phase::Scheduled, Phase::Submission),
                (Phase::Submission, Phase::Review),
                (Phase::Review, Phase::Voting),
                (Phase::Voting, Phase::Judging),
            ]
        );
        assert_eq!(steps[2].2, at(14), "each with the instant its phase began");
        assert_eq!(
            transitions(Phase::Submission, Phase::Voting, &schedule(12))
                .iter()
                .map(|(a, b, _)| (*a, *b))
                .collect::<Vec<_>>(),
            [(Phase::Submission, Phase::Voting)],
            "without a review gap"
        );
        assert!(transitions(Phase::Voting, Phase::Voting, &schedule(14)).is_empty());
    }
}
