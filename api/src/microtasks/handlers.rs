use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use futures_util::StreamExt;
use validator::Validate;

use super::claims::{self, Next};
use super::dto::{
    CampaignClaimsQuery, ClaimResponse, CreateTaskRequest, ImportTasksRequest, ImportTasksResponse,
    MyClaimsQuery, ReviewRequest, SubmitAnswerRequest, TaskProgress, TaskQuery, TaskResponse,
    TaskSettingsRequest, TaskSettingsResponse, UpdateClaimRequest, UpdateWorkerRequest, WorkerStanding,
};
use super::{progress, review, settings, tasks};
use crate::auth::scopes::{AnalyticsRead, CampaignsRead, CampaignsWrite, TasksRead, TasksWrite};
use crate::auth::{Auth, MaybeAuth};
use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, ErrorCode, Problem};
use crate::http::body_limit::IMPORT_MAX_BYTES;
use crate::http::download::csv_response;
use crate::http::json::{ApiJson, from_value};
use crate::http::query::ApiQuery;
use crate::pagination::{Page, PageQuery, Paging};

/// A microtask campaign's answer form and rules, with the caller's standing as a worker
/// (paused or not and why, answers by review state, points, accuracy on gold tasks).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "get_task_settings",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The form and rules", body = TaskSettingsResponse),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign (`tasks.wrong_kind`), or no form yet (`tasks.not_configured`)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/task-settings")]
pub async fn get_task_settings(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<TaskSettingsResponse>, ApiError> {
    let key = id.into_inner();
    let viewer = auth.0.map(|auth| auth.user_id);
    Ok(web::Json(
        db.run(move |conn| settings::get(conn, viewer.as_deref(), &key))
            .await?,
    ))
}

/// Sets a microtask campaign's answer form (one question: single or multiple choice, text,
/// number, or a rectangle on the task's image) and its rules: the order tasks are handed out,
/// the lease, the review delay, retirement, gold tasks and the accuracy bar, the rejection
/// guard (owners and managers). The form is fixed once the first answer is in.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "set_task_settings",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = TaskSettingsRequest,
    responses(
        (status = 200, description = "The form and rules", body = TaskSettingsResponse),
        (status = 403, description = "Only the campaign's owners and managers set them", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign, the campaign ended, or answers are in and the form changed (`tasks.form_frozen`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid form or rule", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[put("/campaigns/{id}/task-settings")]
pub async fn set_task_settings(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<TaskSettingsRequest>,
) -> Result<web::Json<TaskSettingsResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let key = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| settings::set(conn, &auth.user_id, &key, request, clock.now()))
            .await?,
    ))
}

/// A campaign's tasks in creation order. Managers see all of them (or one state) with gold
/// answers, results and counts; everyone else sees the tasks that still take answers, never
/// gold ones.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "list_tasks",
    params(("id" = String, Path, description = "The campaign's id or slug"), TaskQuery, PageQuery),
    responses(
        (status = 200, description = "A page of tasks", body = Page<TaskResponse>),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/tasks")]
pub async fn list_tasks(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: ApiQuery<TaskQuery>,
    paging: Paging,
) -> Result<web::Json<Page<TaskResponse>>, ApiError> {
    let filter = query.into_inner().state;
    let order = format!("{filter:?}");
    let (after, limit) = (paging.after(&order)?, paging.limit());
    let key = id.into_inner();
    let viewer = auth.0.map(|auth| auth.user_id);
    let page = db
        .run(move |conn| tasks::list(conn, viewer.as_deref(), &key, filter, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page(&order, page)))
}

/// Adds a task (owners and managers): what it shows, instructions, answers wanted, points per
/// approved answer, priority, and optionally a gold answer.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "create_task",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body = CreateTaskRequest,
    responses(
        (status = 201, description = "The task", body = TaskResponse),
        (status = 403, description = "Only the campaign's owners and managers add tasks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign, or no answer form yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, an unknown image, or a gold answer the form does not take", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/tasks")]
pub async fn create_task(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<CreateTaskRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let key = id.into_inner();
    let task = db
        .run(move |conn| tasks::create(conn, &auth.user_id, &key, request, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(task))
}

async fn read_body(mut payload: web::Payload) -> Result<web::BytesMut, ApiError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|err| ApiError::new(ErrorCode::RequestInvalid, err.to_string()))?;
        if body.len() + chunk.len() > IMPORT_MAX_BYTES {
            return Err(ApiError::too_large(IMPORT_MAX_BYTES));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Imports up to 10,000 tasks at once, as JSON (`{"tasks": [...]}`) or CSV (`text/csv`, a
/// header row naming the columns `text`, `image`, `link`, `instructions`, `redundancy`,
/// `reward_points`, `priority`, `gold_answer`). All or nothing: a bad row adds no task, and
/// the 422 names every bad row's field (`tasks[41].redundancy`, the first 100, with the
/// 1-based row in `params.row`).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "import_tasks",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    request_body(content(
        (ImportTasksRequest = "application/json"),
        (String = "text/csv"),
    )),
    responses(
        (status = 201, description = "Every task was added", body = ImportTasksResponse),
        (status = 403, description = "Only the campaign's owners and managers import tasks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign, or no answer form yet", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 16 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad rows (nothing was added), or more than 10,000", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/campaigns/{id}/tasks/import")]
pub async fn import_tasks(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let content_type = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = read_body(payload).await?;
    let requests = if content_type.starts_with("text/csv") {
        tasks::parse_csv(&body)?
    } else if content_type.starts_with("application/json") {
        let value: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|err| ApiError::new(ErrorCode::MalformedJson, format!("the body is not JSON: {err}")))?;
        from_value::<ImportTasksRequest>(value)?.tasks
    } else {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the tasks as application/json or text/csv",
        ));
    };
    let key = id.into_inner();
    let imported = db
        .run(move |conn| tasks::import(conn, &auth.user_id, &key, requests, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(imported))
}

/// One task. Managers also see its gold answer, its result and every answer.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "get_task",
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The task", body = TaskResponse),
        (status = 404, description = "No such task", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = ["campaigns:read"]))
)]
#[get("/tasks/{id}")]
pub async fn get_task(
    auth: MaybeAuth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<TaskResponse>, ApiError> {
    let id = id.into_inner();
    let viewer = auth.0.map(|auth| auth.user_id);
    Ok(web::Json(
        db.run(move |conn| tasks::get(conn, viewer.as_deref(), &id))
            .await?,
    ))
}

/// Claims the next task under the campaign's strategy: a lease on one of its slots until
/// `lease_expires_at`, never a task the caller took before. 204 when there is nothing for the
/// caller; with `Retry-After` when every slot left is held by others' leases that may yet
/// come back, without it when the caller is finished.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "claim_next_task",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 201, description = "The claim with its task and the question", body = ClaimResponse),
        (status = 204, description = "Nothing for the caller now (`Retry-After`) or any more"),
        (status = 403, description = "The caller is paused in this campaign (`worker.paused`, with the reason), or it is invite-only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign, no form yet, the work window is closed, or the caller holds 5 leases", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["tasks:write"]))
)]
#[post("/campaigns/{id}/tasks/next")]
pub async fn claim_next_task(
    auth: Auth<TasksWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = id.into_inner();
    let next = db
        .run(move |conn| claims::next(conn, &auth.user_id, &key, clock.now()))
        .await?;
    Ok(match next {
        Next::Claimed(claim) => HttpResponse::Created().json(claim),
        Next::Nothing {
            retry_after: Some(seconds),
        } => HttpResponse::NoContent()
            .insert_header(("Retry-After", seconds.to_string()))
            .finish(),
        Next::Nothing { retry_after: None } => HttpResponse::NoContent().finish(),
    })
}

/// Claims a chosen task: a lease on one of its slots.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "claim_task",
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 201, description = "The claim", body = ClaimResponse),
        (status = 403, description = "The caller is paused in this campaign, or it is invite-only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Every slot is held (`task.full`), the task retired, the caller took it before (`claim.exists`), the window is closed, or the caller holds 5 leases", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["tasks:write"]))
)]
#[post("/tasks/{id}/claims")]
pub async fn claim_task(
    auth: Auth<TasksWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let claim = db
        .run(move |conn| claims::claim_task(conn, &auth.user_id, &id, clock.now()))
        .await?;
    Ok(HttpResponse::Created().json(claim))
}

/// My work: my claims, newest first, with their answers, review state, reasons and points.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "list_my_claims",
    params(MyClaimsQuery, PageQuery),
    responses(
        (status = 200, description = "A page of claims", body = Page<ClaimResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign (the `campaign` filter)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["tasks:read"]))
)]
#[get("/me/claims")]
pub async fn list_my_claims(
    auth: Auth<TasksRead>,
    db: web::Data<Db>,
    query: ApiQuery<MyClaimsQuery>,
    paging: Paging,
) -> Result<web::Json<Page<ClaimResponse>>, ApiError> {
    let query = query.into_inner();
    let order = format!("{:?}|{:?}", query.status, query.campaign);
    let (before, limit) = (paging.after(&order)?, paging.limit());
    let page = db
        .run(move |conn| {
            claims::mine(
                conn,
                &auth.user_id,
                query.campaign.as_deref(),
                query.status,
                before.as_deref(),
                limit,
            )
        })
        .await?;
    Ok(web::Json(paging.page(&order, page)))
}

/// One claim, for its worker and the campaign's managers.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "get_claim",
    params(("id" = String, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim", body = ClaimResponse),
        (status = 404, description = "No such claim (or not yours)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["tasks:read"]))
)]
#[get("/claims/{id}")]
pub async fn get_claim(
    auth: Auth<TasksRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<web::Json<ClaimResponse>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| claims::get(conn, &auth.user_id, &id)).await?,
    ))
}

/// Extends a lease by the campaign's lease period (at most 24 hours after claiming) or
/// releases it (the slot goes back at once).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "update_claim",
    params(("id" = String, Path, description = "The claim's id")),
    request_body = UpdateClaimRequest,
    responses(
        (status = 200, description = "The claim", body = ClaimResponse),
        (status = 404, description = "No such claim (or not yours)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an active lease, the lease ran out, or it cannot be held longer", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown action", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["tasks:write"]))
)]
#[patch("/claims/{id}")]
pub async fn update_claim(
    auth: Auth<TasksWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<UpdateClaimRequest>,
) -> Result<web::Json<ClaimResponse>, ApiError> {
    let action = body.into_inner().action;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| claims::update(conn, &auth.user_id, &id, action, clock.now()))
            .await?,
    ))
}

/// Answers the claimed task while the lease holds; the answer must fit the campaign's form
/// (422 naming `answer`). A gold task's answer is checked at once; others wait for review or
/// are approved automatically after the campaign's delay.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "submit_answer",
    params(("id" = String, Path, description = "The claim's id")),
    request_body = SubmitAnswerRequest,
    responses(
        (status = 200, description = "The claim with its answer", body = ClaimResponse),
        (status = 404, description = "No such claim (or not yours)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an active lease (`claim.transition`), or the lease ran out (`claim.lease_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The answer does not fit the form (`answer.invalid`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["tasks:write"]))
)]
#[post("/claims/{id}/submission")]
pub async fn submit_answer(
    auth: Auth<TasksWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<SubmitAnswerRequest>,
) -> Result<web::Json<ClaimResponse>, ApiError> {
    let answer = body.into_inner().answer;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| claims::submit(conn, &auth.user_id, &id, &answer, clock.now()))
            .await?,
    ))
}

/// Reviews an answer (owners and managers, never their own): approve (points are paid once),
/// reject with a reason the worker sees, or approve a rejected answer within 30 days (an
/// overturn). Above the campaign's share of rejections in 24 hours, a rejection needs an
/// owner's `confirm_mass_rejection`.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "review_answer",
    params(("id" = String, Path, description = "The claim's id")),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "The reviewed claim", body = ClaimResponse),
        (status = 403, description = "Not a manager of the campaign, or your own answer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such claim", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not reviewable from its state, the overturn window passed, or an owner must confirm (`review.confirmation_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rejection without a reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[post("/claims/{id}/review")]
pub async fn review_answer(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
    body: ApiJson<ReviewRequest>,
) -> Result<web::Json<ClaimResponse>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| review::review(conn, &auth.user_id, &id, request, clock.now()))
            .await?,
    ))
}

/// A campaign's claims in one state, oldest first (owners and managers); by default the
/// answers waiting for review.
#[utoipa::path(
    tag = "microtasks",
    operation_id = "list_campaign_claims",
    params(("id" = String, Path, description = "The campaign's id or slug"), CampaignClaimsQuery, PageQuery),
    responses(
        (status = 200, description = "A page of claims", body = Page<ClaimResponse>),
        (status = 403, description = "Only the campaign's owners and managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/claims")]
pub async fn list_campaign_claims(
    auth: Auth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: ApiQuery<CampaignClaimsQuery>,
    paging: Paging,
) -> Result<web::Json<Page<ClaimResponse>>, ApiError> {
    let status = query.into_inner().status;
    let order = format!("{status:?}");
    let (after, limit) = (paging.after(&order)?, paging.limit());
    let key = id.into_inner();
    let page = db
        .run(move |conn| review::queue(conn, &auth.user_id, &key, status, after, limit))
        .await?;
    Ok(web::Json(paging.page(&order, page)))
}

/// The campaign's workers with their answers, points, accuracy on gold tasks and whether they
/// are paused, most approved answers first (owners and managers).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "list_task_workers",
    params(("id" = String, Path, description = "The campaign's id or slug"), PageQuery),
    responses(
        (status = 200, description = "A page of workers", body = Page<WorkerStanding>),
        (status = 403, description = "Only the campaign's owners and managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:read"]))
)]
#[get("/campaigns/{id}/workers")]
pub async fn list_task_workers(
    auth: Auth<CampaignsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
    paging: Paging,
) -> Result<web::Json<Page<WorkerStanding>>, ApiError> {
    let (after, limit) = (paging.after("")?, paging.limit());
    let key = id.into_inner();
    let page = db
        .run(move |conn| review::workers(conn, &auth.user_id, &key, after.as_deref(), limit))
        .await?;
    Ok(web::Json(paging.page("", page)))
}

/// Pauses a worker with a reason they see, or lets them continue (owners and managers).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "update_task_worker",
    params(
        ("id" = String, Path, description = "The campaign's id or slug"),
        ("user_id" = String, Path, description = "The worker's user id"),
    ),
    request_body = UpdateWorkerRequest,
    responses(
        (status = 200, description = "The worker's standing", body = WorkerStanding),
        (status = 403, description = "Only the campaign's owners and managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign or user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Pausing without a reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["campaigns:write"]))
)]
#[patch("/campaigns/{id}/workers/{user_id}")]
pub async fn update_task_worker(
    auth: Auth<CampaignsWrite>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    path: web::Path<(String, String)>,
    body: ApiJson<UpdateWorkerRequest>,
) -> Result<web::Json<WorkerStanding>, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let (key, worker) = path.into_inner();
    Ok(web::Json(
        db.run(move |conn| review::update_worker(conn, &auth.user_id, &key, &worker, request, clock.now()))
            .await?,
    ))
}

/// A microtask campaign's progress: tasks open, in progress, completed and retired, answers by
/// review state, answers per hour, the projected completion against the close, and the
/// workers' leaderboard (owners and managers).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "get_task_progress",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The progress", body = TaskProgress),
        (status = 403, description = "Only the campaign's owners and managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/task-progress")]
pub async fn get_task_progress(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<String>,
) -> Result<web::Json<TaskProgress>, ApiError> {
    let key = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| progress::progress(conn, &auth.user_id, &key, clock.now()))
            .await?,
    ))
}

/// Every task with its consensus answer, agreement, retirement and the answers behind it, as
/// CSV (owners and managers).
#[utoipa::path(
    tag = "microtasks",
    operation_id = "export_task_results",
    params(("id" = String, Path, description = "The campaign's id or slug")),
    responses(
        (status = 200, description = "The results", content_type = "text/csv", body = String),
        (status = 403, description = "Only the campaign's owners and managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a microtask campaign", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["analytics:read"]))
)]
#[get("/campaigns/{id}/export/task-results.csv")]
pub async fn export_task_results(
    auth: Auth<AnalyticsRead>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = id.into_inner();
    let (filename, body) = db
        .run(move |conn| progress::results_csv(conn, &auth.user_id, &key))
        .await?;
    Ok(csv_response(&filename).body(body))
}
