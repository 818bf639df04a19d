use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use validator::Validate;

use super::PaymentSettings;
use super::dto::{
    BackerQuery, CreatePledgeRequest, CreateTierRequest, FundingReport, FundingResponse,
    FundingSettingsRequest, PledgeResponse, RecordPaymentRequest, SettleRequest, SettleResponse,
    TierResponse, UpdatePledgeRequest, UpdateTierRequest,
};
use super::{pledges, report, settings, settle, tiers, view};
use crate::auth::scopes::{AnalyticsRead, CampaignsRead, CampaignsWrite, PledgesRead, PledgesWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::download::csv_response;
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::pagination::{Page, PageQuery, Paging};

/// A funding campaign's goal, model and honest progress: money pledged, collected, dropped and
/// refunded kept apart, backers, percent of the goal, days left, every tier with what remains,
/// and the outcome once the settlement decided it.
#[utoipa::path(
    tag = "funding",
    operation_id = "get_funding",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The goal and progress", body = FundingResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign (`funding.wrong_kind`), or no goal set yet (`funding.not_configured`)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/funding")]
pub async fn get_funding(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<FundingResponse>, ApiError> {
    let key = id.into_inner();
    let viewer = auth.0.map(|auth| auth.user_id);
    Ok(web::Json(
        db.run(move |conn| settings::get(conn, viewer.as_deref(), &key, clock.now()))
            .await?,
    ))
}

/// Sets a funding campaign's goal (minor units of an ISO 4217 currency), model, provider, grace
/// window and stretch goals (owners and managers). The funding window is the campaign's
/// submission window. Frozen once the first pledge is made.
#[utoipa::path(
    tag = "funding",
    operation_id = "set_funding",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = FundingSettingsRequest,
    responses(
        (status = 200, description = "The goal and progress", body = FundingResponse),
        (status = 403, description = "Only the campaign's owners and managers set its funding", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign, the campaign ended, or the funding is frozen (`funding.frozen`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown currency, a backer goal that does not fit the model, misordered stretch goals, or simulated payments this server does not offer", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[put("/campaigns/{id}/funding")]
pub async fn set_funding(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    payments: web::Data<PaymentSettings>,
    id: web::Path<String>,
    body: ApiJson<FundingSettingsRequest>,
) -> Result<web::Json<FundingResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let key = id.into_inner();
    let simulated = payments.simulated;
    Ok(web::Json(
        db.run(move |conn| settings::set(conn, &auth.user_id, &key, request, simulated, clock.now()))
            .await?,
    ))
}

/// A funding campaign's backer tiers, cheapest first, with what remains of each.
#[utoipa::path(
    tag = "funding",
    operation_id = "list_tiers",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of tiers", body = Page<TierResponse>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/tiers")]
pub async fn list_tiers(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<TierResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let key = id.into_inner();
    let viewer = auth.0.map(|auth| auth.user_id);
    let page = db
        .run(move |conn| {
            tiers::list(
                conn,
                viewer.as_deref(),
                &key,
                after.as_deref(),
                limit,
                clock.now(),
            )
        })
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Adds a backer tier: a reward for a minimum amount, optionally limited in number (never
/// oversold, also under parallel pledges) and in time (an early bird).
#[utoipa::path(
    tag = "funding",
    operation_id = "create_tier",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = CreateTierRequest,
    responses(
        (status = 201, description = "The tier", body = TierResponse),
        (status = 403, description = "Only the campaign's owners and managers add tiers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an availability that ends before it starts", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/tiers")]
pub async fn create_tier(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<CreateTierRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let key = id.into_inner();
    let tier = db
        .run(move |conn| tiers::create(conn, &auth.user_id, &key, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(tier))
}

/// Changes a tier. Its limit may be raised, or lowered down to the slots already taken
/// (`tier.limit_below_taken` below that); `null` removes it.
#[utoipa::path(
    tag = "funding",
    operation_id = "update_tier",
    params(("id" = String, Path, description = "The tier's id")),
    request_body = UpdateTierRequest,
    responses(
        (status = 200, description = "The tier", body = TierResponse),
        (status = 403, description = "Only the campaign's owners and managers change tiers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tier", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The limit would go below the slots taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[patch("/tiers/{id}")]
pub async fn update_tier(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<UpdateTierRequest>,
) -> Result<web::Json<TierResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| tiers::update(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}

/// Deletes a tier no backer ever chose.
#[utoipa::path(
    tag = "funding",
    operation_id = "delete_tier",
    params(("id" = String, Path, description = "The tier's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Only the campaign's owners and managers delete tiers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tier", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Backers chose this tier (`tier.has_pledges`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[delete("/tiers/{id}")]
pub async fn delete_tier(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db.run(move |conn| tiers::delete(conn, &auth.user_id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Pledges money to a funding campaign while its window is open: an amount of at least the
/// tier's minimum, with a payment method of the campaign's provider. One open pledge per backer
/// and campaign (change it instead). No money moves before the deadline, except for
/// keep-it-all campaigns, which collect at once.
#[utoipa::path(
    tag = "funding",
    operation_id = "create_pledge",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = CreatePledgeRequest,
    responses(
        (status = 201, description = "The pledge (active, or pending when the method needs confirming)", body = PledgeResponse),
        (status = 403, description = "The campaign is invite-only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The window is closed, the tier is sold out or unavailable, or the caller has an open pledge (`pledge.exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An amount below the tier's minimum, an unknown tier, or a payment method the provider does not take or declined", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["pledges:write"]))
)]
#[post("/campaigns/{id}/pledges")]
pub async fn create_pledge(
    auth: Auth<PledgesWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<CreatePledgeRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let key = id.into_inner();
    let pledge = db
        .run(move |conn| pledges::create(conn, &auth.user_id, &key, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(pledge))
}

/// The signed-in user's pledges across campaigns, newest first, with their payments.
#[utoipa::path(
    tag = "funding",
    operation_id = "list_my_pledges",
    params(PageQuery),
    responses((status = 200, description = "A page of my pledges", body = Page<PledgeResponse>)),
    security(("bearer" = ["pledges:read"]))
)]
#[get("/me/pledges")]
pub async fn list_my_pledges(
    auth: Auth<PledgesRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    paging: Paging,
) -> Result<web::Json<Page<PledgeResponse>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let page = db
        .run(move |conn| {
            let before = view::parse_position(after.as_deref())?;
            pledges::mine(conn, &auth.user_id, before, limit, clock.now())
        })
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// A pledge with its payments (its backer, and the campaign's owners and managers).
#[utoipa::path(
    tag = "funding",
    operation_id = "get_pledge",
    params(("id" = String, Path, description = "The pledge's id")),
    responses(
        (status = 200, description = "The pledge", body = PledgeResponse),
        (status = 404, description = "No such pledge, or not the caller's to see", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["pledges:read"]))
)]
#[get("/pledges/{id}")]
pub async fn get_pledge(
    auth: Auth<PledgesRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<PledgeResponse>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| pledges::get(conn, &auth.user_id, &id, clock.now()))
            .await?,
    ))
}

/// Changes the caller's pledge: amount and tier while the window is open and nothing was
/// collected (the tier's slot moves atomically); the payment method until the pledge is
/// collected. A new method on a pledge whose collection failed is tried again at once.
#[utoipa::path(
    tag = "funding",
    operation_id = "update_pledge",
    params(("id" = String, Path, description = "The pledge's id")),
    request_body = UpdatePledgeRequest,
    responses(
        (status = 200, description = "The pledge", body = PledgeResponse),
        (status = 404, description = "No such pledge of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The window is closed, the pledge cannot change in its state (`pledge.transition`), or the new tier is sold out or unavailable", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, an amount below the tier's minimum, or a payment method the provider does not take", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["pledges:write"]))
)]
#[patch("/pledges/{id}")]
pub async fn update_pledge(
    auth: Auth<PledgesWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<UpdatePledgeRequest>,
) -> Result<web::Json<PledgeResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| pledges::update(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}

/// Cancels the caller's pledge while the window is open and nothing was collected; its tier
/// slot is free again.
#[utoipa::path(
    tag = "funding",
    operation_id = "cancel_pledge",
    params(("id" = String, Path, description = "The pledge's id")),
    responses(
        (status = 200, description = "The cancelled pledge", body = PledgeResponse),
        (status = 404, description = "No such pledge of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The window is closed, or the pledge cannot be cancelled in its state", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["pledges:write"]))
)]
#[delete("/pledges/{id}")]
pub async fn cancel_pledge(
    auth: Auth<PledgesWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<PledgeResponse>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| pledges::cancel(conn, &auth.user_id, &id, clock.now()))
            .await?,
    ))
}

/// Records the money received for a pledge of the manual provider (bank transfer, invoice):
/// the pledge is collected (owners and managers).
#[utoipa::path(
    tag = "funding",
    operation_id = "record_payment",
    params(("id" = String, Path, description = "The pledge's id")),
    request_body = RecordPaymentRequest,
    responses(
        (status = 201, description = "The collected pledge", body = PledgeResponse),
        (status = 403, description = "Only the campaign's owners and managers record payments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such pledge", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a manual pledge, or collected or ended already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The amount is not the pledge's", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/pledges/{id}/payments")]
pub async fn record_payment(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<RecordPaymentRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    let pledge = db
        .run(move |conn| pledges::record_payment(conn, &auth.user_id, &id, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(pledge))
}

/// The campaign's pledges, oldest first, with backers, tiers, states and payments (owners and
/// managers).
#[utoipa::path(
    tag = "funding",
    operation_id = "list_backers",
    params(("id" = String, Path, description = "The campaign's id or slug"), BackerQuery, PageQuery),
    responses(
        (status = 200, description = "A page of pledges", body = Page<PledgeResponse>),
        (status = 403, description = "Only the campaign's owners and managers see its backers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/backers")]
pub async fn list_backers(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    query: ApiQuery<BackerQuery>,
    paging: Paging,
) -> Result<web::Json<Page<PledgeResponse>>, ApiError> {
    let status = query.into_inner().status;
    let order = status.map_or("", |status| status.as_str());
    let (after, limit) = (paging.after(order)?, paging.limit());
    let key = id.into_inner();
    let page = db
        .run(move |conn| {
            let after = view::parse_position(after.as_deref())?;
            report::backers(conn, &auth.user_id, &key, status, after, limit, clock.now())
        })
        .await?;
    Ok(web::Json(paging.page(order, page)))
}

/// Every pledge of the campaign as CSV (UTF-8, a header row, RFC 4180 quoting; text that a
/// spreadsheet would run as a formula starts with `'`), for the organiser's fulfilment (owners
/// and managers).
#[utoipa::path(
    tag = "funding",
    operation_id = "export_backers",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "pledge_id, backer_id, backer_name, tier_id, tier_title, amount_minor, currency, status, payment_method, created_at, collected_at, ended_at", content_type = "text/csv", body = String),
        (status = 403, description = "Only the campaign's owners and managers export it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/export/backers.csv")]
pub async fn export_backers(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = id.into_inner();
    let (filename, body) = db
        .run(move |conn| report::backers_csv(conn, &auth.user_id, &key, clock.now()))
        .await?;
    Ok(csv_response(&filename).body(body))
}

/// The organiser's funding dashboard: money by state, by tier, by first-touch channel (which
/// channel or referral brought how much money) and by day (owners and managers).
#[utoipa::path(
    tag = "funding",
    operation_id = "get_funding_report",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The report", body = FundingReport),
        (status = 403, description = "Only the campaign's owners and managers see it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign, or no goal set yet", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/funding/report")]
pub async fn get_funding_report(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<FundingReport>, ApiError> {
    let key = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| report::report(conn, &auth.user_id, &key))
            .await?,
    ))
}

/// Runs the settlement for the campaign now (it also runs by itself every
/// `FUNDING_SETTLE_INTERVAL_MS`): after the deadline, collect the pledges, drop what stayed
/// unpaid after the grace window, decide on collected money, refund and release on failure.
/// Safe to run again and from several replicas at once: nothing happens twice. `dry_run`
/// reports what it would do and changes nothing (owners and managers).
#[utoipa::path(
    tag = "funding",
    operation_id = "settle_funding",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = SettleRequest,
    responses(
        (status = 200, description = "What the run did (or would do), and the progress after it", body = SettleResponse),
        (status = 403, description = "Only the campaign's owners and managers run it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a funding campaign, no goal set, or the window is still open (`funding.window_open`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/funding/settle")]
pub async fn settle_funding(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<SettleRequest>,
) -> Result<web::Json<SettleResponse>, ApiError> {
    let request = body.into_inner();
    let key = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| settle::run(conn, &auth.user_id, &key, request.dry_run, clock.now()))
            .await?,
    ))
}
