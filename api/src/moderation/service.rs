//! Moderation rules: only an organization's owners, managers and moderators decide; every
//! decision is a valid transition, carries a reason when it takes something away, and is kept
//! in the audit log; each person reports a contribution once.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{ModerationActionResponse, ModerationRequest, QueueItem, ReportRequest, ReportResponse};
use super::repo::{self, ActionRow, NewReport};
use crate::campaigns::view as campaigns;
use crate::comments::dto::ReportedComment;
use crate::comments::repo as comments_repo;
use crate::comments::service as comments;
use crate::contributions::dto::ContributionResponse;
use crate::contributions::events as contribution_events;
use crate::contributions::lifecycle::grant_publication_points;
use crate::contributions::repo::{self as contributions, ContributionChanges};
use crate::contributions::view::{respond, visible};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{ContributionStatus, Decision, ReportTarget};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::ReportEventData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::organizations::access::{require_staff, role_of};
use crate::pagination::KeyedPage;

pub fn decide(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: ModerationRequest,
    now: NaiveDateTime,
) -> Result<ContributionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (row, campaign) = visible(conn, Some(actor), id)?;
        require_staff(role_of(conn, &campaign.organization_id, actor)?)?;
        let takes_away = matches!(request.decision, Decision::Reject | Decision::Hide);
        if takes_away && request.reason.is_none() {
            return Err(ApiError::invalid(
                "reason",
                ErrorCode::FieldRequired,
                "say why: the authors will see it",
            ));
        }
        let from = row.status;
        let to = request.decision.apply(from).ok_or_else(|| {
            ApiError::new(
                ErrorCode::DecisionNotApplicable,
                format!("cannot {} a {from} contribution", request.decision),
            )
            .param("decision", request.decision.as_str())
            .param("status", from.as_str())
        })?;
        let becomes_public = to.is_public() && row.published_at.is_none();
        // Conditional on the status read: of parallel decisions on one entry one moves it; the
        // others see that it changed (no second log entry, no second event).
        let moved = contributions::update_from(
            conn,
            &row.id,
            from,
            &ContributionChanges {
                status: Some(to),
                published_at: becomes_public.then_some(Some(now)),
                moderation_reason: Some(if takes_away { request.reason.clone() } else { None }),
                updated_at: Some(now),
                ..ContributionChanges::default()
            },
        )?;
        if !moved {
            return Err(ApiError::new(
                ErrorCode::ChangedMeanwhile,
                "someone decided on this contribution meanwhile; reload it",
            ));
        }
        if becomes_public {
            grant_publication_points(conn, &campaign, &row.id, &row.submitter_id, now)?;
        }
        let event_type = match to {
            ContributionStatus::Rejected => EventType::ContributionRejected,
            ContributionStatus::Hidden => EventType::ContributionHidden,
            _ => EventType::ContributionPublished,
        };
        let reason = if takes_away { request.reason.clone() } else { None };
        contribution_events::record(conn, event_type, &row, to, &campaign, actor, reason, now)?;
        repo::insert_action(
            conn,
            &ActionRow {
                id: new_id(),
                campaign_id: campaign.id,
                contribution_id: row.id.clone(),
                actor_id: actor.to_owned(),
                decision: request.decision,
                reason: request.reason,
                from_status: from,
                to_status: to,
                created_at: now,
            },
        )?;
        let updated =
            contributions::find(conn, &row.id)?.ok_or_else(|| ApiError::internal("contribution vanished"))?;
        respond(conn, vec![updated])?
            .pop()
            .ok_or_else(|| ApiError::internal("contribution vanished"))
    })
}

/// Reports a contribution or a comment to the moderators, once per person.
pub fn report(
    conn: &mut DbConnection,
    reporter: &str,
    target: ReportTarget,
    id: &str,
    request: ReportRequest,
    now: NaiveDateTime,
) -> Result<ReportResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (target_id, campaign) = match target {
            ReportTarget::Contribution => {
                let (row, campaign) = visible(conn, Some(reporter), id)?;
                (row.id, campaign)
            }
            ReportTarget::Comment => {
                let (comment, campaign) = comments::visible_comment(conn, Some(reporter), id)?;
                if comment.deleted_at.is_some() {
                    return Err(ApiError::new(
                        ErrorCode::CommentDeleted,
                        "the comment has been deleted already",
                    ));
                }
                (comment.id, campaign)
            }
        };
        if repo::already_reported(conn, target, &target_id, reporter)? {
            return Err(ApiError::new(
                ErrorCode::AlreadyReported,
                format!("you have reported this {target} already"),
            ));
        }
        let report = NewReport {
            id: new_id(),
            target_type: target,
            target_id,
            campaign_id: campaign.id.clone(),
            reporter_id: reporter.to_owned(),
            reason: request.reason.trim().to_owned(),
            created_at: now,
        };
        repo::insert_report(conn, &report)?;
        events::record(
            conn,
            Event::new(
                EventType::ReportCreated,
                &report.id,
                ReportEventData {
                    target_type: target,
                    target_id: report.target_id.clone(),
                },
            )
            .of_campaign(&campaign.organization_id, &report.campaign_id)
            .by(reporter),
            now,
        )?;
        Ok(ReportResponse {
            id: report.id,
            target_type: target,
            target_id: report.target_id,
            reason: report.reason,
            created_at: report.created_at.and_utc(),
        })
    })
}

/// Contributions that need a moderator: submitted for approval, or public and reported; the
/// most reported first, then oldest first. Paged by position.
pub fn queue(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<QueueItem>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, Some(actor), campaign_key)?;
    require_staff(role)?;
    let counts: HashMap<String, i64> = repo::report_counts(conn, &campaign.id, ReportTarget::Contribution)?
        .into_iter()
        .collect();
    let mut ids = repo::submitted_ids(conn, &campaign.id)?;
    ids.extend(counts.keys().cloned());
    ids.sort();
    ids.dedup();
    let rows = contributions::find_many(conn, &ids)?;
    let mut waiting: Vec<_> = rows
        .into_iter()
        .filter(|row| {
            row.status == ContributionStatus::Submitted
                || (row.status.is_public() && counts.contains_key(&row.id))
        })
        .collect();
    waiting.sort_by(|a, b| {
        let reports = |id: &str| counts.get(id).copied().unwrap_or(0);
        reports(&b.id).cmp(&reports(&a.id)).then_with(|| a.id.cmp(&b.id))
    });
    let page = KeyedPage::by_position(waiting, after, limit)?;
    let items = respond(conn, page.items)?
        .into_iter()
        .map(|contribution| QueueItem {
            report_count: counts.get(&contribution.id).copied().unwrap_or(0),
            contribution,
        })
        .collect();
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}

/// Reported comments that are still up, the most reported first, then oldest first (staff
/// only). Paged by position, like the queue.
pub fn reported_comments(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<ReportedComment>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, Some(actor), campaign_key)?;
    require_staff(role)?;
    let counts: HashMap<String, i64> = repo::report_counts(conn, &campaign.id, ReportTarget::Comment)?
        .into_iter()
        .collect();
    let ids: Vec<String> = counts.keys().cloned().collect();
    let mut up: Vec<_> = comments_repo::find_many(conn, &ids)?
        .into_iter()
        .filter(|comment| comment.deleted_at.is_none())
        .collect();
    let reports = |id: &str| counts.get(id).copied().unwrap_or(0);
    up.sort_by(|a, b| reports(&b.id).cmp(&reports(&a.id)).then_with(|| a.id.cmp(&b.id)));
    let page = KeyedPage::by_position(up, after, limit)?;
    let items = comments::respond(conn, page.items)?
        .into_iter()
        .map(|comment| ReportedComment {
            report_count: reports(&comment.id),
            comment,
        })
        .collect();
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}

/// The audit log of one contribution, oldest first (staff only).
pub fn log(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
) -> Result<Vec<ModerationActionResponse>, ApiError> {
    let (row, campaign) = visible(conn, Some(actor), id)?;
    require_staff(role_of(conn, &campaign.organization_id, actor)?)?;
    Ok(repo::actions_of(conn, &row.id)?
        .into_iter()
        .map(|action| ModerationActionResponse {
            decision: action.decision,
            from_status: action.from_status,
            to_status: action.to_status,
            created_at: action.created_at.and_utc(),
            id: action.id,
            actor_id: action.actor_id,
            reason: action.reason,
        })
        .collect())
}
