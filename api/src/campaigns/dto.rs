//! Wire types of campaigns.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::{Validate, ValidationError};

use crate::domain::{CampaignKind, Eligibility, Phase, VotingMethod};
use crate::error::ErrorCode;
use crate::validate::not_blank;

/// When submissions and voting are open. Instants are UTC; each window includes its opening and
/// excludes its closing instant.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleDto {
    pub submissions_open_at: DateTime<Utc>,
    /// After `submissions_open_at`.
    pub submissions_close_at: DateTime<Utc>,
    /// At or after `submissions_close_at`.
    pub voting_open_at: DateTime<Utc>,
    /// After `voting_open_at`.
    pub voting_close_at: DateTime<Utc>,
}

/// The rules every participant sees up front. Frozen once submissions open.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RulesDto {
    #[validate(range(min = 1, max = 100, message = "must be from 1 to 100"))]
    #[schema(minimum = 1, maximum = 100)]
    pub max_contributions_per_member: i32,
    pub voting_method: VotingMethod,
    /// Points each voter may spread; required with `budget` voting, absent otherwise.
    #[validate(range(min = 1, max = 1000, message = "must be from 1 to 1000"))]
    #[schema(minimum = 1, maximum = 1000)]
    pub vote_budget: Option<i32>,
    /// Whether votes are accepted during submission too.
    pub vote_during_submission: bool,
    /// Whether authors may vote for their own contributions.
    pub allow_self_vote: bool,
    /// Whether counts and order by score stay hidden from participants until voting closes.
    pub hide_tallies: bool,
    /// How much the jury's score weighs against the public's, in percent.
    #[validate(range(min = 0, max = 100, message = "must be from 0 to 100"))]
    #[schema(minimum = 0, maximum = 100)]
    pub jury_weight_percent: i32,
    pub eligibility: Eligibility,
    /// Whether moderators approve contributions before they are published.
    pub require_approval: bool,
    /// The share of a remix's award that goes to the authors of the entry it remixes, in percent.
    #[validate(range(min = 0, max = 50, message = "must be from 0 to 50"))]
    #[schema(minimum = 0, maximum = 50)]
    pub remix_credit_percent: i32,
    /// If the brand cancels the campaign once submissions have opened, the prize pool is split
    /// evenly among all published contributions (and each by its authors' shares).
    pub guaranteed_prize: bool,
    /// The share of visitors the organiser aims to turn into contributors, in percent (the
    /// analytics show it next to the usual 1%).
    #[validate(range(exclusive_min = 0.0, max = 100.0, message = "must be above 0 and at most 100"))]
    #[schema(exclusive_minimum = 0.0, maximum = 100.0, example = 10.0)]
    pub participation_target_percent: Option<f64>,
    /// The contributions the campaign needs by the close of submissions (its critical mass); the
    /// analytics project whether it will get there.
    #[validate(range(min = 1, max = 1_000_000, message = "must be from 1 to 1000000"))]
    #[schema(minimum = 1, maximum = 1_000_000, example = 200)]
    pub contribution_target: Option<i32>,
}

impl Default for RulesDto {
    fn default() -> Self {
        RulesDto {
            max_contributions_per_member: 1,
            voting_method: VotingMethod::Upvote,
            vote_budget: None,
            vote_during_submission: false,
            allow_self_vote: false,
            hide_tallies: false,
            jury_weight_percent: 0,
            eligibility: Eligibility::Open,
            require_approval: false,
            remix_credit_percent: 0,
            guaranteed_prize: false,
            participation_target_percent: None,
            contribution_target: None,
        }
    }
}

/// A prize for the contributions finishing at ranks `rank_from` to `rank_to` (each wins it).
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrizeTierDto {
    #[validate(range(min = 1, max = 10000, message = "must be from 1 to 10000"))]
    #[schema(minimum = 1, maximum = 10000)]
    pub rank_from: i32,
    #[validate(range(min = 1, max = 10000, message = "must be from 1 to 10000"))]
    #[schema(minimum = 1, maximum = 10000)]
    pub rank_to: i32,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = "[^\\s\\u0085]",
        example = "First prize"
    )]
    pub title: String,
    /// In minor units of `currency` (cents); never a float.
    #[validate(range(min = 0, max = 1_000_000_000_000_i64, message = "must be from 0 to 10^12"))]
    #[schema(minimum = 0, maximum = 1_000_000_000_000_i64, example = 50000)]
    pub amount_minor: i64,
    /// ISO 4217, e.g. `EUR`.
    #[validate(custom(function = "currency_code"))]
    #[schema(pattern = "^[A-Z]{3}$", example = "EUR")]
    pub currency: String,
    /// Participation points awarded with the prize.
    #[validate(range(min = 0, max = 1_000_000, message = "must be from 0 to 1000000"))]
    #[schema(minimum = 0, maximum = 1_000_000)]
    #[serde(default)]
    pub points: i32,
}

fn currency_code(code: &str) -> Result<(), ValidationError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(ValidationError::new(ErrorCode::FieldFormat.as_str())
        .with_message("must be an ISO 4217 code such as EUR".into()))
}

/// Points for taking part, granted per event.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PointsDto {
    #[validate(range(min = 0, max = 10000, message = "must be from 0 to 10000"))]
    #[schema(minimum = 0, maximum = 10000)]
    pub per_contribution: i32,
    #[validate(range(min = 0, max = 10000, message = "must be from 0 to 10000"))]
    #[schema(minimum = 0, maximum = 10000)]
    pub per_vote: i32,
    #[validate(range(min = 0, max = 10000, message = "must be from 0 to 10000"))]
    #[schema(minimum = 0, maximum = 10000)]
    pub per_referral: i32,
}

/// A new campaign; it starts as a draft.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCampaignRequest {
    pub kind: CampaignKind,
    #[validate(length(min = 1, max = 120), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 120,
        pattern = "[^\\s\\u0085]",
        example = "Design our summer bottle"
    )]
    pub title: String,
    /// Defaults to one made from the title.
    #[validate(custom(function = "crate::organizations::dto::slug"))]
    #[schema(min_length = 3, max_length = 50, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    #[serde(default)]
    pub summary: String,
    /// Markdown; clients render it safely (no raw HTML).
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    #[serde(default)]
    pub brief: String,
    /// An image uploaded with `POST /media` by the person creating the campaign.
    pub cover_media_id: Option<String>,
    pub schedule: Option<ScheduleDto>,
    #[validate(nested)]
    #[serde(default)]
    pub rules: RulesDto,
    #[validate(length(max = 50), nested)]
    #[schema(max_items = 50)]
    #[serde(default)]
    pub prize_tiers: Vec<PrizeTierDto>,
    #[validate(nested)]
    #[serde(default)]
    pub participation_points: PointsDto,
}

/// Changes to a campaign. Omitted fields stay; `rules`, `prize_tiers` and `participation_points`
/// are replaced whole. Once submissions open, only `title`, `summary` and `brief` may change.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCampaignRequest {
    #[validate(length(min = 1, max = 120), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 120, pattern = "[^\\s\\u0085]")]
    pub title: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub summary: Option<String>,
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    pub brief: Option<String>,
    /// A new cover uploaded by the person making the change; `null` removes the cover.
    #[serde(default, deserialize_with = "crate::http::json::present")]
    #[schema(value_type = Option<String>, nullable)]
    pub cover_media_id: Option<Option<String>>,
    pub schedule: Option<ScheduleDto>,
    #[validate(nested)]
    pub rules: Option<RulesDto>,
    #[validate(length(max = 50), nested)]
    #[schema(max_items = 50)]
    pub prize_tiers: Option<Vec<PrizeTierDto>>,
    #[validate(nested)]
    pub participation_points: Option<PointsDto>,
}

/// A campaign as participants and organisers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignResponse {
    pub id: String,
    pub slug: String,
    /// The organization's slug.
    pub organization: String,
    /// The organization's name, as people know the brand.
    pub organization_name: String,
    pub kind: CampaignKind,
    pub title: String,
    pub summary: String,
    pub brief: String,
    pub cover_media_id: Option<String>,
    /// Where the cover image is served.
    pub cover_url: Option<String>,
    /// Derived from the schedule and the server's clock at the time of the response.
    pub phase: Phase,
    pub schedule: Option<ScheduleDto>,
    pub rules: RulesDto,
    pub prize_tiers: Vec<PrizeTierDto>,
    pub participation_points: PointsDto,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
