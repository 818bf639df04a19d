//! Granting points: each source event pays each person once, in the transaction of the event
//! itself, so a retried or parallel request can never pay twice and a rolled-back one never
//! pays at all.

use chrono::NaiveDateTime;

use super::dto::{LedgerEntry, MyRewardsResponse, PointsSource, PointsStanding};
use super::repo::{self, LedgerRow};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::pagination::Page;

/// What to pay, and why.
pub struct Grant<'a> {
    pub user_id: &'a str,
    pub campaign_id: Option<&'a str>,
    pub source: PointsSource,
    pub source_id: &'a str,
    pub points: i32,
}

/// Pays `grant` unless its source already paid this person (or it is worth nothing).
pub fn grant_once(conn: &mut DbConnection, grant: Grant<'_>, now: NaiveDateTime) -> Result<(), ApiError> {
    if grant.points == 0 {
        return Ok(());
    }
    repo::append_once(
        conn,
        &LedgerRow {
            id: new_id(),
            user_id: grant.user_id.to_owned(),
            campaign_id: grant.campaign_id.map(str::to_owned),
            source_type: grant.source.as_str().into(),
            source_id: grant.source_id.to_owned(),
            points: grant.points,
            created_at: now,
        },
    )?;
    Ok(())
}

/// A campaign's participants by the points they earned in it (public), paged by position.
pub fn standings(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    after: Option<String>,
    limit: usize,
) -> Result<Page<PointsStanding>, ApiError> {
    let (campaign, _) = crate::campaigns::service::for_participation(conn, viewer, campaign_key)?;
    let ranked: Vec<(i64, (String, i64))> =
        (1..).zip(repo::totals_in_campaign(conn, &campaign.id)?).collect();
    let page = Page::by_position(ranked, after, limit);
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
    before: Option<String>,
    limit: usize,
) -> Result<MyRewardsResponse, ApiError> {
    let balance = repo::balance(conn, user_id)?;
    let rows = repo::page_of(conn, user_id, before.as_deref(), limit as i64 + 1)?;
    let page = Page::from_rows(rows, limit, |row| row.id.clone());
    Ok(MyRewardsResponse {
        points_balance: balance,
        ledger: page
            .items
            .into_iter()
            .map(|row| LedgerEntry {
                source_type: PointsSource::parse(&row.source_type).unwrap_or(PointsSource::Award),
                created_at: row.created_at.and_utc(),
                id: row.id,
                points: row.points,
                source_id: row.source_id,
                campaign_id: row.campaign_id,
            })
            .collect(),
        next_cursor: page.next_cursor,
        awards: super::awards::of_user(conn, user_id)?,
        badges: super::badges::of_user(conn, user_id)?,
    })
}
