//! Wire types of moderation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::comments::dto::CommentResponse;
use crate::contributions::dto::ContributionResponse;
use crate::domain::{ContributionStatus, Decision, ReportAction, ReportCategory, ReportTarget};
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
    /// What kind of problem it is; `other` when left out.
    pub category: Option<ReportCategory>,
    /// What is wrong with it, in the reporter's words (moderators read it).
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
    pub category: ReportCategory,
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

/// Which reports the desk lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    /// Waiting for a moderator (the default), oldest first.
    Open,
    /// Settled, the newest reports first.
    Resolved,
}

impl ReportState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Open => "open",
            ReportState::Resolved => "resolved",
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportsQuery {
    /// Default `open`.
    pub status: Option<ReportState>,
    /// Only the reports on this contribution or comment (its audit).
    #[param(max_length = 64)]
    pub target_id: Option<String>,
}

/// One report on the moderation desk, with what it is about (staff only).
#[derive(Debug, Serialize, ToSchema)]
pub struct DeskReport {
    pub id: String,
    pub category: ReportCategory,
    /// The reporter's words.
    pub reason: String,
    pub reporter_id: String,
    pub reporter_display_name: String,
    pub created_at: DateTime<Utc>,
    pub target_type: ReportTarget,
    /// The reported contribution's or comment's id.
    pub target_id: String,
    /// The reported contribution, or the one the reported comment is on: the inline preview.
    pub contribution: Option<ContributionResponse>,
    /// The reported comment (for a comment report).
    pub comment: Option<CommentResponse>,
    /// How many reports are open on the same subject, this one included.
    pub open_reports_on_subject: i64,
    /// How it was settled; `null` while open.
    pub resolution: Option<ReportAction>,
    /// The moderator's reason (shown to the authors for hide and reject).
    pub resolution_reason: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A moderator settles the reports on a subject. `keep` leaves it as it is (the reports were
/// unfounded); `hide` and `reject` take it away and need a reason its authors see. A comment can
/// be kept or hidden (deleted), not rejected.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionRequest {
    pub action: ReportAction,
    #[validate(length(min = 1, max = 1000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 1000, pattern = "[^\\s\\u0085]")]
    pub reason: Option<String>,
}

/// What a resolution settled.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResolutionResponse {
    pub target_type: ReportTarget,
    pub target_id: String,
    pub action: ReportAction,
    pub reason: Option<String>,
    /// The open reports on the subject that this settled (the one named included).
    pub resolved_reports: i64,
    pub resolved_at: DateTime<Utc>,
}
