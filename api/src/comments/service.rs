//! Comment rules: anyone who can see a published contribution may comment on it while its
//! campaign runs; replies go one level deep; the author or the organization's moderators delete
//! a comment, which keeps its place in the thread but loses its words.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{CommentResponse, CreateCommentRequest};
use super::repo::{self, CommentRow};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::contributions::repo as contributions_repo;
use crate::contributions::view::visible;
use crate::db::{DbConnection, write_transaction};
use crate::domain::{Phase, Role};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::CommentEventData;
use crate::events::{self, Event, EventType};
use crate::ids::{looks_like_id, new_id};
use crate::organizations::access::role_of;
use crate::pagination::KeyedPage;
use crate::users::repo as users;

/// Separates the two parts of a comment's sort key (ids never contain it).
const KEY_SEPARATOR: char = '|';

pub fn list(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    contribution_id: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<CommentResponse>, ApiError> {
    let (contribution, _) = visible(conn, viewer, contribution_id)?;
    let after = match after {
        None => None,
        Some(key) => Some(key.split_once(KEY_SEPARATOR).ok_or_else(|| {
            ApiError::invalid(
                "cursor",
                ErrorCode::CursorInvalid,
                "not a position in this thread",
            )
        })?),
    };
    let rows = repo::page_of(conn, &contribution.id, after, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| {
        format!("{}{KEY_SEPARATOR}{}", row.thread_id, row.id)
    });
    Ok(KeyedPage {
        items: respond(conn, page.items)?,
        next_key: page.next_key,
    })
}

pub fn create(
    conn: &mut DbConnection,
    author: &str,
    contribution_id: &str,
    request: CreateCommentRequest,
    now: NaiveDateTime,
) -> Result<CommentResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (contribution, campaign) = visible(conn, Some(author), contribution_id)?;
        if !contribution.status.is_public() {
            return Err(ApiError::new(
                ErrorCode::CommentsNotOpen,
                "comments open once the contribution is published",
            ));
        }
        require_running(&campaign, now)?;
        let id = new_id();
        let (thread_id, parent_id) = match &request.parent_id {
            None => (id.clone(), None),
            Some(parent_id) => {
                let parent = repo::find(conn, parent_id)?
                    .filter(|parent| parent.contribution_id == contribution.id)
                    .ok_or_else(|| {
                        ApiError::invalid(
                            "parent_id",
                            ErrorCode::CommentParentNotFound,
                            "no such comment on this contribution",
                        )
                    })?;
                if parent.parent_id.is_some() {
                    return Err(ApiError::invalid(
                        "parent_id",
                        ErrorCode::CommentReplyTooDeep,
                        "replies are one level deep: reply to the comment this one answers",
                    ));
                }
                (parent.id.clone(), Some(parent.id))
            }
        };
        let row = CommentRow {
            id,
            contribution_id: contribution.id.clone(),
            campaign_id: campaign.id.clone(),
            author_id: author.to_owned(),
            thread_id,
            parent_id,
            body: Some(request.body.trim().to_owned()),
            created_at: now,
            deleted_at: None,
            deleted_by: None,
        };
        repo::insert(conn, &row)?;
        record(
            conn,
            EventType::CommentCreated,
            &row,
            &contribution.title,
            &campaign,
            author,
            now,
        )?;
        respond(conn, vec![row])?
            .pop()
            .ok_or_else(|| ApiError::internal("a comment just written vanished"))
    })
}

/// The conversation closes with the campaign.
fn require_running(campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    match campaigns::phase_of(campaign, now) {
        Phase::Closed | Phase::Cancelled => Err(ApiError::new(
            ErrorCode::CommentsClosed,
            "the campaign has ended: comments are closed",
        )),
        _ => Ok(()),
    }
}

/// Deletes a comment (its author, or the organization's moderators). Deleting a deleted comment
/// changes nothing.
pub fn delete(conn: &mut DbConnection, actor: &str, id: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    write_transaction(conn, |conn| delete_within(conn, actor, id, now))
}

/// [`delete`] inside the caller's transaction (the moderation desk hides a reported comment
/// and settles its reports in one).
pub(crate) fn delete_within(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    {
        let (comment, campaign) = visible_comment(conn, Some(actor), id)?;
        if comment.deleted_at.is_some() {
            return Ok(());
        }
        let moderates = role_of(conn, &campaign.organization_id, actor)?.is_some_and(Role::moderates);
        if comment.author_id != actor && !moderates {
            return Err(ApiError::new(
                ErrorCode::CommentNotYours,
                "only its author or the organization's moderators delete a comment",
            ));
        }
        repo::mark_deleted(conn, &comment.id, actor, now)?;
        let title = contributions_repo::find(conn, &comment.contribution_id)?
            .map(|row| row.title)
            .unwrap_or_default();
        record(
            conn,
            EventType::CommentDeleted,
            &comment,
            &title,
            &campaign,
            actor,
            now,
        )
    }
}

fn record(
    conn: &mut DbConnection,
    event_type: EventType,
    comment: &CommentRow,
    contribution_title: &str,
    campaign: &CampaignRow,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let data = CommentEventData {
        contribution_id: comment.contribution_id.clone(),
        contribution_title: contribution_title.to_owned(),
        parent_id: comment.parent_id.clone(),
        author_id: comment.author_id.clone(),
    };
    events::record(
        conn,
        Event::new(event_type, &comment.id, data)
            .of_campaign(&campaign.organization_id, &campaign.id)
            .by(actor),
        now,
    )?;
    Ok(())
}

/// A comment on a contribution that `viewer` can see, with its campaign.
pub(crate) fn visible_comment(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    id: &str,
) -> Result<(CommentRow, CampaignRow), ApiError> {
    let no_such = || ApiError::not_found("comment");
    let comment = match looks_like_id(id) {
        true => repo::find(conn, id)?.ok_or_else(no_such)?,
        false => return Err(no_such()),
    };
    let (_, campaign) = visible(conn, viewer, &comment.contribution_id).map_err(|_| no_such())?;
    Ok((comment, campaign))
}

pub(crate) fn respond(
    conn: &mut DbConnection,
    rows: Vec<CommentRow>,
) -> Result<Vec<CommentResponse>, ApiError> {
    let author_ids: Vec<String> = rows.iter().map(|row| row.author_id.clone()).collect();
    let names: HashMap<String, String> = users::display_names(conn, &author_ids)?.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|row| CommentResponse {
            author_display_name: names.get(&row.author_id).cloned().unwrap_or_default(),
            created_at: row.created_at.and_utc(),
            deleted_at: row.deleted_at.map(|at| at.and_utc()),
            id: row.id,
            contribution_id: row.contribution_id,
            parent_id: row.parent_id,
            author_id: row.author_id,
            body: row.body,
        })
        .collect())
}
