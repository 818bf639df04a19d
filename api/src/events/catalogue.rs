//! Every event type, what it means, and the JSON schema of its `data` (published in the OpenAPI
//! document). Beside the fields below, `data` always has `event_id`, `version`, `subject_id`,
//! `organization_id`, `campaign_id` and `actor_id`.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{
    AwardStatus, ClaimStatus, ContributionStatus, FundingOutcome, Phase, PledgeStatus, PointsSource,
    ReportTarget, Role,
};
use crate::text_enum;

macro_rules! event_types {
    ( $( $(#[doc = $doc:literal])+ $variant:ident = $name:literal => $data:ident, )+ ) => {
        text_enum! {
            /// What happened. See the `data` schema of each type in the catalogue table.
            pub enum EventType {
                $( $(#[doc = $doc])+ $variant = $name, )+
            }
        }

        impl EventType {
            /// The name of the schema of this type's `data`.
            pub fn data_schema(self) -> &'static str {
                match self { $(EventType::$variant => stringify!($data)),+ }
            }

            /// What the type means.
            pub fn meaning(self) -> &'static str {
                match self { $(EventType::$variant => concat!($($doc),+).trim_ascii()),+ }
            }
        }
    };
}

event_types! {
    /// A draft went public (scheduled, or open at once).
    CampaignPublished = "campaign.published" => CampaignEventData,
    /// The clock moved a published campaign into its next phase (submission, review, voting,
    /// judging); emitted once per transition, also after downtime.
    CampaignPhaseChanged = "campaign.phase_changed" => PhaseChangedData,
    /// The organiser closed the campaign after judging; winners are public.
    CampaignClosed = "campaign.closed" => CampaignEventData,
    /// The organiser cancelled the campaign.
    CampaignCancelled = "campaign.cancelled" => CampaignEventData,
    /// A contribution was submitted (published at once, or waiting for moderation).
    ContributionSubmitted = "contribution.submitted" => ContributionEventData,
    /// A contribution became public (on submission, on approval, or restored).
    ContributionPublished = "contribution.published" => ContributionEventData,
    /// A moderator rejected a contribution, with a reason its authors see.
    ContributionRejected = "contribution.rejected" => ContributionEventData,
    /// A moderator took a published contribution out of the gallery, with a reason.
    ContributionHidden = "contribution.hidden" => ContributionEventData,
    /// Its submitter withdrew a contribution.
    ContributionWithdrawn = "contribution.withdrawn" => ContributionEventData,
    /// Its authors changed a contribution's title, text, tags or images.
    ContributionUpdated = "contribution.updated" => ContributionEventData,
    /// A named co-author accepted or declined their share.
    CoAuthorshipAnswered = "contribution.co_author_answered" => CoAuthorshipData,
    /// Someone commented on a contribution (or replied to a comment).
    CommentCreated = "comment.created" => CommentEventData,
    /// A comment was deleted by its author or a moderator.
    CommentDeleted = "comment.deleted" => CommentEventData,
    /// Someone reported a contribution or a comment to the moderators.
    ReportCreated = "report.created" => ReportEventData,
    /// A vote was cast.
    VoteCast = "vote.cast" => VoteEventData,
    /// A voter changed their vote's value.
    VoteChanged = "vote.changed" => VoteEventData,
    /// A voter took their vote back.
    VoteRetracted = "vote.retracted" => VoteEventData,
    /// A manager took votes out of the score after a vote-integrity review.
    VotesInvalidated = "votes.invalidated" => VotesInvalidatedData,
    /// A campaign's awards were made from its final ranking and prize tiers.
    AwardsFinalized = "awards.finalized" => AwardsFinalizedData,
    /// A manager approved an award (its points are paid).
    AwardApproved = "award.approved" => AwardEventData,
    /// A manager marked an award paid.
    AwardPaid = "award.paid" => AwardEventData,
    /// A manager cancelled an award (approved points are taken back).
    AwardCancelled = "award.cancelled" => AwardEventData,
    /// Points were written to someone's ledger.
    PointsGranted = "points.granted" => PointsGrantedData,
    /// Someone earned a badge (their first published contribution, their first award).
    BadgeEarned = "badge.earned" => BadgeEarnedData,
    /// Someone invited through a referral code took part; the referrer earned points.
    ReferralConverted = "referral.converted" => ReferralConvertedData,
    /// Someone joined the organization with a role.
    MemberAdded = "member.added" => MemberEventData,
    /// A member's role changed.
    MemberRoleChanged = "member.role_changed" => MemberEventData,
    /// Someone left or was removed from the organization.
    MemberRemoved = "member.removed" => MemberEventData,
    /// A backer pledged to a funding campaign.
    PledgeCreated = "pledge.created" => PledgeEventData,
    /// A backer changed their pledge's amount, tier or payment method.
    PledgeChanged = "pledge.changed" => PledgeEventData,
    /// A backer withdrew their pledge, or it was released when the campaign ended.
    PledgeCancelled = "pledge.cancelled" => PledgeEventData,
    /// A pledge's money was collected.
    PledgeCollected = "pledge.collected" => PledgeEventData,
    /// Collecting a pledge failed (or a reminder during its grace window); the backer is told.
    PledgePaymentFailed = "pledge.payment_failed" => PledgeEventData,
    /// A pledge was not paid within its grace window and no longer counts.
    PledgeDropped = "pledge.dropped" => PledgeEventData,
    /// A collected pledge was paid back (the campaign failed or was cancelled).
    PledgeRefunded = "pledge.refunded" => PledgeEventData,
    /// A funding campaign reached its goal with collected money (or backers).
    CampaignFunded = "campaign.funded" => FundingOutcomeData,
    /// A funding campaign missed its goal (or was cancelled); its backers' money goes back.
    CampaignFailed = "campaign.failed" => FundingOutcomeData,
    /// Tasks were added to a microtask campaign (one or an import).
    TasksAdded = "tasks.added" => TasksAddedData,
    /// A worker claimed a slot of a task (a lease).
    ClaimCreated = "claim.created" => ClaimEventData,
    /// A worker gave a slot back without answering.
    ClaimReleased = "claim.released" => ClaimEventData,
    /// A lease ran out before an answer came; its slot is free again.
    ClaimExpired = "claim.expired" => ClaimEventData,
    /// A worker answered a task.
    ClaimSubmitted = "claim.submitted" => ClaimEventData,
    /// An answer was approved (by a manager, automatically after the review delay, as a right
    /// gold answer, or by overturning a rejection); its points are paid.
    ClaimApproved = "claim.approved" => ClaimEventData,
    /// An answer was rejected, with a reason the worker sees.
    ClaimRejected = "claim.rejected" => ClaimEventData,
    /// A task stopped taking answers; its result stands.
    TaskRetired = "task.retired" => TaskRetiredData,
    /// A worker was paused in a campaign (accuracy on gold tasks, or a manager), with a reason.
    WorkerPaused = "worker.paused" => WorkerPausedData,
    /// A test message from `POST /webhooks/{id}/ping` (sent to that endpoint only).
    WebhookPing = "webhook.ping" => WebhookEventData,
    /// An endpoint kept failing for days and was disabled; the organization's owners are told.
    WebhookDisabled = "webhook.disabled" => WebhookEventData,
}

impl EventType {
    /// The catalogue as a table (type, data schema, meaning) for the OpenAPI document.
    pub fn table() -> String {
        let mut table = String::from(
            "Every event type. Webhook bodies and the dispatcher use `{type, timestamp, data}`; \
             `data` always carries `event_id`, `version`, `subject_id`, `organization_id`, \
             `campaign_id` and `actor_id` beside the fields of its schema.\n\n\
             | type | data | meaning |\n| --- | --- | --- |\n",
        );
        for event_type in EventType::ALL {
            table.push_str(&format!(
                "| `{}` | `{}` | {} |\n",
                event_type.as_str(),
                event_type.data_schema(),
                event_type.meaning()
            ));
        }
        table
    }
}

/// A campaign's lifecycle event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CampaignEventData {
    pub slug: String,
    pub title: String,
    pub phase: Phase,
}

/// A campaign entered its next phase.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhaseChangedData {
    pub slug: String,
    pub title: String,
    pub from: Phase,
    pub to: Phase,
    /// When the schedule said the new phase begins (earlier than `timestamp` after downtime).
    pub begins_at: chrono::DateTime<chrono::Utc>,
}

/// A contribution's event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContributionEventData {
    pub title: String,
    pub status: ContributionStatus,
    pub submitter_id: String,
    /// The moderator's reason (rejected, hidden).
    pub reason: Option<String>,
    /// Co-authors named and not yet accepted (submitted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invited_co_author_ids: Vec<String>,
}

/// A co-author's answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoAuthorshipData {
    pub co_author_id: String,
    pub accepted: bool,
}

/// A comment's event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentEventData {
    pub contribution_id: String,
    pub contribution_title: String,
    pub parent_id: Option<String>,
    pub author_id: String,
}

/// A report to the moderators.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportEventData {
    pub target_type: ReportTarget,
    pub target_id: String,
}

/// A vote's event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoteEventData {
    pub contribution_id: String,
    pub voter_id: String,
    /// The value now (`null` once retracted).
    pub value: Option<i32>,
    pub jury: bool,
}

/// Votes taken out of the score.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VotesInvalidatedData {
    pub vote_ids: Vec<String>,
    pub reason: String,
}

/// A pledge's event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PledgeEventData {
    pub pledge_id: String,
    pub backer_id: String,
    pub tier_id: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: PledgeStatus,
    /// Why collecting failed (payment_failed).
    pub failure: Option<String>,
    /// Until when the backer can fix the payment (payment_failed).
    pub grace_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// How a funding campaign ended, with its honest totals.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FundingOutcomeData {
    pub outcome: FundingOutcome,
    pub goal_minor: i64,
    pub currency: String,
    pub collected_minor: i64,
    pub collected_backers: i64,
    pub dropped_minor: i64,
}

/// A campaign's awards were made.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwardsFinalizedData {
    pub award_ids: Vec<String>,
    /// Everyone who receives a part of an award.
    pub recipient_ids: Vec<String>,
}

/// An award's status changed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwardEventData {
    pub contribution_id: String,
    pub title: String,
    pub rank: i32,
    pub amount_minor: i64,
    pub currency: String,
    pub points: i32,
    pub from: AwardStatus,
    pub status: AwardStatus,
    pub recipient_ids: Vec<String>,
}

/// Points written to a ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PointsGrantedData {
    pub user_id: String,
    pub points: i32,
    pub source_type: PointsSource,
    pub source_id: String,
}

/// A badge earned.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BadgeEarnedData {
    pub user_id: String,
    /// `first_contribution` or `first_win`.
    pub badge: String,
}

/// A referred participant took part.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralConvertedData {
    pub referrer_id: String,
    pub invitee_id: String,
    pub points: i32,
}

/// A membership's event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberEventData {
    pub user_id: String,
    pub role: Option<Role>,
    pub previous_role: Option<Role>,
}

/// A webhook endpoint's own event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookEventData {
    pub webhook_id: String,
    pub url: String,
    /// Why it was disabled (`webhook.disabled`).
    pub reason: Option<String>,
}

/// Tasks added to a campaign.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TasksAddedData {
    pub count: usize,
    pub gold: usize,
}

/// A claim's event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClaimEventData {
    pub claim_id: String,
    pub task_id: String,
    pub worker_id: String,
    pub status: ClaimStatus,
    pub gold: bool,
    /// Points paid (approved).
    pub points: i32,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// Decided without a person (expiry, automatic approval, a gold check).
    pub automatic: bool,
}

/// A task's retirement and its result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskRetiredData {
    pub task_id: String,
    pub reason: crate::domain::RetirementReason,
    pub answers: i32,
    pub agreeing: i32,
    pub result: Option<serde_json::Value>,
}

/// A worker paused in a campaign.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkerPausedData {
    pub worker_id: String,
    pub reason: String,
}
