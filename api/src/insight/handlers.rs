use actix_web::{HttpResponse, get, web};

use super::dto::{AnalyticsResponse, TimelineEntry};
use super::{Disclosure, export, service, timeline};
use crate::auth::Auth;
use crate::auth::scopes::{AnalyticsRead, ProfileRead};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::download::csv_response;
use crate::pagination::{Page, PageQuery, Paging};
use crate::reach::service::managed;

/// Whether a campaign reaches its community (owners and managers): the funnel visitors ->
/// registered -> voters -> contributors overall and per channel, referrals and direct visitors
/// (each person counted under their first touch); participation rates next to the 1% baseline
/// and the campaign's target; the k-factor of referrals; a daily series; the projection of
/// contributions at the close of submissions against the contribution target; and votes by
/// opted-in segment, every group smaller than `min_group_size` left out. Numbers are exact as
/// soon as the events behind them commit; every figure is read from incrementally kept
/// counters, so the cost does not grow with the visits and votes behind it.
#[utoipa::path(
    tag = "insight",
    operation_id = "get_analytics",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The campaign's analytics", body = AnalyticsResponse),
        (status = 403, description = "Only the campaign's owners and managers see its analytics", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/analytics")]
pub async fn get_analytics(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    disclosure: web::Data<Disclosure>,
    id: web::Path<String>,
) -> Result<web::Json<AnalyticsResponse>, ApiError> {
    let campaign = id.into_inner();
    let rule = **disclosure;
    Ok(web::Json(
        db.run(move |conn| service::analytics(conn, &auth.user_id, &campaign, clock.now(), rule))
            .await?,
    ))
}

/// The campaign's published contributions in rank order with their votes and scores, as CSV
/// (UTF-8, a header row, RFC 4180 quoting), streamed (owners and managers).
#[utoipa::path(
    tag = "insight",
    operation_id = "export_contributions",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "rank, contribution_id, title, status, tags, parent_id, submitted_at, published_at, public_votes, public_score, jury_votes, jury_score, combined_score", content_type = "text/csv", body = String),
        (status = 403, description = "Only the campaign's owners and managers export it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/export/contributions.csv")]
pub async fn export_contributions(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = id.into_inner();
    let campaign = db.run(move |conn| managed(conn, &auth.user_id, &key)).await?;
    let filename = format!("{}-contributions.csv", campaign.slug);
    Ok(csv_response(&filename).streaming(export::contributions_csv(db.get_ref().clone(), campaign)))
}

/// Votes by opted-in segment (country, age band, interest) as CSV: one row per segment for the
/// whole campaign (distinct voters and their votes), then one per contribution and segment
/// (votes and mean value). Aggregates only; groups smaller than the analytics' `min_group_size`
/// are left out (owners and managers).
#[utoipa::path(
    tag = "insight",
    operation_id = "export_votes_by_segment",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "scope, contribution_id, contribution_title, dimension, segment, voters, votes, mean_value", content_type = "text/csv", body = String),
        (status = 403, description = "Only the campaign's owners and managers export it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/export/votes-by-segment.csv")]
pub async fn export_votes_by_segment(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    disclosure: web::Data<Disclosure>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = id.into_inner();
    let (rule, now) = (**disclosure, clock.now());
    let (slug, body) = db
        .run(move |conn| {
            let campaign = managed(conn, &auth.user_id, &key)?;
            Ok((
                campaign.slug.clone(),
                export::votes_by_segment_csv(conn, &campaign, now, rule)?,
            ))
        })
        .await?;
    Ok(csv_response(&format!("{slug}-votes-by-segment.csv")).body(body))
}

/// The signed-in user's journey across campaigns, most recently joined first: the first touch
/// that brought them, whether they signed up there, their first vote and contribution, and
/// their votes, contributions and points in each.
#[utoipa::path(
    tag = "me",
    operation_id = "get_my_timeline",
    params(PageQuery),
    responses((status = 200, description = "A page of my campaigns", body = Page<TimelineEntry>)),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me/timeline")]
pub async fn get_my_timeline(
    auth: Auth<ProfileRead>,
    db: web::Data<Db>,
    paging: Paging,
) -> Result<web::Json<Page<TimelineEntry>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let entries = db
        .run(move |conn| timeline::mine(conn, &auth.user_id, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", entries)))
}

/// A participant's journey through the organization's campaigns (owners and managers), only
/// for participants who consented to research; others answer 404 like unknown users.
#[utoipa::path(
    tag = "insight",
    operation_id = "get_participant_timeline",
    params(
        ("slug" = String, Path, description = "The organization's slug"),
        ("user_id" = String, Path, description = "The participant's user id"),
        PageQuery
    ),
    responses(
        (status = 200, description = "A page of the participant's campaigns of this organization", body = Page<TimelineEntry>),
        (status = 403, description = "Only the organization's owners and managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organization, or no such participant who consented to research", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/organizations/{slug}/participants/{user_id}/timeline")]
pub async fn get_participant_timeline(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    paging: Paging,
) -> Result<web::Json<Page<TimelineEntry>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let (slug, user_id) = path.into_inner();
    let entries = db
        .run(move |conn| {
            timeline::of_participant(conn, &auth.user_id, &slug, &user_id, after.as_deref(), limit)
        })
        .await?;
    Ok(web::Json(paging.page("", entries)))
}
