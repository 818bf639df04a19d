//! A campaign's content as it is written: the checks `validator` cannot make (the schedule's
//! order, budget voting's budget, the prize tiers), the columns it is stored in, and its slug.

use chrono::NaiveDateTime;

use super::dto::{PointsDto, PrizeTierDto, RulesDto, ScheduleDto};
use super::repo::{self, CampaignContent, TierRow};
use crate::db::DbConnection;
use crate::domain::{CampaignKind, Schedule, VotingMethod};
use crate::error::{ApiError, ErrorCode, FieldError};

/// Checks what `validator` cannot: the order of the schedule, budget voting's budget, and that
/// prize tiers are ordered, do not overlap and share one currency.
pub(super) fn check_content(
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

pub(super) fn content(
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

pub(super) fn tier_rows(campaign_id: &str, tiers: &[PrizeTierDto]) -> Vec<TierRow> {
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

/// A slug made from the title (`Ideen für unser Café!` -> `ideen-fuer-unser-cafe`), made unique.
pub(super) fn unique_slug(conn: &mut DbConnection, title: &str) -> Result<String, ApiError> {
    let base = crate::domain::slug::from_title(title, 40);
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

/// A campaign can go public only with a complete schedule that has not already ended.
pub(super) fn check_publishable(schedule: Option<&ScheduleDto>, now: NaiveDateTime) -> Result<(), ApiError> {
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
