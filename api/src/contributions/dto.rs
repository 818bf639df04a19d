//! Wire types of contributions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::{Validate, ValidationError};

use crate::domain::ContributionStatus;
use crate::error::ErrorCode;
use crate::media::dto::MediaResponse;
use crate::validate::{is_blank, not_blank, refusal};

/// A co-author and their share of any reward, in basis points (1/100 of a percent).
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoAuthorRequest {
    pub user_id: String,
    #[validate(range(min = 1, max = 9999, message = "must be from 1 to 9999 basis points"))]
    #[schema(minimum = 1, maximum = 9999, example = 3000)]
    pub share_bp: i32,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContributionRequest {
    #[validate(length(min = 1, max = 150), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 150, pattern = "[^\\s\\u0085]")]
    pub title: String,
    /// Markdown; clients render it safely (no raw HTML).
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub body: String,
    #[validate(custom(function = "tag_list"))]
    #[schema(schema_with = tags_schema)]
    #[serde(default)]
    pub tags: Vec<String>,
    /// Everyone else who made it; the submitter keeps `10000 - sum(share_bp)`.
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    #[serde(default)]
    pub co_authors: Vec<CoAuthorRequest>,
    /// The contribution of the same campaign this one remixes; its authors are credited.
    pub parent_id: Option<String>,
    /// Images uploaded with `POST /media` by the submitter, in the order shown.
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    #[serde(default)]
    pub media_ids: Vec<String>,
}

/// Changes to a contribution's content (authors only, while submissions are open).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateContributionRequest {
    #[validate(length(min = 1, max = 150), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 150, pattern = "[^\\s\\u0085]")]
    pub title: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub body: Option<String>,
    #[validate(custom(function = "tag_list"))]
    #[schema(schema_with = tags_schema)]
    pub tags: Option<Vec<String>>,
    /// Replaces the images: ones already shown, or new uploads of the author making the change.
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    pub media_ids: Option<Vec<String>>,
}

/// A co-author answering their invitation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorshipRequest {
    /// `true` accepts the share; `false` declines it (the share returns to the submitter).
    pub accept: bool,
}

fn tag_list(tags: &[String]) -> Result<(), ValidationError> {
    if tags.len() > 10 || tags.iter().any(|tag| is_blank(tag) || tag.chars().count() > 30) {
        return Err(refusal(
            ErrorCode::FieldLength,
            "at most 10 tags of 1 to 30 characters",
            Some(10),
        ));
    }
    Ok(())
}

fn tags_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let tag = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(30))
        .pattern(Some("[^\\s\\u0085]"));
    ArrayBuilder::new().items(tag).max_items(Some(10)).build()
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuthorResponse {
    pub user_id: String,
    pub display_name: String,
    pub share_bp: i32,
    /// Whether the author accepted their share (the submitter always has).
    pub accepted: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContributionResponse {
    pub id: String,
    /// The campaign's id.
    pub campaign_id: String,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub status: ContributionStatus,
    pub submitter_id: String,
    pub authors: Vec<AuthorResponse>,
    pub parent_id: Option<String>,
    /// Its images, in the order shown.
    pub media: Vec<MediaResponse>,
    /// Why a moderator rejected or hid it (seen by its authors and the organization's staff).
    pub moderation_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// How many contributions the caller may still submit to a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionAllowance {
    /// The campaign's `max_contributions_per_member`.
    pub limit: i64,
    /// The caller's contributions that count against it (not withdrawn or rejected).
    pub used: i64,
    pub remaining: i64,
}
