use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::dto::{
    AuthorshipRequest, ContributionResponse, CreateContributionRequest, SubmissionAllowance,
    UpdateContributionRequest,
};
use super::gallery::{self, Gallery, GallerySort};
use super::revisions::{self, RevisionResponse};
use super::{lifecycle, view};
use crate::auth::scopes::{ContributionsRead, ContributionsWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::pagination::{Page, PageQuery, Paging};

/// Submits a contribution while the campaign's submissions are open. Published at once, or
/// queued for moderators when the campaign requires approval.
#[utoipa::path(
    tag = "contributions",
    operation_id = "create_contribution",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = CreateContributionRequest,
    responses(
        (status = 201, description = "The contribution", body = ContributionResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submissions are not open, or the member's limit is reached", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/campaigns/{id}/contributions")]
pub async fn create_contribution(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<CreateContributionRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let campaign = id.into_inner();
    let created = db
        .run(move |conn| lifecycle::submit(conn, &auth.user_id, &campaign, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GalleryQuery {
    /// `new` (default), `top` (the leaderboard's order), `hot` (votes weighed against age) or
    /// `random` (a shuffle that stays the same for one `seed`). `top` and `hot` answer 403 while
    /// a campaign hides its tallies.
    sort: Option<GallerySortParam>,
    /// Keeps `random` stable across pages; defaults to the signed-in user, so give one when
    /// browsing anonymously (e.g. the visitor id).
    #[param(max_length = 100)]
    seed: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GallerySortParam {
    New,
    Top,
    Hot,
    Random,
}

/// The campaign's public gallery.
#[utoipa::path(
    tag = "contributions",
    operation_id = "list_contributions",
    params(("id" = String, Path, description = "The campaign's id or slug"), GalleryQuery, PageQuery),
    responses(
        (status = 200, description = "A page of contributions", body = Page<ContributionResponse>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["contributions:read"]))
)]
#[get("/campaigns/{id}/contributions")]
pub async fn list_contributions(
    auth: MaybeAuth<ContributionsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    query: ApiQuery<GalleryQuery>,
    paging: Paging,
) -> Result<web::Json<Page<ContributionResponse>>, ApiError> {
    let query = query.into_inner();
    if query.seed.as_ref().is_some_and(|seed| seed.chars().count() > 100) {
        return Err(ApiError::too_long("seed", 100));
    }
    let viewer = auth.0.map(|auth| auth.user_id);
    let seed = query
        .seed
        .or_else(|| viewer.clone())
        .unwrap_or_else(|| "anonymous".into());
    let (sort, order) = match query.sort {
        Some(GallerySortParam::Random) => (GallerySort::Random, format!("random:{seed}")),
        Some(GallerySortParam::Top) => (GallerySort::Top, "top".to_owned()),
        Some(GallerySortParam::Hot) => (GallerySort::Hot, "hot".to_owned()),
        Some(GallerySortParam::New) | None => (GallerySort::Newest, "new".to_owned()),
    };
    let (after, limit) = (paging.after(&order)?, paging.limit());
    let campaign = id.into_inner();
    let listed = db
        .run(move |conn| {
            let gallery = Gallery {
                sort,
                seed: &seed,
                after,
                limit,
            };
            gallery::list(conn, viewer.as_deref(), &campaign, gallery, clock.now())
        })
        .await?;
    Ok(web::Json(paging.page(&order, listed)))
}

/// A contribution. Unpublished ones exist only for their authors and the organization's staff.
#[utoipa::path(
    tag = "contributions",
    operation_id = "get_contribution",
    params(("id" = String, Path, description = "The contribution's id")),
    responses(
        (status = 200, description = "The contribution", body = ContributionResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["contributions:read"]))
)]
#[get("/contributions/{id}")]
pub async fn get_contribution(
    auth: MaybeAuth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<ContributionResponse>, ApiError> {
    let viewer = auth.0.map(|auth| auth.user_id);
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| view::get(conn, viewer.as_deref(), &id))
            .await?,
    ))
}

/// Edits a contribution (its authors, while submissions are open).
#[utoipa::path(
    tag = "contributions",
    operation_id = "update_contribution",
    params(("id" = String, Path, description = "The contribution's id")),
    request_body = UpdateContributionRequest,
    responses(
        (status = 200, description = "The contribution", body = ContributionResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submissions are closed, or it was withdrawn", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[patch("/contributions/{id}")]
pub async fn update_contribution(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<UpdateContributionRequest>,
) -> Result<web::Json<ContributionResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| lifecycle::update(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}

/// Withdraws a contribution (its submitter, while submissions are open). It leaves the gallery
/// and no longer counts against the member's limit.
#[utoipa::path(
    tag = "contributions",
    operation_id = "withdraw_contribution",
    params(("id" = String, Path, description = "The contribution's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submissions are closed, or it was withdrawn", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[delete("/contributions/{id}")]
pub async fn withdraw_contribution(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| lifecycle::withdraw(conn, &auth.user_id, &id, clock.now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A co-author accepts or declines their share.
#[utoipa::path(
    tag = "contributions",
    operation_id = "answer_authorship",
    params(("id" = String, Path, description = "The contribution's id")),
    request_body = AuthorshipRequest,
    responses(
        (status = 200, description = "The contribution with the updated authors", body = ContributionResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Accepted already", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/contributions/{id}/authorship")]
pub async fn answer_authorship(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<AuthorshipRequest>,
) -> Result<web::Json<ContributionResponse>, ApiError> {
    let accept = body.into_inner().accept;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| lifecycle::answer_authorship(conn, &auth.user_id, &id, accept, clock.now()))
            .await?,
    ))
}

/// What a contribution said before each edit made after it was first published, newest first:
/// anyone who can see the contribution can see how it changed.
#[utoipa::path(
    tag = "contributions",
    operation_id = "list_contribution_revisions",
    params(("id" = String, Path, description = "The contribution's id"), PageQuery),
    responses(
        (status = 200, description = "A page of earlier versions", body = Page<RevisionResponse>),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["contributions:read"]))
)]
#[get("/contributions/{id}/revisions")]
pub async fn contribution_revisions(
    auth: MaybeAuth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<RevisionResponse>>, ApiError> {
    let viewer = auth.0.map(|auth| auth.user_id);
    let (before, limit) = (paging.after("newest")?, paging.limit());
    let id = id.into_inner();
    let page = db
        .run(move |conn| revisions::history(conn, viewer.as_deref(), &id, before.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("newest", page)))
}

/// How many more contributions the caller may submit to the campaign: its limit, how many of
/// theirs count against it and what is left (the contribute form says so before it is filled).
#[utoipa::path(
    tag = "contributions",
    operation_id = "get_submission_allowance",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "Success", body = SubmissionAllowance),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:read"]))
)]
#[get("/campaigns/{id}/submission-allowance")]
pub async fn get_submission_allowance(
    auth: Auth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<SubmissionAllowance>, ApiError> {
    let campaign = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| lifecycle::allowance(conn, &auth.user_id, &campaign))
            .await?,
    ))
}
