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
//! - a voter with at least [`RING_MIN_VOTES`] votes, all for one author's contributions;
//! - at least [`REFERRAL_RING_MIN_VOTERS`] voters who came through one author's referral link
//!   and voted only for that author's contributions: a micro-community of friends, each voting
//!   once, which the single-author rule never sees under one vote per member.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDateTime, TimeDelta, Timelike};

use super::dto::{
    FlagKind, FlagParams, FlaggedVote, FlaggedVoter, IntegrityFlag, InvalidateVotesRequest,
    InvalidationResponse,
};
use super::repo::{self, VoteRow};
use crate::campaigns::view as campaigns;
use crate::contributions::repo as contributions;
use crate::db::{DbConnection, lock_keys, write_transaction};
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
pub const REFERRAL_RING_MIN_VOTERS: usize = 3;

/// A flag before its voters and votes are spelled out.
struct Suspicion {
    kind: FlagKind,
    reason: String,
    params: FlagParams,
    voter_ids: Vec<String>,
    vote_ids: Vec<String>,
}

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
    let entries = contributions::find_many(conn, &contribution_ids)?;
    let titles: HashMap<String, String> = entries
        .iter()
        .map(|row| (row.id.clone(), row.title.clone()))
        .collect();
    let submitters: HashMap<String, String> = entries
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
    let mut people: Vec<String> = submitters
        .values()
        .cloned()
        .chain(voter_ids.iter().cloned())
        .collect();
    people.sort();
    people.dedup();
    let names: HashMap<String, String> = users::display_names(conn, &people)?.into_iter().collect();
    let referred = repo::referred_voters(conn, &campaign.id, &voter_ids)?;

    let mut flags = Vec::new();
    for vote in &votes {
        if authors.contains(&(vote.contribution_id.clone(), vote.voter_id.clone())) {
            let own = submitters.get(&vote.contribution_id) == Some(&vote.voter_id);
            flags.push(Suspicion {
                kind: if own {
                    FlagKind::SelfVote
                } else {
                    FlagKind::CoAuthorVote
                },
                reason: match own {
                    true => "voted for their own contribution".into(),
                    false => "voted for a contribution they co-author".into(),
                },
                params: FlagParams::default(),
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
            Some(hour),
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
            push_cluster(&mut flags, kind, min_voters, group, None, |voters| {
                format!("{voters} voters voted from {what}")
            });
        }
    }

    let mut by_voter: BTreeMap<&str, Vec<&VoteRow>> = BTreeMap::new();
    for vote in &votes {
        by_voter.entry(vote.voter_id.as_str()).or_default().push(vote);
    }
    for (voter, cast) in &by_voter {
        let favoured: BTreeSet<Option<&String>> =
            cast.iter().map(|v| submitters.get(&v.contribution_id)).collect();
        if cast.len() >= RING_MIN_VOTES && favoured.len() == 1 {
            let author = favoured.into_iter().flatten().next();
            let name = author
                .and_then(|id| names.get(id))
                .map_or("one author", String::as_str);
            flags.push(Suspicion {
                params: FlagParams {
                    author_name: author.and_then(|id| names.get(id)).cloned(),
                    ..FlagParams::default()
                },
                kind: FlagKind::SingleAuthorVoter,
                reason: format!(
                    "cast all {} of their votes for contributions by {name}",
                    cast.len()
                ),
                voter_ids: vec![(*voter).to_owned()],
                vote_ids: cast.iter().map(|v| v.id.clone()).collect(),
            });
        }
    }

    // Who came through whose link and then voted only for that person's contributions.
    let mut rings: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
    for (voter, referrer, signed_up) in &referred {
        let cast = by_voter.get(voter.as_str()).map_or(&[][..], Vec::as_slice);
        let only_for_referrer = !cast.is_empty()
            && cast
                .iter()
                .all(|vote| authors.contains(&(vote.contribution_id.clone(), referrer.clone())));
        if only_for_referrer {
            rings
                .entry(referrer.as_str())
                .or_default()
                .push((voter.as_str(), *signed_up));
        }
    }
    for (referrer, members) in rings {
        if members.len() < REFERRAL_RING_MIN_VOTERS {
            continue;
        }
        let name = names.get(referrer).map_or("one author", String::as_str);
        let signed_up = members.iter().filter(|(_, signed_up)| *signed_up).count();
        flags.push(Suspicion {
            params: FlagParams {
                author_name: names.get(referrer).cloned(),
                signed_up_through_link: Some(signed_up as i64),
                ..FlagParams::default()
            },
            kind: FlagKind::ReferralRing,
            reason: format!(
                "{} voters came through {name}'s referral link and voted only for {name}'s contributions ({signed_up} of them signed up through it)",
                members.len()
            ),
            voter_ids: members.iter().map(|(voter, _)| (*voter).to_owned()).collect(),
            vote_ids: members
                .iter()
                .flat_map(|(voter, _)| by_voter[voter].iter().map(|vote| vote.id.clone()))
                .collect(),
        });
    }

    let by_id: HashMap<&str, &VoteRow> = votes.iter().map(|vote| (vote.id.as_str(), vote)).collect();
    Ok(flags
        .into_iter()
        .map(|flag| IntegrityFlag {
            voters: flag
                .voter_ids
                .iter()
                .map(|id| FlaggedVoter {
                    id: id.clone(),
                    display_name: names.get(id).cloned().unwrap_or_default(),
                    signed_up_at: signed_up.get(id).copied().unwrap_or_default().and_utc(),
                })
                .collect(),
            votes: flag
                .vote_ids
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .map(|vote| FlaggedVote {
                    id: vote.id.clone(),
                    voter_id: vote.voter_id.clone(),
                    contribution_id: vote.contribution_id.clone(),
                    contribution_title: titles.get(&vote.contribution_id).cloned().unwrap_or_default(),
                    value: vote.value,
                    cast_at: vote.created_at.and_utc(),
                })
                .collect(),
            kind: flag.kind,
            reason: flag.reason,
            params: flag.params,
            voter_ids: flag.voter_ids,
            vote_ids: flag.vote_ids,
        })
        .collect())
}

/// Adds a flag for `group` if it holds at least `min_voters` distinct voters.
fn push_cluster(
    flags: &mut Vec<Suspicion>,
    kind: FlagKind,
    min_voters: usize,
    group: &[&VoteRow],
    hour: Option<NaiveDateTime>,
    reason: impl Fn(usize) -> String,
) {
    let voters: BTreeSet<&str> = group.iter().map(|v| v.voter_id.as_str()).collect();
    if voters.len() >= min_voters {
        flags.push(Suspicion {
            kind,
            reason: reason(voters.len()),
            params: FlagParams {
                hour: hour.map(|at| at.and_utc()),
                ..FlagParams::default()
            },
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
        let locks: Vec<String> = voters
            .iter()
            .map(|voter| super::service::ballot_lock(&campaign.id, voter))
            .collect();
        lock_keys(conn, &locks.iter().map(String::as_str).collect::<Vec<_>>())?;
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
