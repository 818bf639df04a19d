//! Finalizing awards: winners from the declared rules. Finalizing reads the final combined ranking
//! (public and jury by the declared weight; invalidated votes are already out of the scores;
//! only published entries rank), gives each rank its prize tier, lets ties share the tiers they
//! span (see [`super::split`]) and splits each award among its recipients. Finalizing twice,
//! even in parallel, creates nothing new.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;

use super::awards::respond;
use super::awards_repo::{self as repo, AwardRow, SplitRow};
use super::dto::AwardResponse;
use super::split;
use crate::campaigns::repo::{self as campaigns_repo, CampaignRow, TierRow};
use crate::campaigns::view as campaigns;
use crate::contributions::repo::{self as contributions, AuthorRow, ContributionRow};
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::domain::{AwardStatus, Phase, SplitReason};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::AwardsFinalizedData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::organizations::access::require_manager;
use crate::scores;
use crate::scores::repo::{self as scores_repo, RankBy, ScoreRow};

/// Finalizes a campaign's awards; returns them and whether this call created them.
pub fn finalize(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    now: NaiveDateTime,
) -> Result<(Vec<AwardResponse>, bool), ApiError> {
    // The ranking must include every vote cast: fold what is still pending first.
    while scores::fold::fold_pending(conn)? > 0 {}
    write_transaction(conn, |conn| create_within(conn, actor, campaign_key, now))
}

/// What finalizing would create now, without creating it: the same code path in a transaction
/// that is always rolled back, so the preview cannot differ from the real thing (only the ids
/// will). Once finalized, the awards as they are.
pub fn preview(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    now: NaiveDateTime,
) -> Result<Vec<AwardResponse>, ApiError> {
    /// Why the preview's transaction ends: always a rollback, carrying the outcome.
    enum Rollback {
        Preview(Vec<AwardResponse>),
        Failed(ApiError),
    }
    impl From<diesel::result::Error> for Rollback {
        fn from(error: diesel::result::Error) -> Self {
            Rollback::Failed(error.into())
        }
    }
    while scores::fold::fold_pending(conn)? > 0 {}
    let outcome: Result<std::convert::Infallible, Rollback> = write_transaction(conn, |conn| {
        Err(match create_within(conn, actor, campaign_key, now) {
            Ok((awards, _)) => Rollback::Preview(awards),
            Err(error) => Rollback::Failed(error),
        })
    });
    match outcome {
        Err(Rollback::Preview(awards)) => Ok(awards),
        Err(Rollback::Failed(error)) => Err(error),
        Ok(never) => match never {},
    }
}

/// [`finalize`] inside the caller's transaction.
fn create_within(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    now: NaiveDateTime,
) -> Result<(Vec<AwardResponse>, bool), ApiError> {
    {
        let (campaign, role) = campaigns::for_participation(conn, Some(actor), campaign_key)?;
        require_manager(role)?;
        let guaranteed = match campaigns::phase_of(&campaign, now) {
            Phase::Judging | Phase::Closed => false,
            Phase::Cancelled if guarantee_applies(&campaign) => true,
            Phase::Cancelled => {
                return Err(ApiError::new(
                    ErrorCode::NothingToAward,
                    "this campaign was cancelled without a guaranteed prize (or before submissions opened): it awards nothing",
                ));
            }
            _ => {
                return Err(ApiError::new(
                    ErrorCode::VotingNotOver,
                    "awards are finalized once voting has closed",
                ));
            }
        };
        // Parallel finalizations queue here; the second finds the first one's awards.
        lock_key(conn, &format!("awards:{}", campaign.id))?;
        let existing = repo::of_campaign(conn, &campaign.id)?;
        if !existing.is_empty() {
            return Ok((respond(conn, existing)?, false));
        }
        let tiers = campaigns_repo::tiers_of(conn, std::slice::from_ref(&campaign.id))?;
        let planned = match guaranteed {
            false => ranked_plan(conn, &campaign, &tiers)?,
            true => guaranteed_plan(conn, &campaign, &tiers)?,
        };
        let awards = build(conn, &campaign, &tiers, planned, now)?;
        for (award, award_splits) in &awards {
            repo::insert(conn, award, award_splits)?;
        }
        let mut recipient_ids: Vec<String> = awards
            .iter()
            .flat_map(|(_, splits)| splits.iter().map(|split| split.user_id.clone()))
            .collect();
        recipient_ids.sort();
        recipient_ids.dedup();
        let data = AwardsFinalizedData {
            award_ids: awards.iter().map(|(award, _)| award.id.clone()).collect(),
            recipient_ids,
        };
        events::record(
            conn,
            Event::new(EventType::AwardsFinalized, &campaign.id, data)
                .of_campaign(&campaign.organization_id, &campaign.id)
                .by(actor),
            now,
        )?;
        let rows = awards.into_iter().map(|(award, _)| award).collect();
        Ok((respond(conn, rows)?, true))
    }
}

/// An award to be made: contribution, rank, title, amount in minor units, points.
type Planned = (String, i32, String, i64, i32);

/// A guaranteed prize applies to a cancelled campaign that promised one and had opened for
/// submissions (a campaign cancelled before anyone could take part owes nobody).
fn guarantee_applies(campaign: &CampaignRow) -> bool {
    campaign.guaranteed_prize
        && matches!(
            (campaign.cancelled_at, campaign.submissions_open_at),
            (Some(cancelled), Some(opened)) if cancelled >= opened
        )
}

/// The whole prize pool (every rank of every tier), shared evenly by all published entries,
/// the odd units to the earlier submissions.
fn guaranteed_plan(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    tiers: &[TierRow],
) -> Result<Vec<Planned>, ApiError> {
    let ranks = |tier: &TierRow| i64::from(tier.rank_to - tier.rank_from + 1);
    let pool_amount: i64 = tiers.iter().map(|tier| tier.amount_minor * ranks(tier)).sum();
    let pool_points: i64 = tiers
        .iter()
        .map(|tier| i64::from(tier.points) * ranks(tier))
        .sum();
    let mut ids = contributions::public_ids(conn, &campaign.id)?;
    ids.sort();
    let amounts = split::share_equally(pool_amount, ids.len());
    let points = split::share_equally(pool_points, ids.len());
    Ok(ids
        .into_iter()
        .zip(amounts.into_iter().zip(points))
        .filter(|(_, (amount, points))| *amount > 0 || *points > 0)
        .map(|(id, (amount, points))| {
            (
                id,
                1,
                "Guaranteed prize".to_owned(),
                amount,
                i32::try_from(points).unwrap_or(i32::MAX),
            )
        })
        .collect())
}

/// What the final ranking and the tiers give: each rank its tier, ties sharing what they span.
fn ranked_plan(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    tiers: &[TierRow],
) -> Result<Vec<Planned>, ApiError> {
    let last_prized_rank = tiers.iter().map(|tier| tier.rank_to).max().unwrap_or(0);
    let ranked: Vec<ScoreRow> = scores_repo::ranked(
        conn,
        &campaign.id,
        RankBy::Combined,
        None,
        i64::from(last_prized_rank) + 10_000,
    )?
    .into_iter()
    .map(|(score, _title)| score)
    .collect();
    let prize = |rank: i32| {
        tiers
            .iter()
            .find(|tier| tier.rank_from <= rank && rank <= tier.rank_to)
    };
    let mut planned: Vec<Planned> = Vec::new();
    let mut position = 1i32;
    let mut index = 0;
    while index < ranked.len() && position <= last_prized_rank {
        // A tie group: equal combined scores, already ordered earliest submission first.
        let score = ranked[index].combined_score;
        let group: Vec<&str> = ranked[index..]
            .iter()
            .take_while(|row| row.combined_score == score)
            .map(|row| row.contribution_id.as_str())
            .collect();
        let size = i32::try_from(group.len()).unwrap_or(i32::MAX);
        let spanned: Vec<&TierRow> = (position..position.saturating_add(size))
            .filter_map(prize)
            .collect();
        let pool_amount: i64 = spanned.iter().map(|tier| tier.amount_minor).sum();
        let pool_points: i64 = spanned.iter().map(|tier| i64::from(tier.points)).sum();
        let mut titles: Vec<&str> = spanned.iter().map(|tier| tier.title.as_str()).collect();
        titles.dedup();
        let amounts = split::share_equally(pool_amount, group.len());
        let points = split::share_equally(pool_points, group.len());
        for ((id, amount), points) in group.iter().zip(amounts).zip(points) {
            if amount > 0 || points > 0 {
                let points = i32::try_from(points).unwrap_or(i32::MAX);
                planned.push(((*id).to_owned(), position, titles.join(" / "), amount, points));
            }
        }
        index += group.len();
        position = position.saturating_add(size);
    }
    Ok(planned)
}

/// The awards of `planned`, each split among its recipients.
fn build(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    tiers: &[TierRow],
    planned: Vec<Planned>,
    now: NaiveDateTime,
) -> Result<Vec<(AwardRow, Vec<SplitRow>)>, ApiError> {
    let currency = tiers
        .first()
        .map(|tier| tier.currency.clone())
        .unwrap_or_default();

    let ids: Vec<String> = planned.iter().map(|(id, ..)| id.clone()).collect();
    let entries: HashMap<String, ContributionRow> = contributions::find_many(conn, &ids)?
        .into_iter()
        .map(|row| (row.id.clone(), row))
        .collect();
    let mut lineage: Vec<String> = ids.clone();
    lineage.extend(entries.values().filter_map(|row| row.parent_id.clone()));
    let mut authors: HashMap<String, Vec<AuthorRow>> = HashMap::new();
    let submitters: HashMap<String, String> = contributions::find_many(conn, &lineage)?
        .into_iter()
        .map(|row| (row.id, row.submitter_id))
        .collect();
    for author in contributions::authors_of(conn, &lineage)? {
        authors
            .entry(author.contribution_id.clone())
            .or_default()
            .push(author);
    }
    let remix_percent = u64::try_from(campaign.remix_credit_percent.clamp(0, 50)).unwrap_or(0);

    let mut awards = Vec::new();
    for (contribution_id, rank, title, amount, points) in planned {
        let award_id = new_id();
        let Some(entry) = entries.get(&contribution_id) else {
            continue;
        };
        let parent = entry.parent_id.as_ref().filter(|_| remix_percent > 0);
        let mut recipients: Vec<(String, SplitReason, u64)> = Vec::new();
        let own_weight = if parent.is_some() {
            100 - remix_percent
        } else {
            100
        };
        for (user, share) in accepted_shares(&authors, &submitters, &contribution_id) {
            recipients.push((user, SplitReason::Author, share * own_weight));
        }
        if let Some(parent) = parent {
            for (user, share) in accepted_shares(&authors, &submitters, parent) {
                recipients.push((user, SplitReason::RemixParent, share * remix_percent));
            }
        }
        let weights: Vec<u64> = recipients.iter().map(|(_, _, weight)| *weight).collect();
        let amounts = split::by_weight(amount, &weights);
        let point_parts = split::by_weight(i64::from(points), &weights);
        let award_splits = recipients
            .into_iter()
            .zip(amounts.into_iter().zip(point_parts))
            .filter(|(_, (amount, points))| *amount > 0 || *points > 0)
            .map(|((user_id, reason, _), (amount_minor, points))| SplitRow {
                award_id: award_id.clone(),
                user_id,
                reason,
                amount_minor,
                points: i32::try_from(points).unwrap_or(i32::MAX),
            })
            .collect();
        awards.push((
            AwardRow {
                id: award_id,
                campaign_id: campaign.id.clone(),
                contribution_id,
                rank,
                title,
                amount_minor: amount,
                currency: currency.clone(),
                points,
                status: AwardStatus::Pending,
                created_at: now,
                updated_at: now,
            },
            award_splits,
        ));
    }
    Ok(awards)
}

/// A contribution's authors and their shares in basis points, larger shares first: a share a
/// co-author has not accepted stays with the submitter.
fn accepted_shares(
    authors: &HashMap<String, Vec<AuthorRow>>,
    submitters: &HashMap<String, String>,
    contribution_id: &str,
) -> Vec<(String, u64)> {
    let submitter = submitters.get(contribution_id).cloned().unwrap_or_default();
    let mut shares: BTreeMap<String, u64> = BTreeMap::new();
    for author in authors.get(contribution_id).into_iter().flatten() {
        let share = u64::try_from(author.share_bp).unwrap_or(0);
        let holder = if author.accepted_at.is_some() {
            author.user_id.clone()
        } else {
            submitter.clone()
        };
        *shares.entry(holder).or_default() += share;
    }
    let mut list: Vec<(String, u64)> = shares.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}
