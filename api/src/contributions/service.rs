//! Contribution rules: submit only while submissions are open and only if eligible, at most the
//! campaign's number per member, shares that add up, remixes of the same campaign; authors edit
//! and withdraw while submissions are open. Functions take `now` from the caller (tests set it).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::dto::{
    AuthorResponse, ContributionResponse, ContributionStatus, CreateContributionRequest,
    UpdateContributionRequest,
};
use super::repo::{self, AuthorRow, ContributionChanges, ContributionRow, NewContribution};
use crate::campaigns::dto::Eligibility;
use crate::campaigns::phase::Phase;
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::service as campaigns;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::error::{ApiError, FieldError};
use crate::ids::{looks_like_id, new_id};
use crate::media::dto::MediaResponse;
use crate::media::repo as media_repo;
use crate::media::service as media;
use crate::organizations::dto::Role;
use crate::pagination::Page;
use crate::rewards::dto::PointsSource;
use crate::rewards::ledger::{self, Grant};
use crate::users::repo as users;
use crate::votes::repo::RankBy;
use crate::votes::scores;
use crate::votes::service as votes;

/// All of a reward, in basis points.
const WHOLE: i32 = 10_000;

fn require_submission_phase(campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    match campaigns::phase_of(campaign, now) {
        Phase::Submission => Ok(()),
        phase => Err(ApiError::Conflict(format!(
            "submissions are not open: the campaign is in its {} phase",
            serde_json::to_value(phase)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        ))),
    }
}

pub fn submit(
    conn: &mut DbConnection,
    user_id: &str,
    campaign_key: &str,
    request: CreateContributionRequest,
    now: NaiveDateTime,
) -> Result<ContributionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, role) = campaigns::for_participation(conn, Some(user_id), campaign_key)?;
        require_submission_phase(&campaign, now)?;
        if campaign.eligibility == Eligibility::InviteOnly.as_str() && role.is_none() {
            return Err(ApiError::forbidden(
                "this campaign is open to invited members only",
            ));
        }
        // Parallel submissions by one member must not pass the limit together.
        lock_key(conn, &format!("contribution:{}:{user_id}", campaign.id))?;
        let limit = campaign.max_contributions_per_member;
        if repo::count_active_by_submitter(conn, &campaign.id, user_id)? >= i64::from(limit) {
            return Err(ApiError::Conflict(format!(
                "you have reached this campaign's limit of {limit} contribution(s); withdraw one to submit another"
            )));
        }
        let submitter_share = check_co_authors(conn, user_id, &request)?;
        if let Some(parent_id) = &request.parent_id {
            check_parent(conn, &campaign, parent_id)?;
        }
        media::check_attachable(conn, user_id, "media_ids", &request.media_ids, &[])?;
        let id = new_id();
        let status = if campaign.require_approval {
            ContributionStatus::Submitted
        } else {
            ContributionStatus::Published
        };
        let mut author_rows = vec![AuthorRow {
            contribution_id: id.clone(),
            user_id: user_id.to_owned(),
            share_bp: submitter_share,
            accepted_at: Some(now),
        }];
        author_rows.extend(request.co_authors.iter().map(|co| AuthorRow {
            contribution_id: id.clone(),
            user_id: co.user_id.clone(),
            share_bp: co.share_bp,
            accepted_at: None,
        }));
        repo::insert(
            conn,
            &NewContribution {
                id: id.clone(),
                campaign_id: campaign.id.clone(),
                submitter_id: user_id.to_owned(),
                title: request.title.trim().to_owned(),
                body: request.body,
                tags: encode_tags(&request.tags),
                parent_id: request.parent_id,
                status: status.as_str().into(),
                created_at: now,
                updated_at: now,
                published_at: status.is_public().then_some(now),
            },
            &author_rows,
        )?;
        media_repo::replace_of_contribution(conn, &id, &request.media_ids)?;
        scores::start(conn, &campaign, &id, now)?;
        crate::reach::service::on_contribution(conn, &campaign, user_id, now)?;
        if status.is_public() {
            grant_publication_points(conn, &campaign, &id, user_id, now)?;
        }
        load(conn, &id)
    })
}

/// Pays the submitter the campaign's points for a published contribution, once.
pub(crate) fn grant_publication_points(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    contribution_id: &str,
    submitter_id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    ledger::grant_once(
        conn,
        Grant {
            user_id: submitter_id,
            campaign_id: Some(&campaign.id),
            source: PointsSource::ContributionPublished,
            source_id: contribution_id,
            points: campaign.points_per_contribution,
        },
        now,
    )
}

/// Co-authors must be other existing users, each once, leaving the submitter a share; returns it.
fn check_co_authors(
    conn: &mut DbConnection,
    user_id: &str,
    request: &CreateContributionRequest,
) -> Result<i32, ApiError> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (index, co) in request.co_authors.iter().enumerate() {
        let field = format!("co_authors[{index}].user_id");
        if co.user_id == user_id {
            errors.push(FieldError {
                field,
                message: "you are an author already".into(),
            });
        } else if !seen.insert(co.user_id.clone()) {
            errors.push(FieldError {
                field,
                message: "listed twice".into(),
            });
        } else if !looks_like_id(&co.user_id) || users::find(conn, &co.user_id)?.is_none() {
            errors.push(FieldError {
                field,
                message: "no such user".into(),
            });
        }
    }
    let given: i32 = request.co_authors.iter().map(|co| co.share_bp).sum();
    if given >= WHOLE {
        errors.push(FieldError {
            field: "co_authors".into(),
            message: "co-authors' shares must leave the submitter a share (sum below 10000)".into(),
        });
    }
    if errors.is_empty() {
        Ok(WHOLE - given)
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn check_parent(conn: &mut DbConnection, campaign: &CampaignRow, parent_id: &str) -> Result<(), ApiError> {
    let parent = match looks_like_id(parent_id) {
        true => repo::find(conn, parent_id)?,
        false => None,
    };
    match parent {
        Some(parent)
            if parent.campaign_id == campaign.id && ContributionStatus::parse(&parent.status).is_public() =>
        {
            Ok(())
        }
        _ => Err(ApiError::invalid(
            "parent_id",
            "must be a published contribution of the same campaign",
        )),
    }
}

/// May `viewer` see this contribution? Public ones: everyone. Others: its authors and the
/// organization's owners, managers and moderators. Otherwise it does not exist (404).
pub(crate) fn visible(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    id: &str,
) -> Result<(ContributionRow, CampaignRow), ApiError> {
    let no_such = || ApiError::NotFound("no such contribution".into());
    let row = match looks_like_id(id) {
        true => repo::find(conn, id)?.ok_or_else(no_such)?,
        false => return Err(no_such()),
    };
    let (campaign, role) =
        campaigns::for_participation(conn, viewer, &row.campaign_id).map_err(|_| no_such())?;
    if ContributionStatus::parse(&row.status).is_public() {
        return Ok((row, campaign));
    }
    let is_author = match viewer {
        Some(user) => repo::find_author(conn, &row.id, user)?.is_some(),
        None => false,
    };
    let is_staff = role.is_some_and(Role::moderates);
    if is_author || is_staff {
        Ok((row, campaign))
    } else {
        Err(no_such())
    }
}

pub fn get(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    id: &str,
) -> Result<ContributionResponse, ApiError> {
    let (row, _) = visible(conn, viewer, id)?;
    respond(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded contribution vanished"))
}

fn load(conn: &mut DbConnection, id: &str) -> Result<ContributionResponse, ApiError> {
    let row =
        repo::find(conn, id)?.ok_or_else(|| ApiError::internal("a contribution just written vanished"))?;
    respond(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded contribution vanished"))
}

/// Loads a contribution that `user` (one of its accepted authors) may change now.
fn editable(
    conn: &mut DbConnection,
    user: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<ContributionRow, ApiError> {
    let (row, campaign) = visible(conn, Some(user), id)?;
    let author = repo::find_author(conn, &row.id, user)?;
    if author.is_none_or(|author| author.accepted_at.is_none()) {
        return Err(ApiError::forbidden("only its authors change a contribution"));
    }
    require_submission_phase(&campaign, now)?;
    if matches!(
        ContributionStatus::parse(&row.status),
        ContributionStatus::Withdrawn | ContributionStatus::Rejected
    ) {
        return Err(ApiError::Conflict(
            "a withdrawn or rejected contribution cannot change".into(),
        ));
    }
    Ok(row)
}

pub fn update(
    conn: &mut DbConnection,
    user: &str,
    id: &str,
    request: UpdateContributionRequest,
    now: NaiveDateTime,
) -> Result<ContributionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = editable(conn, user, id, now)?;
        if let Some(media_ids) = &request.media_ids {
            let shown: Vec<String> = media_repo::of_contributions(conn, std::slice::from_ref(&row.id))?
                .into_iter()
                .map(|(_, media)| media.id)
                .collect();
            media::check_attachable(conn, user, "media_ids", media_ids, &shown)?;
            media_repo::replace_of_contribution(conn, &row.id, media_ids)?;
        }
        let changes = ContributionChanges {
            title: request.title.map(|title| title.trim().to_owned()),
            body: request.body,
            tags: request.tags.map(|tags| encode_tags(&tags)),
            updated_at: Some(now),
            ..ContributionChanges::default()
        };
        repo::update(conn, &row.id, &changes)?;
        load(conn, &row.id)
    })
}

pub fn withdraw(conn: &mut DbConnection, user: &str, id: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let row = editable(conn, user, id, now)?;
        if row.submitter_id != user {
            return Err(ApiError::forbidden("only the submitter withdraws a contribution"));
        }
        let changes = ContributionChanges {
            status: Some(ContributionStatus::Withdrawn.as_str().into()),
            updated_at: Some(now),
            ..ContributionChanges::default()
        };
        Ok(repo::update(conn, &row.id, &changes)?)
    })
}

/// A co-author accepts their share, or declines it (it returns to the submitter).
pub fn answer_authorship(
    conn: &mut DbConnection,
    user: &str,
    id: &str,
    accept: bool,
    now: NaiveDateTime,
) -> Result<ContributionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (row, _) = visible(conn, Some(user), id)?;
        let author = repo::find_author(conn, &row.id, user)?
            .ok_or_else(|| ApiError::forbidden("you are not named as a co-author"))?;
        if author.accepted_at.is_some() {
            return Err(ApiError::Conflict("you have accepted already".into()));
        }
        if accept {
            repo::accept_authorship(conn, &row.id, user, now)?;
        } else {
            repo::decline_authorship(conn, &row.id, user, &row.submitter_id, author.share_bp)?;
        }
        load(conn, &row.id)
    })
}

/// The orders a gallery can be read in.
#[derive(Debug, Clone, Copy)]
pub enum GallerySort {
    Newest,
    /// The leaderboard's order.
    Top,
    /// Votes weighed against age.
    Hot,
    /// Shuffled per `seed`, and stable for it, so paging never repeats or skips.
    Random,
}

/// Which page of a gallery to read.
pub struct Gallery<'a> {
    pub sort: GallerySort,
    pub seed: &'a str,
    pub after: Option<String>,
    pub limit: usize,
}

pub fn list(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    gallery: Gallery<'_>,
    now: NaiveDateTime,
) -> Result<Page<ContributionResponse>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, campaign_key)?;
    let Gallery {
        sort,
        seed,
        after,
        limit,
    } = gallery;
    let page = match sort {
        GallerySort::Top | GallerySort::Hot => {
            votes::require_tallies_visible(&campaign, role, now)?;
            let by = match sort {
                GallerySort::Hot => RankBy::Hot,
                _ => RankBy::Combined,
            };
            let (ranked, next_cursor) = votes::ranked_page(conn, &campaign, by, after, limit)?;
            let ids: Vec<String> = ranked
                .into_iter()
                .map(|(_, score)| score.contribution_id)
                .collect();
            let mut rows: HashMap<String, ContributionRow> = repo::find_many(conn, &ids)?
                .into_iter()
                .map(|row| (row.id.clone(), row))
                .collect();
            Page {
                items: ids.iter().filter_map(|id| rows.remove(id)).collect(),
                next_cursor,
            }
        }
        GallerySort::Newest => {
            let rows = repo::list_public_newest(conn, &campaign.id, after.as_deref(), limit as i64 + 1)?;
            Page::from_rows(rows, limit, |row| row.id.clone())
        }
        GallerySort::Random => {
            let mut ids = repo::public_ids(conn, &campaign.id)?;
            ids.sort_by_cached_key(|id| Sha256::digest(format!("{seed}:{id}").as_bytes()));
            let window = Page::by_position(ids, after, limit);
            let mut rows: HashMap<String, ContributionRow> = repo::find_many(conn, &window.items)?
                .into_iter()
                .map(|row| (row.id.clone(), row))
                .collect();
            Page {
                items: window.items.iter().filter_map(|id| rows.remove(id)).collect(),
                next_cursor: window.next_cursor,
            }
        }
    };
    let items = respond(conn, page.items)?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

pub(crate) fn respond(
    conn: &mut DbConnection,
    rows: Vec<ContributionRow>,
) -> Result<Vec<ContributionResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut authors: HashMap<String, Vec<AuthorRow>> = HashMap::new();
    for author in repo::authors_of(conn, &ids)? {
        authors
            .entry(author.contribution_id.clone())
            .or_default()
            .push(author);
    }
    let user_ids: Vec<String> = authors
        .values()
        .flatten()
        .map(|author| author.user_id.clone())
        .collect();
    let names: HashMap<String, String> = users::display_names(conn, &user_ids)?.into_iter().collect();
    let mut media: HashMap<String, Vec<MediaResponse>> = HashMap::new();
    for (contribution_id, row) in media_repo::of_contributions(conn, &ids)? {
        media.entry(contribution_id).or_default().push(row.into());
    }
    Ok(rows
        .into_iter()
        .map(|row| ContributionResponse {
            authors: authors
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|author| AuthorResponse {
                    display_name: names.get(&author.user_id).cloned().unwrap_or_default(),
                    accepted: author.accepted_at.is_some(),
                    share_bp: author.share_bp,
                    user_id: author.user_id,
                })
                .collect(),
            tags: serde_json::from_str(&row.tags).unwrap_or_default(),
            media: media.remove(&row.id).unwrap_or_default(),
            status: ContributionStatus::parse(&row.status),
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
        })
        .collect())
}

fn encode_tags(tags: &[String]) -> String {
    let trimmed: Vec<&str> = tags.iter().map(|tag| tag.trim()).collect();
    serde_json::to_string(&trimmed).unwrap_or_else(|_| "[]".into())
}
