//! The one error type of the API and the one place that turns errors into HTTP responses.
//!
//! Every error body is `application/problem+json` (RFC 9457) and carries a stable machine
//! `code` from the [`ErrorCode`] catalogue, which also fixes the HTTP status; `field` and
//! `params` give what a translated message needs. actix's own extractor errors (bad JSON, bad
//! query or path parameters, oversized bodies) are converted into [`ApiError`] by the handlers
//! in [`extractors`], so clients see one shape everywhere. Internal details (SQL, I/O errors)
//! are logged, never sent.

mod codes;
pub mod extractors;
mod validation;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

pub use codes::ErrorCode;
pub use extractors::extractor_configs;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem details object with Schwarm's machine-readable extensions.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:schwarm:problem:schedule.order",
    "title": "Unprocessable Entity",
    "status": 422,
    "detail": "the schedule must run submissions open < close <= voting open < close",
    "code": "schedule.order",
    "field": "schedule.voting_open_at",
    "errors": [{
        "field": "schedule.voting_open_at",
        "code": "schedule.order",
        "message": "the schedule must run submissions open < close <= voting open < close"
    }]
}))]
pub struct Problem {
    /// `urn:schwarm:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the status.
    pub title: String,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What went wrong with this request, in English, for developers. Show users a message made
    /// from `code`, `field` and `params` instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Why the request was refused.
    pub code: ErrorCode,
    /// The request field the refusal is about, e.g. `title` or `prize_tiers[0].amount_minor`
    /// (for several invalid fields: the first of `errors`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Values a message for `code` needs (a limit, the current phase, ...).
    #[serde(skip_serializing_if = "Map::is_empty")]
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub params: Map<String, Value>,
    /// Every invalid field (422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's path in the request, e.g. `email` or `prize_tiers[0].amount_minor`.
    pub field: String,
    /// Why it is invalid.
    pub code: ErrorCode,
    /// What is wrong with it, in English.
    pub message: String,
    /// Values a message for `code` needs (`min`, `max`, ...).
    #[serde(skip_serializing_if = "Map::is_empty")]
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub params: Map<String, Value>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            message: message.into(),
            params: Map::new(),
        }
    }

    /// Adds a parameter that a translated message needs.
    pub fn param(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }
}

/// Everything a request can fail with: a code (which fixes the status), an English detail, and
/// what a client needs to explain it. Build it where the meaning is known; the response is made
/// only in [`ResponseError::error_response`]. Boxed, so `Result`s stay small on the happy path.
#[derive(Debug)]
pub struct ApiError(Box<Refusal>);

#[derive(Debug)]
struct Refusal {
    code: ErrorCode,
    detail: String,
    params: Map<String, Value>,
    errors: Vec<FieldError>,
    /// 405: the methods the path takes (`Allow`).
    allowed: Vec<Method>,
    /// 403 for a token: the scope it lacks (`WWW-Authenticate`).
    scope: Option<&'static str>,
    /// 429: seconds until a retry may succeed (`Retry-After`).
    retry_after_secs: Option<u64>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code.as_str(), self.0.detail)
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// A refusal with `code` and an English `detail`.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError(Box::new(Refusal {
            code,
            detail: detail.into(),
            params: Map::new(),
            errors: Vec::new(),
            allowed: Vec::new(),
            scope: None,
            retry_after_secs: None,
        }))
    }

    /// Adds a parameter that a translated message needs.
    pub fn param(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.0.params.insert(name.to_owned(), value.into());
        self
    }

    /// A 404 for a `resource` (`campaign`, `contribution`, ...) that does not exist or may not
    /// be known to the caller.
    pub fn not_found(resource: &'static str) -> Self {
        ApiError::new(ErrorCode::NotFound, format!("no such {resource}")).param("resource", resource)
    }

    /// One invalid field: a 422 with `code`.
    pub fn invalid(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::fields(vec![FieldError::new(field, code, message)])
    }

    /// A text field longer than its documented `maxLength` (422 `field.length`, `params.max`).
    pub fn too_long(field: &str, max: usize) -> Self {
        Self::fields(vec![
            FieldError::new(field, ErrorCode::FieldLength, format!("at most {max} characters"))
                .param("max", max),
        ])
    }

    /// Invalid fields: a 422 whose `code`, `field` and `params` are those of the first.
    pub fn fields(errors: Vec<FieldError>) -> Self {
        let first = errors.first();
        let code = first.map_or(ErrorCode::FieldType, |error| error.code);
        let detail = match errors.as_slice() {
            [only] => format!("{}: {}", only.field, only.message),
            _ => {
                let names: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
                format!("invalid fields: {}", names.join(", "))
            }
        };
        let mut err = ApiError::new(code, detail);
        err.0.params = first.map(|error| error.params.clone()).unwrap_or_default();
        err.0.errors = errors;
        err
    }

    /// A 403 for a token without `scope`.
    pub fn insufficient_scope(scope: &'static str, detail: impl Into<String>) -> Self {
        let mut err = ApiError::new(ErrorCode::AuthInsufficientScope, detail).param("scope", scope);
        err.0.scope = Some(scope);
        err
    }

    /// A 403: only a login session may do this, and a token names `scope` in the challenge.
    pub fn session_required(scope: &'static str) -> Self {
        let mut err = ApiError::new(
            ErrorCode::AuthSessionRequired,
            "this needs a login session; personal access tokens cannot do it",
        );
        err.0.scope = Some(scope);
        err
    }

    /// A 429: try again in `retry_after_secs`.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let mut err = ApiError::new(
            ErrorCode::RateLimited,
            format!("too many requests; try again in {retry_after_secs} s"),
        )
        .param("retry_after", retry_after_secs);
        err.0.retry_after_secs = Some(retry_after_secs);
        err
    }

    /// A 413 for a body over `limit` bytes.
    pub fn too_large(limit: usize) -> Self {
        ApiError::new(
            ErrorCode::BodyTooLarge,
            format!("the request body is larger than the limit of {limit} bytes"),
        )
        .param("limit", limit)
    }

    /// A 503: a service we depend on is unreachable.
    pub fn unavailable(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Unavailable, detail)
    }

    /// Wraps an unexpected failure (I/O, database) so it is logged but never shown to clients.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        ApiError::new(ErrorCode::Internal, err.to_string())
    }

    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The English detail (for logs and tests).
    pub fn detail(&self) -> &str {
        &self.0.detail
    }

    /// The invalid fields of a 422.
    pub fn field_errors(&self) -> &[FieldError] {
        &self.0.errors
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status_code();
        let refusal = &self.0;
        Problem {
            problem_type: format!("urn:schwarm:problem:{}", refusal.code.as_str()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: Some(match refusal.code {
                ErrorCode::Internal => "an unexpected error occurred; it has been logged".to_owned(),
                _ => refusal.detail.clone(),
            }),
            code: refusal.code,
            field: refusal.errors.first().map(|error| error.field.clone()),
            params: refusal.params.clone(),
            errors: refusal.errors.clone(),
        }
    }
}

fn allowed_list(methods: &[Method]) -> String {
    methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ")
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let refusal = &self.0;
        if refusal.code == ErrorCode::Internal {
            log::error!("{}", refusal.detail);
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        if !refusal.allowed.is_empty()
            && let Ok(value) = HeaderValue::from_str(&allowed_list(&refusal.allowed))
        {
            response.insert_header((header::ALLOW, value));
        }
        // RFC 6750 §3: tell the client which scheme, and which scope it lacked.
        if self.status_code() == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        if let Some(scope) = refusal.scope {
            let challenge = format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\"");
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response.insert_header((header::WWW_AUTHENTICATE, value));
            }
        }
        if let Some(secs) = refusal.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        match serde_json::to_vec(&self.to_problem()) {
            Ok(body) => response.body(body),
            Err(_) => response.finish(),
        }
    }
}

/// Turns a request that matched no route into 404, or 405 when the path exists with other methods.
pub fn no_route(req: &HttpRequest, allowed: Vec<Method>) -> ApiError {
    if allowed.is_empty() {
        return ApiError::new(
            ErrorCode::RouteNotFound,
            format!("no route matches {} {}", req.method(), req.path()),
        );
    }
    let names: Vec<&str> = allowed.iter().map(Method::as_str).collect();
    let mut err = ApiError::new(
        ErrorCode::MethodNotAllowed,
        format!(
            "{} is not allowed here; allowed: {}",
            req.method(),
            allowed_list(&allowed)
        ),
    )
    .param("allowed", names);
    err.0.allowed = allowed;
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_never_leak_their_cause() {
        let problem = ApiError::internal("SELECT * FROM secrets failed: relation missing").to_problem();
        let body = serde_json::to_string(&problem).unwrap();
        assert!(!body.contains("SELECT"), "{body}");
        assert_eq!(problem.status, 500);
        assert_eq!(problem.code, ErrorCode::Internal);
    }

    #[test]
    fn a_refusal_carries_its_code_params_and_the_status_of_its_code() {
        let problem = ApiError::new(ErrorCode::ContributionLimitReached, "limit reached")
            .param("limit", 2)
            .to_problem();
        let body = serde_json::to_value(&problem).unwrap();
        assert_eq!(body["status"], 409);
        assert_eq!(body["code"], "contribution.limit_reached");
        assert_eq!(body["type"], "urn:schwarm:problem:contribution.limit_reached");
        assert_eq!(body["params"]["limit"], 2);
        assert!(body.get("errors").is_none());
    }

    #[test]
    fn invalid_fields_name_the_first_at_the_top() {
        let problem = ApiError::fields(vec![
            FieldError::new("schedule.voting_open_at", ErrorCode::ScheduleOrder, "order"),
            FieldError::new("title", ErrorCode::FieldLength, "too long").param("max", 200),
        ])
        .to_problem();
        assert_eq!(problem.status, 422);
        assert_eq!(problem.code, ErrorCode::ScheduleOrder);
        assert_eq!(problem.field.as_deref(), Some("schedule.voting_open_at"));
        let body = serde_json::to_value(&problem).unwrap();
        assert_eq!(body["errors"][1]["code"], "field.length");
        assert_eq!(body["errors"][1]["params"]["max"], 200);
    }
}
