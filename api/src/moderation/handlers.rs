use actix_web::{HttpResponse, get, post, web};
use validator::Validate;

use super::dto::{
    DeskReport, ModerationActionResponse, ModerationRequest, QueueItem, ReportRequest, ReportResponse,
    ReportState, ReportsQuery, ResolutionRequest, ResolutionResponse,
};
use super::service;
use crate::auth::Auth;
use crate::auth::scopes::{ContributionsRead, ContributionsWrite};
use crate::clock::Clock;
use crate::comments::dto::ReportedComment;
use crate::contributions::dto::ContributionResponse;
use crate::db::Db;
use crate::domain::ReportTarget;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::pagination::{Page, PageQuery, Paging};

/// A moderator's decision on a contribution: approve, reject or hide (with a reason the
/// authors see), or restore. Every decision is kept in the audit log.
#[utoipa::path(
    tag = "moderation",
    operation_id = "moderate_contribution",
    params(("id" = String, Path, description = "The contribution's id")),
    request_body = ModerationRequest,
    responses(
        (status = 200, description = "The contribution after the decision", body = ContributionResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The decision does not apply to its status", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/contributions/{id}/moderation")]
pub async fn moderate_contribution(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<ModerationRequest>,
) -> Result<web::Json<ContributionResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| service::decide(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}

/// The audit log of a contribution's moderation (staff only).
#[utoipa::path(
    tag = "moderation",
    operation_id = "get_moderation_log",
    params(("id" = String, Path, description = "The contribution's id")),
    responses(
        (status = 200, description = "Decisions, oldest first", body = Vec<ModerationActionResponse>),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:read"]))
)]
#[get("/contributions/{id}/moderation")]
pub async fn get_moderation_log(
    auth: Auth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ModerationActionResponse>>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| service::log(conn, &auth.user_id, &id)).await?,
    ))
}

/// Reports a contribution to the moderators (once per person).
#[utoipa::path(
    tag = "moderation",
    operation_id = "report_contribution",
    params(("id" = String, Path, description = "The contribution's id")),
    request_body = ReportRequest,
    responses(
        (status = 201, description = "Reported", body = ReportResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Reported by you already", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/contributions/{id}/reports")]
pub async fn report_contribution(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<ReportRequest>,
) -> Result<HttpResponse, ApiError> {
    report(auth, db, clock, ReportTarget::Contribution, id, body).await
}

/// Reports a comment to the moderators (once per person).
#[utoipa::path(
    tag = "moderation",
    operation_id = "report_comment",
    params(("id" = String, Path, description = "The comment's id")),
    request_body = ReportRequest,
    responses(
        (status = 201, description = "Reported", body = ReportResponse),
        (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Reported by you already, or deleted", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/comments/{id}/reports")]
pub async fn report_comment(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<ReportRequest>,
) -> Result<HttpResponse, ApiError> {
    report(auth, db, clock, ReportTarget::Comment, id, body).await
}

async fn report(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    target: ReportTarget,
    id: web::Path<String>,
    body: ApiJson<ReportRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    let report = db
        .run(move |conn| service::report(conn, &auth.user_id, target, &id, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(report))
}

/// Reported comments of a campaign that are still up, the most reported first (staff only).
/// Delete one with `DELETE /comments/{id}`.
#[utoipa::path(
    tag = "moderation",
    operation_id = "list_reported_comments",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of reported comments", body = Page<ReportedComment>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:read"]))
)]
#[get("/campaigns/{id}/reported-comments")]
pub async fn list_reported_comments(
    auth: Auth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<ReportedComment>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let campaign = id.into_inner();
    let comments = db
        .run(move |conn| service::reported_comments(conn, &auth.user_id, &campaign, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", comments)))
}

/// What needs a moderator in a campaign: entries awaiting approval and reported entries, the
/// most reported first (staff only).
#[utoipa::path(
    tag = "moderation",
    operation_id = "get_moderation_queue",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of the queue", body = Page<QueueItem>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:read"]))
)]
#[get("/campaigns/{id}/moderation-queue")]
pub async fn get_moderation_queue(
    auth: Auth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<QueueItem>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let campaign = id.into_inner();
    let queue = db
        .run(move |conn| service::queue(conn, &auth.user_id, &campaign, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", queue)))
}

/// The moderation desk: a campaign's reports with their category, the reporter's reason and
/// what they are about (the entry, or the comment and its entry) for an inline preview. Open
/// reports oldest first; resolved ones newest first with how they were settled. With
/// `target_id`, the reports on one contribution or comment (its audit). Staff only.
#[utoipa::path(
    tag = "moderation",
    operation_id = "list_reports",
    params(("id" = String, Path, description = "The campaign's id or slug"), ReportsQuery, PageQuery),
    responses(
        (status = 200, description = "A page of reports", body = Page<DeskReport>),
        (status = 403, description = "Not the organization's staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:read"]))
)]
#[get("/campaigns/{id}/reports")]
pub async fn list_reports(
    auth: Auth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: ApiQuery<ReportsQuery>,
    paging: Paging,
) -> Result<web::Json<Page<DeskReport>>, ApiError> {
    let ReportsQuery { status, target_id } = query.into_inner();
    if target_id.as_ref().is_some_and(|id| id.chars().count() > 64) {
        return Err(ApiError::too_long("target_id", 64));
    }
    let state = status.unwrap_or(ReportState::Open);
    let (after, limit) = (paging.after(state.as_str())?, paging.limit());
    let campaign = id.into_inner();
    let page = db
        .run(move |conn| {
            service::reports(
                conn,
                &auth.user_id,
                &campaign,
                state,
                target_id.as_deref(),
                after.as_deref(),
                limit,
            )
        })
        .await?;
    Ok(web::Json(paging.page(state.as_str(), page)))
}

/// Settles the open reports on a report's subject at once: `keep` (unfounded; the subject
/// stays), `hide` (a contribution leaves the gallery, a comment is deleted) or `reject` (a
/// contribution is refused for good). Hiding and rejecting need a reason the authors see, and
/// are written to the contribution's audit log. Moderators, managers and owners.
#[utoipa::path(
    tag = "moderation",
    operation_id = "resolve_report",
    params(("id" = String, Path, description = "The report's id")),
    request_body = ResolutionRequest,
    responses(
        (status = 200, description = "Settled", body = ResolutionResponse),
        (status = 404, description = "No such report, or not the caller's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Settled meanwhile, or the action does not apply to the subject's status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason is missing, or a comment cannot be rejected", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/reports/{id}/resolution")]
pub async fn resolve_report(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<ResolutionRequest>,
) -> Result<web::Json<ResolutionResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| service::resolve(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}
