//! A contribution as it is read: who may see it, and its response with authors and media.

use std::collections::HashMap;

use super::dto::{AuthorResponse, ContributionResponse};
use super::repo::{self, ContributionRow, ForViewer, NamedAuthor, Whole};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::DbConnection;
use crate::domain::Role;
use crate::error::ApiError;
use crate::ids::looks_like_id;
use crate::media::dto::MediaResponse;
use crate::media::repo as media_repo;

/// May `viewer` see this contribution? Public ones: everyone. Others: its authors and the
/// organization's owners, managers and moderators. Otherwise it does not exist (404).
pub(crate) fn visible(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    id: &str,
) -> Result<(ContributionRow, CampaignRow), ApiError> {
    visible_to(conn, viewer, id).map(|seen| (seen.row, seen.campaign))
}

/// A contribution its viewer may see, with what the viewer is to it (read in the same query,
/// so callers that decide by it ask no second time).
pub(crate) struct Seen {
    pub row: ContributionRow,
    pub campaign: CampaignRow,
    /// The viewer's role in the campaign's organization.
    pub role: Option<Role>,
    /// Whether the viewer is one of its authors (an open co-authorship included).
    pub by_viewer: bool,
}

/// [`visible`], with the viewer's role and authorship.
pub(crate) fn visible_to(conn: &mut DbConnection, viewer: Option<&str>, id: &str) -> Result<Seen, ApiError> {
    if !looks_like_id(id) {
        return Err(no_such());
    }
    admit(repo::find_for_viewer(conn, id, viewer)?)
}

/// [`visible_to`] that takes two locks as it reads (see [`repo::find_for_viewer_locking`]).
pub(crate) fn visible_to_locking(
    conn: &mut DbConnection,
    viewer: &str,
    id: &str,
    campaign_key: (&str, &str),
    key: &str,
) -> Result<Seen, ApiError> {
    if !looks_like_id(id) {
        return Err(no_such());
    }
    admit(repo::find_for_viewer_locking(
        conn,
        id,
        viewer,
        campaign_key,
        key,
    )?)
}

fn no_such() -> ApiError {
    ApiError::not_found("contribution")
}

/// The rule of [`visible`], applied to what was read.
fn admit(found: Option<ForViewer>) -> Result<Seen, ApiError> {
    let (row, campaign, role, by_viewer) = found.ok_or_else(no_such)?;
    campaigns::admits(&campaign, role).map_err(|_| no_such())?;
    if row.status.is_public() || by_viewer || role.is_some_and(Role::moderates) {
        Ok(Seen {
            row,
            campaign,
            role,
            by_viewer,
        })
    } else {
        Err(no_such())
    }
}

/// A contribution read by id, in one statement with its authors and media.
pub fn get(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    id: &str,
) -> Result<ContributionResponse, ApiError> {
    if !looks_like_id(id) {
        return Err(no_such());
    }
    let Some(Whole {
        found,
        authors,
        media,
    }) = repo::find_whole_for_viewer(conn, id, viewer)?
    else {
        return Err(no_such());
    };
    let seen = admit(Some(found))?;
    Ok(response(
        seen.row,
        authors,
        media.into_iter().map(MediaResponse::from).collect(),
    ))
}

pub(crate) fn load(conn: &mut DbConnection, id: &str) -> Result<ContributionResponse, ApiError> {
    let row =
        repo::find(conn, id)?.ok_or_else(|| ApiError::internal("a contribution just written vanished"))?;
    respond(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded contribution vanished"))
}

/// Responses for `rows`, their authors and media read in two statements for all of them.
pub(crate) fn respond(
    conn: &mut DbConnection,
    rows: Vec<ContributionRow>,
) -> Result<Vec<ContributionResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut authors: HashMap<String, Vec<NamedAuthor>> = HashMap::new();
    for (contribution_id, author) in repo::authors_with_names(conn, &ids)? {
        authors.entry(contribution_id).or_default().push(author);
    }
    let mut media: HashMap<String, Vec<MediaResponse>> = HashMap::new();
    for (contribution_id, row) in media_repo::of_contributions(conn, &ids)? {
        media.entry(contribution_id).or_default().push(row.into());
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let authors = authors.remove(&row.id).unwrap_or_default();
            let media = media.remove(&row.id).unwrap_or_default();
            response(row, authors, media)
        })
        .collect())
}

fn response(
    row: ContributionRow,
    authors: Vec<NamedAuthor>,
    media: Vec<MediaResponse>,
) -> ContributionResponse {
    ContributionResponse {
        authors: authors
            .into_iter()
            .map(|author| AuthorResponse {
                display_name: author.display_name,
                accepted: author.accepted,
                share_bp: author.share_bp,
                user_id: author.user_id,
            })
            .collect(),
        tags: serde_json::from_str(&row.tags).unwrap_or_default(),
        media,
        status: row.status,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        published_at: row.published_at.map(|at| at.and_utc()),
        id: row.id,
        campaign_id: row.campaign_id,
        title: row.title,
        body: row.body,
        submitter_id: row.submitter_id,
        parent_id: row.parent_id,
        moderation_reason: row.moderation_reason,
    }
}
