//! Voting rules: only while the campaign takes votes, only eligible voters, never on one's own
//! entry unless the campaign allows it, values within the method's range, a budget that holds
//! under parallel requests; one vote per voter and contribution; jurors vote on the jury's
//! ballot. Scores follow through [`super::scores`]; hidden tallies stay hidden.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{LeaderboardEntry, MyVotesResponse, VoteResponse};
use super::repo::{self, RankBy, ScoreRow, VoteRow};
use super::scores;
use super::signals::VoteSignals;
use crate::campaigns::dto::{Eligibility, VotingMethod};
use crate::campaigns::phase::Phase;
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::service as campaigns;
use crate::contributions::dto::ContributionStatus;
use crate::contributions::repo as contributions;
use crate::contributions::service::visible;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::insight::segments;
use crate::organizations::dto::Role;
use crate::pagination::Page;
use crate::reach::service as reach;
use crate::rewards::dto::PointsSource;
use crate::rewards::ledger::{self, Grant};

/// Separates the parts of a ranking cursor: `score|id|rank`.
const CURSOR_SEPARATOR: char = '|';

fn method_of(campaign: &CampaignRow) -> VotingMethod {
    VotingMethod::parse(&campaign.voting_method).unwrap_or(VotingMethod::Upvote)
}

/// Whether `role` may see counts and order by score now: always for the organization's owners
/// and managers, for everyone else once voting has closed, or always if tallies are not hidden.
pub fn tallies_visible(campaign: &CampaignRow, role: Option<Role>, now: NaiveDateTime) -> bool {
    !campaign.hide_tallies
        || matches!(role, Some(Role::Owner | Role::Manager))
        || matches!(campaigns::phase_of(campaign, now), Phase::Judging | Phase::Closed)
}

pub fn require_tallies_visible(
    campaign: &CampaignRow,
    role: Option<Role>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    match tallies_visible(campaign, role, now) {
        true => Ok(()),
        false => Err(ApiError::forbidden(
            "this campaign hides its tallies until voting closes",
        )),
    }
}

fn require_voting_open(campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    match campaigns::phase_of(campaign, now) {
        Phase::Voting => Ok(()),
        Phase::Submission if campaign.vote_during_submission => Ok(()),
        _ => Err(ApiError::Conflict("voting is not open for this campaign".into())),
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
    let expected = match method {
        VotingMethod::Upvote => "1 (an upvote)".to_owned(),
        VotingMethod::Updown => "1 or -1".to_owned(),
        VotingMethod::Stars => "1 to 5 stars".to_owned(),
        VotingMethod::Budget => format!("1 to {} points", campaign.vote_budget.unwrap_or(0)),
    };
    Err(ApiError::invalid(
        "value",
        format!("this campaign takes {expected}"),
    ))
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
        let (contribution, campaign) = visible(conn, Some(voter), contribution_id)?;
        if !ContributionStatus::parse(&contribution.status).is_public() {
            return Err(ApiError::Conflict(
                "only published contributions take votes".into(),
            ));
        }
        require_voting_open(&campaign, now)?;
        let role = crate::organizations::service::role_of(conn, &campaign.organization_id, voter)?;
        if campaign.eligibility == Eligibility::InviteOnly.as_str() && role.is_none() {
            return Err(ApiError::forbidden(
                "this campaign is open to invited members only",
            ));
        }
        if !campaign.allow_self_vote && contributions::find_author(conn, &contribution.id, voter)?.is_some() {
            return Err(ApiError::forbidden(
                "this campaign does not let authors vote for their own contributions",
            ));
        }
        let method = method_of(&campaign);
        check_value(method, &campaign, value)?;
        // One voter's parallel requests queue here, so the budget and the one-vote rule hold.
        lock_key(conn, &format!("vote:{}:{voter}", campaign.id))?;
        let existing = repo::find(conn, &contribution.id, voter)?;
        if let Some(budget) = campaign.vote_budget.filter(|_| method == VotingMethod::Budget) {
            let spent = repo::budget_spent(conn, &campaign.id, voter)?;
            let left = i64::from(budget) - spent + existing.as_ref().map_or(0, |vote| i64::from(vote.value));
            if i64::from(value) > left {
                return Err(ApiError::Conflict(format!(
                    "you have {left} of your {budget} points left to give"
                )));
            }
        }
        let vote = match existing {
            Some(vote) => {
                repo::change_value(
                    conn,
                    &vote.id,
                    value,
                    (signals.network_hash, signals.device_hash),
                    now,
                )?;
                if vote.invalidation_id.is_none() {
                    ballot_changed(conn, &vote, Some(vote.value), Some(value))?;
                }
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
                    segments: voter_segments(conn, voter, role, now)?,
                };
                repo::insert(conn, &vote)?;
                ballot_changed(conn, &vote, None, Some(value))?;
                reach::on_vote(conn, &campaign, voter, vote.segments.as_deref(), now)?;
                vote
            }
        };
        // Once per voter and contribution, however often the vote changes or comes back.
        ledger::grant_once(
            conn,
            Grant {
                user_id: voter,
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
        let (contribution, campaign) = visible(conn, Some(voter), contribution_id)?;
        require_voting_open(&campaign, now)?;
        lock_key(conn, &format!("vote:{}:{voter}", campaign.id))?;
        let Some(vote) = repo::find(conn, &contribution.id, voter)? else {
            return Ok(());
        };
        repo::delete(conn, &vote.id)?;
        if vote.invalidation_id.is_none() {
            ballot_changed(conn, &vote, Some(vote.value), None)?;
        }
        Ok(())
    })
}

/// A counted ballot went from `before` to `after`: the score and the segment counters follow.
pub(super) fn ballot_changed(
    conn: &mut DbConnection,
    vote: &VoteRow,
    before: Option<i32>,
    after: Option<i32>,
) -> Result<(), ApiError> {
    scores::record_change(conn, &vote.contribution_id, vote.jury, before, after)?;
    if !vote.jury {
        // The crowd's taste: jurors are not the target group.
        segments::ballot_changed(
            conn,
            &vote.campaign_id,
            &vote.contribution_id,
            vote.segments.as_deref(),
            before,
            after,
        )?;
    }
    Ok(())
}

/// The opted-in segments a public ballot is counted under (none for jurors).
fn voter_segments(
    conn: &mut DbConnection,
    voter: &str,
    role: Option<Role>,
    now: NaiveDateTime,
) -> Result<Option<String>, ApiError> {
    if role == Some(Role::Juror) {
        return Ok(None);
    }
    Ok(crate::users::repo::find(conn, voter)?.and_then(|user| segments::of_voter(&user, now)))
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
    after: Option<String>,
    limit: usize,
) -> Result<MyVotesResponse, ApiError> {
    let (campaign, _) = campaigns::for_participation(conn, Some(voter), campaign_key)?;
    let method = method_of(&campaign);
    let budget = campaign.vote_budget.filter(|_| method == VotingMethod::Budget);
    let remaining = match budget {
        Some(budget) => {
            let spent = repo::budget_spent(conn, &campaign.id, voter)?;
            Some(i32::try_from(i64::from(budget) - spent).unwrap_or(0))
        }
        None => None,
    };
    let rows = repo::of_voter(conn, &campaign.id, voter, after.as_deref(), limit as i64 + 1)?;
    let page = Page::from_rows(rows, limit, |vote| vote.id.clone());
    Ok(MyVotesResponse {
        voting_method: method,
        vote_budget: budget,
        remaining_budget: remaining,
        items: page.items.into_iter().map(respond).collect(),
        next_cursor: page.next_cursor,
    })
}

/// Ranked score rows with their ranks, and the cursor of the next page.
pub type RankedPage = (Vec<(i64, ScoreRow)>, Option<String>);

/// Reads a ranking cursor `score|id|rank`; another shape reads as the start.
fn parse_rank_cursor(cursor: Option<&str>) -> Option<(f64, &str, i64)> {
    let mut parts = cursor?.splitn(3, CURSOR_SEPARATOR);
    let score = parts
        .next()?
        .parse::<f64>()
        .ok()
        .filter(|score| score.is_finite())?;
    let id = parts.next()?;
    let rank = parts.next()?.parse::<i64>().ok()?;
    Some((score, id, rank))
}

/// One page of a campaign's public contributions in `by` order, with the rank of each, for a
/// viewer allowed to see the tallies.
pub fn ranked_page(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    by: RankBy,
    after: Option<String>,
    limit: usize,
) -> Result<RankedPage, ApiError> {
    let position = parse_rank_cursor(after.as_deref());
    let rows = repo::ranked(
        conn,
        &campaign.id,
        by,
        position.map(|(score, id, _)| (score, id)),
        limit as i64 + 1,
    )?;
    let first_rank = position.map_or(1, |(_, _, rank)| rank + 1);
    let ranked: Vec<(i64, ScoreRow)> = (first_rank..).zip(rows).collect();
    let page = Page::from_rows(ranked, limit, |(rank, row)| {
        let score = match by {
            RankBy::Combined => row.combined_score,
            RankBy::Hot => row.hot_score,
        };
        format!(
            "{score}{CURSOR_SEPARATOR}{}{CURSOR_SEPARATOR}{rank}",
            row.contribution_id
        )
    });
    Ok((page.items, page.next_cursor))
}

pub fn leaderboard(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    after: Option<String>,
    limit: usize,
    now: NaiveDateTime,
) -> Result<Page<LeaderboardEntry>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, campaign_key)?;
    require_tallies_visible(&campaign, role, now)?;
    let (rows, next_cursor) = ranked_page(conn, &campaign, RankBy::Combined, after, limit)?;
    let ids: Vec<String> = rows.iter().map(|(_, row)| row.contribution_id.clone()).collect();
    let titles: HashMap<String, String> = contributions::find_many(conn, &ids)?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect();
    let items = rows
        .into_iter()
        .map(|(rank, row)| LeaderboardEntry {
            rank,
            title: titles.get(&row.contribution_id).cloned().unwrap_or_default(),
            public_score: row.public_score,
            jury_score: row.jury_score,
            combined_score: row.combined_score,
            vote_count: row.public_count,
            jury_vote_count: row.jury_count,
            contribution_id: row.contribution_id,
        })
        .collect();
    Ok(Page { items, next_cursor })
}
