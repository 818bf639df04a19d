use actix_web::{HttpResponse, get, web};

use super::dto::{MeResponse, PublicUserResponse, UserSearchQuery};
use super::service;
use crate::auth::Auth;
use crate::auth::rate_limit::AuthRateLimits;
use crate::auth::scopes::ProfileRead;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::query::ApiQuery;

/// The signed-in user's own account, including the email.
#[utoipa::path(
    tag = "me",
    operation_id = "get_me",
    responses(
        (status = 200, description = "Success", body = MeResponse),
    ),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me")]
pub async fn get_me(auth: Auth<ProfileRead>, db: web::Data<Db>) -> Result<web::Json<MeResponse>, ApiError> {
    let user = db.run(move |conn| service::me(conn, &auth.user_id)).await?;
    Ok(web::Json(user.into()))
}

/// A user's public profile. Never includes the email.
#[utoipa::path(
    tag = "users",
    operation_id = "get_user",
    params(("id" = String, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Success", body = PublicUserResponse),
        (status = 404, description = "Not found", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/users/{id}")]
pub async fn get_user(db: web::Data<Db>, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let user = db.run(move |conn| service::find(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(PublicUserResponse::from(user)))
}

/// People to add as co-authors or organization members: by part of their display name (up to 10,
/// by name) or by their exact email address (one or none). Public profiles only; the email is
/// never shown. Signed in.
#[utoipa::path(
    tag = "users",
    operation_id = "search_users",
    params(UserSearchQuery),
    responses(
        (status = 200, description = "The people found", body = Vec<PublicUserResponse>),
        (status = 422, description = "`q` is not 2 to 80 characters (checked beside `email` too), or neither is given", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many email lookups", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["profile:read"]))
)]
#[get("/users")]
pub async fn search_users(
    auth: Auth<ProfileRead>,
    limits: web::Data<AuthRateLimits>,
    db: web::Data<Db>,
    query: ApiQuery<UserSearchQuery>,
) -> Result<web::Json<Vec<PublicUserResponse>>, ApiError> {
    let UserSearchQuery { q, email } = query.into_inner();
    if email.is_some() {
        limits.check_account("user-lookup", &auth.user_id)?;
    }
    let found = db
        .run(move |conn| service::search(conn, q.as_deref(), email.as_deref()))
        .await?;
    Ok(web::Json(
        found.into_iter().map(PublicUserResponse::from).collect(),
    ))
}
