//! People's control of their sign-ins: the list of their sessions with the device each was opened
//! from, signing one out, signing out everywhere else, and changing the password (which signs
//! out every other session). All of it only from a login session: a personal access token must
//! not be able to lock its owner out.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::service::{self, end_sessions};
use crate::auth::password;
use crate::auth::rate_limit::AuthRateLimits;
use crate::auth::scopes::SessionOnly;
use crate::auth::sessions::{self, SessionRow};
use crate::auth::{Auth, Credential};
use crate::db::{Db, write_transaction};
use crate::error::{ApiError, ErrorCode, Problem};
use crate::http::json::ApiJson;
use crate::ids::now;
use crate::users::repo as users;

/// A signed-in device.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    pub id: String,
    /// The browser or app that signed in, as it named itself.
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it last refreshed its tokens.
    pub last_used_at: DateTime<Utc>,
    /// The session this request comes from.
    pub current: bool,
}

/// How many sessions were signed out.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedOutResponse {
    pub signed_out: usize,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 1024, message = "must be 1 to 1024 characters long"))]
    #[schema(format = Password, min_length = 1, max_length = 1024)]
    pub current_password: String,
    /// At least 10 characters, and not the email address.
    #[validate(length(min = 10, max = 1024, message = "must be 10 to 1024 characters long"))]
    #[schema(format = Password, min_length = 10, max_length = 1024)]
    pub new_password: String,
}

fn current(auth: &Auth<SessionOnly>) -> Option<String> {
    match &auth.credential {
        Credential::Session(id) => Some(id.clone()),
        Credential::PersonalToken(_) => None,
    }
}

fn respond(row: SessionRow, current: Option<&str>) -> SessionResponse {
    SessionResponse {
        current: current == Some(row.id.as_str()),
        created_at: row.created_at.and_utc(),
        last_used_at: row.last_used_at.and_utc(),
        id: row.id,
        user_agent: row.user_agent,
    }
}

/// The signed-in user's sessions that stand, most recently used first.
#[utoipa::path(
    tag = "me",
    operation_id = "list_sessions",
    responses(
        (status = 200, description = "The sessions", body = Vec<SessionResponse>),
        (status = 403, description = "Only a login session may see them", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[get("/me/sessions")]
pub async fn list_sessions(
    auth: Auth<SessionOnly>,
    db: web::Data<Db>,
) -> Result<web::Json<Vec<SessionResponse>>, ApiError> {
    let here = current(&auth);
    let rows = db
        .run(move |conn| Ok(sessions::standing_of(conn, &auth.user_id)?))
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|row| respond(row, here.as_deref()))
            .collect(),
    ))
}

/// Signs one session out: its refresh token and its access tokens stop working at once.
#[utoipa::path(
    tag = "me",
    operation_id = "end_session",
    params(("id" = String, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Signed out"),
        (status = 403, description = "Only a login session may do this", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session of yours", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[delete("/me/sessions/{id}")]
pub async fn end_session(
    auth: Auth<SessionOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let mine = sessions::find(conn, &id)?
                .filter(|row| row.user_id == auth.user_id && row.revoked_at.is_none());
            if mine.is_none() {
                return Err(ApiError::not_found("session"));
            }
            end_sessions(conn, std::slice::from_ref(&id), now())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Signs out everywhere else: every session but the one this request comes from.
#[utoipa::path(
    tag = "me",
    operation_id = "end_other_sessions",
    responses(
        (status = 200, description = "How many sessions were signed out", body = SignedOutResponse),
        (status = 403, description = "Only a login session may do this", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[delete("/me/sessions")]
pub async fn end_other_sessions(
    auth: Auth<SessionOnly>,
    db: web::Data<Db>,
) -> Result<web::Json<SignedOutResponse>, ApiError> {
    let here = current(&auth);
    let signed_out = db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let at = now();
                let others = sessions::revoke_all_but(conn, &auth.user_id, here.as_deref(), at)?;
                end_sessions(conn, &others, at)?;
                Ok(others.len())
            })
        })
        .await?;
    Ok(web::Json(SignedOutResponse { signed_out }))
}

/// Changes the password after checking the current one, and signs out every other session (a
/// thief who had the old password is out at once).
#[utoipa::path(
    tag = "me",
    operation_id = "change_password",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; the other sessions are signed out"),
        (status = 403, description = "Only a login session may do this", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The current password is wrong, or the new one is not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[post("/me/password")]
pub async fn change_password(
    auth: Auth<SessionOnly>,
    limits: web::Data<AuthRateLimits>,
    db: web::Data<Db>,
    body: ApiJson<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    // Guessing the current password through this form is limited like guessing it at login.
    limits.check_account("password", &auth.user_id)?;
    let user_id = auth.user_id.clone();
    let user = db
        .run(move |conn| {
            users::find(conn, &user_id)?
                .ok_or_else(|| ApiError::new(ErrorCode::AuthAccountGone, "this account no longer exists"))
        })
        .await?;
    service::check_password_policy(&request.new_password, &user.email, "new_password")?;
    password::confirm(request.current_password, user.password_hash, "current_password").await?;
    let new_hash = password::hash_limited(request.new_password).await?;
    let here = current(&auth);
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let at = now();
            users::set_password_hash(conn, &auth.user_id, &new_hash, at)?;
            let others = sessions::revoke_all_but(conn, &auth.user_id, here.as_deref(), at)?;
            end_sessions(conn, &others, at)
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
