//! A pledge as its backer and the campaign's managers read it, and the cursor of pledge lists.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{PaymentResponse, PledgeResponse};
use super::repo::{self, PaymentRow, PledgeRow};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::DbConnection;
use crate::domain::{Phase, PledgeStatus};
use crate::error::ApiError;
use crate::users::repo as users;

/// The pledge as a response, with its campaign, tier, backer and payments.
fn respond(
    conn: &mut DbConnection,
    rows: Vec<PledgeRow>,
    now: NaiveDateTime,
) -> Result<Vec<PledgeResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut payments: HashMap<String, Vec<PaymentRow>> = HashMap::new();
    for payment in repo::payments_of(conn, &ids)? {
        payments
            .entry(payment.pledge_id.clone())
            .or_default()
            .push(payment);
    }
    let mut campaigns_by_id: HashMap<String, CampaignRow> = HashMap::new();
    let mut tiers: HashMap<String, String> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if !campaigns_by_id.contains_key(&row.campaign_id) {
            let campaign = crate::campaigns::repo::find(conn, &row.campaign_id)?
                .ok_or_else(|| ApiError::internal("a pledge's campaign vanished"))?;
            campaigns_by_id.insert(row.campaign_id.clone(), campaign);
        }
        let campaign = &campaigns_by_id[&row.campaign_id];
        let tier_title = match &row.tier_id {
            Some(id) if !tiers.contains_key(id) => {
                let title = repo::tier(conn, id)?.map(|tier| tier.title).unwrap_or_default();
                tiers.insert(id.clone(), title.clone());
                Some(title)
            }
            Some(id) => tiers.get(id).cloned(),
            None => None,
        };
        if !names.contains_key(&row.backer_id) {
            let name = users::find(conn, &row.backer_id)?
                .map(|user| user.display_name)
                .unwrap_or_default();
            names.insert(row.backer_id.clone(), name);
        }
        let window_open = campaigns::phase_of(campaign, now) == Phase::Submission;
        out.push(PledgeResponse {
            campaign_slug: campaign.slug.clone(),
            campaign_title: campaign.title.clone(),
            backer_name: names[&row.backer_id].clone(),
            tier_title,
            changeable: window_open && matches!(row.status, PledgeStatus::Pending | PledgeStatus::Active),
            payments: payments
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|payment| PaymentResponse {
                    id: payment.id,
                    kind: payment.kind,
                    amount_minor: payment.amount_minor,
                    currency: payment.currency,
                    provider: payment.provider,
                    outcome: payment.outcome,
                    failure: payment.failure,
                    reference: payment.reference,
                    created_at: payment.created_at.and_utc(),
                })
                .collect(),
            grace_until: row.grace_until.map(|at| at.and_utc()),
            collected_at: row.collected_at.map(|at| at.and_utc()),
            ended_at: row.ended_at.map(|at| at.and_utc()),
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            id: row.id,
            campaign_id: row.campaign_id,
            backer_id: row.backer_id,
            tier_id: row.tier_id,
            amount_minor: row.amount_minor,
            currency: row.currency,
            status: row.status,
            provider: row.provider,
            payment_method: row.payment_method,
            failure: row.failure,
        });
    }
    Ok(out)
}

pub fn respond_one(
    conn: &mut DbConnection,
    row: PledgeRow,
    now: NaiveDateTime,
) -> Result<PledgeResponse, ApiError> {
    respond(conn, vec![row], now)?
        .pop()
        .ok_or_else(|| ApiError::internal("a pledge vanished"))
}

pub fn respond_many(
    conn: &mut DbConnection,
    rows: Vec<PledgeRow>,
    now: NaiveDateTime,
) -> Result<Vec<PledgeResponse>, ApiError> {
    respond(conn, rows, now)
}

/// The `(created_at, id)` of a list cursor.
fn position(key: Option<&str>) -> Option<(NaiveDateTime, String)> {
    let (at, id) = key?.split_once('|')?;
    Some((
        NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S%.f").ok()?,
        id.to_owned(),
    ))
}

pub fn cursor_key(at: NaiveDateTime, id: &str) -> String {
    format!("{}|{id}", at.format("%Y-%m-%dT%H:%M:%S%.f"))
}

pub fn parse_position(key: Option<&str>) -> Result<Option<(NaiveDateTime, String)>, ApiError> {
    match key {
        None => Ok(None),
        Some(_) => position(key).map(Some).ok_or_else(|| {
            ApiError::invalid(
                "cursor",
                crate::error::ErrorCode::CursorInvalid,
                "not a position in this list",
            )
        }),
    }
}
