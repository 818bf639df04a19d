use actix_web::{HttpResponse, delete, get, post, web};
use validator::Validate;

use super::dto::{CommentResponse, CreateCommentRequest};
use super::service;
use crate::auth::scopes::{ContributionsRead, ContributionsWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::pagination::{Page, PageQuery, Paging};

/// A contribution's comments in thread order: each top-level comment, oldest first, followed by
/// its replies.
#[utoipa::path(
    tag = "comments",
    operation_id = "list_comments",
    params(("id" = String, Path, description = "The contribution's id"), PageQuery),
    responses(
        (status = 200, description = "A page of comments", body = Page<CommentResponse>),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["contributions:read"]))
)]
#[get("/contributions/{id}/comments")]
pub async fn list_comments(
    auth: MaybeAuth<ContributionsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<CommentResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let viewer = auth.0.map(|auth| auth.user_id);
    let id = id.into_inner();
    let comments = db
        .run(move |conn| service::list(conn, viewer.as_deref(), &id, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", comments)))
}

/// Comments on a published contribution, or replies to a top-level comment (`parent_id`),
/// while the campaign runs.
#[utoipa::path(
    tag = "comments",
    operation_id = "create_comment",
    params(("id" = String, Path, description = "The contribution's id")),
    request_body = CreateCommentRequest,
    responses(
        (status = 201, description = "The comment", body = CommentResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contribution is not published, or the campaign has ended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[post("/contributions/{id}/comments")]
pub async fn create_comment(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<CreateCommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    let comment = db
        .run(move |conn| service::create(conn, &auth.user_id, &id, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(comment))
}

/// Deletes a comment (its author, or the organization's moderators). Its place in the thread
/// stays, without its words; deleting it again changes nothing.
#[utoipa::path(
    tag = "comments",
    operation_id = "delete_comment",
    params(("id" = String, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["contributions:write"]))
)]
#[delete("/comments/{id}")]
pub async fn delete_comment(
    auth: Auth<ContributionsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| service::delete(conn, &auth.user_id, &id, clock.now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
