//! Moderation rules: only an organization's owners, managers and moderators decide; every
//! decision is a valid transition, carries a reason when it takes something away, and is kept
//! in the audit log; each person reports a contribution once.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{
    DeskReport, ModerationActionResponse, ModerationRequest, QueueItem, ReportRequest, ReportResponse,
    ReportState, ResolutionRequest, ResolutionResponse,
};
use super::repo::{self, ActionRow, NewReport, ReportRow, Settlement};
use crate::campaigns::repo as campaigns_repo;
use crate::campaigns::view as campaigns;
use crate::comments::dto::ReportedComment;
use crate::comments::repo as comments_repo;
use crate::comments::service as comments;
use crate::contributions::dto::ContributionResponse;
use crate::contributions::events as contribution_events;
use crate::contributions::lifecycle::grant_publication_points;
use crate::contributions::repo::{self as contributions, ContributionChanges, ContributionRow};
use crate::contributions::view::{respond, visible};
use crate::db::{DbConnection, write_transaction};
use crate::domain::Role;
use crate::domain::{ContributionStatus, Decision, ReportAction, ReportCategory, ReportTarget};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::events::catalogue::ReportEventData;
use crate::events::{self, Event, EventType};
use crate::ids::{looks_like_id, new_id};
use crate::organizations::access::{require_staff, role_of};
use crate::pagination::KeyedPage;
use crate::users::repo as users;

pub fn decide(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: ModerationRequest,
    now: NaiveDateTime,
) -> Result<ContributionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = decide_within(conn, actor, id, request, now)?;
        respond(conn, vec![row])?
            .pop()
            .ok_or_else(|| ApiError::internal("contribution vanished"))
    })
}

/// [`decide`] inside the caller's transaction; the contribution after the decision.
fn decide_within(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: ModerationRequest,
    now: NaiveDateTime,
) -> Result<ContributionRow, ApiError> {
    {
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
        // Taking an entry away answers the reports on it, wherever the decision was made (the
        // desk settles them itself first, so this then finds none open).
        if takes_away {
            let action = match request.decision {
                Decision::Reject => ReportAction::Reject,
                _ => ReportAction::Hide,
            };
            repo::settle_open(
                conn,
                ReportTarget::Contribution,
                &row.id,
                &Settlement {
                    action,
                    reason: request.reason.as_deref(),
                    by: actor,
                    at: now,
                },
            )?;
        }
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
        contributions::find(conn, &row.id)?.ok_or_else(|| ApiError::internal("contribution vanished"))
    }
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
            category: request.category.unwrap_or(ReportCategory::Other),
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
            category: report.category,
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

/// A page of a campaign's reports with their subjects, for the moderation desk (staff only).
pub fn reports(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    state: ReportState,
    target_id: Option<&str>,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<DeskReport>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, Some(actor), campaign_key)?;
    require_staff(role)?;
    let open = state == ReportState::Open;
    let rows = repo::list_reports(conn, &campaign.id, open, target_id, after, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| row.id.clone());
    let items = describe(conn, &campaign.id, page.items)?;
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}

/// Reports with their subjects: the contribution (or the one a comment is on) and the comment,
/// as staff see them, and how many reports are open on each subject.
fn describe(
    conn: &mut DbConnection,
    campaign_id: &str,
    rows: Vec<ReportRow>,
) -> Result<Vec<DeskReport>, ApiError> {
    let mut open: HashMap<String, i64> = repo::report_counts(conn, campaign_id, ReportTarget::Contribution)?
        .into_iter()
        .collect();
    open.extend(repo::report_counts(conn, campaign_id, ReportTarget::Comment)?);
    let comment_ids: Vec<String> = rows
        .iter()
        .filter(|row| row.target_type == ReportTarget::Comment)
        .map(|row| row.target_id.clone())
        .collect();
    let comment_rows = comments_repo::find_many(conn, &comment_ids)?;
    let mut contribution_ids: Vec<String> = rows
        .iter()
        .filter(|row| row.target_type == ReportTarget::Contribution)
        .map(|row| row.target_id.clone())
        .chain(comment_rows.iter().map(|comment| comment.contribution_id.clone()))
        .collect();
    contribution_ids.sort();
    contribution_ids.dedup();
    let on_of: HashMap<String, String> = comment_rows
        .iter()
        .map(|comment| (comment.id.clone(), comment.contribution_id.clone()))
        .collect();
    let mut comments: HashMap<String, _> = comments::respond(conn, comment_rows)?
        .into_iter()
        .map(|comment| (comment.id.clone(), comment))
        .collect();
    let found = contributions::find_many(conn, &contribution_ids)?;
    let entries: HashMap<String, ContributionResponse> = respond(conn, found)?
        .into_iter()
        .map(|entry| (entry.id.clone(), entry))
        .collect();
    let mut reporters: Vec<String> = rows.iter().map(|row| row.reporter_id.clone()).collect();
    reporters.sort();
    reporters.dedup();
    let names: HashMap<String, String> = users::display_names(conn, &reporters)?.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let entry_id = match row.target_type {
                ReportTarget::Contribution => Some(row.target_id.clone()),
                ReportTarget::Comment => on_of.get(&row.target_id).cloned(),
            };
            DeskReport {
                contribution: entry_id.and_then(|id| entries.get(&id).cloned()),
                comment: match row.target_type {
                    ReportTarget::Comment => comments.remove(&row.target_id),
                    ReportTarget::Contribution => None,
                },
                open_reports_on_subject: open.get(&row.target_id).copied().unwrap_or(0),
                reporter_display_name: names.get(&row.reporter_id).cloned().unwrap_or_default(),
                id: row.id,
                category: row.category,
                reason: row.reason,
                reporter_id: row.reporter_id,
                created_at: row.created_at.and_utc(),
                target_type: row.target_type,
                target_id: row.target_id,
                resolution: row.resolution,
                resolution_reason: row.resolution_reason,
                resolved_by: row.resolved_by,
                resolved_at: row.resolved_at.map(|at| at.and_utc()),
            }
        })
        .collect())
}

/// Settles the open reports on the subject of report `id`: keep it, or hide or reject it with
/// a reason its authors see. All in one transaction: the reports are settled only if the
/// subject's change goes through, and of parallel resolutions exactly one settles them.
pub fn resolve(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: ResolutionRequest,
    now: NaiveDateTime,
) -> Result<ResolutionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let report = match looks_like_id(id) {
            true => repo::find_report(conn, id)?,
            false => None,
        }
        .ok_or_else(|| ApiError::not_found("report"))?;
        let campaign =
            campaigns_repo::find(conn, &report.campaign_id)?.ok_or_else(|| ApiError::not_found("report"))?;
        // Whether a report exists is the staff's business only.
        if !role_of(conn, &campaign.organization_id, actor)?.is_some_and(Role::moderates) {
            return Err(ApiError::not_found("report"));
        }
        let takes_away = request.action != ReportAction::Keep;
        if takes_away && request.reason.is_none() {
            return Err(ApiError::invalid(
                "reason",
                ErrorCode::FieldRequired,
                "say why: the authors will see it",
            ));
        }
        if report.target_type == ReportTarget::Comment && request.action == ReportAction::Reject {
            return Err(ApiError::fields(vec![
                FieldError::new(
                    "action",
                    ErrorCode::ReportActionNotApplicable,
                    "a comment is kept or hidden; only contributions are rejected",
                )
                .param("action", request.action.as_str()),
            ]));
        }
        let settled = repo::settle_open(
            conn,
            report.target_type,
            &report.target_id,
            &Settlement {
                action: request.action,
                reason: request.reason.as_deref(),
                by: actor,
                at: now,
            },
        )?;
        if settled == 0 {
            return Err(ApiError::new(
                ErrorCode::ReportResolved,
                "the reports on this were settled meanwhile; reload the desk",
            ));
        }
        match (report.target_type, request.action) {
            (_, ReportAction::Keep) => {}
            (ReportTarget::Contribution, action) => {
                let decision = match action {
                    ReportAction::Reject => Decision::Reject,
                    _ => Decision::Hide,
                };
                let moderation = ModerationRequest {
                    decision,
                    reason: request.reason.clone(),
                };
                decide_within(conn, actor, &report.target_id, moderation, now)?;
            }
            (ReportTarget::Comment, ReportAction::Hide) => {
                comments::delete_within(conn, actor, &report.target_id, now)?;
            }
            (ReportTarget::Comment, _) => unreachable!("refused above"),
        }
        Ok(ResolutionResponse {
            target_type: report.target_type,
            target_id: report.target_id,
            action: request.action,
            reason: request.reason,
            resolved_reports: settled as i64,
            resolved_at: now.and_utc(),
        })
    })
}
