//! A campaign as it is read: found by id or slug, visible to whom, its phase now, and its
//! response with tiers and organization.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{CampaignResponse, PointsDto, PrizeTierDto, RulesDto, ScheduleDto};
use super::repo::{self, CampaignRow, TierRow};
use crate::db::DbConnection;
use crate::domain::{CampaignStatus, Phase, Role, Schedule, phase_at};
use crate::error::ApiError;
use crate::media::dto::media_url;
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::service as organizations;

pub(crate) fn schedule_of(row: &CampaignRow) -> Option<Schedule> {
    Some(Schedule {
        submissions_open_at: row.submissions_open_at?,
        submissions_close_at: row.submissions_close_at?,
        voting_open_at: row.voting_open_at?,
        voting_close_at: row.voting_close_at?,
    })
}

pub fn phase_of(row: &CampaignRow, now: NaiveDateTime) -> Phase {
    phase_at(row.status, schedule_of(row).as_ref(), now)
}

/// The campaign as `viewer` may see it: drafts exist only for their organization's managers.
pub fn get(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    let row = visible(conn, viewer, key)?;
    respond(conn, vec![row], now)?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded campaign vanished"))
}

pub(super) fn load(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    let row = repo::find(conn, key)?.ok_or_else(no_such_campaign)?;
    respond(conn, vec![row], now)?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded campaign vanished"))
}

pub(super) fn visible(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
) -> Result<CampaignRow, ApiError> {
    let row = repo::find(conn, key)?.ok_or_else(no_such_campaign)?;
    if row.status == CampaignStatus::Draft {
        let role = match viewer {
            Some(user) => role_of(conn, &row.organization_id, user)?,
            None => None,
        };
        admits(&row, role)?;
    }
    Ok(row)
}

/// Whether someone with `role` in the organization may see the campaign at all: a draft's
/// existence is private, so outsiders get the same 404 as for nothing at all.
pub(crate) fn admits(row: &CampaignRow, role: Option<Role>) -> Result<(), ApiError> {
    if row.status == CampaignStatus::Draft {
        require_manager(role).map_err(|_| no_such_campaign())?;
    }
    Ok(())
}

/// A campaign as a participant reaches it: published (drafts are 404 to non-managers), with
/// the organization role of `viewer`.
pub fn for_participation(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
) -> Result<(CampaignRow, Option<Role>), ApiError> {
    let row = visible(conn, viewer, key)?;
    let role = match viewer {
        Some(user) => role_of(conn, &row.organization_id, user)?,
        None => None,
    };
    Ok((row, role))
}

pub(super) struct Parts {
    pub schedule: Option<ScheduleDto>,
    pub rules: RulesDto,
    pub tiers: Vec<PrizeTierDto>,
    pub points: PointsDto,
}

pub(super) fn to_response_parts(row: &CampaignRow, tiers: &[TierRow]) -> Parts {
    Parts {
        schedule: schedule_of(row).map(|s| ScheduleDto {
            submissions_open_at: s.submissions_open_at.and_utc(),
            submissions_close_at: s.submissions_close_at.and_utc(),
            voting_open_at: s.voting_open_at.and_utc(),
            voting_close_at: s.voting_close_at.and_utc(),
        }),
        rules: RulesDto {
            max_contributions_per_member: row.max_contributions_per_member,
            voting_method: row.voting_method,
            vote_budget: row.vote_budget,
            vote_during_submission: row.vote_during_submission,
            allow_self_vote: row.allow_self_vote,
            hide_tallies: row.hide_tallies,
            jury_weight_percent: row.jury_weight_percent,
            eligibility: row.eligibility,
            require_approval: row.require_approval,
            remix_credit_percent: row.remix_credit_percent,
            guaranteed_prize: row.guaranteed_prize,
            participation_target_percent: row.participation_target_percent,
            contribution_target: row.contribution_target,
        },
        tiers: tiers
            .iter()
            .map(|tier| PrizeTierDto {
                rank_from: tier.rank_from,
                rank_to: tier.rank_to,
                title: tier.title.clone(),
                amount_minor: tier.amount_minor,
                currency: tier.currency.clone(),
                points: tier.points,
            })
            .collect(),
        points: PointsDto {
            per_contribution: row.points_per_contribution,
            per_vote: row.points_per_vote,
            per_referral: row.points_per_referral,
        },
    }
}

/// Responses for rows, with their tiers and organization slugs loaded in two queries.
pub(super) fn respond(
    conn: &mut DbConnection,
    rows: Vec<CampaignRow>,
    now: NaiveDateTime,
) -> Result<Vec<CampaignResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut tiers: HashMap<String, Vec<TierRow>> = HashMap::new();
    for tier in repo::tiers_of(conn, &ids)? {
        tiers.entry(tier.campaign_id.clone()).or_default().push(tier);
    }
    let organization_ids: Vec<String> = rows.iter().map(|row| row.organization_id.clone()).collect();
    let organizations = organizations::names_by_id(conn, &organization_ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let parts = to_response_parts(&row, tiers.get(&row.id).map(Vec::as_slice).unwrap_or_default());
            CampaignResponse {
                phase: phase_of(&row, now),
                organization: organizations
                    .get(&row.organization_id)
                    .map(|(slug, _)| slug.clone())
                    .unwrap_or_default(),
                organization_name: organizations
                    .get(&row.organization_id)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                kind: row.kind,
                schedule: parts.schedule,
                rules: parts.rules,
                prize_tiers: parts.tiers,
                participation_points: parts.points,
                published_at: row.published_at.map(|at| at.and_utc()),
                closed_at: row.closed_at.map(|at| at.and_utc()),
                cancelled_at: row.cancelled_at.map(|at| at.and_utc()),
                created_at: row.created_at.and_utc(),
                updated_at: row.updated_at.and_utc(),
                id: row.id,
                slug: row.slug,
                title: row.title,
                summary: row.summary,
                brief: row.brief,
                cover_url: row.cover_media_id.as_deref().map(media_url),
                cover_media_id: row.cover_media_id,
            }
        })
        .collect())
}

pub(super) fn no_such_campaign() -> ApiError {
    ApiError::not_found("campaign")
}
