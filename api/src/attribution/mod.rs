//! Attribution: where a campaign's audience comes from. A visitor's first touch of a campaign (a
//! channel, a referral code, or nothing: direct) gets the credit for everything that follows:
//! the sign-up, the first vote, the first contribution, the first pledge. Each step is counted once, in the
//! transaction of the event itself, into the analytics counters; a referred participant's first
//! step pays the referrer once. Accounts, contributions and votes call the hooks here; `reach`
//! manages the codes, `insight` reads the results.

pub mod codes;
pub mod repo;
mod visits;

use chrono::NaiveDateTime;

use crate::campaigns::repo::CampaignRow;
use crate::counters::{self, Delta, Metric, Scope, segments};
use crate::db::{DbConnection, Writes};
use crate::domain::PointsSource;
use crate::error::ApiError;
use crate::events::catalogue::ReferralConvertedData;
use crate::events::{self, Event, EventType};
use crate::ledger::{self, Grant};
use repo::{FirstStep, ParticipantRow, SourceRow, VisitorRow};
pub use visits::{VisitOutcome, record_visit};

/// The source bucket of referral codes, all together.
pub const REFERRAL: &str = "referral";
/// The source bucket of visitors who came without a code.
pub const DIRECT: &str = "direct";

/// The source bucket a first touch is counted under: a channel's id, all referral codes
/// together, or direct.
pub fn bucket_of(source: Option<&SourceRow>) -> String {
    match source {
        Some(source) if source.referrer_id.is_some() => REFERRAL.to_owned(),
        Some(source) => source.id.clone(),
        None => DIRECT.to_owned(),
    }
}

pub(crate) fn day_of(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// The deltas of one step, counted for the day, the source, and the referral code if any.
pub(crate) fn step(source: Option<&SourceRow>, at: NaiveDateTime, metric: Metric) -> Vec<Delta> {
    let mut changes = vec![
        Delta::new(Scope::Day, day_of(at), metric, 1),
        Delta::new(Scope::Source, bucket_of(source), metric, 1),
    ];
    if let Some(source) = source.filter(|source| source.referrer_id.is_some()) {
        changes.push(Delta::new(Scope::Referrer, source.id.clone(), metric, 1));
    }
    changes
}

/// The source a code names, if it belongs to `campaign_id`.
pub(crate) fn source_in(
    conn: &mut DbConnection,
    campaign_id: &str,
    code: Option<&str>,
) -> Result<Option<SourceRow>, ApiError> {
    let Some(code) = code else { return Ok(None) };
    Ok(repo::source_by_code(conn, code)?.filter(|source| source.campaign_id == campaign_id))
}

pub(crate) fn source_by_id(conn: &mut DbConnection, id: Option<&str>) -> Result<Option<SourceRow>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    Ok(repo::sources_by_id(conn, &[id.to_owned()])?.pop())
}

/// Records the visitor's first touch (unless they touched the campaign before); returns the
/// visitor as stored and whether the touch was new.
pub(crate) fn touch(
    conn: &mut DbConnection,
    campaign_id: &str,
    visitor_id: &str,
    source: Option<&SourceRow>,
    user_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<(VisitorRow, bool), ApiError> {
    let row = VisitorRow {
        campaign_id: campaign_id.to_owned(),
        visitor_id: visitor_id.to_owned(),
        source_id: source.map(|source| source.id.clone()),
        user_id: user_id.map(str::to_owned),
        first_seen_at: now,
    };
    if repo::insert_visitor(conn, &row)? {
        counters::record(conn, campaign_id, &step(source, now, Metric::Visitors))?;
        return Ok((row, true));
    }
    if let Some(user_id) = user_id {
        repo::link_visitor(conn, campaign_id, visitor_id, user_id)?;
    }
    let stored = repo::visitor(conn, campaign_id, visitor_id)?
        .ok_or_else(|| ApiError::internal("a recorded visitor vanished"))?;
    Ok((stored, false))
}

/// Adds `user_id` to the campaign's known audience unless they are in it already, credited to
/// `source` (never to their own referral code). One statement when they are in it already: the
/// vote and contribution paths call this every time.
pub(crate) fn join(
    conn: &mut DbConnection,
    campaign_id: &str,
    user_id: &str,
    source: Option<&SourceRow>,
    first_touch_at: Option<NaiveDateTime>,
    signed_up: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let source = source.filter(|source| source.referrer_id.as_deref() != Some(user_id));
    let row = ParticipantRow {
        campaign_id: campaign_id.to_owned(),
        user_id: user_id.to_owned(),
        source_id: source.map(|source| source.id.clone()),
        first_touch_at,
        joined_at: now,
        signed_up,
        first_vote_at: None,
        first_contribution_at: None,
        first_pledge_at: None,
        first_task_at: None,
        voter_segments: None,
    };
    if !repo::insert_participant(conn, &row)? {
        return Ok(());
    }
    let mut changes = step(source, now, Metric::Registered);
    if signed_up {
        changes.extend(step(source, now, Metric::SignUps));
    }
    Ok(counters::record(conn, campaign_id, &changes)?)
}

/// Credits a new account to the campaign it came from: the one its `via` code belongs to, or
/// else the one its visitor id touched last; within it, to the visitor's first touch.
pub fn on_sign_up(
    conn: &mut DbConnection,
    user_id: &str,
    via: Option<&str>,
    visitor_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let via_source = match via {
        Some(code) => repo::source_by_code(conn, code)?,
        None => None,
    };
    let (campaign_id, first) = match (via_source, visitor_id) {
        (Some(source), Some(visitor_id)) => {
            let campaign_id = source.campaign_id.clone();
            let (visitor, _) = touch(conn, &campaign_id, visitor_id, Some(&source), Some(user_id), now)?;
            let first = source_by_id(conn, visitor.source_id.as_deref())?;
            (campaign_id, first.map(|first| (first, visitor.first_seen_at)))
        }
        (Some(source), None) => (source.campaign_id.clone(), Some((source, now))),
        (None, Some(visitor_id)) => {
            let Some(visitor) = repo::latest_visit_of(conn, visitor_id)? else {
                return Ok(());
            };
            repo::link_visitor(conn, &visitor.campaign_id, visitor_id, user_id)?;
            let first = source_by_id(conn, visitor.source_id.as_deref())?;
            (
                visitor.campaign_id,
                first.map(|first| (first, visitor.first_seen_at)),
            )
        }
        (None, None) => return Ok(()),
    };
    let (source, touched_at) = match first {
        Some((source, at)) => (Some(source), Some(at)),
        None => (None, None),
    };
    join(
        conn,
        &campaign_id,
        user_id,
        source.as_ref(),
        touched_at,
        true,
        now,
    )?;
    Ok(())
}

/// A participant's first step into taking part (their first vote or first contribution): counts
/// them, and pays whoever referred them.
fn took_part(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    row: &ParticipantRow,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let source = source_by_id(conn, row.source_id.as_deref())?;
    let mut changes = step(source.as_ref(), now, Metric::Participants);
    if let Some(referrer) = source.as_ref().and_then(|source| source.referrer_id.as_deref()) {
        changes.extend(step(source.as_ref(), now, Metric::Conversions));
        ledger::grant_once(
            conn,
            Grant {
                user_id: referrer,
                organization_id: Some(&campaign.organization_id),
                campaign_id: Some(&campaign.id),
                source: PointsSource::ReferralConverted,
                source_id: &format!("{}:{}", campaign.id, row.user_id),
                points: campaign.points_per_referral,
            },
            now,
        )?;
        events::record(
            conn,
            Event::new(
                EventType::ReferralConverted,
                &row.user_id,
                ReferralConvertedData {
                    referrer_id: referrer.to_owned(),
                    invitee_id: row.user_id.clone(),
                    points: campaign.points_per_referral,
                },
            )
            .of_campaign(&campaign.organization_id, &campaign.id)
            .by(&row.user_id),
            now,
        )?;
    }
    Ok(counters::record(conn, &campaign.id, &changes)?)
}

/// A new ballot by `voter` (cast in the caller's transaction): counts the vote, and the voter's
/// first vote in the campaign. `voted_here`: the caller read under the voter's ballot lock that
/// their first vote is on record already (it never goes away); then they are a participant with
/// no first step left to mark, and only the day's count changes (two statements fewer on every
/// later vote). The day's count goes into `writes`, sent with the ballot; a first vote's
/// bookkeeping, which decides on what it reads, is written at once.
pub fn on_vote<'a>(
    conn: &mut DbConnection,
    writes: &mut Writes<'a>,
    campaign: &CampaignRow,
    voter: &str,
    voter_segments: Option<&str>,
    voted_here: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if !voted_here {
        join(conn, &campaign.id, voter, None, None, false, now)?;
    }
    counters::record(
        writes,
        &campaign.id,
        &[Delta::new(Scope::Day, day_of(now), Metric::Votes, 1)],
    )?;
    if voted_here || !repo::mark_first(conn, &campaign.id, voter, FirstStep::Vote, now)? {
        return Ok(());
    }
    // Read after the update: a parallel first contribution has either committed (and is seen
    // here) or waits for this row and will see this vote.
    let row = repo::participant(conn, &campaign.id, voter)?
        .ok_or_else(|| ApiError::internal("a recorded participant vanished"))?;
    let source = source_by_id(conn, row.source_id.as_deref())?;
    counters::record(conn, &campaign.id, &step(source.as_ref(), now, Metric::Voters))?;
    segments::first_vote(conn, &campaign.id, voter_segments)?;
    if let Some(segments) = voter_segments {
        repo::set_voter_segments(conn, &campaign.id, voter, segments)?;
    }
    if is_first_step(&row) {
        took_part(conn, campaign, &row, now)?;
    }
    Ok(())
}

/// A new contribution by `author` (submitted in the caller's transaction).
pub fn on_contribution(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    author: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    join(conn, &campaign.id, author, None, None, false, now)?;
    counters::record(
        conn,
        &campaign.id,
        &[Delta::new(Scope::Day, day_of(now), Metric::Contributions, 1)],
    )?;
    if !repo::mark_first(conn, &campaign.id, author, FirstStep::Contribution, now)? {
        return Ok(());
    }
    let row = repo::participant(conn, &campaign.id, author)?
        .ok_or_else(|| ApiError::internal("a recorded participant vanished"))?;
    let source = source_by_id(conn, row.source_id.as_deref())?;
    counters::record(
        conn,
        &campaign.id,
        &step(source.as_ref(), now, Metric::Contributors),
    )?;
    if is_first_step(&row) {
        took_part(conn, campaign, &row, now)?;
    }
    Ok(())
}

/// A contribution submitted at `submitted_at` was withdrawn: it no longer counts among that
/// day's contributions (its author still counts as a contributor: they took part).
pub fn on_withdrawal(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    submitted_at: NaiveDateTime,
) -> Result<(), ApiError> {
    counters::record(
        conn,
        &campaign.id,
        &[Delta::new(
            Scope::Day,
            day_of(submitted_at),
            Metric::Contributions,
            -1,
        )],
    )?;
    Ok(())
}

/// A new pledge by `backer` (made in the caller's transaction): counts the backer once, and
/// their first step into taking part. Returns the first touch the pledge is credited to (a
/// channel or referral code), for the money-per-channel analytics.
pub fn on_pledge(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    backer: &str,
    now: NaiveDateTime,
) -> Result<Option<String>, ApiError> {
    join(conn, &campaign.id, backer, None, None, false, now)?;
    let first = repo::mark_first(conn, &campaign.id, backer, FirstStep::Pledge, now)?;
    let row = repo::participant(conn, &campaign.id, backer)?
        .ok_or_else(|| ApiError::internal("a recorded participant vanished"))?;
    if first {
        let source = source_by_id(conn, row.source_id.as_deref())?;
        counters::record(conn, &campaign.id, &step(source.as_ref(), now, Metric::Backers))?;
        if is_first_step(&row) {
            took_part(conn, campaign, &row, now)?;
        }
    }
    Ok(row.source_id)
}

/// A worker's answer (given in the caller's transaction): counts the worker once, at their
/// first answer, toward their first touch's channel, and their first step into taking part.
pub fn on_task(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    worker: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    join(conn, &campaign.id, worker, None, None, false, now)?;
    if !repo::mark_first(conn, &campaign.id, worker, FirstStep::Task, now)? {
        return Ok(());
    }
    let row = repo::participant(conn, &campaign.id, worker)?
        .ok_or_else(|| ApiError::internal("a recorded participant vanished"))?;
    let source = source_by_id(conn, row.source_id.as_deref())?;
    counters::record(conn, &campaign.id, &step(source.as_ref(), now, Metric::Workers))?;
    if is_first_step(&row) {
        took_part(conn, campaign, &row, now)?;
    }
    Ok(())
}

/// Whether the step just marked on `row` is the participant's first of voting, contributing and
/// pledging (read after the step's own update, so exactly one is set then).
fn is_first_step(row: &ParticipantRow) -> bool {
    [
        row.first_vote_at,
        row.first_contribution_at,
        row.first_pledge_at,
        row.first_task_at,
    ]
    .iter()
    .filter(|at| at.is_some())
    .count()
        == 1
}
