//! Wire types of the analytics and the timeline.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// How many people reached each step. The steps narrow from left to right for visitors who
/// came through the site; people who acted through the API alone appear from `registered` on.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct Funnel {
    /// Distinct visitors (by the client's visitor id), each counted under their first touch.
    pub visitors: i64,
    /// Known users who came to the campaign: signed in on a visit, signed up through it, or
    /// voted or contributed.
    pub registered: i64,
    /// Accounts created through the campaign (part of `registered`).
    pub sign_ups: i64,
    /// Users who voted at least once.
    pub voters: i64,
    /// Users who submitted at least one contribution.
    pub contributors: i64,
    /// Users who voted or contributed.
    pub participants: i64,
    /// Users who pledged money (funding campaigns), each counted under their first touch.
    pub backers: i64,
    /// Users who answered tasks (microtask campaigns), each counted under their first touch.
    pub workers: i64,
}

/// Participation as fractions (0.01 = 1%); `null` where there is nothing to divide by.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rates {
    /// Contributors per visitor: the number the 1% rule is about.
    pub contribution_rate: Option<f64>,
    /// Contributors per participant (voters or contributors).
    pub contributors_per_participant: Option<f64>,
    /// Voters per visitor.
    pub voter_rate: Option<f64>,
    /// Sign-ups per visitor.
    pub sign_up_rate: Option<f64>,
}

/// A first-touch source: a channel, all referral codes together, or direct (no code).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceRef {
    /// `newsletter`, `community`, `social`, `partner` or `other` for channels; `referral`;
    /// or `direct`.
    #[schema(example = "community")]
    pub kind: String,
    /// The channel's id (channels only).
    pub channel_id: Option<String>,
    /// The channel's name (channels only).
    pub name: Option<String>,
}

/// One source's funnel and rates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceAnalytics {
    pub source: SourceRef,
    pub funnel: Funnel,
    pub rates: Rates,
}

/// What one participant's referral code brought.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferrerAnalytics {
    pub user_id: String,
    pub display_name: String,
    pub visitors: i64,
    pub sign_ups: i64,
    /// Invitees who took part.
    pub conversions: i64,
}

/// The multiplier effect of invitations.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralAnalytics {
    /// Invitees who took part (voted or contributed) through a participant's referral code.
    pub conversions: i64,
    /// Converted invitations per participant; above 1 the campaign grows by itself.
    pub k_factor: Option<f64>,
    /// The share of participants who came through a referral code.
    pub referral_share: Option<f64>,
    /// The ten referrers with the most conversions.
    pub top_referrers: Vec<ReferrerAnalytics>,
}

/// One UTC day of activity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DailyAnalytics {
    #[schema(value_type = String, format = Date)]
    pub day: NaiveDate,
    /// Visits (each visitor once a day).
    pub visits: i64,
    /// Visitors who touched the campaign for the first time.
    pub new_visitors: i64,
    pub sign_ups: i64,
    /// Votes cast (changes of a vote not counted again).
    pub votes: i64,
    /// Contributions submitted.
    pub contributions: i64,
}

/// Will the campaign reach critical mass?
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectionAnalytics {
    /// Contributions submitted so far.
    pub contributions: i64,
    /// The share of the submission window that has passed (0 to 1); `null` without a schedule.
    pub elapsed: Option<f64>,
    /// Contributions at the close of submissions at the average pace so far; `null` before
    /// submissions open or without a schedule.
    pub projected_at_close: Option<f64>,
    /// The campaign's `contribution_target`, if it declared one.
    pub target: Option<i32>,
    /// Whether the projection reaches the target; `null` without both.
    pub will_reach_target: Option<bool>,
}

/// Votes of one opted-in segment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SegmentAnalytics {
    /// `country`, `age_band` or `interest`.
    pub dimension: String,
    #[schema(example = "DE")]
    pub value: String,
    /// Distinct voters in the segment (at least `min_group_size`).
    pub voters: i64,
    /// Their current votes.
    pub votes: i64,
}

/// The plain answers an organiser looks for first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnalyticsSummary {
    /// The channel with the highest contribution rate; `null` until a channel has brought a
    /// contributor.
    pub best_channel: Option<SourceRef>,
    /// Whether the contribution rate is above the 1% baseline.
    pub beats_baseline: Option<bool>,
    /// Whether the contribution rate reaches the campaign's participation target.
    pub meets_target: Option<bool>,
    pub k_factor: Option<f64>,
    /// Whether the projection reaches the contribution target.
    pub will_reach_critical_mass: Option<bool>,
}

/// Everything an organiser needs to see whether a campaign reaches its community.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnalyticsResponse {
    pub campaign_id: String,
    pub generated_at: DateTime<Utc>,
    pub summary: AnalyticsSummary,
    pub funnel: Funnel,
    pub rates: Rates,
    /// The usual contribution rate: 0.01.
    pub baseline_rate: f64,
    /// The campaign's `participation_target_percent` as a fraction, if set.
    pub target_rate: Option<f64>,
    /// Each channel, then referrals together, then direct.
    pub sources: Vec<SourceAnalytics>,
    pub referrals: ReferralAnalytics,
    /// From the first day with activity to the last, without gaps.
    pub daily: Vec<DailyAnalytics>,
    pub projection: ProjectionAnalytics,
    /// Groups smaller than this are left out of `segments` and the exports.
    pub min_group_size: i64,
    /// ... and so are groups whose people came from fewer networks than this (IPv4 /24, IPv6
    /// /64), so that accounts of one's own cannot lift a small group over the threshold.
    pub min_group_networks: i64,
    /// When `segments` (and the segment export) were published. They are published afresh at
    /// most hourly (`ANALYTICS_PUBLISH_INTERVAL_SECS`) and only after at least `min_group_size`
    /// ballots were cast or changed, so no single vote can be watched arriving; an entry row
    /// that could be worked out from the campaign row and the others is left out too.
    pub segments_published_at: DateTime<Utc>,
    pub segments: Vec<SegmentAnalytics>,
}

/// A campaign as the timeline names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineCampaign {
    pub id: String,
    pub slug: String,
    pub title: String,
}

/// One participant's journey through one campaign.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub campaign: TimelineCampaign,
    /// The first touch that brought them (`null`: they came directly).
    pub came_through: Option<SourceRef>,
    pub first_touch_at: Option<DateTime<Utc>>,
    /// When the campaign first knew them.
    pub joined_at: DateTime<Utc>,
    /// Whether they created their account through this campaign.
    pub signed_up_here: bool,
    pub first_vote_at: Option<DateTime<Utc>>,
    pub first_contribution_at: Option<DateTime<Utc>>,
    /// Their current votes in the campaign.
    pub votes: i64,
    /// Contributions they submitted.
    pub contributions: i64,
    /// Points they earned in the campaign.
    pub points: i64,
}
