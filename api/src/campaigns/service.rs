//! Campaign rules: who may manage a campaign, what may change when, the lifecycle transitions,
//! and discovery. Every function takes `now` from the caller, so tests can set the clock.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::dto::{
    CampaignKind, CampaignResponse, CreateCampaignRequest, Eligibility, PointsDto, PrizeTierDto, RulesDto,
    ScheduleDto, UpdateCampaignRequest, VotingMethod,
};
use super::phase::{Phase, Schedule, Status, phase_at};
use super::repo::{
    self, CampaignContent, CampaignRow, ListFilter, ListSort, NewCampaign, TierRow, WindowBound,
};
use crate::db::{DbConnection, write_transaction};
use crate::error::{ApiError, FieldError};
use crate::ids::new_id;
use crate::media::dto::media_url;
use crate::media::service as media;
use crate::organizations::dto::Role;
use crate::organizations::service as organizations;
use crate::pagination::Page;

/// Owners and managers run campaigns; everyone else only sees published ones.
pub fn authorize_management(role: Option<Role>) -> Result<(), ApiError> {
    match role {
        Some(Role::Owner | Role::Manager) => Ok(()),
        Some(_) => Err(ApiError::forbidden("only owners and managers run campaigns")),
        None => Err(ApiError::forbidden("you are not a member of this organization")),
    }
}

fn schedule_of(row: &CampaignRow) -> Option<Schedule> {
    Some(Schedule {
        submissions_open_at: row.submissions_open_at?,
        submissions_close_at: row.submissions_close_at?,
        voting_open_at: row.voting_open_at?,
        voting_close_at: row.voting_close_at?,
    })
}

pub fn phase_of(row: &CampaignRow, now: NaiveDateTime) -> Phase {
    phase_at(Status::parse(&row.status), schedule_of(row).as_ref(), now)
}

/// Checks what `validator` cannot: the order of the schedule, budget voting's budget, and that
/// prize tiers are ordered, do not overlap and share one currency.
fn check_content(
    schedule: Option<&ScheduleDto>,
    rules: &RulesDto,
    tiers: &[PrizeTierDto],
) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if let Some(field) = schedule
        .map(to_schedule)
        .as_ref()
        .and_then(Schedule::misordered_field)
    {
        errors.push(FieldError {
            field: field.into(),
            message: "the schedule must run submissions open < close <= voting open < close".into(),
        });
    }
    match (rules.voting_method, rules.vote_budget) {
        (VotingMethod::Budget, None) => errors.push(FieldError {
            field: "rules.vote_budget".into(),
            message: "budget voting needs a budget".into(),
        }),
        (method, Some(_)) if method != VotingMethod::Budget => errors.push(FieldError {
            field: "rules.vote_budget".into(),
            message: "only budget voting has a budget".into(),
        }),
        _ => {}
    }
    let mut previous_end = 0;
    for (index, tier) in tiers.iter().enumerate() {
        if tier.rank_to < tier.rank_from || tier.rank_from <= previous_end {
            errors.push(FieldError {
                field: format!("prize_tiers[{index}].rank_from"),
                message: "tiers must cover increasing, non-overlapping rank ranges".into(),
            });
        }
        if tier.currency != tiers[0].currency {
            errors.push(FieldError {
                field: format!("prize_tiers[{index}].currency"),
                message: "all tiers use the currency of the first".into(),
            });
        }
        previous_end = tier.rank_to;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn to_schedule(dto: &ScheduleDto) -> Schedule {
    let at = |instant: chrono::DateTime<chrono::Utc>| instant.naive_utc();
    Schedule {
        submissions_open_at: at(dto.submissions_open_at),
        submissions_close_at: at(dto.submissions_close_at),
        voting_open_at: at(dto.voting_open_at),
        voting_close_at: at(dto.voting_close_at),
    }
}

fn content(
    kind: CampaignKind,
    text: (String, String, String),
    schedule: Option<&ScheduleDto>,
    rules: &RulesDto,
    points: &PointsDto,
    now: NaiveDateTime,
) -> CampaignContent {
    let schedule = schedule.map(to_schedule);
    let (title, summary, brief) = text;
    CampaignContent {
        kind: kind.as_str().into(),
        title: title.trim().to_owned(),
        summary,
        brief,
        submissions_open_at: schedule.map(|s| s.submissions_open_at),
        submissions_close_at: schedule.map(|s| s.submissions_close_at),
        voting_open_at: schedule.map(|s| s.voting_open_at),
        voting_close_at: schedule.map(|s| s.voting_close_at),
        max_contributions_per_member: rules.max_contributions_per_member,
        voting_method: rules.voting_method.as_str().into(),
        vote_budget: rules.vote_budget,
        vote_during_submission: rules.vote_during_submission,
        allow_self_vote: rules.allow_self_vote,
        hide_tallies: rules.hide_tallies,
        jury_weight_percent: rules.jury_weight_percent,
        eligibility: rules.eligibility.as_str().into(),
        require_approval: rules.require_approval,
        remix_credit_percent: rules.remix_credit_percent,
        guaranteed_prize: rules.guaranteed_prize,
        participation_target_percent: rules.participation_target_percent,
        contribution_target: rules.contribution_target,
        points_per_contribution: points.per_contribution,
        points_per_vote: points.per_vote,
        points_per_referral: points.per_referral,
        updated_at: now,
    }
}

fn tier_rows(campaign_id: &str, tiers: &[PrizeTierDto]) -> Vec<TierRow> {
    tiers
        .iter()
        .enumerate()
        .map(|(position, tier)| TierRow {
            campaign_id: campaign_id.to_owned(),
            position: position as i32,
            rank_from: tier.rank_from,
            rank_to: tier.rank_to,
            title: tier.title.trim().to_owned(),
            amount_minor: tier.amount_minor,
            currency: tier.currency.clone(),
            points: tier.points,
        })
        .collect()
}

/// A slug made from the title (`Summer Bottle 2026!` -> `summer-bottle-2026`), made unique.
fn unique_slug(conn: &mut DbConnection, title: &str) -> Result<String, ApiError> {
    let words: Vec<String> = title
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect();
    let mut base = words.join("-");
    base.truncate(40);
    let base = base.trim_end_matches('-').to_owned();
    let base = if base.len() < 3 {
        format!("campaign-{base}").trim_end_matches('-').to_owned()
    } else {
        base
    };
    if !repo::slug_taken(conn, &base)? {
        return Ok(base);
    }
    for n in 2..100 {
        let candidate = format!("{base}-{n}");
        if !repo::slug_taken(conn, &candidate)? {
            return Ok(candidate);
        }
    }
    Ok(format!(
        "{base}-{}",
        &uuid::Uuid::now_v7().simple().to_string()[24..]
    ))
}

pub fn create(
    conn: &mut DbConnection,
    actor_id: &str,
    organization_slug: &str,
    request: CreateCampaignRequest,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    check_content(request.schedule.as_ref(), &request.rules, &request.prize_tiers)?;
    write_transaction(conn, |conn| {
        let organization = organizations::find(conn, organization_slug)?;
        authorize_management(organizations::role_of(conn, &organization.id, actor_id)?)?;
        let slug = match request.slug {
            Some(slug) if repo::slug_taken(conn, &slug)? => {
                return Err(ApiError::Conflict(format!("the slug `{slug}` is taken")));
            }
            Some(slug) => slug,
            None => unique_slug(conn, &request.title)?,
        };
        let id = new_id();
        repo::insert(
            conn,
            &NewCampaign {
                id: id.clone(),
                organization_id: organization.id,
                slug,
                status: Status::Draft.as_str().into(),
                created_at: now,
                content: content(
                    request.kind,
                    (request.title, request.summary, request.brief),
                    request.schedule.as_ref(),
                    &request.rules,
                    &request.participation_points,
                    now,
                ),
            },
        )?;
        repo::replace_tiers(conn, &id, &tier_rows(&id, &request.prize_tiers))?;
        if let Some(cover) = &request.cover_media_id {
            media::check_cover(conn, actor_id, cover, None)?;
            repo::set_cover(conn, &id, Some(cover))?;
        }
        load(conn, &id, now)
    })
}

/// The campaign as `viewer` may see it: drafts exist only for their organization's managers.
pub fn get(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    let row = visible(conn, viewer, key)?;
    respond(conn, vec![row], now)?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded campaign vanished"))
}

fn load(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> Result<CampaignResponse, ApiError> {
    let row = repo::find(conn, key)?.ok_or_else(no_such_campaign)?;
    respond(conn, vec![row], now)?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded campaign vanished"))
}

fn visible(conn: &mut DbConnection, viewer: Option<&str>, key: &str) -> Result<CampaignRow, ApiError> {
    let row = repo::find(conn, key)?.ok_or_else(no_such_campaign)?;
    if Status::parse(&row.status) == Status::Draft {
        let role = match viewer {
            Some(user) => organizations::role_of(conn, &row.organization_id, user)?,
            None => None,
        };
        // A draft's existence is private: outsiders get the same 404 as for nothing at all.
        authorize_management(role).map_err(|_| no_such_campaign())?;
    }
    Ok(row)
}

/// A campaign as a participant reaches it: published (drafts are 404 to non-managers), with
/// the organization role of `viewer`.
pub fn for_participation(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
) -> Result<(CampaignRow, Option<Role>), ApiError> {
    let row = visible(conn, viewer, key)?;
    let role = match viewer {
        Some(user) => organizations::role_of(conn, &row.organization_id, user)?,
        None => None,
    };
    Ok((row, role))
}

/// Loads a campaign for a change by `actor`, who must manage its organization.
fn managed(conn: &mut DbConnection, actor_id: &str, key: &str) -> Result<CampaignRow, ApiError> {
    let row = visible(conn, Some(actor_id), key)?;
    authorize_management(organizations::role_of(conn, &row.organization_id, actor_id)?)?;
    Ok(row)
}

pub fn update(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    request: UpdateCampaignRequest,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        let phase = phase_of(&row, now);
        let changes_rules = request.schedule.is_some()
            || request.rules.is_some()
            || request.prize_tiers.is_some()
            || request.participation_points.is_some();
        if matches!(phase, Phase::Closed | Phase::Cancelled) {
            return Err(ApiError::Conflict(format!(
                "a {} campaign cannot change",
                phase_name(phase)
            )));
        }
        if changes_rules && !matches!(phase, Phase::Draft | Phase::Scheduled) {
            return Err(ApiError::Conflict(
                "schedule, rules, prizes and points are frozen once submissions open".into(),
            ));
        }
        let current = to_response_parts(&row, &repo::tiers_of(conn, std::slice::from_ref(&row.id))?);
        let schedule = request.schedule.or(current.schedule);
        let rules = request.rules.unwrap_or(current.rules);
        let tiers = request.prize_tiers.unwrap_or(current.tiers);
        let points = request.participation_points.unwrap_or(current.points);
        check_content(schedule.as_ref(), &rules, &tiers)?;
        if phase == Phase::Scheduled {
            check_publishable(schedule.as_ref(), now)?;
        }
        let text = (
            request.title.unwrap_or(row.title.clone()),
            request.summary.unwrap_or(row.summary.clone()),
            request.brief.unwrap_or(row.brief.clone()),
        );
        let kind = CampaignKind::parse(&row.kind).unwrap_or(CampaignKind::Idea);
        repo::update_content(
            conn,
            &row.id,
            &content(kind, text, schedule.as_ref(), &rules, &points, now),
        )?;
        repo::replace_tiers(conn, &row.id, &tier_rows(&row.id, &tiers))?;
        if let Some(cover) = &request.cover_media_id {
            if let Some(cover) = cover {
                media::check_cover(conn, actor_id, cover, row.cover_media_id.as_deref())?;
            }
            repo::set_cover(conn, &row.id, cover.as_deref())?;
        }
        load(conn, &row.id, now)
    })
}

/// A campaign can go public only with a complete schedule that has not already ended.
fn check_publishable(schedule: Option<&ScheduleDto>, now: NaiveDateTime) -> Result<(), ApiError> {
    let Some(schedule) = schedule else {
        return Err(ApiError::invalid(
            "schedule",
            "a campaign needs a schedule before it is published",
        ));
    };
    if to_schedule(schedule).voting_close_at <= now {
        return Err(ApiError::invalid(
            "schedule.voting_close_at",
            "voting must close in the future",
        ));
    }
    Ok(())
}

pub fn publish(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        if Status::parse(&row.status) != Status::Draft {
            return Err(ApiError::Conflict("only a draft can be published".into()));
        }
        check_publishable(to_response_parts(&row, &[]).schedule.as_ref(), now)?;
        transition(conn, &row, Status::Draft, Status::Published, now)
    })
}

pub fn close(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        if phase_of(&row, now) != Phase::Judging {
            return Err(ApiError::Conflict(
                "a campaign can be closed once its voting has ended".into(),
            ));
        }
        transition(conn, &row, Status::Published, Status::Closed, now)
    })
}

pub fn cancel(
    conn: &mut DbConnection,
    actor_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        match Status::parse(&row.status) {
            Status::Published => transition(conn, &row, Status::Published, Status::Cancelled, now),
            Status::Draft => Err(ApiError::Conflict("a draft is deleted, not cancelled".into())),
            Status::Closed | Status::Cancelled => {
                Err(ApiError::Conflict("the campaign has already ended".into()))
            }
        }
    })
}

pub fn delete(conn: &mut DbConnection, actor_id: &str, key: &str) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let row = managed(conn, actor_id, key)?;
        if Status::parse(&row.status) != Status::Draft {
            return Err(ApiError::Conflict(
                "only drafts can be deleted; cancel a published campaign".into(),
            ));
        }
        Ok(repo::delete(conn, &row.id)?)
    })
}

fn transition(
    conn: &mut DbConnection,
    row: &CampaignRow,
    from: Status,
    to: Status,
    now: NaiveDateTime,
) -> Result<CampaignResponse, ApiError> {
    if !repo::transition(conn, &row.id, from.as_str(), to.as_str(), now)? {
        return Err(ApiError::Conflict(
            "the campaign changed meanwhile; reload it".into(),
        ));
    }
    load(conn, &row.id, now)
}

/// Filters of `GET /campaigns`.
pub struct Discovery {
    pub phase: Option<Phase>,
    pub kind: Option<CampaignKind>,
    pub organization: Option<String>,
    pub text: Option<String>,
    pub closing_soon: bool,
    pub after: Option<String>,
    pub limit: usize,
    /// The signed-in viewer: with `organization` naming a brand they manage, its drafts are
    /// listed too.
    pub viewer: Option<String>,
}

pub fn list(
    conn: &mut DbConnection,
    query: Discovery,
    now: NaiveDateTime,
) -> Result<Page<CampaignResponse>, ApiError> {
    use WindowBound::*;
    let organization_id = match &query.organization {
        Some(slug) => match crate::organizations::service::find(conn, slug) {
            Ok(organization) => Some(organization.id),
            Err(ApiError::NotFound(_)) => {
                return Ok(Page {
                    items: Vec::new(),
                    next_cursor: None,
                });
            }
            Err(err) => return Err(err),
        },
        None => None,
    };
    // Drafts are never public; a brand's owners and managers see theirs when they list it.
    let sees_drafts = match (&organization_id, &query.viewer) {
        (Some(organization), Some(viewer)) => {
            authorize_management(organizations::role_of(conn, organization, viewer)?).is_ok()
        }
        _ => false,
    };
    let published = vec![Status::Published.as_str()];
    let (statuses, window) = match query.phase {
        None if sees_drafts => (vec!["draft", "published", "closed", "cancelled"], vec![]),
        None => (vec!["published", "closed", "cancelled"], vec![]),
        Some(Phase::Draft) if sees_drafts => (vec!["draft"], vec![]),
        Some(Phase::Draft) => {
            return Ok(Page {
                items: Vec::new(),
                next_cursor: None,
            });
        }
        Some(Phase::Scheduled) => (published, vec![SubmissionsOpenAfter(now)]),
        Some(Phase::Submission) => (
            published,
            vec![SubmissionsOpenBy(now), SubmissionsCloseAfter(now)],
        ),
        Some(Phase::Review) => (published, vec![SubmissionsCloseBy(now), VotingOpenAfter(now)]),
        Some(Phase::Voting) => (published, vec![VotingOpenBy(now), VotingCloseAfter(now)]),
        Some(Phase::Judging) => (published, vec![VotingCloseBy(now)]),
        Some(Phase::Closed) => (vec!["closed"], vec![]),
        Some(Phase::Cancelled) => (vec!["cancelled"], vec![]),
    };
    let sort = if query.closing_soon {
        // A cursor of another shape (never issued for this order) reads as the start.
        let after = query.after.as_deref().and_then(parse_closing_cursor);
        ListSort::ClosingSoon { after }
    } else {
        ListSort::Newest {
            after: query.after.clone(),
        }
    };
    let filter = ListFilter {
        statuses,
        window,
        kind: query.kind.map(|kind| kind.as_str().to_owned()),
        organization_id,
        text: query.text.as_deref().map(like_pattern),
        sort,
        limit: query.limit as i64 + 1,
    };
    let rows = repo::list(conn, &filter)?;
    let closing_soon = query.closing_soon;
    let page = Page::from_rows(rows, query.limit, |row| match closing_soon {
        true => format!(
            "{}|{}",
            row.voting_close_at
                .map(|t| t.and_utc().timestamp_micros())
                .unwrap_or_default(),
            row.id
        ),
        false => row.id.clone(),
    });
    let items = respond(conn, page.items, now)?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

fn parse_closing_cursor(raw: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, id) = raw.split_once('|')?;
    let close = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((close, id.to_owned()))
}

/// `%text%`, lower-case, with LIKE's wildcards in the user's text escaped.
fn like_pattern(text: &str) -> String {
    let escaped: String = text
        .trim()
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

struct Parts {
    schedule: Option<ScheduleDto>,
    rules: RulesDto,
    tiers: Vec<PrizeTierDto>,
    points: PointsDto,
}

fn to_response_parts(row: &CampaignRow, tiers: &[TierRow]) -> Parts {
    Parts {
        schedule: schedule_of(row).map(|s| ScheduleDto {
            submissions_open_at: s.submissions_open_at.and_utc(),
            submissions_close_at: s.submissions_close_at.and_utc(),
            voting_open_at: s.voting_open_at.and_utc(),
            voting_close_at: s.voting_close_at.and_utc(),
        }),
        rules: RulesDto {
            max_contributions_per_member: row.max_contributions_per_member,
            voting_method: VotingMethod::parse(&row.voting_method).unwrap_or(VotingMethod::Upvote),
            vote_budget: row.vote_budget,
            vote_during_submission: row.vote_during_submission,
            allow_self_vote: row.allow_self_vote,
            hide_tallies: row.hide_tallies,
            jury_weight_percent: row.jury_weight_percent,
            eligibility: Eligibility::parse(&row.eligibility).unwrap_or(Eligibility::Open),
            require_approval: row.require_approval,
            remix_credit_percent: row.remix_credit_percent,
            guaranteed_prize: row.guaranteed_prize,
            participation_target_percent: row.participation_target_percent,
            contribution_target: row.contribution_target,
        },
        tiers: tiers
            .iter()
            .map(|tier| PrizeTierDto {
                rank_from: tier.rank_from,
                rank_to: tier.rank_to,
                title: tier.title.clone(),
                amount_minor: tier.amount_minor,
                currency: tier.currency.clone(),
                points: tier.points,
            })
            .collect(),
        points: PointsDto {
            per_contribution: row.points_per_contribution,
            per_vote: row.points_per_vote,
            per_referral: row.points_per_referral,
        },
    }
}

/// Responses for rows, with their tiers and organization slugs loaded in two queries.
fn respond(
    conn: &mut DbConnection,
    rows: Vec<CampaignRow>,
    now: NaiveDateTime,
) -> Result<Vec<CampaignResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut tiers: HashMap<String, Vec<TierRow>> = HashMap::new();
    for tier in repo::tiers_of(conn, &ids)? {
        tiers.entry(tier.campaign_id.clone()).or_default().push(tier);
    }
    let organization_ids: Vec<String> = rows.iter().map(|row| row.organization_id.clone()).collect();
    let slugs = organizations::slugs_by_id(conn, &organization_ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let parts = to_response_parts(&row, tiers.get(&row.id).map(Vec::as_slice).unwrap_or_default());
            CampaignResponse {
                phase: phase_of(&row, now),
                organization: slugs.get(&row.organization_id).cloned().unwrap_or_default(),
                kind: CampaignKind::parse(&row.kind).unwrap_or(CampaignKind::Idea),
                schedule: parts.schedule,
                rules: parts.rules,
                prize_tiers: parts.tiers,
                participation_points: parts.points,
                published_at: row.published_at.map(|at| at.and_utc()),
                closed_at: row.closed_at.map(|at| at.and_utc()),
                cancelled_at: row.cancelled_at.map(|at| at.and_utc()),
                created_at: row.created_at.and_utc(),
                updated_at: row.updated_at.and_utc(),
                id: row.id,
                slug: row.slug,
                title: row.title,
                summary: row.summary,
                brief: row.brief,
                cover_url: row.cover_media_id.as_deref().map(media_url),
                cover_media_id: row.cover_media_id,
            }
        })
        .collect())
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Closed => "closed",
        Phase::Cancelled => "cancelled",
        _ => "running",
    }
}

fn no_such_campaign() -> ApiError {
    ApiError::NotFound("no such campaign".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(" Bottle "), "%bottle%");
        assert_eq!(like_pattern("100%_x"), "%100\\%\\_x%");
    }

    #[test]
    fn closing_cursors_round_trip() {
        let (close, id) = parse_closing_cursor("1772359200000000|abc").unwrap();
        assert_eq!(close.and_utc().timestamp_micros(), 1_772_359_200_000_000);
        assert_eq!(id, "abc");
        assert!(parse_closing_cursor("garbage").is_none());
    }
}
