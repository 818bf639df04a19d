//! Wire types of rewards.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{AwardStatus, PointsSource, SplitReason};

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEntry {
    pub id: String,
    pub points: i32,
    pub source_type: PointsSource,
    /// The event's id: the contribution published or voted for, ...
    pub source_id: String,
    pub campaign_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// What the signed-in user has earned.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyRewardsResponse {
    /// The sum of the whole ledger.
    pub points_balance: i64,
    /// The newest entries first.
    pub ledger: Vec<LedgerEntry>,
    /// Pass as `cursor` for older entries; `null` on the last page.
    pub next_cursor: Option<String>,
    /// Awards I have a part in, with every recipient's split and the status.
    pub awards: Vec<AwardResponse>,
    /// Derived from the ledger.
    pub badges: Vec<super::badges::Badge>,
}

/// A participant's place by the points they earned in one campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct PointsStanding {
    pub rank: i64,
    pub user_id: String,
    pub display_name: String,
    pub points: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AwardSplitResponse {
    pub user_id: String,
    pub display_name: String,
    pub reason: SplitReason,
    pub amount_minor: i64,
    pub points: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AwardResponse {
    pub id: String,
    pub campaign_id: String,
    pub contribution_id: String,
    pub contribution_title: String,
    /// The best rank of the contribution's tie group.
    pub rank: i32,
    /// The prize tiers it won (several when a tie spans tiers).
    pub title: String,
    pub amount_minor: i64,
    pub currency: String,
    pub points: i32,
    /// Where the payment stands: shown to the organization's managers and to the award's
    /// recipients; `null` for everyone else (the public sees winners, not payments).
    pub status: Option<AwardStatus>,
    pub splits: Vec<AwardSplitResponse>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A manager's change to an award.
#[derive(Debug, serde::Deserialize, validator::Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAwardRequest {
    pub status: AwardStatus,
    /// Kept in the award's audit log (a payment reference, why it was cancelled, ...).
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}
