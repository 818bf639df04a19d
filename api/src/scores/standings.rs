//! Reading scores: who may see them (a campaign may hide its tallies until voting closes), and
//! a campaign's public contributions in rank order, a page at a time along the score index.

use chrono::NaiveDateTime;

use super::repo::{self, ScoreRow};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view::phase_of;
use crate::db::DbConnection;
use crate::domain::{Phase, Role};
use crate::error::{ApiError, ErrorCode};
use crate::pagination::KeyedPage;

pub use super::repo::RankBy;

/// Separates the parts of a ranking key: `score|id|rank`.
const KEY_SEPARATOR: char = '|';

/// Whether `role` may see counts and order by score now: always for the organization's owners
/// and managers, for everyone else once voting has closed, or always if tallies are not hidden.
pub fn tallies_visible(campaign: &CampaignRow, role: Option<Role>, now: NaiveDateTime) -> bool {
    !campaign.hide_tallies
        || role.is_some_and(Role::manages)
        || matches!(phase_of(campaign, now), Phase::Judging | Phase::Closed)
}

pub fn require_tallies_visible(
    campaign: &CampaignRow,
    role: Option<Role>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    match tallies_visible(campaign, role, now) {
        true => Ok(()),
        false => Err(ApiError::new(
            ErrorCode::TalliesHidden,
            "this campaign hides its tallies until voting closes",
        )),
    }
}

/// Reads a ranking key `score|id|rank`.
fn parse_rank_key(key: &str) -> Option<(f64, &str, i64)> {
    let mut parts = key.splitn(3, KEY_SEPARATOR);
    let score = parts
        .next()?
        .parse::<f64>()
        .ok()
        .filter(|score| score.is_finite())?;
    let id = parts.next()?;
    let rank = parts.next()?.parse::<i64>().ok()?;
    Some((score, id, rank))
}

/// A public contribution's place in a ranking.
#[derive(Debug, Clone)]
pub struct Standing {
    pub rank: i64,
    pub score: ScoreRow,
    pub title: String,
}

/// One page of a campaign's public contributions in `by` order, each with its rank, for a
/// viewer allowed to see the tallies.
pub fn ranked_page(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    by: RankBy,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<Standing>, ApiError> {
    let position = match after {
        None => None,
        Some(key) => Some(parse_rank_key(key).ok_or_else(|| {
            ApiError::invalid(
                "cursor",
                ErrorCode::CursorInvalid,
                "not a position in this ranking",
            )
        })?),
    };
    let rows = repo::ranked(
        conn,
        &campaign.id,
        by,
        position.map(|(score, id, _)| (score, id)),
        limit as i64 + 1,
    )?;
    let first_rank = position.map_or(1, |(_, _, rank)| rank + 1);
    let ranked: Vec<Standing> = (first_rank..)
        .zip(rows)
        .map(|(rank, (score, title))| Standing { rank, score, title })
        .collect();
    Ok(KeyedPage::from_rows(ranked, limit, |standing| {
        let row = &standing.score;
        let score = match by {
            RankBy::Combined => row.combined_score,
            RankBy::Hot => row.hot_score,
        };
        format!(
            "{score}{KEY_SEPARATOR}{}{KEY_SEPARATOR}{}",
            row.contribution_id, standing.rank
        )
    }))
}
