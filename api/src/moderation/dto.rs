//! Wire types of moderation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::contributions::dto::ContributionResponse;
use crate::domain::{ContributionStatus, Decision, ReportTarget};
use crate::validate::not_blank;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationRequest {
    pub decision: Decision,
    /// Required to reject or hide; the authors see it.
    #[validate(length(min = 1, max = 1000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 1000, pattern = "[^\\s\\u0085]")]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// What is wrong with it.
    #[validate(length(min = 1, max = 1000), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 1000,
        pattern = "[^\\s\\u0085]",
        example = "Copies another entry"
    )]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportResponse {
    pub id: String,
    pub target_type: ReportTarget,
    /// The reported contribution's or comment's id.
    pub target_id: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// One entry of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationActionResponse {
    pub id: String,
    pub actor_id: String,
    pub decision: Decision,
    pub reason: Option<String>,
    pub from_status: ContributionStatus,
    pub to_status: ContributionStatus,
    pub created_at: DateTime<Utc>,
}

/// A contribution waiting for a moderator: submitted for approval, or reported.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItem {
    pub contribution: ContributionResponse,
    /// How many people reported it.
    pub report_count: i64,
}
