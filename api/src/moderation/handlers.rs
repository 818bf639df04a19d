use actix_web::{HttpResponse, get, post, web};
use validator::Validate;

use super::dto::{ModerationActionResponse, ModerationRequest, QueueItem, ReportRequest, ReportResponse};
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
