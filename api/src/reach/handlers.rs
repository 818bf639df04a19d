use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use validator::Validate;

use super::VisitRateLimit;
use super::dto::{ChannelResponse, CreateChannelRequest, ReferralResponse, VisitRequest, VisitResponse};
use super::service;
use crate::attribution;
use crate::auth::scopes::{CampaignsRead, CampaignsWrite, ProfileWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::mail::PublicUrl;
use crate::pagination::{Page, PageQuery, Paging};

/// A campaign's invitation channels with their codes and shareable links (owners and
/// managers), oldest first.
#[utoipa::path(
    tag = "reach",
    operation_id = "list_channels",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of channels", body = Page<ChannelResponse>),
        (status = 403, description = "Only the campaign's owners and managers see its channels", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/channels")]
pub async fn list_channels(
    auth: Auth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<ChannelResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let campaign = id.into_inner();
    let channels = db
        .run(move |conn| service::list_channels(conn, &auth.user_id, &campaign, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", channels)))
}

/// A channel's link as a QR code (SVG, at least 256 px, with its quiet zone) for offline
/// channels: posters, packaging, events. Owners and managers.
#[utoipa::path(
    tag = "reach",
    operation_id = "get_channel_qr",
    params(
        ("id" = String, Path, description = "The campaign's id or slug"),
        ("channel_id" = String, Path, description = "The channel's id"),
    ),
    responses(
        (status = 200, description = "The QR code", content_type = "image/svg+xml", body = String),
        (status = 403, description = "Only the campaign's owners and managers see its channels", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign or channel", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/channels/{channel_id}/qr.svg")]
pub async fn get_channel_qr(
    auth: Auth<CampaignsRead>,
    db: web::Data<Db>,
    public_url: web::Data<PublicUrl>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (campaign, channel) = path.into_inner();
    let base = public_url.0.clone();
    let svg = db
        .run(move |conn| service::channel_qr(conn, &auth.user_id, &campaign, &channel, &base))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(svg))
}

/// Opens an invitation channel (a newsletter, a community such as "design forum X", a social
/// account, a partner) with a short unguessable code: share its link, and the analytics show
/// who came through it and what they did.
#[utoipa::path(
    tag = "reach",
    operation_id = "create_channel",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = CreateChannelRequest,
    responses(
        (status = 201, description = "The channel", body = ChannelResponse),
        (status = 403, description = "Only the campaign's owners and managers open channels", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The campaign has a channel of this name", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/channels")]
pub async fn create_channel(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<CreateChannelRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let campaign = id.into_inner();
    let channel = db
        .run(move |conn| service::create_channel(conn, &auth.user_id, &campaign, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(channel))
}

/// The signed-in participant's personal referral code for the campaign (made on the first
/// request, 201; the same code afterwards, 200), its link, and what it brought: each invitee
/// who takes part earns the referrer the campaign's referral points.
#[utoipa::path(
    tag = "reach",
    operation_id = "create_referral",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The code made before", body = ReferralResponse),
        (status = 201, description = "A new code", body = ReferralResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["profile:write"]))
)]
#[post("/campaigns/{id}/referrals")]
pub async fn create_referral(
    auth: Auth<ProfileWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let campaign = id.into_inner();
    let (referral, created) = db
        .run(move |conn| service::my_referral(conn, &auth.user_id, &campaign, clock.now()))
        .await?;
    Ok(match created {
        true => HttpResponse::Created().json(referral),
        false => HttpResponse::Ok().json(referral),
    })
}

/// Records an anonymous exposure to a published campaign: once per visitor id and UTC day. The
/// visitor's first visit is their first touch: its `via` code (a channel's or a referral code)
/// gets the credit for their sign-up, first vote and first contribution. Signed in, the visit
/// also links the visitor to the account. No IP address is stored; visits are rate limited per
/// client IP.
#[utoipa::path(
    tag = "reach",
    operation_id = "record_visit",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = VisitRequest,
    responses(
        (status = 200, description = "What the visit changed", body = VisitResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many visits from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[post("/campaigns/{id}/visits")]
pub async fn record_visit(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    limit: web::Data<VisitRateLimit>,
    ip: ClientIp,
    id: web::Path<String>,
    body: ApiJson<VisitRequest>,
) -> Result<web::Json<VisitResponse>, ApiError> {
    limit.0.check(&crate::http::client_ip::limit_key(ip.0))?;
    let request = body.into_inner();
    request.validate()?;
    let campaign = id.into_inner();
    let viewer = auth.0.map(|auth| auth.user_id);
    let outcome = db
        .run(move |conn| {
            attribution::record_visit(
                conn,
                viewer.as_deref(),
                &campaign,
                &request.visitor_id,
                request.via.as_deref(),
                clock.now(),
            )
        })
        .await?;
    Ok(web::Json(VisitResponse {
        first_touch: outcome.first_touch,
        counted: outcome.counted,
        via_recognized: outcome.via_recognized,
    }))
}
