use actix_web::{HttpResponse, get, web};

use super::dto::{MeResponse, PublicUserResponse};
use super::service;
use crate::auth::Auth;
use crate::auth::scopes::ProfileRead;
use crate::db::Db;
use crate::error::{ApiError, Problem};

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
