//! What points people earned: a campaign's points leaderboard and the signed-in user's balance,
//! ledger and rewards.

use super::dto::{LedgerEntry, MyRewardsResponse, PointsStanding};
use crate::campaigns::view as campaigns;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::ledger::repo;
use crate::pagination::KeyedPage;

/// A campaign's participants by the points they earned in it (public), paged by position.
pub fn standings(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<PointsStanding>, ApiError> {
    let (campaign, _) = campaigns::for_participation(conn, viewer, campaign_key)?;
    let ranked: Vec<(i64, (String, i64))> =
        (1..).zip(repo::totals_in_campaign(conn, &campaign.id)?).collect();
    let page = KeyedPage::by_position(ranked, after, limit)?;
    let ids: Vec<String> = page.items.iter().map(|(_, (user, _))| user.clone()).collect();
    let names: std::collections::HashMap<String, String> = crate::users::repo::display_names(conn, &ids)?
        .into_iter()
        .collect();
    Ok(page.map(|(rank, (user_id, points))| PointsStanding {
        rank,
        display_name: names.get(&user_id).cloned().unwrap_or_default(),
        user_id,
        points,
    }))
}

pub fn mine(
    conn: &mut DbConnection,
    user_id: &str,
    before: Option<&str>,
    limit: usize,
) -> Result<(MyRewardsResponse, Option<String>), ApiError> {
    let balance = repo::balance(conn, user_id)?;
    let rows = repo::page_of(conn, user_id, before, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| row.id.clone());
    let response = MyRewardsResponse {
        points_balance: balance,
        ledger: page
            .items
            .into_iter()
            .map(|row| LedgerEntry {
                source_type: row.source_type,
                created_at: row.created_at.and_utc(),
                id: row.id,
                points: row.points,
                source_id: row.source_id,
                campaign_id: row.campaign_id,
            })
            .collect(),
        // Sealed by the handler, which knows the list's address.
        next_cursor: None,
        awards: super::awards::of_user(conn, user_id)?,
        badges: super::badges::of_user(conn, user_id)?,
    };
    Ok((response, page.next_key))
}
