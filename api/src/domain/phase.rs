//! A campaign's phase, derived from its stored status, its schedule and the server's clock on
//! every read, so it is always right without a scheduler. Windows include their opening instant
//! and exclude their closing one: at `submissions_close_at` exactly, submissions are closed.

use chrono::NaiveDateTime;

use super::campaign::CampaignStatus;
use crate::text_enum;

text_enum! {
    /// Where a campaign stands now.
    pub enum Phase {
        /// Being prepared; visible to its organization's managers only.
        Draft = "draft",
        /// Published; submissions open later.
        Scheduled = "scheduled",
        /// Contributions are accepted.
        Submission = "submission",
        /// Submissions closed, voting not open yet (moderators review the entries).
        Review = "review",
        /// Votes are accepted.
        Voting = "voting",
        /// Voting closed; the organisers decide and award.
        Judging = "judging",
        Closed = "closed",
        Cancelled = "cancelled",
    }
}

/// The four instants of a campaign, in order: `submissions_open_at < submissions_close_at <=
/// voting_open_at < voting_close_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub submissions_open_at: NaiveDateTime,
    pub submissions_close_at: NaiveDateTime,
    pub voting_open_at: NaiveDateTime,
    pub voting_close_at: NaiveDateTime,
}

impl Schedule {
    /// Which instant is out of order, if any (as the field that should move).
    pub fn misordered_field(&self) -> Option<&'static str> {
        if self.submissions_close_at <= self.submissions_open_at {
            Some("schedule.submissions_close_at")
        } else if self.voting_open_at < self.submissions_close_at {
            Some("schedule.voting_open_at")
        } else if self.voting_close_at <= self.voting_open_at {
            Some("schedule.voting_close_at")
        } else {
            None
        }
    }
}

/// The phase at `now`. A published campaign without a schedule cannot exist (publishing needs
/// one); it would read as scheduled.
pub fn phase_at(status: CampaignStatus, schedule: Option<&Schedule>, now: NaiveDateTime) -> Phase {
    match (status, schedule) {
        (CampaignStatus::Draft, _) => Phase::Draft,
        (CampaignStatus::Closed, _) => Phase::Closed,
        (CampaignStatus::Cancelled, _) => Phase::Cancelled,
        (CampaignStatus::Published, None) => Phase::Scheduled,
        (CampaignStatus::Published, Some(s)) if now < s.submissions_open_at => Phase::Scheduled,
        (CampaignStatus::Published, Some(s)) if now < s.submissions_close_at => Phase::Submission,
        (CampaignStatus::Published, Some(s)) if now < s.voting_open_at => Phase::Review,
        (CampaignStatus::Published, Some(s)) if now < s.voting_close_at => Phase::Voting,
        (CampaignStatus::Published, Some(_)) => Phase::Judging,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeDelta};

    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    /// Submissions 10–12, voting 14–16 (a review gap from 12 to 14).
    fn schedule() -> Schedule {
        Schedule {
            submissions_open_at: at(10),
            submissions_close_at: at(12),
            voting_open_at: at(14),
            voting_close_at: at(16),
        }
    }

    const TICK: TimeDelta = TimeDelta::microseconds(1);

    #[test]
    fn a_published_campaign_walks_through_every_phase_with_the_clock() {
        let s = schedule();
        let phase = |now| phase_at(CampaignStatus::Published, Some(&s), now);
        assert_eq!(phase(at(9)), Phase::Scheduled);
        assert_eq!(phase(at(10) - TICK), Phase::Scheduled);
        assert_eq!(phase(at(10)), Phase::Submission, "opening instant included");
        assert_eq!(
            phase(at(12) - TICK),
            Phase::Submission,
            "a moment before close: still open"
        );
        assert_eq!(phase(at(12)), Phase::Review, "closing instant excluded");
        assert_eq!(phase(at(14) - TICK), Phase::Review);
        assert_eq!(phase(at(14)), Phase::Voting);
        assert_eq!(phase(at(16) - TICK), Phase::Voting);
        assert_eq!(phase(at(16)), Phase::Judging);
        assert_eq!(
            phase(at(23)),
            Phase::Judging,
            "judging lasts until the organiser closes"
        );
    }

    #[test]
    fn without_a_gap_voting_follows_submission_directly() {
        let s = Schedule {
            voting_open_at: at(12),
            ..schedule()
        };
        assert_eq!(
            phase_at(CampaignStatus::Published, Some(&s), at(12) - TICK),
            Phase::Submission
        );
        assert_eq!(
            phase_at(CampaignStatus::Published, Some(&s), at(12)),
            Phase::Voting
        );
    }

    #[test]
    fn explicit_states_win_over_the_clock() {
        let s = schedule();
        for now in [at(9), at(11), at(15), at(20)] {
            assert_eq!(phase_at(CampaignStatus::Draft, Some(&s), now), Phase::Draft);
            assert_eq!(phase_at(CampaignStatus::Closed, Some(&s), now), Phase::Closed);
            assert_eq!(
                phase_at(CampaignStatus::Cancelled, Some(&s), now),
                Phase::Cancelled
            );
        }
    }

    #[test]
    fn misordered_schedules_name_the_instant_to_move() {
        let ok = schedule();
        assert_eq!(ok.misordered_field(), None);
        let same = Schedule {
            submissions_close_at: at(10),
            ..ok
        };
        assert_eq!(same.misordered_field(), Some("schedule.submissions_close_at"));
        let overlap = Schedule {
            voting_open_at: at(11),
            ..ok
        };
        assert_eq!(overlap.misordered_field(), Some("schedule.voting_open_at"));
        let empty_vote = Schedule {
            voting_close_at: at(14),
            ..ok
        };
        assert_eq!(empty_vote.misordered_field(), Some("schedule.voting_close_at"));
    }
}
