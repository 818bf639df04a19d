use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use validator::Validate;

use super::dto::{
    CreateOrganizationRequest, MemberResponse, MembershipResponse, OrganizationResponse, PutMemberRequest,
    UpdateOrganizationRequest,
};
use super::service;
use crate::auth::Auth;
use crate::auth::scopes::{OrganizationsRead, OrganizationsWrite};
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::pagination::{Page, PageQuery, Paging};

/// Creates an organization (a brand); the creator becomes its owner.
#[utoipa::path(
    tag = "organizations",
    operation_id = "create_organization",
    request_body = CreateOrganizationRequest,
    responses(
        (status = 201, description = "Created", body = OrganizationResponse),
        (status = 409, description = "The slug is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[post("/organizations")]
pub async fn create_organization(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    body: ApiJson<CreateOrganizationRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let created = db
        .run(move |conn| service::create(conn, &auth.user_id, request))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// An organization's public profile.
#[utoipa::path(
    tag = "organizations",
    operation_id = "get_organization",
    params(("slug" = String, Path, description = "The organization's slug")),
    responses(
        (status = 200, description = "Success", body = OrganizationResponse),
        (status = 404, description = "Not found", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/organizations/{slug}")]
pub async fn get_organization(
    db: web::Data<Db>,
    slug: web::Path<String>,
) -> Result<web::Json<OrganizationResponse>, ApiError> {
    let slug = slug.into_inner();
    let organization = db.run(move |conn| service::find(conn, &slug)).await?;
    Ok(web::Json(organization.into()))
}

/// Updates an organization (owners and managers).
#[utoipa::path(
    tag = "organizations",
    operation_id = "update_organization",
    params(("slug" = String, Path, description = "The organization's slug")),
    request_body = UpdateOrganizationRequest,
    responses(
        (status = 200, description = "Success", body = OrganizationResponse),
        (status = 403, description = "Not an owner or manager, or the token lacks `organizations:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not found", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[patch("/organizations/{slug}")]
pub async fn update_organization(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: ApiJson<UpdateOrganizationRequest>,
) -> Result<web::Json<OrganizationResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let slug = slug.into_inner();
    let updated = db
        .run(move |conn| service::update(conn, &auth.user_id, &slug, request))
        .await?;
    Ok(web::Json(updated))
}

/// The organization's members and their roles (members only).
#[utoipa::path(
    tag = "organizations",
    operation_id = "list_members",
    params(("slug" = String, Path, description = "The organization's slug"), PageQuery),
    responses(
        (status = 200, description = "Success", body = Page<MemberResponse>),
        (status = 403, description = "Not a member, or the token lacks `organizations:read`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not found", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/organizations/{slug}/members")]
pub async fn list_members(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    slug: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<MemberResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let slug = slug.into_inner();
    let members = db
        .run(move |conn| service::list_members(conn, &auth.user_id, &slug, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", members)))
}

/// The organizations the signed-in user belongs to, with their role in each.
#[utoipa::path(
    tag = "me",
    operation_id = "list_my_organizations",
    params(PageQuery),
    responses((status = 200, description = "My memberships", body = Page<MembershipResponse>)),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/me/organizations")]
pub async fn list_my_organizations(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    paging: Paging,
) -> Result<web::Json<Page<MembershipResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let memberships = db
        .run(move |conn| service::memberships(conn, &auth.user_id, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", memberships)))
}

/// Adds a user to the organization or changes their role. Owners manage everyone; managers
/// manage moderators and jurors. An organization always keeps at least one owner.
#[utoipa::path(
    tag = "organizations",
    operation_id = "put_member",
    params(
        ("slug" = String, Path, description = "The organization's slug"),
        ("user_id" = String, Path, description = "The user's id"),
    ),
    request_body = PutMemberRequest,
    responses(
        (status = 200, description = "The role was changed", body = MemberResponse),
        (status = 201, description = "The user was added", body = MemberResponse),
        (status = 404, description = "No such organization or user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The last owner cannot be demoted", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[put("/organizations/{slug}/members/{user_id}")]
pub async fn put_member(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    body: ApiJson<PutMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    let (slug, user_id) = path.into_inner();
    let role = body.into_inner().role;
    let (member, added) = db
        .run(move |conn| service::put_member(conn, &auth.user_id, &slug, &user_id, role))
        .await?;
    Ok(if added {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    }
    .json(member))
}

/// Removes a member (or lets members leave). The last owner cannot leave.
#[utoipa::path(
    tag = "organizations",
    operation_id = "remove_member",
    params(
        ("slug" = String, Path, description = "The organization's slug"),
        ("user_id" = String, Path, description = "The member's user id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such organization or member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The last owner cannot leave", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[delete("/organizations/{slug}/members/{user_id}")]
pub async fn remove_member(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, user_id) = path.into_inner();
    db.run(move |conn| service::remove_member(conn, &auth.user_id, &slug, &user_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
