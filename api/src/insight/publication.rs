//! The segment figures as published: computed from the counters, thinned by [`disclosure`], and
//! kept in `segment_publications`. They move in coarse steps, so polling cannot watch a single
//! ballot arrive: a campaign's figures are published afresh at most once per interval, and only
//! when at least `min_group` public ballots were cast or changed since the last publication.
//! A consent withdrawal drops the publication (see `counters::segments::forget_voter`), so a
//! person who withdrew leaves the figures at the next read.
//!
//! Any replica may publish (on read): the upsert makes the last one win, and each is computed
//! from committed data only.

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::disclosure::{Disclosure, Networks, publishable};
use crate::counters::segments::{self, EntryGroup, Group};
use crate::db::{DbConnection, write_transaction};
use crate::error::ApiError;
use crate::schema::{segment_publications as publications, votes};

/// The figures anyone with the campaign's analytics sees.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Figures {
    pub overall: Vec<Group>,
    pub entries: Vec<EntryGroup>,
}

/// Published figures and when they were published.
#[derive(Debug, Clone)]
pub struct Published {
    pub figures: Figures,
    pub at: DateTime<Utc>,
}

fn load(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Option<(NaiveDateTime, String)>> {
    publications::table
        .find(campaign_id)
        .select((publications::published_at, publications::figures))
        .first(conn)
        .optional()
}

/// Public ballots with segments that were cast or changed after `since`.
fn changed_since(conn: &mut DbConnection, campaign_id: &str, since: NaiveDateTime) -> QueryResult<i64> {
    votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .filter(votes::jury.eq(false))
        .filter(votes::invalidation_id.is_null())
        .filter(votes::segments.is_not_null())
        .filter(votes::updated_at.gt(since))
        .count()
        .get_result(conn)
}

/// The networks behind the campaign's counted ballots.
fn networks(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Networks> {
    let rows: Vec<(String, Option<String>, Option<String>)> = votes::table
        .filter(votes::campaign_id.eq(campaign_id))
        .filter(votes::jury.eq(false))
        .filter(votes::invalidation_id.is_null())
        .filter(votes::segments.is_not_null())
        .select((votes::contribution_id, votes::network_hash, votes::segments))
        .load(conn)?;
    let mut networks = Networks::default();
    for (contribution_id, network, stored) in rows {
        let keys: Vec<String> = stored
            .as_deref()
            .and_then(|stored| serde_json::from_str(stored).ok())
            .unwrap_or_default();
        networks.add(&contribution_id, &keys, network.as_deref());
    }
    Ok(networks)
}

fn compute(conn: &mut DbConnection, campaign_id: &str, rule: Disclosure) -> QueryResult<Figures> {
    let overall = segments::breakdown(conn, campaign_id, 1)?;
    let entries = segments::by_entry(conn, campaign_id, 1)?;
    let networks = networks(conn, campaign_id)?;
    let (overall, entries) = publishable(overall, entries, &networks, rule);
    Ok(Figures { overall, entries })
}

fn save(conn: &mut DbConnection, campaign_id: &str, at: NaiveDateTime, figures: &str) -> QueryResult<()> {
    let row = (
        publications::campaign_id.eq(campaign_id),
        publications::published_at.eq(at),
        publications::figures.eq(figures),
    );
    let changes = (
        publications::published_at.eq(at),
        publications::figures.eq(figures),
    );
    let insert = diesel::insert_into(publications::table).values(row);
    match conn {
        DbConnection::Postgres(pg) => insert
            .on_conflict(publications::campaign_id)
            .do_update()
            .set(changes)
            .execute(pg)?,
        DbConnection::Sqlite(lite) => insert
            .on_conflict(publications::campaign_id)
            .do_update()
            .set(changes)
            .execute(lite)?,
    };
    Ok(())
}

/// The campaign's published segment figures, published afresh first when that is due.
pub fn current(
    conn: &mut DbConnection,
    campaign_id: &str,
    now: NaiveDateTime,
    rule: Disclosure,
) -> Result<Published, ApiError> {
    let latest = load(conn, campaign_id)?;
    let due = match &latest {
        None => true,
        Some((at, _)) => {
            now >= *at + TimeDelta::seconds(rule.interval_secs)
                && changed_since(conn, campaign_id, *at)? >= rule.min_group
        }
    };
    if let (false, Some((at, stored))) = (due, &latest) {
        let figures = serde_json::from_str(stored).unwrap_or_default();
        return Ok(Published {
            figures,
            at: at.and_utc(),
        });
    }
    let figures = write_transaction(conn, |conn| {
        let figures = compute(conn, campaign_id, rule)?;
        let stored = serde_json::to_string(&figures).map_err(ApiError::internal)?;
        save(conn, campaign_id, now, &stored)?;
        Ok::<_, ApiError>(figures)
    })?;
    Ok(Published {
        figures,
        at: now.and_utc(),
    })
}
