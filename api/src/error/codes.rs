//! The catalogue of error codes: every refusal the API makes carries one of these stable,
//! machine-readable codes (in `code`, and in `errors[].code` per field), so clients translate
//! the code and never parse the English `detail`. Each code has one HTTP status.
//!
//! A code is never renamed or removed once released; add new ones instead. The architecture
//! test fails when a code is declared here but never produced anywhere in the server.

use std::borrow::Cow;

use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};

macro_rules! catalogue {
    ( $( $(#[doc = $doc:literal])+ $variant:ident = $code:literal => $status:ident, )+ ) => {
        /// A stable, machine-readable reason for a refusal.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum ErrorCode {
            $( $(#[doc = $doc])+ #[serde(rename = $code)] $variant, )+
        }

        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as it appears on the wire.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),+ }
            }

            /// The HTTP status every refusal with this code answers.
            pub fn status(self) -> StatusCode {
                match self { $(ErrorCode::$variant => StatusCode::$status),+ }
            }

            /// What the code means, for the OpenAPI document.
            pub fn meaning(self) -> &'static str {
                match self { $(ErrorCode::$variant => concat!($($doc),+).trim_ascii()),+ }
            }

            /// The Rust name of the variant (the architecture test looks for its uses).
            pub const fn variant_name(self) -> &'static str {
                match self { $(ErrorCode::$variant => stringify!($variant)),+ }
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = ();

            fn from_str(raw: &str) -> Result<Self, ()> {
                match raw { $($code => Ok(ErrorCode::$variant),)+ _ => Err(()) }
            }
        }
    };
}

catalogue! {
    // --- the request itself -------------------------------------------------------------------
    /// The request is not understood (a problem reported by a library, without more detail).
    RequestInvalid = "request.invalid" => BAD_REQUEST,
    /// The body is not well-formed JSON.
    MalformedJson = "request.malformed_json" => BAD_REQUEST,
    /// The multipart body cannot be read.
    MalformedMultipart = "request.malformed_multipart" => BAD_REQUEST,
    /// The body is larger than the server accepts. Params: `limit` (bytes).
    BodyTooLarge = "request.too_large" => PAYLOAD_TOO_LARGE,
    /// The body has a media type this operation does not take (JSON or multipart expected).
    UnsupportedMediaType = "request.unsupported_media_type" => UNSUPPORTED_MEDIA_TYPE,
    /// No route has this path.
    RouteNotFound = "route.not_found" => NOT_FOUND,
    /// The path exists with other methods. Params: `allowed`.
    MethodNotAllowed = "route.method_not_allowed" => METHOD_NOT_ALLOWED,
    /// The resource does not exist, or the caller may not know that it does. Params: `resource`.
    NotFound = "not_found" => NOT_FOUND,
    /// Too many requests; try again after `Retry-After` seconds. Params: `retry_after`.
    RateLimited = "rate_limited" => TOO_MANY_REQUESTS,
    /// The database or the media store is unreachable; try again shortly.
    Unavailable = "service.unavailable" => SERVICE_UNAVAILABLE,
    /// A failure of the server; it has been logged.
    Internal = "internal" => INTERNAL_SERVER_ERROR,

    // --- credentials ----------------------------------------------------------------------------
    /// The operation needs `Authorization: Bearer <token>`.
    AuthRequired = "auth.required" => UNAUTHORIZED,
    /// The Authorization header is not `Bearer <token>`.
    AuthMalformedHeader = "auth.malformed_header" => UNAUTHORIZED,
    /// The access token is invalid or has expired: refresh it.
    AuthInvalidToken = "auth.invalid_token" => UNAUTHORIZED,
    /// The personal access token is invalid, revoked or expired.
    AuthInvalidPersonalToken = "auth.invalid_personal_token" => UNAUTHORIZED,
    /// The refresh token is invalid, used, expired or revoked: sign in again.
    AuthInvalidRefreshToken = "auth.invalid_refresh_token" => UNAUTHORIZED,
    /// Wrong email or password.
    AuthWrongCredentials = "auth.wrong_credentials" => UNAUTHORIZED,
    /// The account behind the credential no longer exists.
    AuthAccountGone = "auth.account_gone" => UNAUTHORIZED,
    /// The token lacks the scope this operation needs. Params: `scope`.
    AuthInsufficientScope = "auth.insufficient_scope" => FORBIDDEN,
    /// Only a login session may do this; personal access tokens cannot.
    AuthSessionRequired = "auth.session_required" => FORBIDDEN,
    /// An account with this email exists already.
    EmailTaken = "account.email_taken" => CONFLICT,
    /// The account's address is confirmed already.
    EmailAlreadyVerified = "account.email_verified" => CONFLICT,
    /// The caller's uploads would exceed their quota. Params: `used`, `quota` (bytes).
    MediaQuotaExceeded = "media.quota_exceeded" => CONFLICT,
    /// The caller has as many personal access tokens as allowed. Params: `max`.
    TokenLimitReached = "token.limit_reached" => CONFLICT,
    /// Not allowed (a refusal reported by a library, without more detail).
    Forbidden = "forbidden" => FORBIDDEN,

    // --- fields of the request (422, in `errors[]`) ---------------------------------------------
    /// A required field is missing.
    FieldRequired = "field.required" => UNPROCESSABLE_ENTITY,
    /// A field this operation does not take.
    FieldUnknown = "field.unknown" => UNPROCESSABLE_ENTITY,
    /// A field has the wrong type, or a value outside its enumeration.
    FieldType = "field.type" => UNPROCESSABLE_ENTITY,
    /// A text or list is too short or too long. Params: `min`, `max` (either may be absent).
    FieldLength = "field.length" => UNPROCESSABLE_ENTITY,
    /// A number is out of range. Params: `min`, `max` (either may be absent).
    FieldRange = "field.range" => UNPROCESSABLE_ENTITY,
    /// A text does not have the required form (an email, an address, an id, a pattern).
    FieldFormat = "field.format" => UNPROCESSABLE_ENTITY,
    /// A text is empty or only white space.
    FieldBlank = "field.blank" => UNPROCESSABLE_ENTITY,
    /// A list holds the same value twice.
    FieldDuplicate = "field.duplicate" => UNPROCESSABLE_ENTITY,
    /// The request body is not a JSON object.
    BodyNotObject = "body.not_object" => UNPROCESSABLE_ENTITY,
    /// The cursor was not issued by this API for this list and order (or it was altered).
    CursorInvalid = "cursor.invalid" => UNPROCESSABLE_ENTITY,
    /// The password is the email address.
    PasswordIsEmail = "password.is_email" => UNPROCESSABLE_ENTITY,
    /// The password given to confirm who you are is not your password.
    PasswordIncorrect = "password.incorrect" => UNPROCESSABLE_ENTITY,
    /// The schedule must run submissions open < close <= voting open < close; `field` names
    /// the instant to move.
    ScheduleOrder = "schedule.order" => UNPROCESSABLE_ENTITY,
    /// A campaign needs a schedule with all four instants before it is published.
    ScheduleMissing = "schedule.missing" => UNPROCESSABLE_ENTITY,
    /// Voting must close in the future.
    ScheduleEnded = "schedule.ended" => UNPROCESSABLE_ENTITY,
    /// Budget voting needs a vote budget.
    VoteBudgetMissing = "rules.vote_budget_missing" => UNPROCESSABLE_ENTITY,
    /// Only budget voting has a vote budget.
    VoteBudgetUnexpected = "rules.vote_budget_unexpected" => UNPROCESSABLE_ENTITY,
    /// Prize tiers must cover increasing, non-overlapping rank ranges.
    PrizeTierOrder = "prize_tiers.order" => UNPROCESSABLE_ENTITY,
    /// All prize tiers use the currency of the first. Params: `currency`.
    PrizeTierCurrency = "prize_tiers.currency" => UNPROCESSABLE_ENTITY,
    /// Co-authors' shares leave the submitter nothing (they must stay below 10000 basis points).
    AuthorSharesTooHigh = "authors.shares_too_high" => UNPROCESSABLE_ENTITY,
    /// A co-author is the submitter, or not a known user.
    AuthorInvalid = "authors.invalid" => UNPROCESSABLE_ENTITY,
    /// A remix must build on a published contribution of the same campaign.
    RemixParentInvalid = "contribution.parent_invalid" => UNPROCESSABLE_ENTITY,
    /// The comment replied to does not exist on this contribution.
    CommentParentNotFound = "comment.parent_not_found" => UNPROCESSABLE_ENTITY,
    /// Replies are one level deep: reply to the comment the parent answers.
    CommentReplyTooDeep = "comment.reply_too_deep" => UNPROCESSABLE_ENTITY,
    /// The value does not fit the campaign's voting method. Params: `method`, `min`, `max`.
    VoteValueInvalid = "vote.value_invalid" => UNPROCESSABLE_ENTITY,
    /// A vote named for invalidation is not a vote of this campaign.
    VoteUnknown = "vote.unknown" => UNPROCESSABLE_ENTITY,
    /// The upload is empty.
    MediaEmpty = "media.empty" => UNPROCESSABLE_ENTITY,
    /// The image is damaged: its dimensions cannot be read, or it has no pixels.
    MediaDamaged = "media.damaged" => UNPROCESSABLE_ENTITY,
    /// The image is larger than allowed. Params: `max_pixels` (per side).
    MediaDimensions = "media.dimensions" => UNPROCESSABLE_ENTITY,
    /// Send exactly one file per upload, in a field named `file`.
    MediaOneFile = "media.one_file" => UNPROCESSABLE_ENTITY,
    /// The file is not a PNG, JPEG, WebP or GIF image (its content decides).
    MediaUnsupportedType = "media.unsupported_type" => UNSUPPORTED_MEDIA_TYPE,
    /// The declared type contradicts the file's content. Params: `declared`, `detected`.
    MediaTypeMismatch = "media.type_mismatch" => UNSUPPORTED_MEDIA_TYPE,
    /// A media id that is not an upload of the caller's.
    MediaNotYours = "media.not_yours" => UNPROCESSABLE_ENTITY,
    /// A webhook may not call a loopback, private, link-local or otherwise internal address.
    WebhookTargetForbidden = "webhook.target_forbidden" => UNPROCESSABLE_ENTITY,
    /// Webhook targets must be `https://` on this server.
    WebhookHttpsRequired = "webhook.https_required" => UNPROCESSABLE_ENTITY,
    /// A webhook can only be limited to a campaign of its own organization.
    WebhookCampaignForeign = "webhook.campaign_foreign" => UNPROCESSABLE_ENTITY,
    /// Not an ISO 4217 currency this server takes. Params: `currency`.
    CurrencyUnknown = "currency.unknown" => UNPROCESSABLE_ENTITY,
    /// The backer-threshold model needs `backer_goal`.
    BackerGoalMissing = "funding.backer_goal_missing" => UNPROCESSABLE_ENTITY,
    /// Only the backer-threshold model has a `backer_goal`.
    BackerGoalUnexpected = "funding.backer_goal_unexpected" => UNPROCESSABLE_ENTITY,
    /// Stretch goals lie above the goal, in increasing order.
    StretchGoalOrder = "funding.stretch_goal_order" => UNPROCESSABLE_ENTITY,
    /// This server does not offer simulated payments (`SIMULATED_PAYMENTS`).
    SimulatedPaymentsOff = "funding.simulated_payments_off" => UNPROCESSABLE_ENTITY,
    /// A tier's availability must end after it starts.
    TierWindowOrder = "tier.window_order" => UNPROCESSABLE_ENTITY,
    /// The tier is not one of this campaign's.
    TierUnknown = "tier.unknown" => UNPROCESSABLE_ENTITY,
    /// The answer does not fit the campaign's answer form. Params: what the form allows
    /// (`options`, `min`, `max`).
    AnswerInvalid = "answer.invalid" => UNPROCESSABLE_ENTITY,
    /// Two options of a choice question share a value.
    AnswerFormDuplicateOption = "answer_form.duplicate_option" => UNPROCESSABLE_ENTITY,
    /// A form's bounds contradict each other (min above max, more choices than options).
    AnswerFormRange = "answer_form.range" => UNPROCESSABLE_ENTITY,
    /// Tasks exist that the new form cannot take: gold answers it does not accept, or tasks
    /// without the image its question is about. Params: `tasks` (how many), `task_id` (the first).
    AnswerFormIncompatible = "answer_form.incompatible" => UNPROCESSABLE_ENTITY,
    /// The consensus retirement rule needs `consensus_k`.
    ConsensusKMissing = "task_settings.consensus_k_missing" => UNPROCESSABLE_ENTITY,
    /// A task shows something: a text, an image or a link.
    TaskPayloadEmpty = "task.payload_empty" => UNPROCESSABLE_ENTITY,
    /// The campaign's form asks about an image, so every task needs one.
    TaskImageRequired = "task.image_required" => UNPROCESSABLE_ENTITY,
    /// The image is not a media id of this server.
    TaskImageUnknown = "task.image_unknown" => UNPROCESSABLE_ENTITY,
    /// An invitation names a campaign that is not the organization's.
    InvitationCampaignUnknown = "invitation.campaign_unknown" => UNPROCESSABLE_ENTITY,
    /// The invitation can no longer be accepted. Params: `reason` (`revoked`, `expired`,
    /// `used_up`).
    InvitationUnavailable = "invitation.unavailable" => GONE,
    /// A mailed link (password reset, address confirmation) no longer works. Params: `reason`
    /// (`unknown`, `used`, `expired`).
    AccountLinkUnavailable = "account_link.unavailable" => GONE,
    /// Comments are kept or hidden on the moderation desk, not rejected. Params: `action`.
    ReportActionNotApplicable = "report.action_not_applicable" => UNPROCESSABLE_ENTITY,
    /// An import's CSV cannot be read. Params: `row`.
    ImportUnreadable = "import.unreadable" => UNPROCESSABLE_ENTITY,
    /// A rejection needs a reason the worker sees; pausing a worker too.
    ReasonRequired = "review.reason_required" => UNPROCESSABLE_ENTITY,
    /// The amount is below the tier's minimum. Params: `minimum`.
    PledgeBelowMinimum = "pledge.below_minimum" => UNPROCESSABLE_ENTITY,
    /// The payment method is not one the campaign's provider takes. Params: `provider`.
    PaymentMethodInvalid = "payment.method_invalid" => UNPROCESSABLE_ENTITY,
    /// The provider declined the payment method; nothing was pledged.
    PaymentDeclined = "payment.declined" => UNPROCESSABLE_ENTITY,
    /// A recorded payment must be the pledge's amount. Params: `expected`.
    PaymentAmountMismatch = "payment.amount_mismatch" => UNPROCESSABLE_ENTITY,
    /// The `Idempotency-Key` header must be 1 to 255 visible characters.
    IdempotencyKeyInvalid = "idempotency.key_invalid" => UNPROCESSABLE_ENTITY,
    /// This `Idempotency-Key` was used with a different request (method, path or body).
    IdempotencyKeyReused = "idempotency.key_reused" => UNPROCESSABLE_ENTITY,

    // --- who may do what -------------------------------------------------------------------------
    /// The caller is not a member of the organization.
    NotMember = "organization.not_member" => FORBIDDEN,
    /// The caller's role in the organization does not allow this. Params: `role`.
    RoleInsufficient = "organization.role_insufficient" => FORBIDDEN,
    /// Only the organization's owners and managers run campaigns.
    ManagersOnly = "campaign.managers_only" => FORBIDDEN,
    /// Only the organization's moderators, managers and owners moderate.
    StaffOnly = "moderation.staff_only" => FORBIDDEN,
    /// The campaign is open to invited people only (and the organization's staff).
    InviteOnly = "campaign.invite_only" => FORBIDDEN,
    /// The worker is paused in this campaign. Params: `reason`.
    WorkerPaused = "worker.paused" => FORBIDDEN,
    /// Nobody reviews their own answer.
    OwnAnswer = "review.own_answer" => FORBIDDEN,
    /// Only a contribution's authors change it.
    NotAuthor = "contribution.not_author" => FORBIDDEN,
    /// Only a contribution's submitter withdraws it.
    NotSubmitter = "contribution.not_submitter" => FORBIDDEN,
    /// The caller is not named as a co-author.
    NotCoAuthor = "contribution.not_co_author" => FORBIDDEN,
    /// Only its author or the organization's moderators delete a comment.
    CommentNotYours = "comment.not_author" => FORBIDDEN,
    /// The campaign does not let authors vote for their own contributions.
    SelfVote = "vote.self_vote" => FORBIDDEN,
    /// The ballot was cast on the jury, and the caller is no longer a juror of the organization.
    JuryBallotNotYours = "vote.jury_ended" => FORBIDDEN,
    /// The campaign hides its tallies until voting closes.
    TalliesHidden = "vote.tallies_hidden" => FORBIDDEN,
    /// Winners are published when the campaign closes.
    AwardsNotPublic = "awards.not_public" => FORBIDDEN,

    // --- the state of things -----------------------------------------------------------------------
    /// The slug is taken. Params: `slug`.
    SlugTaken = "slug.taken" => CONFLICT,
    /// The campaign has a channel with this name. Params: `name`.
    ChannelNameTaken = "channel.name_taken" => CONFLICT,
    /// This exists already.
    AlreadyExists = "conflict.exists" => CONFLICT,
    /// It changed meanwhile; reload it and try again.
    ChangedMeanwhile = "conflict.changed_meanwhile" => CONFLICT,
    /// The account has pledges whose money is still moving. Params: `pledges`.
    AccountHasOpenPledges = "account.pledges_open" => CONFLICT,
    /// An organization must keep at least one owner.
    LastOwner = "organization.last_owner" => CONFLICT,
    /// The campaign has ended (closed or cancelled). Params: `phase`.
    CampaignEnded = "campaign.ended" => CONFLICT,
    /// Schedule, rules, prizes and points are frozen once submissions open.
    CampaignRulesFrozen = "campaign.rules_frozen" => CONFLICT,
    /// Only a draft can do this (be published or deleted).
    CampaignNotDraft = "campaign.not_draft" => CONFLICT,
    /// A draft is deleted, not cancelled.
    CampaignIsDraft = "campaign.is_draft" => CONFLICT,
    /// The campaign's voting has not ended yet.
    VotingNotOver = "campaign.voting_not_over" => CONFLICT,
    /// Submissions are not open in the campaign's current phase. Params: `phase`.
    SubmissionsClosed = "contribution.submissions_closed" => CONFLICT,
    /// The caller has reached the campaign's limit of contributions. Params: `limit`.
    ContributionLimitReached = "contribution.limit_reached" => CONFLICT,
    /// A withdrawn or rejected contribution cannot change.
    ContributionFinal = "contribution.final" => CONFLICT,
    /// The co-authorship has been answered already.
    CoAuthorshipAnswered = "contribution.co_author_answered" => CONFLICT,
    /// The decision does not apply to the contribution's status. Params: `decision`, `status`.
    DecisionNotApplicable = "moderation.decision_not_applicable" => CONFLICT,
    /// The caller has reported this already.
    AlreadyReported = "report.duplicate" => CONFLICT,
    /// The reports on this subject were settled meanwhile.
    ReportResolved = "report.resolved" => CONFLICT,
    /// The comment has been deleted.
    CommentDeleted = "comment.deleted" => CONFLICT,
    /// Comments open once the contribution is published.
    CommentsNotOpen = "comment.not_open" => CONFLICT,
    /// The campaign has ended: comments are closed.
    CommentsClosed = "comment.closed" => CONFLICT,
    /// Voting is not open in the campaign's current phase. Params: `phase`.
    VotingClosed = "vote.voting_closed" => CONFLICT,
    /// Only published contributions take votes.
    VoteTargetNotPublic = "vote.contribution_not_public" => CONFLICT,
    /// The organisers invalidated this vote: it cannot be changed, retracted or cast again.
    VoteInvalidated = "vote.invalidated" => CONFLICT,
    /// Not enough of the vote budget is left. Params: `left`, `budget`.
    VoteBudgetExceeded = "vote.budget_exceeded" => CONFLICT,
    /// The campaign awards nothing: cancelled without a guaranteed prize, or before submissions
    /// opened.
    NothingToAward = "awards.nothing_to_award" => CONFLICT,
    /// The award cannot make this transition. Params: `from`, `to`.
    AwardTransition = "award.transition" => CONFLICT,
    /// The organization has as many webhook endpoints as allowed. Params: `max`.
    WebhookLimitReached = "webhook.limit_reached" => CONFLICT,
    /// Only funding campaigns have funding, tiers and pledges.
    NotFundingCampaign = "funding.wrong_kind" => CONFLICT,
    /// The campaign takes pledges once its funding (goal, currency, model) is set.
    FundingNotConfigured = "funding.not_configured" => CONFLICT,
    /// Goal, currency, model and provider are frozen once the first pledge is made.
    FundingFrozen = "funding.frozen" => CONFLICT,
    /// The funding window has not ended: settlement runs after the deadline.
    FundingWindowOpen = "funding.window_open" => CONFLICT,
    /// Every slot of the tier is taken.
    TierSoldOut = "tier.sold_out" => CONFLICT,
    /// The tier is outside its availability window. Params: `available_from`,
    /// `available_until`.
    TierUnavailable = "tier.unavailable" => CONFLICT,
    /// A tier's limit cannot go below the slots already taken. Params: `taken`.
    TierLimitBelowTaken = "tier.limit_below_taken" => CONFLICT,
    /// A tier that backers chose cannot be deleted.
    TierHasPledges = "tier.has_pledges" => CONFLICT,
    /// The caller has an open pledge on this campaign: change it instead. Params: `pledge_id`.
    PledgeExists = "pledge.exists" => CONFLICT,
    /// Pledges are made, changed and cancelled while the funding window is open. Params:
    /// `phase`.
    PledgeWindowClosed = "pledge.window_closed" => CONFLICT,
    /// The pledge cannot make this move from its state. Params: `from`, `to`.
    PledgeTransition = "pledge.transition" => CONFLICT,
    /// Only pledges of the manual provider are paid by recording the money received.
    PaymentNotManual = "payment.not_manual" => CONFLICT,
    /// Only microtask campaigns have tasks.
    NotMicrotaskCampaign = "tasks.wrong_kind" => CONFLICT,
    /// The campaign takes tasks once its answer form is set (`PUT /campaigns/{id}/task-settings`).
    TasksNotConfigured = "tasks.not_configured" => CONFLICT,
    /// The answer form is fixed once the first answer is in.
    AnswerFormFrozen = "tasks.form_frozen" => CONFLICT,
    /// Tasks are claimed while the campaign's work window is open. Params: `phase`.
    TaskWindowClosed = "task.window_closed" => CONFLICT,
    /// Every slot of the task is held.
    TaskFull = "task.full" => CONFLICT,
    /// The task has retired: it takes no more answers.
    TaskRetired = "task.retired" => CONFLICT,
    /// The caller took this task already. Params: `claim_id`.
    ClaimExists = "claim.exists" => CONFLICT,
    /// A check task is due in the caller's stream: take the next task
    /// (`POST /campaigns/{id}/tasks/next`) before choosing one.
    ClaimCheckDue = "claim.check_due" => CONFLICT,
    /// The caller holds as many leases in the campaign as one may. Params: `max`.
    ClaimLimit = "claim.limit" => CONFLICT,
    /// The claim cannot make this move from its state. Params: `from`, `to`.
    ClaimTransition = "claim.transition" => CONFLICT,
    /// The lease ran out; the slot went back. Params: `lease_expires_at`.
    LeaseExpired = "claim.lease_expired" => CONFLICT,
    /// A lease is held at most 24 hours after claiming. Params: `until`.
    LeaseLimit = "claim.lease_limit" => CONFLICT,
    /// A rejection is overturned within 30 days of it. Params: `until`.
    OverturnWindowPassed = "review.overturn_window_passed" => CONFLICT,
    /// Many answers were rejected in the campaign in the last 24 hours: an owner confirms a
    /// further rejection with `confirm_mass_rejection`. Params: `rejected`, `reviews`,
    /// `threshold_percent`.
    MassRejectionGuard = "review.confirmation_required" => CONFLICT,
    /// A request with this `Idempotency-Key` is still being processed; retry after it ends.
    IdempotencyInFlight = "idempotency.in_flight" => CONFLICT,
}

impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> RefOr<Schema> {
        let mut table = String::from(
            "A stable, machine-readable reason for a refusal; clients translate it, never the \
             English `detail`. Codes are never renamed; new ones may be added.\n\n\
             | code | status | meaning |\n| --- | --- | --- |\n",
        );
        for code in ErrorCode::ALL {
            table.push_str(&format!(
                "| `{}` | {} | {} |\n",
                code.as_str(),
                code.status().as_u16(),
                code.meaning().replace('\n', " ")
            ));
        }
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(ErrorCode::ALL.iter().map(|code| code.as_str())))
            .description(Some(table))
            .into()
    }
}

impl utoipa::ToSchema for ErrorCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorCode")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_dotted_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{}",
                code.as_str()
            );
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(*code));
            assert!(!code.meaning().is_empty());
            assert!(code.status().is_client_error() || code.status().is_server_error());
        }
    }
}
