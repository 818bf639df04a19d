use actix_web::{HttpRequest, HttpResponse, post, web};
use validator::Validate;

use super::AuthSettings;
use super::dto::{AuthResponse, LoginRequest, RefreshRequest, RegisterRequest};
use super::service::{self, NewAccount, Session};
use crate::auth::jwt::TokenIssuer;
use crate::auth::password;
use crate::auth::rate_limit::AuthRateLimits;
use crate::clock::Clock;
use crate::db::Db;
use crate::domain::Locale;
use crate::error::{ApiError, Problem};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::no_store::no_store;
use crate::mail::PublicUrl;

/// Creates an account and signs it in. With `via` (a channel or referral code) or `visitor_id`
/// (the id the client sent its visits with), the sign-up is credited to the campaign and first
/// touch it came through.
#[utoipa::path(
    tag = "auth",
    operation_id = "register",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Created", body = AuthResponse),
        (status = 409, description = "The email is taken", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/register")]
#[expect(clippy::too_many_arguments, reason = "actix extractors, each one needed")]
pub async fn register(
    http: HttpRequest,
    ip: ClientIp,
    limits: web::Data<AuthRateLimits>,
    settings: web::Data<AuthSettings>,
    issuer: web::Data<TokenIssuer>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    public_url: web::Data<PublicUrl>,
    body: ApiJson<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    limits.check_ip(ip.0)?;
    let mut request = body.into_inner();
    // Spaces around a pasted address are forgiven, but never past the documented length.
    if request.email.chars().count() > 254 {
        return Err(ApiError::too_long("email", 254));
    }
    request.email = service::normalize_email(&request.email);
    request.validate()?;
    // Per account too: probing whether an email is registered is limited like guessing it.
    limits.check_account("register", &request.email)?;
    service::check_password_policy(&request.password, &request.email, "password")?;
    let password = request.password;
    let password_hash = password::hash_limited(password).await?;
    let account = NewAccount {
        email: request.email,
        password_hash,
        display_name: request.display_name,
        locale: request.locale.unwrap_or(Locale::En),
        via: request.via,
        visitor_id: request.visitor_id,
        user_agent: user_agent(&http),
    };
    let ttl = settings.refresh_token_ttl;
    let session = db
        .run(move |conn| service::register(conn, account, ttl, &public_url.0, clock.now()))
        .await?;
    Ok(no_store(HttpResponse::Created()).json(respond(&issuer, session)?))
}

/// Signs in with email and password. Wrong email and wrong password answer alike, in the same
/// time.
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Success", body = AuthResponse),
        (status = 401, description = "Wrong email or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts for this account or from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(
    http: HttpRequest,
    ip: ClientIp,
    limits: web::Data<AuthRateLimits>,
    settings: web::Data<AuthSettings>,
    issuer: web::Data<TokenIssuer>,
    db: web::Data<Db>,
    body: ApiJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    limits.check_ip(ip.0)?;
    let request = body.into_inner();
    request.validate()?;
    let email = service::normalize_email(&request.email);
    limits.check_account("login", &email)?;
    let ttl = settings.refresh_token_ttl;
    let session = service::login(&db, email, request.password, user_agent(&http), ttl).await?;
    Ok(no_store(HttpResponse::Ok()).json(respond(&issuer, session)?))
}

/// Exchanges a refresh token for new tokens. Each refresh token works once: presenting a used
/// one again revokes the whole session (theft detection), so refresh one at a time.
#[utoipa::path(
    tag = "auth",
    operation_id = "refresh",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "Success", body = AuthResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/refresh")]
pub async fn refresh(
    ip: ClientIp,
    limits: web::Data<AuthRateLimits>,
    settings: web::Data<AuthSettings>,
    issuer: web::Data<TokenIssuer>,
    db: web::Data<Db>,
    body: ApiJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    limits.check_ip(ip.0)?;
    let request = body.into_inner();
    request.validate()?;
    let presented = request.refresh_token.clone();
    if let Some(owner) = db
        .run(move |conn| service::refresh_token_owner(conn, &presented))
        .await?
    {
        limits.check_account("refresh", &owner)?;
    }
    let ttl = settings.refresh_token_ttl;
    let session = db
        .run(move |conn| service::rotate(conn, &request.refresh_token, ttl))
        .await?;
    Ok(no_store(HttpResponse::Ok()).json(respond(&issuer, session)?))
}

/// Ends the session of a refresh token (its whole family). Access tokens already issued stay
/// valid until they expire (minutes).
#[utoipa::path(
    tag = "auth",
    operation_id = "logout",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out (also when the token was unknown)"),
    ),
    security(())
)]
#[post("/auth/logout")]
pub async fn logout(db: web::Data<Db>, body: ApiJson<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    db.run(move |conn| service::logout(conn, &request.refresh_token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The device a session was opened from, as its browser or app names itself.
fn user_agent(http: &HttpRequest) -> Option<String> {
    http.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .map(|agent| agent.trim().chars().take(200).collect::<String>())
        .filter(|agent| !agent.is_empty())
}

fn respond(issuer: &TokenIssuer, session: Session) -> Result<AuthResponse, ApiError> {
    Ok(AuthResponse {
        access_token: issuer.issue(&session.user.id, &session.id)?,
        refresh_token: session.refresh_token,
        token_type: "Bearer".into(),
        expires_in: issuer.ttl().as_secs(),
        user: session.user.into(),
    })
}
