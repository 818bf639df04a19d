use actix_web::{get, post, put, web};
use validator::Validate;

use super::EmailFrequency;
use super::dto::{
    InboxQuery, MarkReadRequest, MarkReadResponse, NotificationResponse, NotificationSettings, UnreadCounts,
    UnsubscribeQuery, UnsubscribeResponse,
};
use super::service;
use super::unsubscribe::UnsubscribeKey;
use crate::auth::Auth;
use crate::auth::scopes::{ProfileRead, ProfileWrite};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, ErrorCode, Problem};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::pagination::{Page, PageQuery, Paging};

/// The signed-in user's notifications, most recently updated first. A burst of the same kind
/// about the same subject is one notification with a `count`.
#[utoipa::path(
    tag = "notifications",
    operation_id = "list_notifications",
    params(InboxQuery, PageQuery),
    responses((status = 200, description = "A page of notifications", body = Page<NotificationResponse>)),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me/notifications")]
pub async fn list_notifications(
    auth: Auth<ProfileRead>,
    db: web::Data<Db>,
    query: ApiQuery<InboxQuery>,
    paging: Paging,
) -> Result<web::Json<Page<NotificationResponse>>, ApiError> {
    let InboxQuery { unread_only, kind } = query.into_inner();
    let unread_only = unread_only.unwrap_or(false);
    let order = format!("{unread_only}:{}", kind.map_or("", |kind| kind.as_str()));
    let (after, limit) = (paging.after(&order)?, paging.limit());
    let page = db
        .run(move |conn| service::inbox(conn, &auth.user_id, unread_only, kind, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page(&order, page)))
}

/// How many notifications are unread, in all and by kind (for a bell).
#[utoipa::path(
    tag = "notifications",
    operation_id = "get_unread_counts",
    responses((status = 200, description = "Unread counts", body = UnreadCounts)),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me/notifications/unread")]
pub async fn get_unread_counts(
    auth: Auth<ProfileRead>,
    db: web::Data<Db>,
) -> Result<web::Json<UnreadCounts>, ApiError> {
    Ok(web::Json(
        db.run(move |conn| service::unread_counts(conn, &auth.user_id))
            .await?,
    ))
}

/// Marks notifications read: those named in `ids` (someone else's ids change nothing), or all.
#[utoipa::path(
    tag = "notifications",
    operation_id = "mark_notifications_read",
    request_body = MarkReadRequest,
    responses((status = 200, description = "How many were marked", body = MarkReadResponse)),
    security(("bearer" = ["profile:write"]))
)]
#[post("/me/notifications/read")]
pub async fn mark_notifications_read(
    auth: Auth<ProfileWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    body: ApiJson<MarkReadRequest>,
) -> Result<web::Json<MarkReadResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let now = clock.now();
    let marked = db
        .run(move |conn| service::mark_read(conn, &auth.user_id, &request, now))
        .await?;
    Ok(web::Json(MarkReadResponse { marked }))
}

/// The signed-in user's notification settings: each category in the inbox or not, and how
/// often by mail (`off`, `immediate`, `daily`, `weekly`).
#[utoipa::path(
    tag = "notifications",
    operation_id = "get_notification_settings",
    responses((status = 200, description = "Every category's settings", body = NotificationSettings)),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me/notification-settings")]
pub async fn get_notification_settings(
    auth: Auth<ProfileRead>,
    db: web::Data<Db>,
) -> Result<web::Json<NotificationSettings>, ApiError> {
    Ok(web::Json(
        db.run(move |conn| service::settings(conn, &auth.user_id)).await?,
    ))
}

/// Changes the settings of the categories listed (the others keep theirs).
#[utoipa::path(
    tag = "notifications",
    operation_id = "update_notification_settings",
    request_body = NotificationSettings,
    responses((status = 200, description = "Every category's settings now", body = NotificationSettings)),
    security(("bearer" = ["profile:write"]))
)]
#[put("/me/notification-settings")]
pub async fn update_notification_settings(
    auth: Auth<ProfileWrite>,
    db: web::Data<Db>,
    body: ApiJson<NotificationSettings>,
) -> Result<web::Json<NotificationSettings>, ApiError> {
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| service::update_settings(conn, &auth.user_id, request))
            .await?,
    ))
}

/// One-click unsubscribe (RFC 8058) from a mail's link: stops mail of the link's category (or
/// all mail) for its recipient, without signing in.
#[utoipa::path(
    tag = "notifications",
    operation_id = "unsubscribe",
    params(UnsubscribeQuery),
    responses(
        (status = 200, description = "Mail stopped", body = UnsubscribeResponse),
        (status = 404, description = "The link is not valid (or its account is gone)", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/notifications/unsubscribe")]
pub async fn unsubscribe(
    db: web::Data<Db>,
    key: web::Data<UnsubscribeKey>,
    query: ApiQuery<UnsubscribeQuery>,
) -> Result<web::Json<UnsubscribeResponse>, ApiError> {
    let invalid = || {
        ApiError::new(ErrorCode::NotFound, "this unsubscribe link is not valid")
            .param("resource", "unsubscribe_link")
    };
    let (user_id, category) = key.open(&query.token).ok_or_else(invalid)?;
    db.run(move |conn| {
        if crate::users::repo::find(conn, &user_id)?.is_none() {
            return Err(invalid());
        }
        service::unsubscribe(conn, &user_id, category)
    })
    .await?;
    Ok(web::Json(UnsubscribeResponse {
        category,
        email: EmailFrequency::Off,
    }))
}
