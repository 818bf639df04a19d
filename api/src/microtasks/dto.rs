//! Wire types of micro-tasking: a campaign's answer form and rules, tasks and their import,
//! claims (leases, answers, reviews), a worker's standing and the campaign's progress.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::form::AnswerForm;
use crate::domain::{ClaimStatus, RetirementReason, RetirementRule, TaskStrategy};
use crate::validate::not_blank;

fn default_strategy() -> TaskStrategy {
    TaskStrategy::DepthFirst
}
fn default_lease_minutes() -> i32 {
    60
}
fn default_review_delay_hours() -> i32 {
    72
}
fn default_retirement() -> RetirementRule {
    RetirementRule::Count
}
fn default_gold_min_answers() -> i32 {
    3
}
/// The rejection guard a campaign starts with, in percent.
pub const DEFAULT_REJECTION_GUARD: i32 = 30;

fn default_rejection_guard() -> i32 {
    DEFAULT_REJECTION_GUARD
}
fn default_redundancy() -> i32 {
    3
}
fn default_reward_points() -> i32 {
    10
}

/// A microtask campaign's answer form and rules (owners and managers). The form cannot change
/// once the first answer is in; the rules can.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskSettingsRequest {
    pub answer_form: AnswerForm,
    #[serde(default = "default_strategy")]
    pub strategy: TaskStrategy,
    /// How long a claim holds its slot: 1 minute to 24 hours (default 60).
    #[serde(default = "default_lease_minutes")]
    #[validate(range(min = 1, max = 1440))]
    #[schema(minimum = 1, maximum = 1440, default = 60)]
    pub lease_minutes: i32,
    /// Answers not reviewed within this many hours are approved automatically (default 72).
    #[serde(default = "default_review_delay_hours")]
    #[validate(range(min = 1, max = 720))]
    #[schema(minimum = 1, maximum = 720, default = 72)]
    pub review_delay_hours: i32,
    #[serde(default = "default_retirement")]
    pub retirement: RetirementRule,
    /// `consensus`: retire a task as soon as this many answers agree (2 to 100).
    #[validate(range(min = 2, max = 100))]
    #[schema(minimum = 2, maximum = 100)]
    pub consensus_k: Option<i32>,
    /// Percent of the tasks handed out that are gold tasks (known answers), 0 to 50.
    #[serde(default)]
    #[validate(range(min = 0, max = 50))]
    #[schema(minimum = 0, maximum = 50, default = 0)]
    pub gold_rate_percent: i32,
    /// Workers whose accuracy on gold tasks falls below this are paused (1 to 100; none: never).
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100)]
    pub min_accuracy_percent: Option<i32>,
    /// Gold answers a worker gives before their accuracy counts (1 to 100, default 3).
    #[serde(default = "default_gold_min_answers")]
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100, default = 3)]
    pub gold_min_answers: i32,
    /// Above this share of rejections among the reviews of the last 24 hours (from 10 reviews
    /// on), a rejection needs an owner's confirmation (1 to 100, default 30).
    #[serde(default = "default_rejection_guard")]
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100, default = 30)]
    pub rejection_guard_percent: i32,
}

/// Where the caller stands in the campaign as a worker.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct WorkerStatus {
    pub paused: bool,
    /// Why they were paused (shown to them).
    pub paused_reason: Option<String>,
    pub active_claims: i64,
    pub pending: i64,
    pub approved: i64,
    pub rejected: i64,
    pub points: i64,
    pub gold_answered: i32,
    /// Percent of gold tasks answered right; none before the first.
    pub gold_accuracy_percent: Option<i32>,
}

/// A microtask campaign's answer form and rules, with the caller's standing.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskSettingsResponse {
    pub campaign_id: String,
    pub answer_form: AnswerForm,
    pub strategy: TaskStrategy,
    pub lease_minutes: i32,
    pub review_delay_hours: i32,
    pub retirement: RetirementRule,
    pub consensus_k: Option<i32>,
    pub gold_rate_percent: i32,
    pub min_accuracy_percent: Option<i32>,
    pub gold_min_answers: i32,
    pub rejection_guard_percent: i32,
    /// Whether the form is fixed (the first answer is in).
    pub form_frozen: bool,
    /// The signed-in caller's standing as a worker.
    pub you: Option<WorkerStatus>,
}

/// What a task shows: a text, an image (a media id from `POST /media`) and/or a link; at
/// least one of them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPayload {
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub text: Option<String>,
    /// A media id.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub image: Option<String>,
    /// An http(s) URL.
    #[validate(url, length(max = 2000))]
    #[schema(max_length = 2000)]
    pub link: Option<String>,
}

/// A new task.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskRequest {
    #[validate(nested)]
    pub payload: TaskPayload,
    /// Markdown, shown above the question.
    #[serde(default)]
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub instructions: String,
    /// Answers wanted (1 to 100, default 3).
    #[serde(default = "default_redundancy")]
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100, default = 3)]
    pub redundancy: i32,
    /// Points per approved answer (0 to 10000, default 10).
    #[serde(default = "default_reward_points")]
    #[validate(range(min = 0, max = 10000))]
    #[schema(minimum = 0, maximum = 10000, default = 10)]
    pub reward_points: i32,
    /// Higher first (-1000 to 1000, default 0).
    #[serde(default)]
    #[validate(range(min = -1000, max = 1000))]
    #[schema(minimum = -1000, maximum = 1000, default = 0)]
    pub priority: i32,
    /// The known answer: makes this a gold task, answered by every worker to measure accuracy.
    pub gold_answer: Option<Value>,
}

/// Up to 10,000 tasks at once (JSON). CSV takes the same fields as columns: `text`, `image`,
/// `link`, `instructions`, `redundancy`, `reward_points`, `priority`, `gold_answer` (JSON, or
/// a plain option value or text).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportTasksRequest {
    #[schema(max_items = 10000)]
    pub tasks: Vec<CreateTaskRequest>,
}

/// What an import added (all of it, or nothing).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportTasksResponse {
    pub imported: usize,
    pub gold: usize,
    /// Tasks of the campaign now.
    pub total: i64,
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Nobody took it yet.
    Open,
    /// Taken or partly answered.
    InProgress,
    /// All answers in, but kept open (`never` retires).
    Completed,
    Retired,
}

/// A task's consensus so far.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskResult {
    /// The answer of the largest agreeing group (rectangles: its mean).
    pub answer: Value,
    /// That group's share of the answers, in percent.
    pub agreement_percent: i32,
    pub agreeing: i32,
    pub answers: i32,
}

/// One answer to a task (managers).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GivenAnswer {
    pub claim_id: String,
    pub worker_id: String,
    pub worker_name: String,
    pub answer: Value,
    pub status: ClaimStatus,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A task. Managers also see its state and counts, whether it is gold, its gold answer, its
/// result and answers; workers see what they need to answer it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskResponse {
    pub id: String,
    pub campaign_id: String,
    pub payload: TaskPayload,
    /// The image's URL, when the payload has one.
    pub image_url: Option<String>,
    pub instructions: String,
    pub redundancy: i32,
    pub reward_points: i32,
    pub priority: i32,
    /// Managers only: counts would tell workers which tasks are gold.
    pub state: Option<TaskState>,
    pub retired_reason: Option<RetirementReason>,
    pub retired_at: Option<DateTime<Utc>>,
    /// Slots held now (leases and counting answers; managers only).
    pub taken: Option<i32>,
    /// Answers that count (managers only).
    pub answers: Option<i32>,
    pub gold: Option<bool>,
    pub gold_answer: Option<Value>,
    pub result: Option<TaskResult>,
    /// Every answer (the single-task view for managers).
    pub given_answers: Option<Vec<GivenAnswer>>,
    pub created_at: DateTime<Utc>,
}

/// Which tasks to list.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskListFilter {
    All,
    /// Still taking answers with a free slot (the default for workers).
    Available,
    Retired,
    /// Gold tasks (managers).
    Gold,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Default: `all` for managers, `available` for everyone else (who never see gold tasks).
    pub state: Option<TaskListFilter>,
}

/// A review of an answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewInfo {
    pub reviewed_at: DateTime<Utc>,
    /// Approved without a person: the delay passed, or a gold answer was checked.
    pub automatic: bool,
    /// Why it was rejected (the worker sees it).
    pub reason: Option<String>,
    pub overturned_at: Option<DateTime<Utc>>,
}

/// A claim: the lease on a task's slot, then the answer and its review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClaimResponse {
    pub id: String,
    pub campaign_id: String,
    pub campaign_slug: String,
    pub campaign_title: String,
    pub worker_id: String,
    pub worker_name: String,
    pub status: ClaimStatus,
    pub lease_expires_at: DateTime<Utc>,
    pub task: TaskResponse,
    /// The campaign's question (the runner needs nothing else).
    pub answer_form: AnswerForm,
    pub answer: Option<Value>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// When an unreviewed answer is approved automatically.
    pub auto_approve_at: Option<DateTime<Utc>>,
    pub review: Option<ReviewInfo>,
    /// Points paid for this answer.
    pub points: i32,
    /// Until when a manager may overturn this rejection.
    pub overturnable_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What to do with a lease.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimAction {
    /// Hold the slot for another lease period (at most 24 hours after claiming).
    Extend,
    /// Give the slot back without answering.
    Release,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateClaimRequest {
    pub action: ClaimAction,
}

/// The answer, shaped as the campaign's form says.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitAnswerRequest {
    pub answer: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    Approved,
    Rejected,
}

/// A manager's review. A rejection needs a reason the worker sees; approving a rejected
/// answer overturns the rejection (within 30 days).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub decision: ReviewDecision,
    #[validate(length(min = 1, max = 1000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 1000, pattern = "[^\\s\\u0085]")]
    pub reason: Option<String>,
    /// An owner confirms a rejection although many answers were rejected in the last 24 hours.
    #[serde(default)]
    pub confirm_mass_rejection: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyClaimsQuery {
    pub status: Option<ClaimStatus>,
    /// A campaign's id.
    #[param(max_length = 64)]
    pub campaign: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CampaignClaimsQuery {
    /// Default `submitted`: the review queue.
    pub status: Option<ClaimStatus>,
}

/// A worker's record in a campaign (managers).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkerStanding {
    pub user_id: String,
    pub display_name: String,
    pub approved: i64,
    pub rejected: i64,
    pub pending: i64,
    pub points: i64,
    pub gold_answered: i32,
    pub gold_accuracy_percent: Option<i32>,
    pub paused: bool,
    pub paused_reason: Option<String>,
}

/// Pause or resume a worker (managers).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWorkerRequest {
    pub paused: bool,
    /// Shown to the worker (pausing needs it).
    #[validate(length(min = 1, max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500, pattern = "[^\\s\\u0085]")]
    pub reason: Option<String>,
}

/// Tasks by state.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct TaskCounts {
    /// Ordinary tasks (gold ones apart).
    pub total: i64,
    pub open: i64,
    pub in_progress: i64,
    pub completed: i64,
    pub retired: i64,
    pub gold: i64,
}

/// Answers by state.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct AnswerCounts {
    pub active_leases: i64,
    pub pending_review: i64,
    pub approved: i64,
    pub rejected: i64,
    pub expired_leases: i64,
    pub released_leases: i64,
}

/// A microtask campaign's progress (owners and managers).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskProgress {
    pub tasks: TaskCounts,
    pub answers: AnswerCounts,
    /// Answers still wanted by tasks that take them.
    pub answers_wanted: i64,
    pub answers_last_hour: i64,
    /// The average of the last 24 hours (or of the hours since the work window opened, at
    /// least one, when that is shorter).
    pub answers_per_hour: f64,
    /// When the wanted answers are in at the current pace; none without a pace.
    pub projected_completion_at: Option<DateTime<Utc>>,
    /// The end of the work window.
    pub closes_at: Option<DateTime<Utc>>,
    /// Whether the projection lies before the close.
    pub on_track: Option<bool>,
    pub workers: i64,
    pub paused_workers: i64,
    /// The ten workers with the most approved answers.
    pub leaderboard: Vec<WorkerStanding>,
}
