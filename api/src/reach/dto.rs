//! Wire types of channels, referral codes and visits.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::attribution::codes::{invitation_code, visitor_id_format};
use crate::domain::ChannelKind;

use crate::validate::not_blank;

/// A new invitation channel.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateChannelRequest {
    /// Unique within the campaign.
    #[validate(length(min = 1, max = 80), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = "[^\\s\\u0085]",
        example = "design forum X"
    )]
    pub name: String,
    pub kind: ChannelKind,
}

/// An invitation channel and the link to share through it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelResponse {
    pub id: String,
    pub name: String,
    pub kind: ChannelKind,
    /// Short and unguessable; the `via` of visits and sign-ups.
    pub code: String,
    /// The campaign page with the code, relative to the site: `/c/{slug}?via={code}`.
    #[schema(example = "/c/summer-ideas?via=k3x9q2mz7w")]
    pub link: String,
    pub created_at: DateTime<Utc>,
}

/// The signed-in participant's referral code for a campaign, and what it brought so far.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralResponse {
    pub campaign_id: String,
    pub code: String,
    /// `/c/{slug}?via={code}`, relative to the site.
    pub link: String,
    /// Visitors whose first touch was this code.
    pub visitors: i64,
    /// Accounts created through it.
    pub sign_ups: i64,
    /// Invitees who took part (voted or contributed): each earned you the campaign's referral
    /// points.
    pub conversions: i64,
    pub created_at: DateTime<Utc>,
}

/// An anonymous exposure to a campaign.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitRequest {
    /// A random id the client keeps (e.g. in local storage); never derived from the person.
    #[validate(custom(function = "visitor_id_format"))]
    #[schema(
        min_length = 8,
        max_length = 64,
        pattern = "^[A-Za-z0-9_-]{8,64}$",
        example = "3f9c1a7e-5b2d-4c8e-9f10-2a6b7c8d9e0f"
    )]
    pub visitor_id: String,
    /// The channel or referral code from the link, if any.
    #[validate(custom(function = "invitation_code"))]
    #[schema(max_length = 64, pattern = "^[A-Za-z0-9_-]{1,64}$")]
    pub via: Option<String>,
}

/// What the visit changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitResponse {
    /// The visitor's first touch of this campaign: the source (if any) gets the credit.
    pub first_touch: bool,
    /// Whether this counted as the visitor's visit of the day (visits count once a day).
    pub counted: bool,
    /// Whether `via` named a channel or referral code of this campaign (unknown codes still
    /// count the visit, without a source).
    pub via_recognized: bool,
}
