//! Queries on `campaigns` and `campaign_prize_tiers`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::search::lower;
use crate::domain::{CampaignKind, CampaignStatus, Eligibility, Phase, VotingMethod};
use crate::schema::{campaign_prize_tiers as tiers, campaigns};

#[derive(Debug, Clone, Queryable)]
pub struct CampaignRow {
    pub id: String,
    pub organization_id: String,
    pub slug: String,
    pub kind: CampaignKind,
    pub title: String,
    pub summary: String,
    pub brief: String,
    pub status: CampaignStatus,
    pub submissions_open_at: Option<NaiveDateTime>,
    pub submissions_close_at: Option<NaiveDateTime>,
    pub voting_open_at: Option<NaiveDateTime>,
    pub voting_close_at: Option<NaiveDateTime>,
    pub max_contributions_per_member: i32,
    pub voting_method: VotingMethod,
    pub vote_budget: Option<i32>,
    pub vote_during_submission: bool,
    pub allow_self_vote: bool,
    pub hide_tallies: bool,
    pub jury_weight_percent: i32,
    pub eligibility: Eligibility,
    pub require_approval: bool,
    pub points_per_contribution: i32,
    pub points_per_vote: i32,
    pub points_per_referral: i32,
    pub published_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cover_media_id: Option<String>,
    pub remix_credit_percent: i32,
    pub guaranteed_prize: bool,
    pub participation_target_percent: Option<f64>,
    pub contribution_target: Option<i32>,
    /// The last phase announced by a `campaign.phase_changed` (or lifecycle) event.
    pub announced_phase: Option<Phase>,
}

/// The columns a campaign is written with (insert) or changed to (update): everything but its
/// identity, owner and lifecycle timestamps.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = campaigns, treat_none_as_null = true)]
pub struct CampaignContent {
    pub kind: CampaignKind,
    pub title: String,
    pub summary: String,
    pub brief: String,
    pub submissions_open_at: Option<NaiveDateTime>,
    pub submissions_close_at: Option<NaiveDateTime>,
    pub voting_open_at: Option<NaiveDateTime>,
    pub voting_close_at: Option<NaiveDateTime>,
    pub max_contributions_per_member: i32,
    pub voting_method: VotingMethod,
    pub vote_budget: Option<i32>,
    pub vote_during_submission: bool,
    pub allow_self_vote: bool,
    pub hide_tallies: bool,
    pub jury_weight_percent: i32,
    pub eligibility: Eligibility,
    pub require_approval: bool,
    pub points_per_contribution: i32,
    pub points_per_vote: i32,
    pub points_per_referral: i32,
    pub remix_credit_percent: i32,
    pub guaranteed_prize: bool,
    pub participation_target_percent: Option<f64>,
    pub contribution_target: Option<i32>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = campaigns)]
pub struct NewCampaign {
    pub id: String,
    pub organization_id: String,
    pub slug: String,
    pub status: CampaignStatus,
    pub created_at: NaiveDateTime,
    #[diesel(embed)]
    pub content: CampaignContent,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = tiers)]
pub struct TierRow {
    pub campaign_id: String,
    pub position: i32,
    pub rank_from: i32,
    pub rank_to: i32,
    pub title: String,
    pub amount_minor: i64,
    pub currency: String,
    pub points: i32,
}

pub fn insert(conn: &mut DbConnection, campaign: &NewCampaign) -> QueryResult<()> {
    diesel::insert_into(campaigns::table)
        .values(campaign)
        .execute(conn)
        .map(drop)
}

/// By id, or by slug when `key` is not one of our ids.
pub fn find(conn: &mut DbConnection, key: &str) -> QueryResult<Option<CampaignRow>> {
    let query = campaigns::table.into_boxed();
    let query = if crate::ids::looks_like_id(key) {
        query.filter(campaigns::id.eq(key.to_owned()))
    } else {
        query.filter(campaigns::slug.eq(key.to_owned()))
    };
    query.first(conn).optional()
}

/// Whether a funding campaign's goal is set (its `campaign_funding` row exists).
pub fn has_funding_goal(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<bool> {
    use crate::schema::campaign_funding;
    diesel::select(diesel::dsl::exists(
        campaign_funding::table.filter(campaign_funding::campaign_id.eq(campaign_id)),
    ))
    .get_result(conn)
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<CampaignRow>> {
    campaigns::table.filter(campaigns::id.eq_any(ids)).load(conn)
}

pub fn slug_taken(conn: &mut DbConnection, slug: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        campaigns::table.filter(campaigns::slug.eq(slug)),
    ))
    .get_result(conn)
}

pub fn update_content(conn: &mut DbConnection, id: &str, content: &CampaignContent) -> QueryResult<()> {
    diesel::update(campaigns::table.find(id))
        .set(content)
        .execute(conn)
        .map(drop)
}

pub fn set_cover(conn: &mut DbConnection, id: &str, media_id: Option<&str>) -> QueryResult<()> {
    diesel::update(campaigns::table.find(id))
        .set(campaigns::cover_media_id.eq(media_id))
        .execute(conn)
        .map(drop)
}

/// Moves a campaign to `status` only if it is still in `from` (so two racing transitions cannot
/// both apply); returns whether it did.
pub fn transition(
    conn: &mut DbConnection,
    id: &str,
    from: CampaignStatus,
    to: CampaignStatus,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let target = campaigns::table
        .filter(campaigns::id.eq(id))
        .filter(campaigns::status.eq(from));
    let changed = match to {
        CampaignStatus::Published => diesel::update(target)
            .set((
                campaigns::status.eq(to),
                campaigns::published_at.eq(at),
                campaigns::updated_at.eq(at),
            ))
            .execute(conn)?,
        CampaignStatus::Closed => diesel::update(target)
            .set((
                campaigns::status.eq(to),
                campaigns::closed_at.eq(at),
                campaigns::updated_at.eq(at),
            ))
            .execute(conn)?,
        CampaignStatus::Cancelled => diesel::update(target)
            .set((
                campaigns::status.eq(to),
                campaigns::cancelled_at.eq(at),
                campaigns::updated_at.eq(at),
            ))
            .execute(conn)?,
        // Nothing goes back to draft.
        CampaignStatus::Draft => 0,
    };
    Ok(changed == 1)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::delete(campaigns::table.find(id)).execute(conn).map(drop)
}

pub fn tiers_of(conn: &mut DbConnection, campaign_ids: &[String]) -> QueryResult<Vec<TierRow>> {
    tiers::table
        .filter(tiers::campaign_id.eq_any(campaign_ids))
        .order((tiers::campaign_id, tiers::position))
        .load(conn)
}

pub fn replace_tiers(conn: &mut DbConnection, campaign_id: &str, rows: &[TierRow]) -> QueryResult<()> {
    diesel::delete(tiers::table.filter(tiers::campaign_id.eq(campaign_id))).execute(conn)?;
    // One insert per row: batch inserts are not available through the MultiConnection.
    for row in rows {
        diesel::insert_into(tiers::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// What discovery filters on; the phase arrives translated into conditions on status and schedule.
pub struct ListFilter {
    pub statuses: Vec<CampaignStatus>,
    /// (column bound, instant) conditions derived from the phase.
    pub window: Vec<WindowBound>,
    pub kind: Option<CampaignKind>,
    pub organization_id: Option<String>,
    /// A lower-case LIKE pattern, already escaped with `\`.
    pub text: Option<String>,
    pub sort: ListSort,
    pub limit: i64,
}

#[derive(Debug, Clone, Copy)]
pub enum WindowBound {
    SubmissionsOpenAfter(NaiveDateTime),
    SubmissionsOpenBy(NaiveDateTime),
    SubmissionsCloseAfter(NaiveDateTime),
    SubmissionsCloseBy(NaiveDateTime),
    VotingOpenAfter(NaiveDateTime),
    VotingOpenBy(NaiveDateTime),
    VotingCloseAfter(NaiveDateTime),
    VotingCloseBy(NaiveDateTime),
}

pub enum ListSort {
    /// Newest first; continue after this id.
    Newest { after: Option<String> },
    /// Earliest voting close first; continue after (close, id).
    ClosingSoon { after: Option<(NaiveDateTime, String)> },
}

pub fn list(conn: &mut DbConnection, filter: &ListFilter) -> QueryResult<Vec<CampaignRow>> {
    let mut query = campaigns::table
        .filter(campaigns::status.eq_any(filter.statuses.clone()))
        .into_boxed();
    for bound in &filter.window {
        query = match *bound {
            WindowBound::SubmissionsOpenAfter(t) => query.filter(campaigns::submissions_open_at.gt(t)),
            WindowBound::SubmissionsOpenBy(t) => query.filter(campaigns::submissions_open_at.le(t)),
            WindowBound::SubmissionsCloseAfter(t) => query.filter(campaigns::submissions_close_at.gt(t)),
            WindowBound::SubmissionsCloseBy(t) => query.filter(campaigns::submissions_close_at.le(t)),
            WindowBound::VotingOpenAfter(t) => query.filter(campaigns::voting_open_at.gt(t)),
            WindowBound::VotingOpenBy(t) => query.filter(campaigns::voting_open_at.le(t)),
            WindowBound::VotingCloseAfter(t) => query.filter(campaigns::voting_close_at.gt(t)),
            WindowBound::VotingCloseBy(t) => query.filter(campaigns::voting_close_at.le(t)),
        };
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(campaigns::kind.eq(*kind));
    }
    if let Some(organization_id) = &filter.organization_id {
        query = query.filter(campaigns::organization_id.eq(organization_id.clone()));
    }
    if let Some(pattern) = &filter.text {
        query = query.filter(
            lower(campaigns::title)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(campaigns::summary).like(pattern.clone()).escape('\\')),
        );
    }
    query = match &filter.sort {
        ListSort::Newest { after } => {
            let query = query.order(campaigns::id.desc());
            match after {
                Some(id) => query.filter(campaigns::id.lt(id.clone())),
                None => query,
            }
        }
        ListSort::ClosingSoon { after } => {
            let query = query
                .filter(campaigns::voting_close_at.is_not_null())
                .order((campaigns::voting_close_at.asc(), campaigns::id.asc()));
            match after {
                Some((close, id)) => query.filter(
                    campaigns::voting_close_at
                        .gt(*close)
                        .or(campaigns::voting_close_at
                            .eq(*close)
                            .and(campaigns::id.gt(id.clone()))),
                ),
                None => query,
            }
        }
    };
    query.limit(filter.limit).load(conn)
}

/// Published campaigns whose phase may have moved past the one last announced (or that have
/// none announced yet), by the schedule at `now`.
pub fn due_for_announcement(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<CampaignRow>> {
    campaigns::table
        .filter(campaigns::status.eq(CampaignStatus::Published))
        .filter(
            campaigns::announced_phase
                .is_null()
                .or(campaigns::announced_phase
                    .eq(Phase::Scheduled)
                    .and(campaigns::submissions_open_at.le(now)))
                .or(campaigns::announced_phase
                    .eq(Phase::Submission)
                    .and(campaigns::submissions_close_at.le(now)))
                .or(campaigns::announced_phase
                    .eq(Phase::Review)
                    .and(campaigns::voting_open_at.le(now)))
                .or(campaigns::announced_phase
                    .eq(Phase::Voting)
                    .and(campaigns::voting_close_at.le(now))),
        )
        .order(campaigns::id.asc())
        .limit(limit)
        .load(conn)
}

/// Records `to` as announced if `from` still is (so concurrent announcers announce once).
pub fn set_announced(conn: &mut DbConnection, id: &str, from: Option<Phase>, to: Phase) -> QueryResult<bool> {
    let target = campaigns::table.filter(campaigns::id.eq(id));
    let changed = match from {
        Some(from) => diesel::update(target.filter(campaigns::announced_phase.eq(from)))
            .set(campaigns::announced_phase.eq(to))
            .execute(conn)?,
        None => diesel::update(target.filter(campaigns::announced_phase.is_null()))
            .set(campaigns::announced_phase.eq(to))
            .execute(conn)?,
    };
    Ok(changed == 1)
}

/// Records `to` as announced whatever was before (a lifecycle transition announces itself).
pub fn announce(conn: &mut DbConnection, id: &str, to: Phase) -> QueryResult<()> {
    diesel::update(campaigns::table.find(id))
        .set(campaigns::announced_phase.eq(to))
        .execute(conn)
        .map(drop)
}
