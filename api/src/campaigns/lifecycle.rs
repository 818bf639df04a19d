//! A campaign's lifecycle: created as a draft, edited (schedule, rules, prizes and points
//! freeze once submissions open), published, closed once voting has ended, or cancelled. Every
//! transition is a conditional update, so two racing requests cannot both apply one.

use chrono::NaiveDateTime;

use super::announcer;
use super::content::{check_content, check_publishable, content, tier_rows, unique_slug};
use super::dto::{CampaignResponse, CreateCampaignRequest, UpdateCampaignRequest};
use super::repo::{self, CampaignRow, NewCampaign};
use super::view::{load, phase_of, to_response_parts, visible};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{CampaignKind, CampaignStatus, Phase};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::CampaignEventData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::media::service as media;
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::service as organizations;

pub fn create(
    conn: &mut DbConnection,
    actor_id: &str,
    organization_slug: &str,
    request: CreateCampaignRequest,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    check_content(request.schedule.as_ref(), &request.rules, &request.prize_tiers)?;
    write_transaction(conn, |conn| {
        let organization = organizations::find(conn, organization_slug)?;
        require_manager(role_of(conn, &organization.id, actor_id)?)?;
        let slug = match request.slug {
            Some(slug) if repo::slug_taken(conn, &slug)? => {
                return Err(
                    ApiError::new(ErrorCode::SlugTaken, format!("the slug `{slug}` is taken"))
                        .param("slug", slug),
                );
            }
            Some(slug) => slug,
            None => unique_slug(conn, &request.title)?,
        };
        let id = new_id();
        repo::insert(
            conn,
            &NewCampaign {
                id: id.clone(),
                organization_id: organization.id,
                slug,
                status: CampaignStatus::Draft,
                created_at: now,
                content: content(
                    request.kind,
                    (request.title, request.summary, request.brief),
                    request.schedule.as_ref(),
                    &request.rules,
                    &request.participation_points,
                    now,
                ),
            },
        )?;
        repo::replace_tiers(conn, &id, &tier_rows(&id, &request.prize_tiers))?;
        if let Some(cover) = &request.cover_media_id {
            media::check_cover(conn, actor_id, cover, None)?;
            repo::set_cover(conn, &id, Some(cover))?;
        }
        load(conn, &id, now)
    })
}

/// Loads a campaign for a change by `actor`, who must manage its organization.
fn managed(conn: &mut DbConnection, actor_id: &str, key: &str) -> Result<CampaignRow, ApiError> {
    let row = visible(conn, Some(actor_id), key)?;
    require_manager(role_of(conn, &row.organization_id, actor_id)?)?;
    Ok(row)
}

pub fn update(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    request: UpdateCampaignRequest,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        let phase = phase_of(&row, now);
        let changes_rules = request.schedule.is_some()
            || request.rules.is_some()
            || request.prize_tiers.is_some()
            || request.participation_points.is_some();
        if matches!(phase, Phase::Closed | Phase::Cancelled) {
            return Err(ApiError::new(
                ErrorCode::CampaignEnded,
                format!("a {} campaign cannot change", phase_name(phase)),
            )
            .param("phase", phase_name(phase)));
        }
        if changes_rules && !matches!(phase, Phase::Draft | Phase::Scheduled) {
            return Err(ApiError::new(
                ErrorCode::CampaignRulesFrozen,
                "schedule, rules, prizes and points are frozen once submissions open",
            ));
        }
        let current = to_response_parts(&row, &repo::tiers_of(conn, std::slice::from_ref(&row.id))?);
        let schedule = request.schedule.or(current.schedule);
        let rules = request.rules.unwrap_or(current.rules);
        let tiers = request.prize_tiers.unwrap_or(current.tiers);
        let points = request.participation_points.unwrap_or(current.points);
        check_content(schedule.as_ref(), &rules, &tiers)?;
        if phase == Phase::Scheduled {
            check_publishable(schedule.as_ref(), now)?;
        }
        let text = (
            request.title.unwrap_or(row.title.clone()),
            request.summary.unwrap_or(row.summary.clone()),
            request.brief.unwrap_or(row.brief.clone()),
        );
        repo::update_content(
            conn,
            &row.id,
            &content(row.kind, text, schedule.as_ref(), &rules, &points, now),
        )?;
        repo::replace_tiers(conn, &row.id, &tier_rows(&row.id, &tiers))?;
        if let Some(cover) = &request.cover_media_id {
            if let Some(cover) = cover {
                media::check_cover(conn, actor_id, cover, row.cover_media_id.as_deref())?;
            }
            repo::set_cover(conn, &row.id, cover.as_deref())?;
        }
        load(conn, &row.id, now)
    })
}

pub fn publish(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        if row.status != CampaignStatus::Draft {
            return Err(ApiError::new(
                ErrorCode::CampaignNotDraft,
                "only a draft can be published",
            ));
        }
        check_publishable(to_response_parts(&row, &[]).schedule.as_ref(), now)?;
        if row.kind == CampaignKind::Funding && !repo::has_funding_goal(conn, &row.id)? {
            return Err(ApiError::new(
                ErrorCode::FundingNotConfigured,
                "a funding campaign needs its goal before it is published (PUT /campaigns/{id}/funding)",
            ));
        }
        transition(
            conn,
            actor_id,
            &row,
            CampaignStatus::Draft,
            CampaignStatus::Published,
            now,
        )
    })
}

pub fn close(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        if phase_of(&row, now) != Phase::Judging {
            return Err(ApiError::new(
                ErrorCode::VotingNotOver,
                "a campaign can be closed once its voting has ended",
            ));
        }
        transition(
            conn,
            actor_id,
            &row,
            CampaignStatus::Published,
            CampaignStatus::Closed,
            now,
        )
    })
}

pub fn cancel(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        let phase = phase_of(&row, now);
        if phase == Phase::Judging {
            // Voting has closed: the winners stand, and cancelling would void their prizes.
            return Err(ApiError::new(
                ErrorCode::CampaignEnded,
                "voting has closed: the results stand, and the campaign can no longer be cancelled",
            )
            .param("phase", phase.as_str()));
        }
        match row.status {
            CampaignStatus::Published => transition(
                conn,
                actor_id,
                &row,
                CampaignStatus::Published,
                CampaignStatus::Cancelled,
                now,
            ),
            CampaignStatus::Draft => Err(ApiError::new(
                ErrorCode::CampaignIsDraft,
                "a draft is deleted, not cancelled",
            )),
            CampaignStatus::Closed | CampaignStatus::Cancelled => Err(ApiError::new(
                ErrorCode::CampaignEnded,
                "the campaign has already ended",
            )
            .param("phase", row.status.as_str())),
        }
    })
}

pub fn delete(conn: &mut DbConnection, actor_id: &str, key: &str) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        if row.status != CampaignStatus::Draft {
            return Err(ApiError::new(
                ErrorCode::CampaignNotDraft,
                "only drafts can be deleted; cancel a published campaign",
            ));
        }
        Ok(repo::delete(conn, &row.id)?)
    })
}

/// Moves the campaign from `from` to `to` if it still is in `from`, announces the phase it
/// enters and records the transition's event.
fn transition(
    conn: &mut DbConnection,
    actor_id: &str,
    row: &CampaignRow,
    from: CampaignStatus,
    to: CampaignStatus,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    if from == CampaignStatus::Published {
        announcer::catch_up(conn, row, now)?;
    }
    if !repo::transition(conn, &row.id, from, to, now)? {
        return Err(ApiError::new(
            ErrorCode::ChangedMeanwhile,
            "the campaign changed meanwhile; reload it",
        ));
    }
    let response = load(conn, &row.id, now)?;
    repo::announce(conn, &row.id, response.phase)?;
    let event_type = match to {
        CampaignStatus::Published => EventType::CampaignPublished,
        CampaignStatus::Closed => EventType::CampaignClosed,
        CampaignStatus::Cancelled | CampaignStatus::Draft => EventType::CampaignCancelled,
    };
    let data = CampaignEventData {
        slug: row.slug.clone(),
        title: row.title.clone(),
        phase: response.phase,
    };
    events::record(
        conn,
        Event::new(event_type, &row.id, data)
            .of_campaign(&row.organization_id, &row.id)
            .by(actor_id),
        now,
    )?;
    Ok(response)
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Closed => "closed",
        Phase::Cancelled => "cancelled",
        _ => "running",
    }
}
