use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::NaiveDateTime;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::discovery::{self, Discovery};
use super::dto::{CampaignResponse, CreateCampaignRequest, UpdateCampaignRequest};
use super::{lifecycle, view};
use crate::auth::scopes::{CampaignsRead, CampaignsWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::{Db, DbConnection};
use crate::domain::{CampaignKind, Phase};
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::pagination::{Page, PageQuery, Paging};

/// Creates a draft campaign for the organization (owners and managers).
#[utoipa::path(
    tag = "campaigns",
    operation_id = "create_campaign",
    params(("slug" = String, Path, description = "The organization's slug")),
    request_body = CreateCampaignRequest,
    responses(
        (status = 201, description = "The draft", body = CampaignResponse),
        (status = 404, description = "No such organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The slug is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/organizations/{slug}/campaigns")]
pub async fn create_campaign(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    slug: web::Path<String>,
    body: ApiJson<CreateCampaignRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let slug = slug.into_inner();
    let created = db
        .run(move |conn| lifecycle::create(conn, &auth.user_id, &slug, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CampaignQuery {
    /// Only campaigns in this phase now (drafts are never listed).
    phase: Option<Phase>,
    kind: Option<CampaignKind>,
    /// An organization's slug.
    #[param(max_length = 50)]
    organization: Option<String>,
    /// Words to find in the title or summary (case-insensitive).
    #[param(max_length = 100)]
    q: Option<String>,
    /// `newest` (default) or `closing_soon` (earliest voting close first).
    sort: Option<CampaignSort>,
}

#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignSort {
    Newest,
    ClosingSoon,
}

/// Discovers public campaigns (everything but drafts), filtered and paginated. Listing one
/// `organization` as its owner or manager includes its drafts.
#[utoipa::path(
    tag = "campaigns",
    operation_id = "list_campaigns",
    params(CampaignQuery, PageQuery),
    responses((status = 200, description = "A page of campaigns", body = Page<CampaignResponse>)),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns")]
pub async fn list_campaigns(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    query: ApiQuery<CampaignQuery>,
    paging: Paging,
) -> Result<web::Json<Page<CampaignResponse>>, ApiError> {
    let query = query.into_inner();
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::too_long("q", 100));
    }
    if query
        .organization
        .as_ref()
        .is_some_and(|slug| slug.chars().count() > 50)
    {
        return Err(ApiError::too_long("organization", 50));
    }
    let closing_soon = matches!(query.sort, Some(CampaignSort::ClosingSoon));
    let order = if closing_soon { "closing_soon" } else { "newest" };
    let discovery = Discovery {
        phase: query.phase,
        kind: query.kind,
        organization: query.organization,
        text: query.q.filter(|q| !q.trim().is_empty()),
        closing_soon,
        after: paging.after(order)?,
        limit: paging.limit(),
        viewer: auth.0.map(|auth| auth.user_id),
    };
    let page = db
        .run(move |conn| discovery::list(conn, discovery, clock.now()))
        .await?;
    Ok(web::Json(paging.page(order, page)))
}

/// A campaign by id or slug. Drafts are visible only to their organization's managers (404 to
/// everyone else).
#[utoipa::path(
    tag = "campaigns",
    operation_id = "get_campaign",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The campaign", body = CampaignResponse),
        (status = 404, description = "No such campaign (or a draft you may not see)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}")]
pub async fn get_campaign(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    let viewer = auth.0.map(|auth| auth.user_id);
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| view::get(conn, viewer.as_deref(), &id, clock.now()))
            .await?,
    ))
}

/// Changes a campaign (owners and managers). Once submissions open, only the texts may change.
#[utoipa::path(
    tag = "campaigns",
    operation_id = "update_campaign",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = UpdateCampaignRequest,
    responses(
        (status = 200, description = "The campaign", body = CampaignResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Frozen or ended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[patch("/campaigns/{id}")]
pub async fn update_campaign(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<UpdateCampaignRequest>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| lifecycle::update(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}

/// Deletes a draft (published campaigns are cancelled instead).
#[utoipa::path(
    tag = "campaigns",
    operation_id = "delete_campaign",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[delete("/campaigns/{id}")]
pub async fn delete_campaign(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| lifecycle::delete(conn, &auth.user_id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Publishes a draft: it becomes visible, and its phase follows its schedule from now on.
#[utoipa::path(
    tag = "campaigns",
    operation_id = "publish_campaign",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The published campaign", body = CampaignResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, or a funding campaign without its goal (`funding.not_configured`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No schedule, or one that has ended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/publish")]
pub async fn publish_campaign(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    transition(auth, db, clock, id, lifecycle::publish).await
}

/// Closes a campaign whose voting has ended.
#[utoipa::path(
    tag = "campaigns",
    operation_id = "close_campaign",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The closed campaign", body = CampaignResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Voting has not ended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/close")]
pub async fn close_campaign(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    transition(auth, db, clock, id, lifecycle::close).await
}

/// Cancels a published campaign that has not ended.
#[utoipa::path(
    tag = "campaigns",
    operation_id = "cancel_campaign",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The cancelled campaign", body = CampaignResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A draft, or already ended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/cancel")]
pub async fn cancel_campaign(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    transition(auth, db, clock, id, lifecycle::cancel).await
}

/// The lifecycle transitions (publish, close, cancel) differ only in their rule.
type Transition = fn(&mut DbConnection, &str, &str, NaiveDateTime) -> Result<CampaignResponse, ApiError>;

async fn transition(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    apply: Transition,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| apply(conn, &auth.user_id, &id, clock.now()))
            .await?,
    ))
}
