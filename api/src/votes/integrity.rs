//! Vote integrity: explainable suspicions for a campaign's managers, computed from the stored
//! votes when asked (never on the voting path), and invalidation, which takes chosen votes out
//! of the score with an audit entry.
//!
//! Flags, each with the reason shown to the manager:
//! - an author's or co-author's vote for their own contribution (when the campaign allows it);
//! - bursts: at least [`BURST_MIN_VOTERS`] accounts that voted within [`NEW_ACCOUNT_MINUTES`]
//!   minutes of signing up, in the same hour;
//! - at least [`NETWORK_MIN_VOTERS`] voters from one network prefix, or
//!   [`DEVICE_MIN_VOTERS`] on one device;
//! - a voter with at least [`RING_MIN_VOTES`] votes, all for one author's contributions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDateTime, TimeDelta, Timelike};

use super::dto::{FlagKind, IntegrityFlag, InvalidateVotesRequest, InvalidationResponse};
use super::repo::{self, VoteRow};
use crate::campaigns::view as campaigns;
use crate::contributions::repo as contributions;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::events::catalogue::VotesInvalidatedData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::organizations::access::require_manager;
use crate::users::repo as users;

pub const NEW_ACCOUNT_MINUTES: i64 = 10;
pub const BURST_MIN_VOTERS: usize = 3;
pub const NETWORK_MIN_VOTERS: usize = 3;
pub const DEVICE_MIN_VOTERS: usize = 2;
pub const RING_MIN_VOTES: usize = 3;

/// Loads the campaign and checks that `actor` manages it.
fn managed(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
) -> Result<crate::campaigns::repo::CampaignRow, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, Some(actor), campaign_key)?;
    require_manager(role)?;
    Ok(campaign)
}

pub fn flags(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
) -> Result<Vec<IntegrityFlag>, ApiError> {
    let campaign = managed(conn, actor, campaign_key)?;
    let votes: Vec<VoteRow> = repo::of_campaign(conn, &campaign.id)?
        .into_iter()
        .filter(|vote| vote.invalidation_id.is_none())
        .collect();
    let contribution_ids: BTreeSet<String> = votes.iter().map(|v| v.contribution_id.clone()).collect();
    let contribution_ids: Vec<String> = contribution_ids.into_iter().collect();
    let submitters: HashMap<String, String> = contributions::find_many(conn, &contribution_ids)?
        .into_iter()
        .map(|row| (row.id, row.submitter_id))
        .collect();
    let authors: BTreeSet<(String, String)> = contributions::authors_of(conn, &contribution_ids)?
        .into_iter()
        .map(|author| (author.contribution_id, author.user_id))
        .collect();
    let voter_ids: Vec<String> = votes
        .iter()
        .map(|v| v.voter_id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let signed_up: HashMap<String, NaiveDateTime> =
        users::created_at_of(conn, &voter_ids)?.into_iter().collect();
    let names: HashMap<String, String> =
        users::display_names(conn, &submitters.values().cloned().collect::<Vec<_>>())?
            .into_iter()
            .collect();

    let mut flags = Vec::new();
    for vote in &votes {
        if authors.contains(&(vote.contribution_id.clone(), vote.voter_id.clone())) {
            let own = submitters.get(&vote.contribution_id) == Some(&vote.voter_id);
            flags.push(IntegrityFlag {
                kind: if own {
                    FlagKind::SelfVote
                } else {
                    FlagKind::CoAuthorVote
                },
                reason: match own {
                    true => "voted for their own contribution".into(),
                    false => "voted for a contribution they co-author".into(),
                },
                voter_ids: vec![vote.voter_id.clone()],
                vote_ids: vec![vote.id.clone()],
            });
        }
    }

    let mut bursts: BTreeMap<NaiveDateTime, Vec<&VoteRow>> = BTreeMap::new();
    for vote in &votes {
        let fresh = signed_up
            .get(&vote.voter_id)
            .is_some_and(|at| vote.created_at - *at < TimeDelta::minutes(NEW_ACCOUNT_MINUTES));
        if fresh {
            let hour = vote
                .created_at
                .with_minute(0)
                .and_then(|t| t.with_second(0))
                .and_then(|t| t.with_nanosecond(0));
            bursts
                .entry(hour.unwrap_or(vote.created_at))
                .or_default()
                .push(vote);
        }
    }
    for (hour, group) in bursts {
        push_cluster(
            &mut flags,
            FlagKind::NewAccountBurst,
            BURST_MIN_VOTERS,
            &group,
            |voters| {
                format!(
                    "{voters} accounts voted within {NEW_ACCOUNT_MINUTES} minutes of signing up, in the hour from {} UTC",
                    hour.format("%Y-%m-%d %H:00")
                )
            },
        );
    }

    for (kind, min_voters, key, what) in [
        (
            FlagKind::SharedNetwork,
            NETWORK_MIN_VOTERS,
            (|v: &VoteRow| v.network_hash.clone()) as fn(&VoteRow) -> Option<String>,
            "one network prefix (/24 or /64)",
        ),
        (
            FlagKind::SharedDevice,
            DEVICE_MIN_VOTERS,
            |v: &VoteRow| v.device_hash.clone(),
            "one device",
        ),
    ] {
        let mut groups: BTreeMap<String, Vec<&VoteRow>> = BTreeMap::new();
        for vote in &votes {
            if let Some(hash) = key(vote) {
                groups.entry(hash).or_default().push(vote);
            }
        }
        for group in groups.values() {
            push_cluster(&mut flags, kind, min_voters, group, |voters| {
                format!("{voters} voters voted from {what}")
            });
        }
    }

    let mut by_voter: BTreeMap<&str, Vec<&VoteRow>> = BTreeMap::new();
    for vote in &votes {
        by_voter.entry(vote.voter_id.as_str()).or_default().push(vote);
    }
    for (voter, cast) in by_voter {
        let favoured: BTreeSet<Option<&String>> =
            cast.iter().map(|v| submitters.get(&v.contribution_id)).collect();
        if cast.len() >= RING_MIN_VOTES && favoured.len() == 1 {
            let author = favoured.into_iter().flatten().next();
            let name = author
                .and_then(|id| names.get(id))
                .map_or("one author", String::as_str);
            flags.push(IntegrityFlag {
                kind: FlagKind::SingleAuthorVoter,
                reason: format!(
                    "cast all {} of their votes for contributions by {name}",
                    cast.len()
                ),
                voter_ids: vec![voter.to_owned()],
                vote_ids: cast.iter().map(|v| v.id.clone()).collect(),
            });
        }
    }
    Ok(flags)
}

/// Adds a flag for `group` if it holds at least `min_voters` distinct voters.
fn push_cluster(
    flags: &mut Vec<IntegrityFlag>,
    kind: FlagKind,
    min_voters: usize,
    group: &[&VoteRow],
    reason: impl Fn(usize) -> String,
) {
    let voters: BTreeSet<&str> = group.iter().map(|v| v.voter_id.as_str()).collect();
    if voters.len() >= min_voters {
        flags.push(IntegrityFlag {
            kind,
            reason: reason(voters.len()),
            voter_ids: voters.into_iter().map(str::to_owned).collect(),
            vote_ids: group.iter().map(|v| v.id.clone()).collect(),
        });
    }
}

/// Takes the chosen votes out of the score, with an audit entry.
pub fn invalidate(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    request: InvalidateVotesRequest,
    now: NaiveDateTime,
) -> Result<InvalidationResponse, ApiError> {
    write_transaction(conn, |conn| {
        let campaign = managed(conn, actor, campaign_key)?;
        // Take each voter's vote lock (the one casting takes), in one order, then read: a vote
        // changed or invalidated by a parallel request is read as it is now, so its ballot
        // leaves the scores exactly once.
        let mut voters: Vec<String> = repo::find_many(conn, &campaign.id, &request.vote_ids)?
            .into_iter()
            .map(|vote| vote.voter_id)
            .collect();
        voters.sort();
        voters.dedup();
        for voter in &voters {
            lock_key(conn, &format!("vote:{}:{voter}", campaign.id))?;
        }
        let found: HashMap<String, VoteRow> = repo::find_many(conn, &campaign.id, &request.vote_ids)?
            .into_iter()
            .map(|vote| (vote.id.clone(), vote))
            .collect();
        let unknown: Vec<FieldError> = request
            .vote_ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !found.contains_key(*id))
            .map(|(index, _)| {
                FieldError::new(
                    format!("vote_ids[{index}]"),
                    ErrorCode::VoteUnknown,
                    "no such vote in this campaign",
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(ApiError::fields(unknown));
        }
        let fresh: Vec<&VoteRow> = found
            .values()
            .filter(|vote| vote.invalidation_id.is_none())
            .collect();
        let id = new_id();
        for vote in &fresh {
            super::service::ballot_changed(conn, vote, Some(vote.value), None)?;
        }
        let fresh_ids: Vec<String> = fresh.iter().map(|vote| vote.id.clone()).collect();
        repo::mark_invalidated(conn, &fresh_ids, &id)?;
        let count = i32::try_from(fresh_ids.len()).unwrap_or(i32::MAX);
        repo::insert_invalidation(conn, &id, &campaign.id, actor, request.reason.trim(), count, now)?;
        events::record(
            conn,
            Event::new(
                EventType::VotesInvalidated,
                &id,
                VotesInvalidatedData {
                    vote_ids: fresh_ids.clone(),
                    reason: request.reason.trim().to_owned(),
                },
            )
            .of_campaign(&campaign.organization_id, &campaign.id)
            .by(actor),
            now,
        )?;
        Ok(InvalidationResponse {
            id,
            invalidated: i64::from(count),
            created_at: now.and_utc(),
        })
    })
}
