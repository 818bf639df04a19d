//! Wire types of comments.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::validate::not_blank;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommentRequest {
    /// Plain text or markdown; clients render it safely (no raw HTML).
    #[validate(length(min = 1, max = 5000), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 5000,
        pattern = "[^\\s\\u0085]",
        example = "Love the colours!"
    )]
    pub body: String,
    /// A top-level comment of the same contribution to reply to; replies are one level deep.
    pub parent_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentResponse {
    pub id: String,
    pub contribution_id: String,
    /// The top-level comment this one replies to; `null` for a top-level comment.
    pub parent_id: Option<String>,
    pub author_id: String,
    pub author_display_name: String,
    /// `null` once deleted: the place in the thread stays, the words go.
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A comment that participants reported, for moderators.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportedComment {
    pub comment: CommentResponse,
    pub report_count: i64,
}
