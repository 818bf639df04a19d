//! The gallery: a campaign's public contributions, newest first, by score (`top`, `hot`: only
//! where the tallies may be seen) or shuffled per seed, a page at a time.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::dto::ContributionResponse;
use super::repo::{self, ContributionRow};
use super::view::respond;
use crate::campaigns::view as campaigns;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::pagination::KeyedPage;
use crate::scores::standings::{self, RankBy};

/// The orders a gallery can be read in.
#[derive(Debug, Clone, Copy)]
pub enum GallerySort {
    Newest,
    /// The leaderboard's order.
    Top,
    /// Votes weighed against age.
    Hot,
    /// Shuffled per `seed`, and stable for it, so paging never repeats or skips.
    Random,
}

/// Which page of a gallery to read.
pub struct Gallery<'a> {
    pub sort: GallerySort,
    pub seed: &'a str,
    pub after: Option<String>,
    pub limit: usize,
}

pub fn list(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    campaign_key: &str,
    gallery: Gallery<'_>,
    now: NaiveDateTime,
) -> Result<KeyedPage<ContributionResponse>, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, viewer, campaign_key)?;
    let Gallery {
        sort,
        seed,
        after,
        limit,
    } = gallery;
    let page = match sort {
        GallerySort::Top | GallerySort::Hot => {
            standings::require_tallies_visible(&campaign, role, now)?;
            let by = match sort {
                GallerySort::Hot => RankBy::Hot,
                _ => RankBy::Combined,
            };
            let ranked = standings::ranked_page(conn, &campaign, by, after.as_deref(), limit)?;
            let ids: Vec<String> = ranked
                .items
                .into_iter()
                .map(|standing| standing.score.contribution_id)
                .collect();
            let mut rows: HashMap<String, ContributionRow> = repo::find_many(conn, &ids)?
                .into_iter()
                .map(|row| (row.id.clone(), row))
                .collect();
            KeyedPage {
                items: ids.iter().filter_map(|id| rows.remove(id)).collect(),
                next_key: ranked.next_key,
            }
        }
        GallerySort::Newest => {
            let rows = repo::list_public_newest(conn, &campaign.id, after.as_deref(), limit as i64 + 1)?;
            KeyedPage::from_rows(rows, limit, |row| row.id.clone())
        }
        GallerySort::Random => {
            let mut ids = repo::public_ids(conn, &campaign.id)?;
            ids.sort_by_cached_key(|id| Sha256::digest(format!("{seed}:{id}").as_bytes()));
            let window = KeyedPage::by_position(ids, after.as_deref(), limit)?;
            let mut rows: HashMap<String, ContributionRow> = repo::find_many(conn, &window.items)?
                .into_iter()
                .map(|row| (row.id.clone(), row))
                .collect();
            KeyedPage {
                items: window.items.iter().filter_map(|id| rows.remove(id)).collect(),
                next_key: window.next_key,
            }
        }
    };
    let items = respond(conn, page.items)?;
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}
