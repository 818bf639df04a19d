//! Getting back into an account, and showing that its address is real: a password reset by a
//! mailed link, and the confirmation of the address mailed at sign-up.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::links::{self, LinkPurpose};
use super::service::{self, end_all_sessions};
use crate::auth::Auth;
use crate::auth::password;
use crate::auth::rate_limit::AuthRateLimits;
use crate::auth::scopes::ProfileWrite;
use crate::clock::Clock;
use crate::db::{Db, write_transaction};
use crate::error::{ApiError, ErrorCode, Problem};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::mail::PublicUrl;
use crate::users::repo as users;
use crate::users::service as users_service;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The account's address; compared case-insensitively.
    #[validate(length(min = 1, max = 254, message = "must be 1 to 254 characters long"))]
    #[schema(min_length = 1, max_length = 254, example = "ada@example.com")]
    pub email: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmPasswordResetRequest {
    /// The secret from the mailed link.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters long"))]
    #[schema(min_length = 1, max_length = 100)]
    pub token: String,
    /// At least 10 characters, and not the email address.
    #[validate(length(min = 10, max = 1024, message = "must be 10 to 1024 characters long"))]
    #[schema(format = Password, min_length = 10, max_length = 1024)]
    pub password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyEmailRequest {
    /// The secret from the mailed link.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters long"))]
    #[schema(min_length = 1, max_length = 100)]
    pub token: String,
}

/// Mails a link to set a new password, valid for one hour and once. The answer is the same
/// whether or not an account has the address, so nobody learns who has one.
#[utoipa::path(
    tag = "auth",
    operation_id = "request_password_reset",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If an account has the address, a link is on its way"),
        (status = 429, description = "Too many requests for this address or from this network", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    ip: ClientIp,
    limits: web::Data<AuthRateLimits>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    public_url: web::Data<PublicUrl>,
    body: ApiJson<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    limits.check_ip(ip.0)?;
    let request = body.into_inner();
    request.validate()?;
    let email = service::normalize_email(&request.email);
    // Per address too, so nobody floods someone's inbox with resets.
    limits.check_account("password-reset", &email)?;
    let (url, now) = (public_url.0.clone(), clock.now());
    db.run(move |conn| {
        write_transaction(conn, |conn| match users::find_by_email(conn, &email)? {
            Some(user) => links::send(conn, &user, LinkPurpose::PasswordReset, &url, now),
            None => Ok(()),
        })
    })
    .await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password with the mailed link. Every session of the account is signed out (a
/// thief who had the old password is out), and the address counts as confirmed (the link
/// reached it). A link works once: 410 `account_link.unavailable` otherwise.
#[utoipa::path(
    tag = "auth",
    operation_id = "confirm_password_reset",
    request_body = ConfirmPasswordResetRequest,
    responses(
        (status = 204, description = "The password is set; sign in with it"),
        (status = 410, description = "The link is unknown, used or expired", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password is not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this network", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    ip: ClientIp,
    limits: web::Data<AuthRateLimits>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    body: ApiJson<ConfirmPasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    limits.check_ip(ip.0)?;
    let request = body.into_inner();
    request.validate()?;
    let (token, now) = (request.token, clock.now());
    // Check the link and the password before the slow hashing, without holding a connection.
    let peeked = token.clone();
    let user = db
        .run(move |conn| {
            let link = links::peek(conn, &peeked, LinkPurpose::PasswordReset)?;
            users_service::me(conn, &link.user_id)
        })
        .await?;
    service::check_password_policy(&request.password, &user.email, "password")?;
    let hash = password::hash_limited(request.password).await?;
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let link = links::redeem(conn, &token, LinkPurpose::PasswordReset, now)?;
            users::set_password_hash(conn, &link.user_id, &hash, now)?;
            users::mark_email_verified(conn, &link.user_id, &link.email, now)?;
            end_all_sessions(conn, &link.user_id, now)
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Confirms the account's address with the link mailed at sign-up (works signed out, on any
/// device). A link works once: 410 `account_link.unavailable` otherwise.
#[utoipa::path(
    tag = "auth",
    operation_id = "verify_email",
    request_body = VerifyEmailRequest,
    responses(
        (status = 204, description = "The address is confirmed"),
        (status = 410, description = "The link is unknown, used or expired", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    body: ApiJson<VerifyEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let now = clock.now();
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let link = links::redeem(conn, &request.token, LinkPurpose::EmailVerification, now)?;
            users::mark_email_verified(conn, &link.user_id, &link.email, now)?;
            Ok::<_, ApiError>(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mails a new confirmation link to the signed-in account's address (the earlier one stops
/// working). 409 `account.email_verified` when it is confirmed already.
#[utoipa::path(
    tag = "me",
    operation_id = "resend_email_verification",
    responses(
        (status = 202, description = "A new link is on its way"),
        (status = 409, description = "The address is confirmed already", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["profile:write"]))
)]
#[post("/me/email-verification")]
pub async fn resend_email_verification(
    auth: Auth<ProfileWrite>,
    limits: web::Data<AuthRateLimits>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    public_url: web::Data<PublicUrl>,
) -> Result<HttpResponse, ApiError> {
    limits.check_account("verify-email", &auth.user_id)?;
    let (url, now) = (public_url.0.clone(), clock.now());
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let user = users_service::me(conn, &auth.user_id)?;
            if user.email_verified_at.is_some() {
                return Err(ApiError::new(
                    ErrorCode::EmailAlreadyVerified,
                    "your address is confirmed already",
                ));
            }
            links::send(conn, &user, LinkPurpose::EmailVerification, &url, now)
        })
    })
    .await?;
    Ok(HttpResponse::Accepted().finish())
}
