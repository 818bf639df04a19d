//! A participant's journey across campaigns: where they came from and what they did, campaign
//! by campaign (the social-CRM view). Participants see their own; an organization's managers see
//! it for their campaigns only, and only for participants who consented to research.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime};

use super::dto::{SourceRef, TimelineCampaign, TimelineEntry};
use super::timeline_repo as repo;
use crate::attribution::repo::{self as attribution_repo, ParticipantRow};
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::service as organizations;
use crate::pagination::KeyedPage;

/// Sort key `joined_at (µs)|campaign_id`.
fn parse_key(key: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, campaign_id) = key.split_once('|')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, campaign_id.to_owned()))
}

fn entries(
    conn: &mut DbConnection,
    user_id: &str,
    campaign_ids: Option<&[String]>,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<TimelineEntry>, ApiError> {
    let after = match after {
        None => None,
        Some(key) => Some(parse_key(key).ok_or_else(|| {
            ApiError::invalid(
                "cursor",
                ErrorCode::CursorInvalid,
                "not a position in this timeline",
            )
        })?),
    };
    let rows = attribution_repo::journeys_of(conn, user_id, campaign_ids, after, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| {
        format!(
            "{}|{}",
            row.joined_at.and_utc().timestamp_micros(),
            row.campaign_id
        )
    });
    let ids: Vec<String> = page.items.iter().map(|row| row.campaign_id.clone()).collect();
    let titles = repo::campaign_names(conn, &ids)?;
    let votes = repo::votes_by_campaign(conn, user_id, &ids)?;
    let contributions = repo::contributions_by_campaign(conn, user_id, &ids)?;
    let points = repo::points_by_campaign(conn, user_id, &ids)?;
    let source_ids: Vec<String> = page
        .items
        .iter()
        .filter_map(|row| row.source_id.clone())
        .collect();
    let sources: HashMap<String, SourceRef> = attribution_repo::sources_by_id(conn, &source_ids)?
        .into_iter()
        .map(|row| {
            let channel = row.referrer_id.is_none();
            let source = SourceRef {
                kind: row.kind.as_str().to_owned(),
                channel_id: channel.then(|| row.id.clone()),
                name: if channel { row.name } else { None },
            };
            (row.id, source)
        })
        .collect();
    Ok(page.map(|row: ParticipantRow| {
        let (slug, title) = titles.get(&row.campaign_id).cloned().unwrap_or_default();
        let of = |counts: &HashMap<String, i64>| counts.get(&row.campaign_id).copied().unwrap_or(0);
        TimelineEntry {
            came_through: row.source_id.as_ref().and_then(|id| sources.get(id)).cloned(),
            first_touch_at: row.first_touch_at.map(|at| at.and_utc()),
            joined_at: row.joined_at.and_utc(),
            signed_up_here: row.signed_up,
            first_vote_at: row.first_vote_at.map(|at| at.and_utc()),
            first_contribution_at: row.first_contribution_at.map(|at| at.and_utc()),
            votes: of(&votes),
            contributions: of(&contributions),
            points: of(&points),
            campaign: TimelineCampaign {
                id: row.campaign_id,
                slug,
                title,
            },
        }
    }))
}

/// The signed-in user's own journey, most recent campaign first.
pub fn mine(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<TimelineEntry>, ApiError> {
    entries(conn, user_id, None, after, limit)
}

/// A participant's journey through an organization's campaigns, for its owners and managers,
/// if the participant took part in one of them and consented to research. Anything else is the
/// same 404 as an unknown user: a stranger who makes an organization of their own learns
/// nothing about the consent of people who never took part in it.
pub fn of_participant(
    conn: &mut DbConnection,
    actor: &str,
    organization_slug: &str,
    user_id: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<TimelineEntry>, ApiError> {
    let organization = organizations::find(conn, organization_slug)?;
    require_manager(role_of(conn, &organization.id, actor)?)?;
    let campaign_ids = repo::campaigns_of_organization(conn, &organization.id)?;
    let consented = crate::users::repo::find(conn, user_id)?.is_some_and(|user| user.research_consent);
    if !consented || !repo::took_part_in_any(conn, user_id, &campaign_ids)? {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "no participant who consented to research has this id",
        )
        .param("resource", "participant"));
    }
    entries(conn, user_id, Some(&campaign_ids), after, limit)
}
