//! What the votes say about the target group: ballots counted by the voters' opted-in segments
//! (country, age band, interest). A vote keeps the segments it was cast with, so a change or a
//! retraction takes back exactly what the cast added, whatever the profile says by then. Groups
//! smaller than the threshold are never shown: no individual can be singled out.

use chrono::{Datelike, NaiveDateTime};
use diesel::QueryResult;

use super::{self as counters, Delta, Metric, Scope};
use crate::db::{DbConnection, Writer};
use crate::users::dto::decode_interests;
use crate::users::repo::UserRow;

/// The dimensions a voter can be counted by.
pub const DIMENSIONS: [&str; 3] = ["country", "age_band", "interest"];

/// Age bands as market research uses them, by the year of birth.
pub fn age_band(birth_year: i32, year: i32) -> &'static str {
    match year - birth_year {
        ..18 => "under_18",
        18..=24 => "18-24",
        25..=34 => "25-34",
        35..=44 => "35-44",
        45..=54 => "45-54",
        55..=64 => "55-64",
        _ => "65+",
    }
}

/// The segments of a voter (`dimension=value`, as stored on the vote), or `None` without
/// research consent. Interests are grouped regardless of case and surrounding spaces.
pub fn of_voter(user: &UserRow, now: NaiveDateTime) -> Option<String> {
    if !user.research_consent {
        return None;
    }
    let mut keys = Vec::new();
    if let Some(country) = &user.country {
        keys.push(format!("country={country}"));
    }
    if let Some(birth_year) = user.birth_year {
        keys.push(format!("age_band={}", age_band(birth_year, now.year())));
    }
    let mut interests: Vec<String> = user
        .interests
        .as_deref()
        .map(decode_interests)
        .unwrap_or_default()
        .iter()
        .map(|interest| interest.trim().to_lowercase())
        .collect();
    interests.sort();
    interests.dedup();
    keys.extend(
        interests
            .into_iter()
            .map(|interest| format!("interest={interest}")),
    );
    (!keys.is_empty()).then(|| serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into()))
}

fn keys(stored: Option<&str>) -> Vec<String> {
    stored
        .and_then(|stored| serde_json::from_str(stored).ok())
        .unwrap_or_default()
}

/// A public ballot with `segments` went from `before` to `after` (either may be `None`: cast or
/// taken back).
pub fn ballot_changed<'a>(
    to: &mut impl Writer<'a>,
    campaign_id: &str,
    contribution_id: &str,
    segments: Option<&str>,
    before: Option<i32>,
    after: Option<i32>,
) -> QueryResult<()> {
    let count = |value: Option<i32>| i64::from(value.is_some());
    let sum = |value: Option<i32>| i64::from(value.unwrap_or(0));
    let (d_votes, d_sum) = (count(after) - count(before), sum(after) - sum(before));
    let changes: Vec<Delta> = keys(segments)
        .into_iter()
        .flat_map(|key| {
            let entry = format!("{contribution_id}|{key}");
            [
                Delta::new(Scope::Segment, key, Metric::Votes, d_votes),
                Delta::new(Scope::EntrySegment, entry.clone(), Metric::Votes, d_votes),
                Delta::new(Scope::EntrySegment, entry, Metric::ValueSum, d_sum),
            ]
        })
        .collect();
    counters::record(to, campaign_id, &changes)
}

/// A voter with `segments` cast their first vote in the campaign.
pub fn first_vote(conn: &mut DbConnection, campaign_id: &str, segments: Option<&str>) -> QueryResult<()> {
    let changes: Vec<Delta> = keys(segments)
        .into_iter()
        .map(|key| Delta::new(Scope::Segment, key, Metric::Voters, 1))
        .collect();
    counters::record(conn, campaign_id, &changes)
}

/// Research consent withdrawn: every trace of `user_id`'s segments leaves the counters and the
/// votes. Each counted ballot takes back what it added to its segments, each campaign's voter
/// count takes back the segments it counted the person under, and the stored segments are
/// erased. Runs in the caller's transaction, under the lock that casting a vote reads the
/// profile under ([`profile_lock`]), so no vote with the old segments lands after it.
pub fn forget_voter(conn: &mut DbConnection, user_id: &str) -> QueryResult<()> {
    use diesel::prelude::*;

    use crate::schema::{campaign_participants as participants, votes};

    // The ballots the segment counters hold: public (not the jury's) and not invalidated.
    let ballots: Vec<(String, String, i32, Option<String>)> = votes::table
        .filter(votes::voter_id.eq(user_id))
        .filter(votes::segments.is_not_null())
        .filter(votes::jury.eq(false))
        .filter(votes::invalidation_id.is_null())
        .select((
            votes::campaign_id,
            votes::contribution_id,
            votes::value,
            votes::segments,
        ))
        .load(conn)?;
    for (campaign_id, contribution_id, value, segments) in &ballots {
        ballot_changed(
            conn,
            campaign_id,
            contribution_id,
            segments.as_deref(),
            Some(*value),
            None,
        )?;
    }
    let counted: Vec<(String, Option<String>)> = participants::table
        .filter(participants::user_id.eq(user_id))
        .filter(participants::voter_segments.is_not_null())
        .select((participants::campaign_id, participants::voter_segments))
        .load(conn)?;
    for (campaign_id, segments) in &counted {
        let changes: Vec<Delta> = keys(segments.as_deref())
            .into_iter()
            .map(|key| Delta::new(Scope::Segment, key, Metric::Voters, -1))
            .collect();
        counters::record(conn, campaign_id, &changes)?;
    }
    // The published figures of these campaigns held the person too: they are published afresh,
    // without them, at the next read.
    let campaigns: Vec<&String> = ballots
        .iter()
        .map(|(campaign_id, ..)| campaign_id)
        .chain(counted.iter().map(|(campaign_id, _)| campaign_id))
        .collect();
    diesel::delete(
        crate::schema::segment_publications::table
            .filter(crate::schema::segment_publications::campaign_id.eq_any(campaigns)),
    )
    .execute(conn)?;
    diesel::update(votes::table.filter(votes::voter_id.eq(user_id)))
        .set(votes::segments.eq(None::<String>))
        .execute(conn)?;
    diesel::update(participants::table.filter(participants::user_id.eq(user_id)))
        .set(participants::voter_segments.eq(None::<String>))
        .execute(conn)?;
    Ok(())
}

/// The lock under which a user's research profile is read for a vote and erased on withdrawal.
pub fn profile_lock(user_id: &str) -> String {
    format!("research-profile:{user_id}")
}

/// One segment's share of the votes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    pub dimension: String,
    pub value: String,
    /// Distinct voters (each counted with the segments of their first vote).
    pub voters: i64,
    pub votes: i64,
}

/// The campaign's voters by segment, largest first within each dimension; groups of fewer than
/// `min_group` voters are left out.
pub fn breakdown(conn: &mut DbConnection, campaign_id: &str, min_group: i64) -> QueryResult<Vec<Group>> {
    let values = counters::read(conn, campaign_id, Scope::Segment, None)?;
    let mut groups: Vec<Group> = values
        .iter()
        .filter(|((_, metric), _)| *metric == Metric::Voters)
        .filter(|(_, voters)| **voters >= min_group)
        .filter_map(|((key, _), voters)| {
            let (dimension, value) = key.split_once('=')?;
            let votes = values.get(&(key.clone(), Metric::Votes)).copied().unwrap_or(0);
            Some(Group {
                dimension: dimension.to_owned(),
                value: value.to_owned(),
                voters: *voters,
                votes,
            })
        })
        .collect();
    groups.sort_by(|a, b| {
        let rank = |g: &Group| DIMENSIONS.iter().position(|d| *d == g.dimension);
        rank(a)
            .cmp(&rank(b))
            .then(b.voters.cmp(&a.voters))
            .then_with(|| a.value.cmp(&b.value))
    });
    Ok(groups)
}

/// One segment's current ballots on one contribution (for the export).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntryGroup {
    pub contribution_id: String,
    pub dimension: String,
    pub value: String,
    /// Current ballots, one per voter, so also the group's size.
    pub votes: i64,
    pub value_sum: i64,
}

/// Every contribution's ballots by segment, groups of fewer than `min_group` voters left out.
pub fn by_entry(conn: &mut DbConnection, campaign_id: &str, min_group: i64) -> QueryResult<Vec<EntryGroup>> {
    let rows = counters::all_in_scope(conn, campaign_id, Scope::EntrySegment)?;
    let mut sums: std::collections::HashMap<String, i64> = rows
        .iter()
        .filter(|((_, metric), _)| *metric == Metric::ValueSum)
        .map(|((bucket, _), value)| (bucket.clone(), *value))
        .collect();
    Ok(rows
        .iter()
        .filter(|((_, metric), votes)| *metric == Metric::Votes && *votes >= min_group)
        .filter_map(|((bucket, _), votes)| {
            let (contribution_id, key) = bucket.split_once('|')?;
            let (dimension, value) = key.split_once('=')?;
            Some(EntryGroup {
                contribution_id: contribution_id.to_owned(),
                dimension: dimension.to_owned(),
                value: value.to_owned(),
                votes: *votes,
                value_sum: sums.remove(bucket).unwrap_or(0),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::age_band;

    #[test]
    fn age_bands_start_at_their_birthday_year() {
        assert_eq!(age_band(2010, 2026), "under_18");
        assert_eq!(age_band(2008, 2026), "18-24");
        assert_eq!(age_band(2001, 2026), "25-34");
        assert_eq!(age_band(2002, 2026), "18-24");
        assert_eq!(age_band(1961, 2026), "65+");
    }
}
