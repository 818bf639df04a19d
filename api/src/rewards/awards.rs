//! Awards after finalizing: who may see them, and their status. Managers move awards `pending ->
//! approved -> paid` or `cancelled`, each change audited; award points are paid when an award is
//! approved and taken back when an approved award is cancelled.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::awards_repo::{self as repo, AwardRow, SplitRow};
use super::dto::{AwardResponse, AwardSplitResponse, UpdateAwardRequest};
use crate::campaigns::view as campaigns;
use crate::contributions::repo as contributions;
use crate::db::{DbConnection, write_transaction};
use crate::domain::{AwardStatus, Phase, PointsSource, Role};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::AwardEventData;
use crate::events::{self, Event, EventType};
use crate::ids::looks_like_id;
use crate::ledger::{self, Grant};
use crate::organizations::access::require_manager;
use crate::users::repo as users;

/// A campaign's awards: public once the campaign has ended (closed, or cancelled with a
/// guaranteed prize), for its managers as soon as they exist.
pub fn list(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    now: NaiveDateTime,
) -> Result<Vec<AwardResponse>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, campaign_key)?;
    let manager = role.is_some_and(Role::manages);
    let ended = matches!(
        campaigns::phase_of(&campaign, now),
        Phase::Closed | Phase::Cancelled
    );
    if !manager && !ended {
        return Err(ApiError::new(
            ErrorCode::AwardsNotPublic,
            "winners are published when the campaign closes",
        ));
    }
    let mut rows = repo::of_campaign(conn, &campaign.id)?;
    if manager {
        return respond(conn, rows);
    }
    // The public sees who won; a cancelled award is no longer a win, and how payments stand
    // is the organiser's and the recipients' business.
    rows.retain(|row| row.status != AwardStatus::Cancelled);
    let mut awards = respond(conn, rows)?;
    for award in &mut awards {
        let receives = viewer.is_some_and(|viewer| award.splits.iter().any(|split| split.user_id == viewer));
        if !receives {
            award.status = None;
        }
    }
    Ok(awards)
}

/// A manager moves an award along `pending -> approved -> paid`, or cancels it; approving pays
/// the award's points, cancelling an approved award takes them back, each once.
pub fn change_status(
    conn: &mut DbConnection,
    actor: &str,
    award_id: &str,
    request: UpdateAwardRequest,
    now: NaiveDateTime,
) -> Result<AwardResponse, ApiError> {
    write_transaction(conn, |conn| {
        let no_such = || ApiError::not_found("award");
        let award = match looks_like_id(award_id) {
            true => repo::find(conn, award_id)?.ok_or_else(no_such)?,
            false => return Err(no_such()),
        };
        let (campaign, role) =
            campaigns::for_participation(conn, Some(actor), &award.campaign_id).map_err(|_| no_such())?;
        require_manager(role)?;
        let (from, to) = (award.status, request.status);
        if !from.may_become(to) {
            return Err(ApiError::new(
                ErrorCode::AwardTransition,
                format!("an award cannot go from {from} to {to}"),
            )
            .param("from", from.as_str())
            .param("to", to.as_str()));
        }
        if !repo::set_status(conn, &award.id, from, to, now)? {
            return Err(ApiError::new(
                ErrorCode::ChangedMeanwhile,
                "the award changed meanwhile; reload it",
            ));
        }
        repo::insert_event(conn, &award.id, actor, (from, to), request.note.as_deref(), now)?;
        let reversal = from == AwardStatus::Approved && to == AwardStatus::Cancelled;
        let splits = repo::splits_of(conn, std::slice::from_ref(&award.id))?;
        let data = AwardEventData {
            contribution_id: award.contribution_id.clone(),
            title: award.title.clone(),
            rank: award.rank,
            amount_minor: award.amount_minor,
            currency: award.currency.clone(),
            points: award.points,
            from,
            status: to,
            recipient_ids: splits.iter().map(|split| split.user_id.clone()).collect(),
        };
        let event_type = match to {
            AwardStatus::Approved => EventType::AwardApproved,
            AwardStatus::Paid => EventType::AwardPaid,
            AwardStatus::Cancelled | AwardStatus::Pending => EventType::AwardCancelled,
        };
        events::record(
            conn,
            Event::new(event_type, &award.id, data)
                .of_campaign(&campaign.organization_id, &campaign.id)
                .by(actor),
            now,
        )?;
        if to == AwardStatus::Approved || reversal {
            for split in splits {
                let (source_id, points) = match reversal {
                    false => (format!("{}/{}", award.id, split.reason), split.points),
                    true => (format!("{}/{}/cancelled", award.id, split.reason), -split.points),
                };
                let grant = Grant {
                    user_id: &split.user_id,
                    organization_id: Some(&campaign.organization_id),
                    campaign_id: Some(&award.campaign_id),
                    source: PointsSource::Award,
                    source_id: &source_id,
                    points,
                };
                ledger::grant_once(conn, grant, now)?;
            }
        }
        let updated = repo::find(conn, &award.id)?.ok_or_else(no_such)?;
        respond(conn, vec![updated])?.pop().ok_or_else(no_such)
    })
}

/// The awards `user_id` has a part in.
pub fn of_user(conn: &mut DbConnection, user_id: &str) -> Result<Vec<AwardResponse>, ApiError> {
    let mut ids: Vec<String> = repo::splits_of_user(conn, user_id)?
        .into_iter()
        .map(|split| split.award_id)
        .collect();
    ids.sort();
    ids.dedup();
    let rows = repo::find_many(conn, &ids)?;
    respond(conn, rows)
}

pub(super) fn respond(conn: &mut DbConnection, rows: Vec<AwardRow>) -> Result<Vec<AwardResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut splits: HashMap<String, Vec<SplitRow>> = HashMap::new();
    for split in repo::splits_of(conn, &ids)? {
        splits.entry(split.award_id.clone()).or_default().push(split);
    }
    let user_ids: Vec<String> = splits
        .values()
        .flatten()
        .map(|split| split.user_id.clone())
        .collect();
    let names: HashMap<String, String> = users::display_names(conn, &user_ids)?.into_iter().collect();
    let contribution_ids: Vec<String> = rows.iter().map(|row| row.contribution_id.clone()).collect();
    let titles: HashMap<String, String> = contributions::find_many(conn, &contribution_ids)?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| AwardResponse {
            splits: splits
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|split| AwardSplitResponse {
                    display_name: names.get(&split.user_id).cloned().unwrap_or_default(),
                    reason: split.reason,
                    user_id: split.user_id,
                    amount_minor: split.amount_minor,
                    points: split.points,
                })
                .collect(),
            contribution_title: titles.get(&row.contribution_id).cloned().unwrap_or_default(),
            status: Some(row.status),
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            id: row.id,
            campaign_id: row.campaign_id,
            contribution_id: row.contribution_id,
            rank: row.rank,
            title: row.title,
            amount_minor: row.amount_minor,
            currency: row.currency,
            points: row.points,
        })
        .collect())
}
