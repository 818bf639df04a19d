//! A contribution's lifecycle: submitted only while submissions are open and only by eligible
//! members, at most the campaign's number per member, with shares that add up and remixes of
//! the same campaign; edited and withdrawn by its authors while submissions are open; co-authors
//! accept or decline their share. Functions take `now` from the caller (tests set it).

use std::collections::HashSet;

use chrono::NaiveDateTime;

use super::dto::{
    ContributionResponse, CreateContributionRequest, SubmissionAllowance, UpdateContributionRequest,
};
use super::events;
use super::repo::{self, AuthorRow, ContributionChanges, ContributionRow, NewContribution};
use super::revisions;
use super::view::{load, visible};
use crate::attribution;
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::domain::{ContributionStatus, Phase, PointsSource};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::events::EventType;
use crate::ids::{looks_like_id, new_id};
use crate::ledger::{self, Grant};
use crate::media::repo as media_repo;
use crate::media::service as media;
use crate::scores;
use crate::users::repo as users;

/// All of a reward, in basis points.
const WHOLE: i32 = 10_000;

fn require_submission_phase(campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    match campaigns::phase_of(campaign, now) {
        Phase::Submission => Ok(()),
        phase => Err(ApiError::new(
            ErrorCode::SubmissionsClosed,
            format!(
                "submissions are not open: the campaign is in its {} phase",
                phase.as_str()
            ),
        )
        .param("phase", phase.as_str())),
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
        crate::invitations::require_eligible(conn, &campaign, user_id, role)?;
        // Parallel submissions by one member must not pass the limit together.
        lock_key(conn, &format!("contribution:{}:{user_id}", campaign.id))?;
        let limit = campaign.max_contributions_per_member;
        if repo::count_active_by_submitter(conn, &campaign.id, user_id)? >= i64::from(limit) {
            return Err(ApiError::new(
                ErrorCode::ContributionLimitReached,
                format!(
                    "you have reached this campaign's limit of {limit} contribution(s); withdraw one to submit another"
                ),
            )
            .param("limit", limit));
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
                status,
                created_at: now,
                updated_at: now,
                published_at: status.is_public().then_some(now),
            },
            &author_rows,
        )?;
        media_repo::replace_of_contribution(conn, &id, &request.media_ids)?;
        scores::start(conn, &campaign, &id, now)?;
        attribution::on_contribution(conn, &campaign, user_id, now)?;
        if status.is_public() {
            grant_publication_points(conn, &campaign, &id, user_id, now)?;
        }
        let row = repo::find(conn, &id)?
            .ok_or_else(|| ApiError::internal("a contribution just written vanished"))?;
        let invited: Vec<String> = request.co_authors.iter().map(|co| co.user_id.clone()).collect();
        events::record_with_invites(
            conn,
            EventType::ContributionSubmitted,
            &row,
            status,
            &campaign,
            user_id,
            None,
            invited,
            now,
        )?;
        if status.is_public() {
            events::record(
                conn,
                EventType::ContributionPublished,
                &row,
                status,
                &campaign,
                user_id,
                None,
                now,
            )?;
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
            organization_id: Some(&campaign.organization_id),
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
            errors.push(FieldError::new(
                field,
                ErrorCode::AuthorInvalid,
                "you are an author already",
            ));
        } else if !seen.insert(co.user_id.clone()) {
            errors.push(FieldError::new(field, ErrorCode::FieldDuplicate, "listed twice"));
        } else if !looks_like_id(&co.user_id) || users::find(conn, &co.user_id)?.is_none() {
            errors.push(FieldError::new(field, ErrorCode::AuthorInvalid, "no such user"));
        }
    }
    let given: i32 = request.co_authors.iter().map(|co| co.share_bp).sum();
    if given >= WHOLE {
        errors.push(
            FieldError::new(
                "co_authors",
                ErrorCode::AuthorSharesTooHigh,
                "co-authors' shares must leave the submitter a share (sum below 10000)",
            )
            .param("max", WHOLE - 1),
        );
    }
    if errors.is_empty() {
        Ok(WHOLE - given)
    } else {
        Err(ApiError::fields(errors))
    }
}

fn check_parent(conn: &mut DbConnection, campaign: &CampaignRow, parent_id: &str) -> Result<(), ApiError> {
    let parent = match looks_like_id(parent_id) {
        true => repo::find(conn, parent_id)?,
        false => None,
    };
    match parent {
        Some(parent) if parent.campaign_id == campaign.id && parent.status.is_public() => Ok(()),
        _ => Err(ApiError::invalid(
            "parent_id",
            ErrorCode::RemixParentInvalid,
            "must be a published contribution of the same campaign",
        )),
    }
}

/// Loads a contribution that `user` (one of its accepted authors) may change now.
fn editable(
    conn: &mut DbConnection,
    user: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<(ContributionRow, CampaignRow), ApiError> {
    let (row, campaign) = visible(conn, Some(user), id)?;
    let author = repo::find_author(conn, &row.id, user)?;
    if author.is_none_or(|author| author.accepted_at.is_none()) {
        return Err(ApiError::new(
            ErrorCode::NotAuthor,
            "only its authors change a contribution",
        ));
    }
    require_submission_phase(&campaign, now)?;
    if matches!(
        row.status,
        ContributionStatus::Withdrawn | ContributionStatus::Rejected
    ) {
        return Err(ApiError::new(
            ErrorCode::ContributionFinal,
            "a withdrawn or rejected contribution cannot change",
        ));
    }
    Ok((row, campaign))
}

/// Edits a contribution. Once the public has seen it, the version it replaces is kept (see
/// [`revisions`]); where the campaign requires approval, a change of substance takes it out of
/// the gallery and back to the moderators, so an approved entry cannot become something else.
pub fn update(
    conn: &mut DbConnection,
    user: &str,
    id: &str,
    request: UpdateContributionRequest,
    now: NaiveDateTime,
) -> Result<ContributionResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (row, campaign) = editable(conn, user, id, now)?;
        let shown: Vec<String> = media_repo::of_contributions(conn, std::slice::from_ref(&row.id))?
            .into_iter()
            .map(|(_, media)| media.id)
            .collect();
        if let Some(media_ids) = &request.media_ids {
            media::check_attachable(conn, user, "media_ids", media_ids, &shown)?;
        }
        let title = request.title.map(|title| title.trim().to_owned());
        let tags = request.tags.map(|tags| encode_tags(&tags));
        let changes_substance = title.as_ref().is_some_and(|title| *title != row.title)
            || request.body.as_ref().is_some_and(|body| *body != row.body)
            || tags.as_ref().is_some_and(|tags| *tags != row.tags)
            || request
                .media_ids
                .as_ref()
                .is_some_and(|media_ids| *media_ids != shown);
        let back_to_review = changes_substance && campaign.require_approval && row.status.is_public();
        let changes = ContributionChanges {
            title,
            body: request.body,
            tags,
            status: back_to_review.then_some(ContributionStatus::Submitted),
            moderation_reason: back_to_review.then_some(None),
            updated_at: Some(now),
            ..ContributionChanges::default()
        };
        // Conditional on the status read: a moderator's parallel decision is not overwritten.
        if !repo::update_from(conn, &row.id, row.status, &changes)? {
            return Err(changed_meanwhile());
        }
        if changes_substance && row.published_at.is_some() {
            revisions::keep(conn, &row, &shown, user, now)?;
        }
        if let Some(media_ids) = &request.media_ids {
            media_repo::replace_of_contribution(conn, &row.id, media_ids)?;
        }
        let updated =
            repo::find(conn, &row.id)?.ok_or_else(|| ApiError::internal("a contribution vanished"))?;
        events::record(
            conn,
            EventType::ContributionUpdated,
            &updated,
            updated.status,
            &campaign,
            user,
            None,
            now,
        )?;
        load(conn, &row.id)
    })
}

fn changed_meanwhile() -> ApiError {
    ApiError::new(
        ErrorCode::ChangedMeanwhile,
        "the contribution changed meanwhile; reload it and try again",
    )
}

pub fn withdraw(conn: &mut DbConnection, user: &str, id: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let (row, campaign) = editable(conn, user, id, now)?;
        if row.submitter_id != user {
            return Err(ApiError::new(
                ErrorCode::NotSubmitter,
                "only the submitter withdraws a contribution",
            ));
        }
        let changes = ContributionChanges {
            status: Some(ContributionStatus::Withdrawn),
            updated_at: Some(now),
            ..ContributionChanges::default()
        };
        if !repo::update_from(conn, &row.id, row.status, &changes)? {
            return Err(changed_meanwhile());
        }
        // What stands is counted and paid: a withdrawn entry gives its publication points back
        // (else submit, withdraw, submit again would farm them) and leaves the analytics.
        if let Some(granted) = ledger::granted(
            conn,
            PointsSource::ContributionPublished,
            &row.id,
            &row.submitter_id,
        )? {
            ledger::grant_once(
                conn,
                Grant {
                    user_id: &row.submitter_id,
                    organization_id: Some(&campaign.organization_id),
                    campaign_id: Some(&campaign.id),
                    source: PointsSource::ContributionWithdrawn,
                    source_id: &row.id,
                    points: -granted,
                },
                now,
            )?;
        }
        attribution::on_withdrawal(conn, &campaign, row.created_at)?;
        events::record(
            conn,
            EventType::ContributionWithdrawn,
            &row,
            ContributionStatus::Withdrawn,
            &campaign,
            user,
            None,
            now,
        )
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
        let (row, campaign) = visible(conn, Some(user), id)?;
        let author = repo::find_author(conn, &row.id, user)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotCoAuthor, "you are not named as a co-author"))?;
        if author.accepted_at.is_some() {
            return Err(ApiError::new(
                ErrorCode::CoAuthorshipAnswered,
                "you have accepted already",
            ));
        }
        // Conditional on the co-authorship still being open: of parallel answers one counts.
        let answered = if accept {
            repo::accept_authorship(conn, &row.id, user, now)?
        } else {
            repo::decline_authorship(conn, &row.id, user, &row.submitter_id, author.share_bp)?
        };
        if !answered {
            return Err(ApiError::new(
                ErrorCode::CoAuthorshipAnswered,
                "you have answered already",
            ));
        }
        events::record_answer(conn, &row, &campaign, user, accept, now)?;
        load(conn, &row.id)
    })
}

fn encode_tags(tags: &[String]) -> String {
    let trimmed: Vec<&str> = tags.iter().map(|tag| tag.trim()).collect();
    serde_json::to_string(&trimmed).unwrap_or_else(|_| "[]".into())
}

/// How many more contributions `user_id` may submit to a campaign now, so a client says so
/// before the form is filled: the campaign's limit, what counts against it (contributions not
/// withdrawn or rejected), and what is left.
pub fn allowance(
    conn: &mut DbConnection,
    user_id: &str,
    campaign_key: &str,
) -> Result<SubmissionAllowance, ApiError> {
    let (campaign, _) = campaigns::for_participation(conn, Some(user_id), campaign_key)?;
    let limit = i64::from(campaign.max_contributions_per_member);
    let used = repo::count_active_by_submitter(conn, &campaign.id, user_id)?;
    Ok(SubmissionAllowance {
        limit,
        used,
        remaining: (limit - used).max(0),
    })
}
