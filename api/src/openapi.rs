//! The OpenAPI document, generated from the route tree by utoipa. The committed `openapi.yaml`
//! is this document; a test fails when it is stale (`UPDATE_OPENAPI=1 cargo test` rewrites it).

use actix_web::http::header::ContentType;
use actix_web::{App, HttpResponse, get, web};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{ErrorCode, FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Schwarm API",
        description = "Schwarm is an open platform for participation marketing: brands open \
                       campaigns, a community contributes ideas and designs, votes on them, and \
                       the winners are rewarded.\n\nErrors are `application/problem+json` \
                       (RFC 9457) with a stable machine `code` from the `ErrorCode` catalogue \
                       (and `field`, `params`); clients translate the code, never the English \
                       `detail`. Lists are paginated with `limit` and an opaque, tamper-evident \
                       `cursor` that belongs to one list and order.",
        license(name = "MIT", identifier = "MIT"),
    ),
    servers((url = "/", description = "The server that serves this document")),
    tags(
        (name = "auth", description = "Sign up, sign in, refresh and sign out"),
        (name = "me", description = "The signed-in user's account and personal access tokens"),
        (name = "users", description = "Public profiles"),
        (name = "organizations", description = "Brands and their members' roles"),
        (name = "invitations", description = "Invitations to invite-only campaigns and the participation rights they give (never a staff role)"),
        (name = "campaigns", description = "A brand's calls to its community: lifecycle and discovery"),
        (name = "contributions", description = "What the community submits, with its authors and lineage"),
        (name = "moderation", description = "Reports, moderators' decisions and their audit log"),
        (name = "votes", description = "Votes, the leaderboard and vote integrity"),
        (name = "rewards", description = "Awards from the final ranking, their splits and the points ledger"),
        (name = "comments", description = "The conversation on a contribution, threaded one level"),
        (name = "media", description = "Uploaded images, checked by their content"),
        (name = "reach", description = "Invitation channels, referral codes and visits: where the audience comes from"),
        (name = "funding", description = "Crowdfunding: goal and model, backer tiers, pledges, payments, honest progress and the settlement after the deadline"),
        (name = "microtasks", description = "Micro-tasking: the answer form, tasks and their import, claims as leases on a task's slots, answers, reviews, gold tasks, consensus results and progress"),
        (name = "insight", description = "Analytics against the 1% rule, exports for market research, participants' journeys"),
        (name = "notifications", description = "The inbox, unread counts, notification settings and one-click unsubscribe"),
        (name = "webhooks", description = "Signed event deliveries (Standard Webhooks 1.0) to an organization's endpoints, with their log"),
        (name = "health", description = "Probes and metrics for operators"),
        (name = "meta", description = "This API's own description"),
    ),
    // Types used only as query parameters are not collected from the routes; list them here.
    components(schemas(
        Problem,
        FieldError,
        ErrorCode,
        crate::events::EventType,
        crate::events::catalogue::CampaignEventData,
        crate::events::catalogue::PhaseChangedData,
        crate::events::catalogue::ContributionEventData,
        crate::events::catalogue::CoAuthorshipData,
        crate::events::catalogue::CommentEventData,
        crate::events::catalogue::ReportEventData,
        crate::events::catalogue::VoteEventData,
        crate::events::catalogue::VotesInvalidatedData,
        crate::events::catalogue::AwardsFinalizedData,
        crate::events::catalogue::PledgeEventData,
        crate::events::catalogue::FundingOutcomeData,
        crate::events::catalogue::TasksAddedData,
        crate::events::catalogue::ClaimEventData,
        crate::events::catalogue::TaskRetiredData,
        crate::events::catalogue::WorkerPausedData,
        crate::events::catalogue::AwardEventData,
        crate::events::catalogue::PointsGrantedData,
        crate::events::catalogue::BadgeEarnedData,
        crate::events::catalogue::ReferralConvertedData,
        crate::events::catalogue::MemberEventData,
        crate::events::catalogue::WebhookEventData,
        crate::notifications::Kind,
        crate::campaigns::CampaignSort,
        crate::contributions::GallerySortParam,
        crate::microtasks::dto::TaskListFilter,
        crate::domain::ClaimStatus,
        crate::moderation::dto::ReportState
    )),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// The one security scheme: `Authorization: Bearer <token>`, where the token is a JWT access
/// token (a login session, all scopes) or a personal access token (`swm_pat_...`, its scopes).
/// Each operation lists the scope it needs; `session` means personal access tokens cannot do it.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some(
            "A JWT access token from `/auth/login` or `/auth/refresh` (all scopes), or a personal \
             access token `swm_pat_...` from `POST /me/tokens` (only its scopes). Each operation \
             names the scope it needs; `session` means only a login session will do."
                .into(),
        );
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
        let mut metrics = Http::new(HttpAuthScheme::Bearer);
        metrics.description = Some("The operator's `METRICS_TOKEN` (only for `/metrics`).".into());
        components.add_security_scheme("metrics_token", SecurityScheme::Http(metrics));
    }
}

/// The whole API description: the static parts above plus every route registered by
/// [`crate::configure_api`] under `/api/v1`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_app, mut spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        // A closure, not the fn itself: `configure_api` is generic over the config, and utoipa's
        // borrows the app for a lifetime only a closure's argument can take on.
        .service(utoipa_actix_web::scope(crate::API_PREFIX).configure(|cfg| crate::configure_api(cfg)))
        .split_for_parts();
    // After the routes are merged in: this one edits their operations.
    StandardProblems.modify(&mut spec);
    EventCatalogue.modify(&mut spec);
    spec
}

/// The event catalogue's table (type, data schema, meaning) as the `EventType` description.
struct EventCatalogue;

impl Modify for EventCatalogue {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::Schema;
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        if let Some(RefOr::T(Schema::Object(schema))) = components.schemas.get_mut("EventType") {
            schema.description = Some(crate::events::EventType::table());
        }
    }
}

/// Error responses that follow from what an operation declares, documented here once instead of
/// on every handler: a credential requirement brings 401 and 403; a JSON body brings 400
/// (malformed), 413 (too large), 415 (not JSON) and 422 (invalid); query parameters bring 422.
/// A handler that documents one of these itself (with a more specific description) keeps its own.
struct StandardProblems;

impl Modify for StandardProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{Operation, ParameterIn};
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    crate::error::PROBLEM_JSON,
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build()
        };
        let needs_credentials = |op: &Operation| {
            op.security.iter().flatten().any(|requirement| {
                serde_json::to_value(requirement).is_ok_and(|value| value.get("bearer").is_some())
            })
        };
        let has_query = |op: &Operation| {
            op.parameters.iter().flatten().any(|parameter| match parameter {
                utoipa::openapi::RefOr::T(parameter) => parameter.parameter_in == ParameterIn::Query,
                utoipa::openapi::RefOr::Ref(_) => false,
            })
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                let mut standard = Vec::new();
                if needs_credentials(operation) {
                    standard.push(("401", "No valid credentials (see `WWW-Authenticate`)"));
                    standard.push(("403", "The token lacks the required scope, or the user the role"));
                }
                if operation.request_body.is_some() {
                    standard.push(("400", "The body cannot be parsed"));
                    standard.push(("413", "The body is larger than the server accepts"));
                    standard.push(("415", "The body is not `application/json`"));
                }
                if operation.request_body.is_some() || has_query(operation) {
                    standard.push(("422", "Invalid input; `errors` names each invalid field"));
                }
                for (status, description) in standard {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem(description).into());
                }
            }
        }
    }
}

/// The document serialized once at start-up.
pub struct OpenApiJson(pub String);

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(get_openapi);
}

/// This API's OpenAPI 3.1 document (the same content as `openapi.yaml` in the repository).
#[utoipa::path(
    tag = "meta",
    operation_id = "get_openapi",
    responses((status = 200, description = "The OpenAPI document", body = Object)),
    security(())
)]
#[get("/openapi.json")]
pub async fn get_openapi(spec: web::Data<OpenApiJson>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(ContentType::json())
        .body(spec.0.clone())
}
