//! Voting rules: only while the campaign takes votes, only eligible voters, never on one's own
//! entry unless the campaign allows it, values within the method's range, a budget that holds
//! under parallel requests; one vote per voter and contribution; jurors vote on the jury's
//! ballot. Scores follow through [`super::scores`]; hidden tallies stay hidden.

use chrono::NaiveDateTime;

use super::dto::{LeaderboardEntry, MyVotesResponse, VoteResponse};
use super::repo::{self, VoteRow};
use super::signals::VoteSignals;
use crate::attribution;
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::contributions::repo as contributions;
use crate::contributions::view::{Seen, visible_to_locking};
use crate::counters::segments;
use crate::db::{DbConnection, Writer, Writes, write_transaction};
use crate::domain::{Phase, PointsSource, Role, VotingMethod};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::events::catalogue::VoteEventData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::ledger::{self, Grant};
use crate::pagination::KeyedPage;
use crate::scores;
use crate::scores::standings::{RankBy, Standing, ranked_page, require_tallies_visible};

fn require_voting_open(campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    match campaigns::phase_of(campaign, now) {
        Phase::Voting => Ok(()),
        Phase::Submission if campaign.vote_during_submission => Ok(()),
        phase => Err(
            ApiError::new(ErrorCode::VotingClosed, "voting is not open for this campaign")
                .param("phase", phase.as_str()),
        ),
    }
}

/// Checks `value` against the campaign's method (the budget is checked against what is left).
fn check_value(method: VotingMethod, campaign: &CampaignRow, value: i32) -> Result<(), ApiError> {
    let ok = match method {
        VotingMethod::Upvote => value == 1,
        VotingMethod::Updown => value == 1 || value == -1,
        VotingMethod::Stars => (1..=5).contains(&value),
        VotingMethod::Budget => value >= 1 && value <= campaign.vote_budget.unwrap_or(0),
    };
    if ok {
        return Ok(());
    }
    let (expected, min, max) = match method {
        VotingMethod::Upvote => ("1 (an upvote)".to_owned(), 1, 1),
        VotingMethod::Updown => ("1 or -1".to_owned(), -1, 1),
        VotingMethod::Stars => ("1 to 5 stars".to_owned(), 1, 5),
        VotingMethod::Budget => {
            let budget = campaign.vote_budget.unwrap_or(0);
            (format!("1 to {budget} points"), 1, budget)
        }
    };
    Err(ApiError::fields(vec![
        FieldError::new(
            "value",
            ErrorCode::VoteValueInvalid,
            format!("this campaign takes {expected}"),
        )
        .param("method", method.as_str())
        .param("min", min)
        .param("max", max),
    ]))
}

/// Casts or changes `voter`'s vote on a contribution.
pub fn cast(
    conn: &mut DbConnection,
    voter: &str,
    contribution_id: &str,
    value: i32,
    signals: VoteSignals,
    now: NaiveDateTime,
) -> Result<VoteResponse, ApiError> {
    write_transaction(conn, |conn| {
        let Seen {
            row: contribution,
            campaign,
            role,
            by_viewer,
        } = visible_taking_voter_locks(conn, voter, contribution_id)?;
        if !contribution.status.is_public() {
            return Err(ApiError::new(
                ErrorCode::VoteTargetNotPublic,
                "only published contributions take votes",
            ));
        }
        require_voting_open(&campaign, now)?;
        crate::invitations::require_eligible(conn, &campaign, voter, role)?;
        if !campaign.allow_self_vote && shares_in(conn, &contribution, by_viewer, voter)? {
            return Err(ApiError::new(
                ErrorCode::SelfVote,
                "this campaign does not let authors vote for their own contributions (nor for remixes of them)",
            ));
        }
        let method = campaign.voting_method;
        check_value(method, &campaign, value)?;
        // Read under the voter's locks, taken as the entry was read.
        let juror = role == Some(Role::Juror);
        let repo::VoterState {
            profile,
            ballot: existing,
            voted_here,
        } = repo::voter_state(conn, &campaign.id, &contribution.id, voter)?
            .ok_or_else(|| ApiError::new(ErrorCode::AuthAccountGone, "this account no longer exists"))?;
        if let Some(vote) = &existing {
            require_standing(vote, role)?;
        }
        if let Some(budget) = campaign.vote_budget.filter(|_| method == VotingMethod::Budget) {
            let spent = repo::budget_spent(conn, &campaign.id, voter)?;
            let left = i64::from(budget) - spent + existing.as_ref().map_or(0, |vote| i64::from(vote.value));
            if i64::from(value) > left {
                return Err(ApiError::new(
                    ErrorCode::VoteBudgetExceeded,
                    format!("you have {left} of your {budget} points left to give"),
                )
                .param("left", left)
                .param("budget", budget));
            }
        }
        // The ballot, its score and counter deltas and its event go to the database together, in
        // one statement on PostgreSQL ([`Writes`]); nothing in this transaction reads them back.
        let vote = match existing {
            Some(vote) => {
                let mut writes = Writes::new();
                repo::change_value(
                    &mut writes,
                    &vote.id,
                    value,
                    (signals.network_hash, signals.device_hash),
                    now,
                )?;
                ballot_changed(&mut writes, &vote, Some(vote.value), Some(value))?;
                if vote.value != value {
                    record(
                        &mut writes,
                        EventType::VoteChanged,
                        &vote,
                        Some(value),
                        &campaign.organization_id,
                        now,
                    )?;
                }
                writes.send(conn)?;
                VoteRow {
                    value,
                    updated_at: now,
                    ..vote
                }
            }
            None => {
                let vote = VoteRow {
                    id: new_id(),
                    campaign_id: campaign.id.clone(),
                    contribution_id: contribution.id.clone(),
                    voter_id: voter.to_owned(),
                    jury: role == Some(Role::Juror),
                    value,
                    network_hash: signals.network_hash,
                    device_hash: signals.device_hash,
                    created_at: now,
                    updated_at: now,
                    invalidation_id: None,
                    // The crowd's taste: jurors are not the target group.
                    segments: (!juror).then(|| segments::of_voter(&profile, now)).flatten(),
                };
                let mut writes = Writes::new();
                repo::insert(&mut writes, &vote)?;
                ballot_changed(&mut writes, &vote, None, Some(value))?;
                attribution::on_vote(
                    conn,
                    &mut writes,
                    &campaign,
                    voter,
                    vote.segments.as_deref(),
                    voted_here,
                    now,
                )?;
                record(
                    &mut writes,
                    EventType::VoteCast,
                    &vote,
                    Some(value),
                    &campaign.organization_id,
                    now,
                )?;
                writes.send(conn)?;
                vote
            }
        };
        // Once per voter and contribution, however often the vote changes or comes back.
        ledger::grant_once(
            conn,
            Grant {
                user_id: voter,
                organization_id: Some(&campaign.organization_id),
                campaign_id: Some(&campaign.id),
                source: PointsSource::VoteCast,
                source_id: &contribution.id,
                points: campaign.points_per_vote,
            },
            now,
        )?;
        Ok(respond(vote))
    })
}

/// Takes `voter`'s vote on a contribution back (nothing happens if there is none).
pub fn retract(
    conn: &mut DbConnection,
    voter: &str,
    contribution_id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let Seen {
            row: contribution,
            campaign,
            role,
            ..
        } = visible_taking_voter_locks(conn, voter, contribution_id)?;
        require_voting_open(&campaign, now)?;
        // Read under the locks: a withdrawal of consent that erased this ballot's segments has
        // committed, so the counters lose them once.
        let Some(vote) = repo::find(conn, &contribution.id, voter)? else {
            return Ok(());
        };
        require_standing(&vote, role)?;
        let mut writes = Writes::new();
        repo::delete(&mut writes, &vote.id)?;
        ballot_changed(&mut writes, &vote, Some(vote.value), None)?;
        record(
            &mut writes,
            EventType::VoteRetracted,
            &vote,
            None,
            &campaign.organization_id,
            now,
        )?;
        Ok(writes.send(conn)?)
    })
}

/// The lock a voter's ballots in a campaign change under: one voter's parallel votes queue on it,
/// so the budget and the one-vote rule hold.
pub(super) fn ballot_lock(campaign_id: &str, voter: &str) -> String {
    let (prefix, suffix) = ballot_lock_around(voter);
    format!("{prefix}{campaign_id}{suffix}")
}

/// [`ballot_lock`]'s key around a campaign id: what goes before it and after it.
fn ballot_lock_around(voter: &str) -> (&'static str, String) {
    ("vote:", format!(":{voter}"))
}

/// The entry `voter` may see, read while taking their locks, in this order: the ballot lock of
/// its campaign, then the lock their research profile is read and erased under (so a ballot
/// carries no segments the voter has just withdrawn, and a retraction takes back the segments
/// a withdrawal has not). Both come with the read, no round trip of their own; what they guard
/// is read in later statements. (Jurors' ballots carry no segments; they take the profile lock
/// all the same, which only a change of their own research consent waits on.)
fn visible_taking_voter_locks(
    conn: &mut DbConnection,
    voter: &str,
    contribution_id: &str,
) -> Result<Seen, ApiError> {
    let (prefix, suffix) = ballot_lock_around(voter);
    visible_to_locking(
        conn,
        voter,
        contribution_id,
        (prefix, &suffix),
        &segments::profile_lock(voter),
    )
}

/// Whether `voter` shares in `contribution`'s prize: one of its authors (`by_voter`, read with
/// the entry), or of the entry it remixes (whose authors share a remix's award).
fn shares_in(
    conn: &mut DbConnection,
    contribution: &contributions::ContributionRow,
    by_voter: bool,
    voter: &str,
) -> Result<bool, ApiError> {
    if by_voter {
        return Ok(true);
    }
    Ok(match &contribution.parent_id {
        Some(parent) => contributions::find_author(conn, parent, voter)?.is_some(),
        None => false,
    })
}

/// A vote changes only as it was cast: an invalidation holds for that voter and contribution
/// (retracting and voting again would bring it back), and a jury ballot belongs to a juror of
/// the organization now, not to whoever once was one.
fn require_standing(vote: &VoteRow, role: Option<Role>) -> Result<(), ApiError> {
    if vote.invalidation_id.is_some() {
        return Err(ApiError::new(
            ErrorCode::VoteInvalidated,
            "the organisers invalidated this vote; it cannot change or be cast again",
        ));
    }
    if vote.jury && role != Some(Role::Juror) {
        return Err(ApiError::new(
            ErrorCode::JuryBallotNotYours,
            "this ballot was cast on the jury, and you are no longer a juror",
        ));
    }
    Ok(())
}

/// Records a vote's event (`value`: the value now, `None` once retracted).
fn record<'a>(
    to: &mut impl Writer<'a>,
    event_type: EventType,
    vote: &VoteRow,
    value: Option<i32>,
    organization_id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let data = VoteEventData {
        contribution_id: vote.contribution_id.clone(),
        voter_id: vote.voter_id.clone(),
        value,
        jury: vote.jury,
    };
    events::record(
        to,
        Event::new(event_type, &vote.id, data)
            .of_campaign(organization_id, &vote.campaign_id)
            .by(&vote.voter_id),
        now,
    )?;
    Ok(())
}

/// A counted ballot went from `before` to `after`: the score and the segment counters follow.
pub(super) fn ballot_changed<'a>(
    to: &mut impl Writer<'a>,
    vote: &'a VoteRow,
    before: Option<i32>,
    after: Option<i32>,
) -> Result<(), ApiError> {
    scores::record_change(to, &vote.contribution_id, vote.jury, before, after)?;
    if !vote.jury {
        // The crowd's taste: jurors are not the target group.
        segments::ballot_changed(
            to,
            &vote.campaign_id,
            &vote.contribution_id,
            vote.segments.as_deref(),
            before,
            after,
        )?;
    }
    Ok(())
}

fn respond(vote: VoteRow) -> VoteResponse {
    VoteResponse {
        invalidated: vote.invalidation_id.is_some(),
        created_at: vote.created_at.and_utc(),
        updated_at: vote.updated_at.and_utc(),
        id: vote.id,
        contribution_id: vote.contribution_id,
        value: vote.value,
        jury: vote.jury,
    }
}

pub fn my_votes(
    conn: &mut DbConnection,
    voter: &str,
    campaign_key: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<(MyVotesResponse, Option<String>), ApiError> {
    let (campaign, _) = campaigns::for_participation(conn, Some(voter), campaign_key)?;
    let method = campaign.voting_method;
    let budget = campaign.vote_budget.filter(|_| method == VotingMethod::Budget);
    let remaining = match budget {
        Some(budget) => {
            let spent = repo::budget_spent(conn, &campaign.id, voter)?;
            Some(i32::try_from(i64::from(budget) - spent).unwrap_or(0))
        }
        None => None,
    };
    let rows = repo::of_voter(conn, &campaign.id, voter, after, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |vote| vote.id.clone());
    let response = MyVotesResponse {
        voting_method: method,
        vote_budget: budget,
        remaining_budget: remaining,
        items: page.items.into_iter().map(respond).collect(),
        // Sealed by the handler, which knows the list's address.
        next_cursor: None,
    };
    Ok((response, page.next_key))
}

pub fn leaderboard(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    after: Option<&str>,
    limit: usize,
    now: NaiveDateTime,
) -> Result<KeyedPage<LeaderboardEntry>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, campaign_key)?;
    require_tallies_visible(&campaign, role, now)?;
    let ranked = ranked_page(conn, &campaign, RankBy::Combined, after, limit)?;
    Ok(ranked.map(|Standing { rank, score, title }| LeaderboardEntry {
        rank,
        title,
        public_score: score.public_score,
        jury_score: score.jury_score,
        combined_score: score.combined_score,
        vote_count: score.public_count,
        jury_vote_count: score.jury_count,
        contribution_id: score.contribution_id,
    }))
}
