use actix_web::{HttpResponse, delete, get, post, web};
use validator::Validate;

use super::dto::{
    AcceptedInvitation, CreateInvitationRequest, InvitationPreview, InvitationResponse, ParticipantResponse,
};
use super::service;
use crate::auth::Auth;
use crate::auth::scopes::{OrganizationsRead, OrganizationsWrite, ProfileWrite};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::mail::PublicUrl;
use crate::pagination::{Page, PageQuery, Paging};

/// Invites people to the organization's invite-only campaigns (owners and managers): by email
/// (one use; the link goes out by mail) or as a link to share (answered once in `url`),
/// optionally limited in uses and time. Accepting gives the right to take part, never a staff
/// role.
#[utoipa::path(
    tag = "invitations",
    operation_id = "create_invitation",
    params(("slug" = String, Path, description = "The organization's slug")),
    request_body = CreateInvitationRequest,
    responses(
        (status = 201, description = "Created", body = InvitationResponse),
        (status = 403, description = "Not an owner or manager, or the token lacks `organizations:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organization", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a campaign of another organization, an expiry in the past)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[post("/organizations/{slug}/invitations")]
pub async fn create_invitation(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    public_url: web::Data<PublicUrl>,
    slug: web::Path<String>,
    body: ApiJson<CreateInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let (slug, now, url) = (slug.into_inner(), clock.now(), public_url.0.clone());
    let created = db
        .run(move |conn| service::create(conn, &auth.user_id, &slug, request, &url, now))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The organization's invitations, newest first, with how many accepted each (owners and
/// managers).
#[utoipa::path(
    tag = "invitations",
    operation_id = "list_invitations",
    params(("slug" = String, Path, description = "The organization's slug"), PageQuery),
    responses(
        (status = 200, description = "Success", body = Page<InvitationResponse>),
        (status = 403, description = "Not an owner or manager, or the token lacks `organizations:read`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organization", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/organizations/{slug}/invitations")]
pub async fn list_invitations(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    slug: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<InvitationResponse>>, ApiError> {
    let (before, limit) = (paging.after("")?, paging.limit());
    let (slug, now) = (slug.into_inner(), clock.now());
    let page = db
        .run(move |conn| service::list(conn, &auth.user_id, &slug, before.as_deref(), limit, now))
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Revokes an invitation: nobody can accept it any more. Whom it admitted keep their right
/// (withdraw it under participants).
#[utoipa::path(
    tag = "invitations",
    operation_id = "revoke_invitation",
    params(
        ("slug" = String, Path, description = "The organization's slug"),
        ("id" = String, Path, description = "The invitation's id"),
    ),
    responses(
        (status = 204, description = "Revoked (or it was already)"),
        (status = 403, description = "Not an owner or manager, or the token lacks `organizations:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organization or invitation", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[delete("/organizations/{slug}/invitations/{id}")]
pub async fn revoke_invitation(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let ((slug, id), now) = (path.into_inner(), clock.now());
    db.run(move |conn| service::revoke(conn, &auth.user_id, &slug, &id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// People admitted to the organization's invite-only campaigns by an invitation (owners and
/// managers), newest first. Staff are listed under members.
#[utoipa::path(
    tag = "invitations",
    operation_id = "list_participants",
    params(("slug" = String, Path, description = "The organization's slug"), PageQuery),
    responses(
        (status = 200, description = "Success", body = Page<ParticipantResponse>),
        (status = 403, description = "Not an owner or manager, or the token lacks `organizations:read`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organization", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/organizations/{slug}/participants")]
pub async fn list_participants(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    slug: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<ParticipantResponse>>, ApiError> {
    let (before, limit) = (paging.after("")?, paging.limit());
    let slug = slug.into_inner();
    let page = db
        .run(move |conn| service::participants(conn, &auth.user_id, &slug, before.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Withdraws a participation right: the person can no longer contribute, vote, pledge or work
/// in the invite-only campaigns it covered. What they did before stays.
#[utoipa::path(
    tag = "invitations",
    operation_id = "remove_participant",
    params(
        ("slug" = String, Path, description = "The organization's slug"),
        ("id" = String, Path, description = "The participation right's id"),
    ),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not an owner or manager, or the token lacks `organizations:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organization or participation right", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[delete("/organizations/{slug}/participants/{id}")]
pub async fn remove_participant(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, id) = path.into_inner();
    db.run(move |conn| service::remove_participant(conn, &auth.user_id, &slug, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an invitation is for (its organization and campaign) and whether it can still be
/// accepted: for anyone holding the link.
#[utoipa::path(
    tag = "invitations",
    operation_id = "get_invitation",
    params(("token" = String, Path, description = "The secret from the invitation's link")),
    responses(
        (status = 200, description = "Success", body = InvitationPreview),
        (status = 404, description = "No such invitation", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/invitations/{token}")]
pub async fn get_invitation(
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    token: web::Path<String>,
) -> Result<web::Json<InvitationPreview>, ApiError> {
    let (token, now) = (token.into_inner(), clock.now());
    let preview = db.run(move |conn| service::preview(conn, &token, now)).await?;
    Ok(web::Json(preview))
}

/// Accepts an invitation: the signed-in person may then take part in the invite-only campaigns
/// it covers. Accepting again is harmless (`new: false`, no use taken).
#[utoipa::path(
    tag = "invitations",
    operation_id = "accept_invitation",
    params(("token" = String, Path, description = "The secret from the invitation's link")),
    responses(
        (status = 200, description = "Accepted", body = AcceptedInvitation),
        (status = 404, description = "No such invitation", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Revoked, expired or used up (`invitation.unavailable`, `params.reason`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["profile:write"]))
)]
#[post("/invitations/{token}/accept")]
pub async fn accept_invitation(
    auth: Auth<ProfileWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    token: web::Path<String>,
) -> Result<web::Json<AcceptedInvitation>, ApiError> {
    let (token, now) = (token.into_inner(), clock.now());
    let accepted = db
        .run(move |conn| service::accept(conn, &auth.user_id, &token, now))
        .await?;
    Ok(web::Json(accepted))
}
