//! Backer tiers: what a backer gets for a minimum amount, how many there are, and when. Managers
//! change them at any time (a limit never below the slots taken); pledges take and release
//! their slots in `pledges`.

use chrono::NaiveDateTime;

use super::dto::{CreateTierRequest, TierResponse, UpdateTierRequest};
use super::repo::{self, TierRow};
use super::settings::{funding_campaign, managed, tier_response};
use crate::campaigns::view as campaigns;
use crate::db::{DbConnection, write_transaction};
use crate::error::{ApiError, ErrorCode};
use crate::ids::new_id;
use crate::organizations::access::require_manager;
use crate::pagination::KeyedPage;

/// Tiers per campaign.
const MAX_TIERS: usize = 50;

fn check_window(from: Option<NaiveDateTime>, until: Option<NaiveDateTime>) -> Result<(), ApiError> {
    match (from, until) {
        (Some(from), Some(until)) if until <= from => Err(ApiError::invalid(
            "available_until",
            ErrorCode::TierWindowOrder,
            "a tier's availability must end after it starts",
        )),
        _ => Ok(()),
    }
}

/// The tier with the campaign it belongs to, for that campaign's managers.
fn managed_tier(conn: &mut DbConnection, actor: &str, id: &str) -> Result<TierRow, ApiError> {
    let tier = repo::tier(conn, id)?.ok_or_else(|| ApiError::not_found("tier"))?;
    let (_, role) = campaigns::for_participation(conn, Some(actor), &tier.campaign_id)
        .map_err(|_| ApiError::not_found("tier"))?;
    require_manager(role)?;
    Ok(tier)
}

pub fn list(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
    after: Option<&str>,
    limit: usize,
    now: NaiveDateTime,
) -> Result<KeyedPage<TierResponse>, ApiError> {
    let (campaign, _) = funding_campaign(conn, viewer, key)?;
    let ordered = repo::tiers_of(conn, &campaign.id)?
        .into_iter()
        .map(|row| tier_response(row, now))
        .collect();
    KeyedPage::by_position(ordered, after, limit)
}

pub fn create(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    request: CreateTierRequest,
    now: NaiveDateTime,
) -> Result<TierResponse, ApiError> {
    let from = request.available_from.map(|at| at.naive_utc());
    let until = request.available_until.map(|at| at.naive_utc());
    check_window(from, until)?;
    write_transaction(conn, |conn| {
        let campaign = managed(conn, actor, key)?;
        if repo::tiers_of(conn, &campaign.id)?.len() >= MAX_TIERS {
            return Err(ApiError::invalid(
                "title",
                ErrorCode::FieldLength,
                format!("a campaign has at most {MAX_TIERS} tiers"),
            )
            .param("max", MAX_TIERS));
        }
        let row = TierRow {
            id: new_id(),
            campaign_id: campaign.id,
            title: request.title.trim().to_owned(),
            description: request.description,
            min_amount_minor: request.min_amount_minor,
            quantity_limit: request.quantity_limit,
            taken: 0,
            available_from: from,
            available_until: until,
            estimated_delivery: request.estimated_delivery,
            created_at: now,
            updated_at: now,
        };
        repo::insert_tier(conn, &row)?;
        Ok(tier_response(row, now))
    })
}

pub fn update(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: UpdateTierRequest,
    now: NaiveDateTime,
) -> Result<TierResponse, ApiError> {
    write_transaction(conn, |conn| {
        let mut tier = managed_tier(conn, actor, id)?;
        if let Some(title) = request.title {
            tier.title = title.trim().to_owned();
        }
        if let Some(description) = request.description {
            tier.description = description;
        }
        if let Some(minimum) = request.min_amount_minor {
            tier.min_amount_minor = minimum;
        }
        if let Some(limit) = request.quantity_limit {
            tier.quantity_limit = limit;
        }
        if let Some(from) = request.available_from {
            tier.available_from = from.map(|at| at.naive_utc());
        }
        if let Some(until) = request.available_until {
            tier.available_until = until.map(|at| at.naive_utc());
        }
        if let Some(delivery) = request.estimated_delivery {
            tier.estimated_delivery = delivery;
        }
        check_window(tier.available_from, tier.available_until)?;
        tier.updated_at = now;
        if !repo::update_tier(conn, &tier)? {
            // Read again: the slots taken may have grown since this request read them.
            let taken = repo::tier(conn, id)?.map_or(tier.taken, |stored| stored.taken);
            return Err(ApiError::new(
                ErrorCode::TierLimitBelowTaken,
                format!("{taken} slot(s) of this tier are taken; its limit cannot go below that"),
            )
            .param("taken", taken));
        }
        let stored = repo::tier(conn, id)?.ok_or_else(|| ApiError::internal("an updated tier vanished"))?;
        Ok(tier_response(stored, now))
    })
}

pub fn delete(conn: &mut DbConnection, actor: &str, id: &str) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        managed_tier(conn, actor, id)?;
        if !repo::delete_unused_tier(conn, id)? {
            return Err(ApiError::new(
                ErrorCode::TierHasPledges,
                "backers chose this tier; it cannot be deleted (set its limit to the slots taken instead)",
            ));
        }
        Ok(())
    })
}
