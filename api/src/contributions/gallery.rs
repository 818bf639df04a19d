//! The gallery: a campaign's public contributions, newest first, by score (`top`, `hot`: only
//! where the tallies may be seen) or shuffled per seed, a page at a time.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::dto::ContributionResponse;
use super::repo::{self, WithChildren};
use super::view::respond_with_children;
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
                .map(|(_, score)| score.contribution_id)
                .collect();
            KeyedPage {
                items: in_order(repo::find_many_with_children(conn, &ids)?, &ids),
                next_key: ranked.next_key,
            }
        }
        GallerySort::Newest => {
            let rows = repo::list_public_newest(conn, &campaign.id, after.as_deref(), limit as i64 + 1)?;
            KeyedPage::from_rows(rows, limit, |entry| entry.row.id.clone())
        }
        GallerySort::Random => {
            let mut ids = repo::public_ids(conn, &campaign.id)?;
            ids.sort_by_cached_key(|id| Sha256::digest(format!("{seed}:{id}").as_bytes()));
            let window = KeyedPage::by_position(ids, after.as_deref(), limit)?;
            KeyedPage {
                items: in_order(repo::find_many_with_children(conn, &window.items)?, &window.items),
                next_key: window.next_key,
            }
        }
    };
    Ok(KeyedPage {
        items: respond_with_children(page.items),
        next_key: page.next_key,
    })
}

/// `entries` in the order of `ids` (those that were found).
fn in_order(entries: Vec<WithChildren>, ids: &[String]) -> Vec<WithChildren> {
    let mut by_id: HashMap<String, WithChildren> = entries
        .into_iter()
        .map(|entry| (entry.row.id.clone(), entry))
        .collect();
    ids.iter().filter_map(|id| by_id.remove(id)).collect()
}
