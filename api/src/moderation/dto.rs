//! Wire types of moderation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::contributions::dto::{ContributionResponse, ContributionStatus};
use crate::users::dto::not_blank;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Publish a submitted contribution.
    Approve,
    /// Refuse it for good (a reason is required; the authors see it).
    Reject,
    /// Take a published contribution out of the gallery (a reason is required).
    Hide,
    /// Publish a hidden or rejected contribution again.
    Restore,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::Hide => "hide",
            Decision::Restore => "restore",
        }
    }

    /// The status this decision leads to from `from`, if it applies to it.
    pub fn apply(self, from: ContributionStatus) -> Option<ContributionStatus> {
        use ContributionStatus::*;
        match (self, from) {
            (Decision::Approve, Submitted) => Some(Published),
            (Decision::Reject, Submitted | Published) => Some(Rejected),
            (Decision::Hide, Published | Shortlisted) => Some(Hidden),
            (Decision::Restore, Hidden | Rejected) => Some(Published),
            _ => None,
        }
    }
}

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

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportTarget {
    Contribution,
    Comment,
}

impl ReportTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportTarget::Contribution => "contribution",
            ReportTarget::Comment => "comment",
        }
    }
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
