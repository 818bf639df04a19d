//! A funding campaign's goal, model and provider (set by its managers until the first pledge),
//! and its public progress: money by state read from the pledges themselves, never a counter.

use chrono::NaiveDateTime;

use super::dto::{FundingResponse, FundingSettingsRequest, FundingTotals, StretchGoal, TierResponse};
use super::repo::{self, FundingRow, TierRow};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::{DbConnection, write_transaction};
use crate::domain::funding::currency_digits;
use crate::domain::{CampaignKind, CampaignStatus, FundingModel, PaymentProvider, Phase, PledgeStatus, Role};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::organizations::access::require_manager;

/// A funding campaign as `viewer` reaches it (drafts only for its managers), with their role.
pub fn funding_campaign(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
) -> Result<(CampaignRow, Option<Role>), ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, key)?;
    if campaign.kind != CampaignKind::Funding {
        return Err(ApiError::new(
            ErrorCode::NotFundingCampaign,
            format!(
                "`{}` is a {} campaign; only funding campaigns take pledges",
                campaign.slug,
                campaign.kind.as_str()
            ),
        ));
    }
    Ok((campaign, role))
}

/// A funding campaign for its owners and managers only.
pub fn managed(conn: &mut DbConnection, actor: &str, key: &str) -> Result<CampaignRow, ApiError> {
    let (campaign, role) = funding_campaign(conn, Some(actor), key)?;
    require_manager(role)?;
    Ok(campaign)
}

/// The campaign's funding settings; a 409 until its managers set them.
pub fn configured(conn: &mut DbConnection, campaign: &CampaignRow) -> Result<FundingRow, ApiError> {
    repo::funding_of(conn, &campaign.id)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::FundingNotConfigured,
            "this campaign has no funding goal yet (PUT /campaigns/{id}/funding)",
        )
    })
}

/// Checks what `validator` cannot: the model's backer goal, the order of the stretch goals,
/// and whether this server offers the provider.
fn check(request: &FundingSettingsRequest, simulated_allowed: bool) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    match (request.model, request.backer_goal) {
        (FundingModel::BackerThreshold, None) => errors.push(FieldError::new(
            "backer_goal",
            ErrorCode::BackerGoalMissing,
            "the backer_threshold model needs a backer goal",
        )),
        (FundingModel::AllOrNothing | FundingModel::KeepItAll, Some(_)) => errors.push(FieldError::new(
            "backer_goal",
            ErrorCode::BackerGoalUnexpected,
            "only the backer_threshold model has a backer goal",
        )),
        _ => {}
    }
    let mut floor = request.goal_minor;
    for (index, goal) in request.stretch_goals.iter().enumerate() {
        if goal.amount_minor <= floor {
            errors.push(FieldError::new(
                format!("stretch_goals[{index}].amount_minor"),
                ErrorCode::StretchGoalOrder,
                "stretch goals lie above the goal, each above the one before",
            ));
            break;
        }
        floor = goal.amount_minor;
    }
    if request.provider == PaymentProvider::Simulated && !simulated_allowed {
        errors.push(FieldError::new(
            "provider",
            ErrorCode::SimulatedPaymentsOff,
            "this server does not offer simulated payments",
        ));
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::fields(errors)),
    }
}

pub fn set(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    request: FundingSettingsRequest,
    simulated_allowed: bool,
    now: NaiveDateTime,
) -> Result<FundingResponse, ApiError> {
    check(&request, simulated_allowed)?;
    write_transaction(conn, |conn| {
        let campaign = managed(conn, actor, key)?;
        if matches!(
            campaign.status,
            CampaignStatus::Closed | CampaignStatus::Cancelled
        ) {
            return Err(ApiError::new(ErrorCode::CampaignEnded, "the campaign has ended")
                .param("phase", campaigns::phase_of(&campaign, now).as_str()));
        }
        let row = FundingRow {
            campaign_id: campaign.id.clone(),
            goal_minor: request.goal_minor,
            currency: request.currency.clone(),
            model: request.model,
            backer_goal: request.backer_goal,
            provider: request.provider,
            grace_days: request.grace_days,
            stretch_goals: serde_json::to_string(&request.stretch_goals).map_err(ApiError::internal)?,
            frozen_at: None,
            collection_started_at: None,
            outcome: None,
            decided_at: None,
            created_at: now,
            updated_at: now,
        };
        if !repo::save_funding(conn, &row)? {
            return Err(ApiError::new(
                ErrorCode::FundingFrozen,
                "goal, currency, model and provider are frozen once the first pledge is made",
            ));
        }
        let stored = configured(conn, &campaign)?;
        progress(conn, &campaign, &stored, now)
    })
}

/// Money by state, from the pledges themselves.
pub fn totals(conn: &mut DbConnection, campaign_id: &str) -> Result<FundingTotals, ApiError> {
    let mut totals = FundingTotals::default();
    for (status, pledges, sum) in repo::totals_by_status(conn, campaign_id)? {
        let sum = sum.unwrap_or(0);
        if status.is_open() {
            totals.pledged_minor += sum;
            totals.backers += pledges;
        }
        if PledgeStatus::UNRESOLVED.contains(&status) {
            totals.unresolved += pledges;
        }
        match status {
            PledgeStatus::Collected => {
                totals.collected_minor += sum;
                totals.collected_backers += pledges;
            }
            PledgeStatus::Dropped => totals.dropped_minor += sum,
            PledgeStatus::Refunded => totals.refunded_minor += sum,
            _ => {}
        }
    }
    Ok(totals)
}

pub fn tier_response(row: TierRow, now: NaiveDateTime) -> TierResponse {
    let available_now = row.available_from.is_none_or(|from| from <= now)
        && row.available_until.is_none_or(|until| now < until);
    TierResponse {
        remaining: row.quantity_limit.map(|limit| (limit - row.taken).max(0)),
        available_now,
        available_from: row.available_from.map(|at| at.and_utc()),
        available_until: row.available_until.map(|at| at.and_utc()),
        created_at: row.created_at.and_utc(),
        id: row.id,
        campaign_id: row.campaign_id,
        title: row.title,
        description: row.description,
        min_amount_minor: row.min_amount_minor,
        quantity_limit: row.quantity_limit,
        taken: row.taken,
        estimated_delivery: row.estimated_delivery,
    }
}

fn percent(part: i64, whole: i64) -> i64 {
    match whole {
        0 => 0,
        _ => i64::try_from(i128::from(part) * 100 / i128::from(whole)).unwrap_or(i64::MAX),
    }
}

/// The campaign's goal and honest progress now.
pub fn progress(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    funding: &FundingRow,
    now: NaiveDateTime,
) -> Result<FundingResponse, ApiError> {
    let totals = totals(conn, &campaign.id)?;
    let tiers = repo::tiers_of(conn, &campaign.id)?
        .into_iter()
        .map(|row| tier_response(row, now))
        .collect();
    let deadline = campaign.submissions_close_at;
    let days_left = deadline
        .filter(|deadline| now < *deadline)
        .map(|deadline| (deadline - now).num_days());
    let stretch_goals: Vec<StretchGoal> =
        serde_json::from_str(&funding.stretch_goals).map_err(ApiError::internal)?;
    Ok(FundingResponse {
        campaign_id: campaign.id.clone(),
        goal_minor: funding.goal_minor,
        currency_digits: currency_digits(&funding.currency).unwrap_or(2),
        currency: funding.currency.clone(),
        model: funding.model,
        backer_goal: funding.backer_goal,
        provider: funding.provider,
        grace_days: funding.grace_days,
        stretch_goals,
        frozen: funding.frozen_at.is_some(),
        opens_at: campaign.submissions_open_at.map(|at| at.and_utc()),
        deadline: deadline.map(|at| at.and_utc()),
        days_left,
        open: campaigns::phase_of(campaign, now) == Phase::Submission,
        percent_collected: percent(totals.collected_minor, funding.goal_minor),
        percent_pledged: percent(totals.pledged_minor, funding.goal_minor),
        totals,
        outcome: funding.outcome,
        decided_at: funding.decided_at.map(|at| at.and_utc()),
        tiers,
    })
}

pub fn get(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
    now: NaiveDateTime,
) -> Result<FundingResponse, ApiError> {
    let (campaign, _) = funding_campaign(conn, viewer, key)?;
    let funding = configured(conn, &campaign)?;
    progress(conn, &campaign, &funding, now)
}
