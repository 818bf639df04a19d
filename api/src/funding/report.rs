//! What the organiser sees: money by state, tier, first-touch channel and day (which channel
//! brought how much money), the backer list and its CSV export.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::dto::{FundingReport, MoneyGroup, PledgeResponse};
use super::repo;
use super::settings::{configured, managed, totals};
use super::view::{cursor_key, respond_many};
use crate::attribution::{self, repo as sources};
use crate::db::DbConnection;
use crate::domain::PledgeStatus;
use crate::domain::funding::currency_digits;
use crate::error::ApiError;
use crate::http::download::{csv_bytes, text_cell};
use crate::pagination::KeyedPage;

#[derive(Default)]
struct Sums {
    pledges: i64,
    pledged_minor: i64,
    collected_minor: i64,
}

impl Sums {
    fn add(&mut self, status: PledgeStatus, amount: i64) {
        self.pledges += 1;
        if status.is_open() {
            self.pledged_minor += amount;
        }
        if status == PledgeStatus::Collected {
            self.collected_minor += amount;
        }
    }
}

fn groups(sums: BTreeMap<String, Sums>, label: impl Fn(&str) -> Option<String>) -> Vec<MoneyGroup> {
    sums.into_iter()
        .map(|(key, sums)| MoneyGroup {
            label: label(&key),
            pledges: sums.pledges,
            pledged_minor: sums.pledged_minor,
            collected_minor: sums.collected_minor,
            key,
        })
        .collect()
}

pub fn report(conn: &mut DbConnection, actor: &str, key: &str) -> Result<FundingReport, ApiError> {
    let campaign = managed(conn, actor, key)?;
    let funding = configured(conn, &campaign)?;
    let rows = repo::money_rows(conn, &campaign.id)?;
    let source_ids: Vec<String> = rows.iter().filter_map(|row| row.2.clone()).collect();
    let known_sources: BTreeMap<String, sources::SourceRow> = sources::sources_by_id(conn, &source_ids)?
        .into_iter()
        .map(|source| (source.id.clone(), source))
        .collect();
    let tier_titles: BTreeMap<String, String> = repo::tiers_of(conn, &campaign.id)?
        .into_iter()
        .map(|tier| (tier.id, tier.title))
        .collect();
    let (mut by_status, mut by_tier, mut by_channel, mut by_day) = (
        BTreeMap::<String, Sums>::new(),
        BTreeMap::<String, Sums>::new(),
        BTreeMap::<String, Sums>::new(),
        BTreeMap::<String, Sums>::new(),
    );
    for (status, tier, source, created_at, amount) in &rows {
        by_status
            .entry(status.as_str().to_owned())
            .or_default()
            .add(*status, *amount);
        let tier_key = tier.clone().unwrap_or_else(|| "none".to_owned());
        by_tier.entry(tier_key).or_default().add(*status, *amount);
        let channel = attribution::bucket_of(source.as_ref().and_then(|id| known_sources.get(id)));
        by_channel.entry(channel).or_default().add(*status, *amount);
        by_day
            .entry(created_at.format("%Y-%m-%d").to_string())
            .or_default()
            .add(*status, *amount);
    }
    let channel_names: BTreeMap<String, String> = known_sources
        .values()
        .filter_map(|source| Some((source.id.clone(), source.name.clone()?)))
        .collect();
    Ok(FundingReport {
        currency_digits: currency_digits(&funding.currency).unwrap_or(2),
        currency: funding.currency,
        totals: totals(conn, &campaign.id)?,
        by_status: groups(by_status, |_| None),
        by_tier: groups(by_tier, |key| tier_titles.get(key).cloned()),
        by_channel: groups(by_channel, |key| channel_names.get(key).cloned()),
        by_day: groups(by_day, |_| None),
    })
}

pub fn backers(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    status: Option<PledgeStatus>,
    after: Option<(NaiveDateTime, String)>,
    limit: usize,
    now: NaiveDateTime,
) -> Result<KeyedPage<PledgeResponse>, ApiError> {
    let campaign = managed(conn, actor, key)?;
    let rows = repo::pledges_of_campaign(conn, &campaign.id, status, after, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| cursor_key(row.created_at, &row.id));
    let next_key = page.next_key;
    Ok(KeyedPage {
        items: respond_many(conn, page.items, now)?,
        next_key,
    })
}

const BACKER_HEADER: [&str; 12] = [
    "pledge_id",
    "backer_id",
    "backer_name",
    "tier_id",
    "tier_title",
    "amount_minor",
    "currency",
    "status",
    "payment_method",
    "created_at",
    "collected_at",
    "ended_at",
];

/// Every pledge of the campaign as CSV, oldest first.
pub fn backers_csv(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<(String, actix_web::web::Bytes), ApiError> {
    let campaign = managed(conn, actor, key)?;
    let mut records: Vec<Vec<String>> = vec![BACKER_HEADER.iter().map(|name| (*name).to_owned()).collect()];
    let mut after = None;
    loop {
        let rows = repo::pledges_of_campaign(conn, &campaign.id, None, after.clone(), 500)?;
        let Some(last) = rows.last() else { break };
        after = Some((last.created_at, last.id.clone()));
        let full = rows.len() == 500;
        let instant = |at: Option<NaiveDateTime>| {
            at.map(|at| at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
                .unwrap_or_default()
        };
        for pledge in respond_many(conn, rows, now)? {
            records.push(vec![
                pledge.id,
                pledge.backer_id,
                text_cell(&pledge.backer_name).into_owned(),
                pledge.tier_id.unwrap_or_default(),
                text_cell(&pledge.tier_title.unwrap_or_default()).into_owned(),
                pledge.amount_minor.to_string(),
                pledge.currency,
                pledge.status.as_str().to_owned(),
                text_cell(&pledge.payment_method).into_owned(),
                instant(Some(pledge.created_at.naive_utc())),
                instant(pledge.collected_at.map(|at| at.naive_utc())),
                instant(pledge.ended_at.map(|at| at.naive_utc())),
            ]);
        }
        if !full {
            break;
        }
    }
    Ok((format!("{}-backers.csv", campaign.slug), csv_bytes(records)?))
}
