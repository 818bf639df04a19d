//! Badges, derived from the ledger when asked (never stored, so they can never disagree with
//! it): a first published contribution, a first award, and a place among a campaign's ten most
//! active voters.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::domain::PointsSource;
use crate::error::ApiError;
use crate::ledger::repo;

/// How many of a campaign's most active voters earn [`BadgeKind::TopTenVoter`].
const TOP_VOTERS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BadgeKind {
    /// A contribution of yours was published.
    FirstContribution,
    /// You received part of an approved award.
    FirstWin,
    /// Among the ten people who voted for the most entries of a campaign.
    TopTenVoter,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Badge {
    pub kind: BadgeKind,
    /// The campaign it was earned in.
    pub campaign_id: Option<String>,
    /// When it was earned (for `top_ten_voter`: `null`, it holds while the ranking does).
    pub earned_at: Option<DateTime<Utc>>,
}

pub fn of_user(conn: &mut DbConnection, user_id: &str) -> Result<Vec<Badge>, ApiError> {
    let mut badges = Vec::new();
    for (kind, source) in [
        (BadgeKind::FirstContribution, PointsSource::ContributionPublished),
        (BadgeKind::FirstWin, PointsSource::Award),
    ] {
        if let Some(entry) = repo::first_of(conn, user_id, source)? {
            badges.push(Badge {
                kind,
                campaign_id: entry.campaign_id,
                earned_at: Some(entry.created_at.and_utc()),
            });
        }
    }
    let mut by_campaign: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for (campaign, voter, votes) in repo::vote_counts_where_voted(conn, user_id)? {
        if let Some(campaign) = campaign {
            by_campaign.entry(campaign).or_default().push((voter, votes));
        }
    }
    for (campaign, mut voters) in by_campaign {
        voters.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if voters.iter().take(TOP_VOTERS).any(|(voter, _)| voter == user_id) {
            badges.push(Badge {
                kind: BadgeKind::TopTenVoter,
                campaign_id: Some(campaign),
                earned_at: None,
            });
        }
    }
    Ok(badges)
}
