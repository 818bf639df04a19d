//! CSV exports for market research: UTF-8 with a header row, quoted by the `csv` crate, and
//! streamed in batches so a large campaign never sits in memory whole.

use actix_web::web::Bytes;
use futures_util::Stream;
use futures_util::stream;

use crate::campaigns::repo::CampaignRow;
use crate::contributions::repo as contributions;
use chrono::NaiveDateTime;

use super::disclosure::Disclosure;
use super::publication::{self, Figures};
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::http::download::{csv_bytes, text_cell};
use crate::scores::standings::{RankBy, Standing, ranked_page};

/// Contributions per database round trip of the contributions export.
const BATCH: usize = 500;

const CONTRIBUTION_HEADER: [&str; 13] = [
    "rank",
    "contribution_id",
    "title",
    "status",
    "tags",
    "parent_id",
    "submitted_at",
    "published_at",
    "public_votes",
    "public_score",
    "jury_votes",
    "jury_score",
    "combined_score",
];

const SEGMENT_HEADER: [&str; 8] = [
    "scope",
    "contribution_id",
    "contribution_title",
    "dimension",
    "segment",
    "voters",
    "votes",
    "mean_value",
];

fn instant(at: Option<chrono::NaiveDateTime>) -> String {
    at.map(|at| at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
        .unwrap_or_default()
}

/// One batch of the ranking after `cursor`, as CSV rows; and the next cursor.
fn contribution_batch(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    cursor: Option<String>,
) -> Result<(Bytes, Option<String>), ApiError> {
    let page = ranked_page(conn, campaign, RankBy::Combined, cursor.as_deref(), BATCH)?;
    let (rows, next) = (page.items, page.next_key);
    let ids: Vec<String> = rows
        .iter()
        .map(|standing| standing.score.contribution_id.clone())
        .collect();
    let found: std::collections::HashMap<String, contributions::ContributionRow> =
        contributions::find_many(conn, &ids)?
            .into_iter()
            .map(|row| (row.id.clone(), row))
            .collect();
    let records = rows.iter().filter_map(|Standing { rank, score, .. }| {
        let entry = found.get(&score.contribution_id)?;
        let tags: Vec<String> = serde_json::from_str(&entry.tags).unwrap_or_default();
        Some(vec![
            rank.to_string(),
            entry.id.clone(),
            text_cell(&entry.title).into_owned(),
            entry.status.as_str().to_owned(),
            text_cell(&tags.join(";")).into_owned(),
            entry.parent_id.clone().unwrap_or_default(),
            instant(Some(entry.created_at)),
            instant(entry.published_at),
            score.public_count.to_string(),
            score.public_score.to_string(),
            score.jury_count.to_string(),
            score.jury_score.to_string(),
            score.combined_score.to_string(),
        ])
    });
    Ok((csv_bytes(records)?, next))
}

/// The campaign's contributions in rank order with their votes and scores.
pub fn contributions_csv(db: Db, campaign: CampaignRow) -> impl Stream<Item = Result<Bytes, ApiError>> {
    let header = stream::once(async { csv_bytes([CONTRIBUTION_HEADER.to_vec()]) });
    // State: the cursor to continue from, or None once the last batch is out.
    let batches = stream::try_unfold(Some(None::<String>), move |state| {
        let (db, campaign) = (db.clone(), campaign.clone());
        async move {
            let Some(cursor) = state else { return Ok(None) };
            let (bytes, next) = db
                .run(move |conn| contribution_batch(conn, &campaign, cursor))
                .await?;
            Ok(Some((bytes, next.map(Some))))
        }
    });
    futures_util::StreamExt::chain(header, batches)
}

/// Votes by segment, for the campaign and for each contribution: the published figures (see
/// [`super::disclosure`]), the same the analytics show.
pub fn votes_by_segment_csv(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    now: NaiveDateTime,
    rule: Disclosure,
) -> Result<Bytes, ApiError> {
    let Figures { overall, entries } = publication::current(conn, &campaign.id, now, rule)?.figures;
    let ids: Vec<String> = entries
        .iter()
        .map(|group| group.contribution_id.clone())
        .collect();
    let titles: std::collections::HashMap<String, String> = contributions::find_many(conn, &ids)?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect();
    let mut records: Vec<Vec<String>> = vec![SEGMENT_HEADER.iter().map(|h| (*h).to_owned()).collect()];
    records.extend(overall.into_iter().map(|group| {
        vec![
            "campaign".into(),
            String::new(),
            String::new(),
            group.dimension,
            group.value,
            group.voters.to_string(),
            group.votes.to_string(),
            String::new(),
        ]
    }));
    records.extend(entries.into_iter().map(|group| {
        let mean = group.value_sum as f64 / group.votes as f64;
        let title = titles.get(&group.contribution_id).cloned().unwrap_or_default();
        vec![
            "contribution".into(),
            group.contribution_id,
            text_cell(&title).into_owned(),
            group.dimension,
            group.value,
            group.votes.to_string(),
            group.votes.to_string(),
            format!("{mean:.4}"),
        ]
    }));
    csv_bytes(records)
}
