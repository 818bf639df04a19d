//! A campaign's lifecycle: created as a draft, edited (schedule, rules, prizes and points
//! freeze once submissions open), published, closed once voting has ended, or cancelled. Every
//! transition is a conditional update, so two racing requests cannot both apply one.

use chrono::NaiveDateTime;

use super::dto::{
    CampaignResponse, CreateCampaignRequest, PointsDto, PrizeTierDto, RulesDto, ScheduleDto,
    UpdateCampaignRequest,
};
use super::repo::{self, CampaignContent, CampaignRow, NewCampaign, TierRow};
use super::view::{load, phase_of, to_response_parts, visible};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{CampaignKind, CampaignStatus, Phase, Schedule, VotingMethod};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::ids::new_id;
use crate::media::service as media;
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::service as organizations;

/// Checks what `validator` cannot: the order of the schedule, budget voting's budget, and that
/// prize tiers are ordered, do not overlap and share one currency.
fn check_content(
    schedule: Option<&ScheduleDto>,
    rules: &RulesDto,
    tiers: &[PrizeTierDto],
) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if let Some(field) = schedule
        .map(to_schedule)
        .as_ref()
        .and_then(Schedule::misordered_field)
    {
        errors.push(FieldError::new(
            field,
            ErrorCode::ScheduleOrder,
            "the schedule must run submissions open < close <= voting open < close",
        ));
    }
    match (rules.voting_method, rules.vote_budget) {
        (VotingMethod::Budget, None) => errors.push(FieldError::new(
            "rules.vote_budget",
            ErrorCode::VoteBudgetMissing,
            "budget voting needs a budget",
        )),
        (method, Some(_)) if method != VotingMethod::Budget => errors.push(FieldError::new(
            "rules.vote_budget",
            ErrorCode::VoteBudgetUnexpected,
            "only budget voting has a budget",
        )),
        _ => {}
    }
    let mut previous_end = 0;
    for (index, tier) in tiers.iter().enumerate() {
        if tier.rank_to < tier.rank_from || tier.rank_from <= previous_end {
            errors.push(FieldError::new(
                format!("prize_tiers[{index}].rank_from"),
                ErrorCode::PrizeTierOrder,
                "tiers must cover increasing, non-overlapping rank ranges",
            ));
        }
        if tier.currency != tiers[0].currency {
            errors.push(
                FieldError::new(
                    format!("prize_tiers[{index}].currency"),
                    ErrorCode::PrizeTierCurrency,
                    "all tiers use the currency of the first",
                )
                .param("currency", tiers[0].currency.clone()),
            );
        }
        previous_end = tier.rank_to;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::fields(errors))
    }
}

fn to_schedule(dto: &ScheduleDto) -> Schedule {
    let at = |instant: chrono::DateTime<chrono::Utc>| instant.naive_utc();
    Schedule {
        submissions_open_at: at(dto.submissions_open_at),
        submissions_close_at: at(dto.submissions_close_at),
        voting_open_at: at(dto.voting_open_at),
        voting_close_at: at(dto.voting_close_at),
    }
}

fn content(
    kind: CampaignKind,
    text: (String, String, String),
    schedule: Option<&ScheduleDto>,
    rules: &RulesDto,
    points: &PointsDto,
    now: NaiveDateTime,
) -> CampaignContent {
    let schedule = schedule.map(to_schedule);
    let (title, summary, brief) = text;
    CampaignContent {
        kind,
        title: title.trim().to_owned(),
        summary,
        brief,
        submissions_open_at: schedule.map(|s| s.submissions_open_at),
        submissions_close_at: schedule.map(|s| s.submissions_close_at),
        voting_open_at: schedule.map(|s| s.voting_open_at),
        voting_close_at: schedule.map(|s| s.voting_close_at),
        max_contributions_per_member: rules.max_contributions_per_member,
        voting_method: rules.voting_method,
        vote_budget: rules.vote_budget,
        vote_during_submission: rules.vote_during_submission,
        allow_self_vote: rules.allow_self_vote,
        hide_tallies: rules.hide_tallies,
        jury_weight_percent: rules.jury_weight_percent,
        eligibility: rules.eligibility,
        require_approval: rules.require_approval,
        remix_credit_percent: rules.remix_credit_percent,
        guaranteed_prize: rules.guaranteed_prize,
        participation_target_percent: rules.participation_target_percent,
        contribution_target: rules.contribution_target,
        points_per_contribution: points.per_contribution,
        points_per_vote: points.per_vote,
        points_per_referral: points.per_referral,
        updated_at: now,
    }
}

fn tier_rows(campaign_id: &str, tiers: &[PrizeTierDto]) -> Vec<TierRow> {
    tiers
        .iter()
        .enumerate()
        .map(|(position, tier)| TierRow {
            campaign_id: campaign_id.to_owned(),
            position: position as i32,
            rank_from: tier.rank_from,
            rank_to: tier.rank_to,
            title: tier.title.trim().to_owned(),
            amount_minor: tier.amount_minor,
            currency: tier.currency.clone(),
            points: tier.points,
        })
        .collect()
}

/// A slug made from the title (`Summer Bottle 2026!` -> `summer-bottle-2026`), made unique.
fn unique_slug(conn: &mut DbConnection, title: &str) -> Result<String, ApiError> {
    let words: Vec<String> = title
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect();
    let mut base = words.join("-");
    base.truncate(40);
    let base = base.trim_end_matches('-').to_owned();
    let base = if base.len() < 3 {
        format!("campaign-{base}").trim_end_matches('-').to_owned()
    } else {
        base
    };
    if !repo::slug_taken(conn, &base)? {
        return Ok(base);
    }
    for n in 2..100 {
        let candidate = format!("{base}-{n}");
        if !repo::slug_taken(conn, &candidate)? {
            return Ok(candidate);
        }
    }
    Ok(format!(
        "{base}-{}",
        &uuid::Uuid::now_v7().simple().to_string()[24..]
    ))
}

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

/// A campaign can go public only with a complete schedule that has not already ended.
fn check_publishable(schedule: Option<&ScheduleDto>, now: NaiveDateTime) -> Result<(), ApiError> {
    let Some(schedule) = schedule else {
        return Err(ApiError::invalid(
            "schedule",
            ErrorCode::ScheduleMissing,
            "a campaign needs a schedule before it is published",
        ));
    };
    if to_schedule(schedule).voting_close_at <= now {
        return Err(ApiError::invalid(
            "schedule.voting_close_at",
            ErrorCode::ScheduleEnded,
            "voting must close in the future",
        ));
    }
    Ok(())
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
        transition(conn, &row, CampaignStatus::Draft, CampaignStatus::Published, now)
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
        transition(conn, &row, CampaignStatus::Published, CampaignStatus::Closed, now)
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
        match row.status {
            CampaignStatus::Published => transition(
                conn,
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

fn transition(
    conn: &mut DbConnection,
    row: &CampaignRow,
    from: CampaignStatus,
    to: CampaignStatus,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    if !repo::transition(conn, &row.id, from, to, now)? {
        return Err(ApiError::new(
            ErrorCode::ChangedMeanwhile,
            "the campaign changed meanwhile; reload it",
        ));
    }
    load(conn, &row.id, now)
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Closed => "closed",
        Phase::Cancelled => "cancelled",
        _ => "running",
    }
}
