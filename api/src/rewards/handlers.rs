use actix_web::{HttpResponse, get, patch, post, web};
use validator::Validate;

use super::dto::{AwardResponse, MyRewardsResponse, PointsStanding, UpdateAwardRequest};
use super::{awards, finalize, points};
use crate::auth::scopes::{CampaignsRead, CampaignsWrite, ProfileRead};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::pagination::{Page, PageQuery, Paging};

/// The signed-in user's points: the balance (the sum of the ledger) and the ledger, newest
/// first. Points come from published contributions and votes as each campaign declares them.
#[utoipa::path(
    tag = "me",
    operation_id = "get_my_rewards",
    params(PageQuery),
    responses((status = 200, description = "My points", body = MyRewardsResponse)),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me/rewards")]
pub async fn get_my_rewards(
    auth: Auth<ProfileRead>,
    db: web::Data<Db>,
    paging: Paging,
) -> Result<web::Json<MyRewardsResponse>, ApiError> {
    let (before, limit) = (paging.after("")?, paging.limit());
    let (mut rewards, next_key) = db
        .run(move |conn| points::mine(conn, &auth.user_id, before.as_deref(), limit))
        .await?;
    rewards.next_cursor = paging.cursor("", next_key);
    Ok(web::Json(rewards))
}

/// Creates the campaign's awards from its final ranking and prize tiers (managers, once voting
/// has closed): each rank wins its tier; tied entries share the tiers they span equally, the odd
/// minor units going to the earlier submissions; each award is split among its authors by their
/// accepted shares (and the remixed entry's authors by the campaign's remix credit), exactly.
/// Finalizing again returns the same awards with 200.
#[utoipa::path(
    tag = "rewards",
    operation_id = "finalize_awards",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "Finalized before: the same awards", body = Vec<AwardResponse>),
        (status = 201, description = "The awards, created now", body = Vec<AwardResponse>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Voting has not closed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/awards/finalize")]
pub async fn finalize_awards(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let campaign = id.into_inner();
    let (created, new) = db
        .run(move |conn| finalize::finalize(conn, &auth.user_id, &campaign, clock.now()))
        .await?;
    Ok(match new {
        true => HttpResponse::Created().json(created),
        false => HttpResponse::Ok().json(created),
    })
}

/// What finalizing would create now, without creating anything (managers, once voting has
/// closed): each rank's award and how it splits among authors, to check before confirming with
/// `POST /campaigns/{id}/awards/finalize`. Ids in the preview are placeholders. Once finalized,
/// the awards as they are.
#[utoipa::path(
    tag = "rewards",
    operation_id = "preview_awards",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The awards finalizing would create", body = Vec<AwardResponse>),
        (status = 403, description = "Not an owner or manager", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Voting has not closed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[get("/campaigns/{id}/awards/preview")]
pub async fn preview_awards(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<AwardResponse>>, ApiError> {
    let campaign = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| finalize::preview(conn, &auth.user_id, &campaign, clock.now()))
            .await?,
    ))
}

/// A campaign's awards with their splits and status: public once the campaign has closed, for
/// its owners and managers as soon as they exist.
#[utoipa::path(
    tag = "rewards",
    operation_id = "list_awards",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The awards, best rank first", body = Vec<AwardResponse>),
        (status = 403, description = "Winners are published when the campaign closes", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/awards")]
pub async fn list_awards(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<AwardResponse>>, ApiError> {
    let viewer = auth.0.map(|auth| auth.user_id);
    let campaign = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| awards::list(conn, viewer.as_deref(), &campaign, clock.now()))
            .await?,
    ))
}

/// Moves an award `pending -> approved -> paid`, or cancels it before it is paid (managers),
/// with a note kept in its audit log. Approving pays the award's points to its recipients;
/// cancelling an approved award takes them back.
#[utoipa::path(
    tag = "rewards",
    operation_id = "update_award",
    params(("id" = String, Path, description = "The award's id")),
    request_body = UpdateAwardRequest,
    responses(
        (status = 200, description = "The award", body = AwardResponse),
        (status = 404, description = "No such award", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a step its status allows", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[patch("/awards/{id}")]
pub async fn update_award(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<UpdateAwardRequest>,
) -> Result<web::Json<AwardResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let award = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| awards::change_status(conn, &auth.user_id, &award, request, clock.now()))
            .await?,
    ))
}

/// A campaign's participants ranked by the points they earned in it: publications, votes,
/// referrals and approved awards, as the campaign declared them.
#[utoipa::path(
    tag = "rewards",
    operation_id = "get_points_leaderboard",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of standings", body = Page<PointsStanding>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/points-leaderboard")]
pub async fn get_points_leaderboard(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<PointsStanding>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let viewer = auth.0.map(|auth| auth.user_id);
    let campaign = id.into_inner();
    let standings = db
        .run(move |conn| points::standings(conn, viewer.as_deref(), &campaign, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", standings)))
}
