//! A participant's journey across campaigns: where they came from and what they did, campaign
//! by campaign (the social-CRM view). Participants see their own; an organization's managers see
//! it for their campaigns only, and only for participants who consented to research.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime};
use diesel::dsl::{count_star, sum};
use diesel::prelude::*;

use super::dto::{SourceRef, TimelineCampaign, TimelineEntry};
use crate::campaigns::service::authorize_management;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::pagination::Page;
use crate::reach::repo::{self as reach_repo, ParticipantRow};
use crate::schema::{campaigns, contributions, points_ledger, votes};

/// Cursor `joined_at (µs)|campaign_id`.
fn parse_cursor(cursor: Option<&str>) -> Option<(NaiveDateTime, String)> {
    let (micros, campaign_id) = cursor?.split_once('|')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, campaign_id.to_owned()))
}

fn counts_by_campaign(rows: Vec<(String, i64)>) -> HashMap<String, i64> {
    rows.into_iter().collect()
}

fn entries(
    conn: &mut DbConnection,
    user_id: &str,
    campaign_ids: Option<&[String]>,
    after: Option<String>,
    limit: usize,
) -> Result<Page<TimelineEntry>, ApiError> {
    let rows = reach_repo::journeys_of(
        conn,
        user_id,
        campaign_ids,
        parse_cursor(after.as_deref()),
        limit as i64 + 1,
    )?;
    let page = Page::from_rows(rows, limit, |row| {
        format!(
            "{}|{}",
            row.joined_at.and_utc().timestamp_micros(),
            row.campaign_id
        )
    });
    let ids: Vec<String> = page.items.iter().map(|row| row.campaign_id.clone()).collect();
    let titles: HashMap<String, (String, String)> = campaigns::table
        .filter(campaigns::id.eq_any(&ids))
        .select((campaigns::id, campaigns::slug, campaigns::title))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(id, slug, title)| (id, (slug, title)))
        .collect();
    let votes = counts_by_campaign(
        votes::table
            .filter(votes::voter_id.eq(user_id))
            .filter(votes::campaign_id.eq_any(&ids))
            .group_by(votes::campaign_id)
            .select((votes::campaign_id, count_star()))
            .load(conn)?,
    );
    let contributions = counts_by_campaign(
        contributions::table
            .filter(contributions::submitter_id.eq(user_id))
            .filter(contributions::campaign_id.eq_any(&ids))
            .group_by(contributions::campaign_id)
            .select((contributions::campaign_id, count_star()))
            .load(conn)?,
    );
    let points: HashMap<String, i64> = points_ledger::table
        .filter(points_ledger::user_id.eq(user_id))
        .filter(points_ledger::campaign_id.eq_any(&ids))
        .group_by(points_ledger::campaign_id)
        .select((points_ledger::campaign_id, sum(points_ledger::points)))
        .load::<(Option<String>, Option<i64>)>(conn)?
        .into_iter()
        .filter_map(|(campaign, points)| Some((campaign?, points.unwrap_or(0))))
        .collect();
    let source_ids: Vec<String> = page
        .items
        .iter()
        .filter_map(|row| row.source_id.clone())
        .collect();
    let sources: HashMap<String, SourceRef> = reach_repo::sources_by_id(conn, &source_ids)?
        .into_iter()
        .map(|row| {
            let channel = row.referrer_id.is_none();
            let source = SourceRef {
                kind: row.kind,
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
    after: Option<String>,
    limit: usize,
) -> Result<Page<TimelineEntry>, ApiError> {
    entries(conn, user_id, None, after, limit)
}

/// A participant's journey through an organization's campaigns, for its owners and managers,
/// if the participant consented to research (404 otherwise, like an unknown user).
pub fn of_participant(
    conn: &mut DbConnection,
    actor: &str,
    organization_slug: &str,
    user_id: &str,
    after: Option<String>,
    limit: usize,
) -> Result<Page<TimelineEntry>, ApiError> {
    let organization = crate::organizations::service::find(conn, organization_slug)?;
    authorize_management(crate::organizations::service::role_of(
        conn,
        &organization.id,
        actor,
    )?)?;
    let consented = crate::users::repo::find(conn, user_id)?.is_some_and(|user| user.research_consent);
    if !consented {
        return Err(ApiError::NotFound(
            "no participant who consented to research has this id".into(),
        ));
    }
    let campaign_ids: Vec<String> = campaigns::table
        .filter(campaigns::organization_id.eq(&organization.id))
        .select(campaigns::id)
        .load(conn)?;
    entries(conn, user_id, Some(&campaign_ids), after, limit)
}
