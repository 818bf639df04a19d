use actix_web::{HttpResponse, delete, get, post, web};
use validator::Validate;

use super::dto::{CreateTokenRequest, CreatedTokenResponse, TokenResponse};
use super::{repo, service};
use crate::auth::rate_limit::AuthRateLimits;
use crate::auth::scopes::SessionOnly;
use crate::auth::{Auth, password};
use crate::db::Db;
use crate::error::{ApiError, ErrorCode, Problem};
use crate::http::json::ApiJson;
use crate::http::no_store::no_store;
use crate::pagination::{Page, PageQuery, Paging};

/// The signed-in user's personal access tokens (without secrets). Needs a login session.
#[utoipa::path(
    tag = "me",
    operation_id = "list_tokens",
    params(PageQuery),
    responses(
        (status = 200, description = "Success", body = Page<TokenResponse>),
        (status = 403, description = "Personal access tokens cannot manage tokens", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[get("/me/tokens")]
pub async fn list_tokens(
    auth: Auth<SessionOnly>,
    db: web::Data<Db>,
    paging: Paging,
) -> Result<web::Json<Page<TokenResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let page = db
        .run(move |conn| service::list(conn, &auth.user_id, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Creates a personal access token for an integration. The secret is in this response only.
#[utoipa::path(
    tag = "me",
    operation_id = "create_token",
    request_body = CreateTokenRequest,
    responses(
        (status = 201, description = "Created", body = CreatedTokenResponse),
        (status = 403, description = "Personal access tokens cannot create tokens", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Too many tokens", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A scope that writes needs your password, and it must be right", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many password attempts", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[post("/me/tokens")]
pub async fn create_token(
    auth: Auth<SessionOnly>,
    limits: web::Data<AuthRateLimits>,
    db: web::Data<Db>,
    body: ApiJson<CreateTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut request = body.into_inner();
    request.validate()?;
    if request.scopes.iter().any(|scope| scope.writes()) {
        let Some(given) = request.password.take() else {
            return Err(ApiError::invalid(
                "password",
                ErrorCode::FieldRequired,
                "confirm with your password to create a token that can change things",
            ));
        };
        limits.check_account("password", &auth.user_id)?;
        let user_id = auth.user_id.clone();
        let stored = db
            .run(move |conn| Ok(repo::password_hash_of(conn, &user_id)?.unwrap_or_default()))
            .await?;
        password::confirm(given, stored, "password").await?;
    }
    let created = db
        .run(move |conn| service::create(conn, &auth.user_id, request))
        .await?;
    Ok(no_store(HttpResponse::Created()).json(created))
}

/// Revokes one of the signed-in user's tokens; it stops working at once.
#[utoipa::path(
    tag = "me",
    operation_id = "revoke_token",
    params(("id" = String, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, description = "Personal access tokens cannot revoke tokens", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token of yours", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[delete("/me/tokens/{id}")]
pub async fn revoke_token(
    auth: Auth<SessionOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| service::revoke(conn, &auth.user_id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
