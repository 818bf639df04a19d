use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use validator::Validate;

use super::dto::{
    CastVoteRequest, IntegrityFlag, InvalidateVotesRequest, InvalidationResponse, LeaderboardEntry,
    MyVotesResponse, VoteResponse,
};
use super::signals::IntegritySalt;
use super::{VoteRateLimit, integrity, service};
use crate::auth::scopes::{CampaignsRead, CampaignsWrite, VotesRead, VotesWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, Problem};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::pagination::{Page, PageQuery, Paging};

/// Casts a vote on a contribution, or changes it: one vote per voter and contribution. Only
/// while the campaign takes votes, only if eligible, and never on one's own entry unless the
/// campaign allows it. Jurors' votes count on the jury's ballot. Optional `X-Device-Id` (a
/// random id the app keeps) helps vote-integrity checks; it is stored only as a salted hash.
#[utoipa::path(
    tag = "votes",
    operation_id = "cast_vote",
    params(
        ("id" = String, Path, description = "The contribution's id"),
        ("X-Device-Id" = Option<String>, Header, description = "A random id the client keeps per device"),
    ),
    request_body = CastVoteRequest,
    responses(
        (status = 200, description = "The vote as counted", body = VoteResponse),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Voting is not open, the entry is not published, or the budget is spent", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many votes in a minute (see `Retry-After`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["votes:write"]))
)]
#[put("/contributions/{id}/vote")]
#[allow(
    clippy::too_many_arguments,
    reason = "an actix handler takes each extractor as an argument"
)]
pub async fn cast_vote(
    auth: Auth<VotesWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    limit: web::Data<VoteRateLimit>,
    salt: web::Data<IntegritySalt>,
    ip: ClientIp,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<CastVoteRequest>,
) -> Result<web::Json<VoteResponse>, ApiError> {
    limit.0.check(&auth.user_id)?;
    let device = req
        .headers()
        .get("x-device-id")
        .and_then(|value| value.to_str().ok());
    let signals = salt.signals(ip.0, device);
    let value = body.into_inner().value;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| service::cast(conn, &auth.user_id, &id, value, signals, clock.now()))
            .await?,
    ))
}

/// Takes the signed-in voter's vote on a contribution back, while voting is open. Retracting a
/// vote that does not exist changes nothing.
#[utoipa::path(
    tag = "votes",
    operation_id = "retract_vote",
    params(("id" = String, Path, description = "The contribution's id")),
    responses(
        (status = 204, description = "No vote of yours remains on it"),
        (status = 404, description = "No such contribution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Voting is not open", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many votes in a minute (see `Retry-After`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["votes:write"]))
)]
#[delete("/contributions/{id}/vote")]
pub async fn retract_vote(
    auth: Auth<VotesWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    limit: web::Data<VoteRateLimit>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    limit.0.check(&auth.user_id)?;
    let id = id.into_inner();
    db.run(move |conn| service::retract(conn, &auth.user_id, &id, clock.now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in voter's votes in a campaign and, with budget voting, the points left.
#[utoipa::path(
    tag = "votes",
    operation_id = "get_my_votes",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "My votes, oldest first", body = MyVotesResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["votes:read"]))
)]
#[get("/campaigns/{id}/votes/me")]
pub async fn get_my_votes(
    auth: Auth<VotesRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<MyVotesResponse>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let campaign = id.into_inner();
    let (mut votes, next_key) = db
        .run(move |conn| service::my_votes(conn, &auth.user_id, &campaign, after.as_deref(), limit))
        .await?;
    votes.next_cursor = paging.cursor("", next_key);
    Ok(web::Json(votes))
}

/// A campaign's published contributions ranked by their combined score (public and jury by the
/// declared jury weight; invalidated votes excluded). Scores follow votes within a fraction of
/// a second. A campaign that hides its tallies answers 403 to everyone but its managers until
/// voting closes.
#[utoipa::path(
    tag = "votes",
    operation_id = "get_leaderboard",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of the ranking", body = Page<LeaderboardEntry>),
        (status = 403, description = "Tallies are hidden until voting closes", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/leaderboard")]
pub async fn get_leaderboard(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<LeaderboardEntry>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let viewer = auth.0.map(|auth| auth.user_id);
    let campaign = id.into_inner();
    let ranking = db
        .run(move |conn| {
            service::leaderboard(
                conn,
                viewer.as_deref(),
                &campaign,
                after.as_deref(),
                limit,
                clock.now(),
            )
        })
        .await?;
    Ok(web::Json(paging.page("", ranking)))
}

/// Suspicious votes of a campaign, each flag with its reason (managers only): self and
/// co-author votes, bursts from accounts created minutes before voting, many voters from one
/// network prefix or device, voters who only vote for one author.
#[utoipa::path(
    tag = "votes",
    operation_id = "get_vote_integrity",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The flags", body = Vec<IntegrityFlag>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[get("/campaigns/{id}/vote-integrity")]
pub async fn get_vote_integrity(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<IntegrityFlag>>, ApiError> {
    let campaign = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| integrity::flags(conn, &auth.user_id, &campaign))
            .await?,
    ))
}

/// Takes chosen votes out of the score (managers only), with the reason kept in the audit log.
/// Votes already taken out are not counted again.
#[utoipa::path(
    tag = "votes",
    operation_id = "invalidate_votes",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = InvalidateVotesRequest,
    responses(
        (status = 201, description = "Recorded", body = InvalidationResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/vote-integrity/invalidate")]
pub async fn invalidate_votes(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<InvalidateVotesRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let campaign = id.into_inner();
    let done = db
        .run(move |conn| integrity::invalidate(conn, &auth.user_id, &campaign, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(done))
}
