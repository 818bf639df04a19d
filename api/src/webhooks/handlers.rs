use actix_web::{HttpResponse, delete, get, patch, post, web};
use validator::Validate;

use super::dto::{
    CreateWebhookRequest, DeliveryResponse, UpdateWebhookRequest, WebhookResponse, WebhookWithSecret,
};
use super::guard::TargetPolicy;
use super::service;
use crate::auth::Auth;
use crate::auth::scopes::{OrganizationsRead, OrganizationsWrite};
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::json::ApiJson;
use crate::http::no_store::no_store;
use crate::pagination::{Page, PageQuery, Paging};

/// The organization's webhook endpoints (owners and managers).
#[utoipa::path(
    tag = "webhooks",
    operation_id = "list_webhooks",
    params(("slug" = String, Path, description = "The organization's slug"), PageQuery),
    responses(
        (status = 200, description = "A page of endpoints", body = Page<WebhookResponse>),
        (status = 404, description = "No such organization", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/organizations/{slug}/webhooks")]
pub async fn list_webhooks(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    slug: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<WebhookResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let slug = slug.into_inner();
    let page = db
        .run(move |conn| service::list(conn, &auth.user_id, &slug, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Subscribes an endpoint to the organization's events (all, or the `event_types` listed; all
/// campaigns, or one) that happen from now on. The answer holds the signing secret, this once.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "create_webhook",
    params(("slug" = String, Path, description = "The organization's slug")),
    request_body = CreateWebhookRequest,
    responses(
        (status = 201, description = "Subscribed", body = WebhookWithSecret),
        (status = 404, description = "No such organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The organization has as many endpoints as allowed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[post("/organizations/{slug}/webhooks")]
pub async fn create_webhook(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    policy: web::Data<TargetPolicy>,
    slug: web::Path<String>,
    body: ApiJson<CreateWebhookRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let (slug, policy) = (slug.into_inner(), **policy);
    let created = db
        .run(move |conn| service::create(conn, &auth.user_id, &slug, request, policy))
        .await?;
    Ok(no_store(HttpResponse::Created()).json(created))
}

/// An endpoint.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "get_webhook",
    params(("id" = String, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "The endpoint", body = WebhookResponse),
        (status = 404, description = "No such endpoint of an organization you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/webhooks/{id}")]
pub async fn get_webhook(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<WebhookResponse>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| service::get(conn, &auth.user_id, &id)).await?,
    ))
}

/// Changes an endpoint; `enabled: true` enables a disabled one again.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "update_webhook",
    params(("id" = String, Path, description = "The endpoint's id")),
    request_body = UpdateWebhookRequest,
    responses(
        (status = 200, description = "The endpoint now", body = WebhookResponse),
        (status = 404, description = "No such endpoint of an organization you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[patch("/webhooks/{id}")]
pub async fn update_webhook(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    policy: web::Data<TargetPolicy>,
    id: web::Path<String>,
    body: ApiJson<UpdateWebhookRequest>,
) -> Result<web::Json<WebhookResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let (id, policy) = (id.into_inner(), **policy);
    Ok(web::Json(
        db.run(move |conn| service::update(conn, &auth.user_id, &id, request, policy))
            .await?,
    ))
}

/// Unsubscribes an endpoint; its messages and their log go with it.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "delete_webhook",
    params(("id" = String, Path, description = "The endpoint's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such endpoint of an organization you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| service::delete(conn, &auth.user_id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The endpoint's messages, newest first, each with every attempt: status code, duration, the
/// first kilobyte of the answer, and when the next attempt is due.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "list_deliveries",
    params(("id" = String, Path, description = "The endpoint's id"), PageQuery),
    responses(
        (status = 200, description = "A page of messages", body = Page<DeliveryResponse>),
        (status = 404, description = "No such endpoint of an organization you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:read"]))
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_deliveries(
    auth: Auth<OrganizationsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<DeliveryResponse>>, ApiError> {
    let (before, limit) = (paging.after("")?, paging.limit());
    let id = id.into_inner();
    let page = db
        .run(move |conn| service::deliveries(conn, &auth.user_id, &id, before.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Sends a message again now, once (also to a disabled endpoint, to test it).
#[utoipa::path(
    tag = "webhooks",
    operation_id = "redeliver",
    params(
        ("id" = String, Path, description = "The endpoint's id"),
        ("delivery_id" = String, Path, description = "The message's id (`webhook-id`)"),
    ),
    responses(
        (status = 202, description = "Queued", body = DeliveryResponse),
        (status = 404, description = "No such message of an endpoint you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[post("/webhooks/{id}/deliveries/{delivery_id}/redeliver")]
pub async fn redeliver(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery_id) = path.into_inner();
    let delivery = db
        .run(move |conn| service::redeliver(conn, &auth.user_id, &id, &delivery_id))
        .await?;
    Ok(HttpResponse::Accepted().json(delivery))
}

/// Sends the endpoint a `webhook.ping` message, logged like any other.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "ping_webhook",
    params(("id" = String, Path, description = "The endpoint's id")),
    responses(
        (status = 202, description = "Queued", body = DeliveryResponse),
        (status = 404, description = "No such endpoint of an organization you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[post("/webhooks/{id}/ping")]
pub async fn ping_webhook(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let delivery = db
        .run(move |conn| service::ping(conn, &auth.user_id, &id))
        .await?;
    Ok(HttpResponse::Accepted().json(delivery))
}

/// A new signing secret, shown this once; the previous one keeps signing beside it for 24
/// hours, so receivers can switch without losing a message.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "rotate_webhook_secret",
    params(("id" = String, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "The new secret", body = WebhookWithSecret),
        (status = 404, description = "No such endpoint of an organization you manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["organizations:write"]))
)]
#[post("/webhooks/{id}/rotate-secret")]
pub async fn rotate_secret(
    auth: Auth<OrganizationsWrite>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rotated = db
        .run(move |conn| service::rotate_secret(conn, &auth.user_id, &id))
        .await?;
    Ok(no_store(HttpResponse::Ok()).json(rotated))
}
