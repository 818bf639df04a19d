//! The one error type of the API and the one place that turns errors into HTTP responses.
//!
//! Every error body is `application/problem+json` (RFC 9457). actix's own extractor errors (bad
//! JSON, bad query or path parameters, oversized bodies) are converted into [`ApiError`] by the
//! handlers installed in [`extractor_configs`], so clients see one shape everywhere. Internal
//! details (SQL, I/O errors) are logged, never sent.

use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem details object.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank",
    "title": "Not Found",
    "status": 404,
    "detail": "no route matches GET /api/v1/nothing-here"
}))]
pub struct Problem {
    /// A URI identifying the problem type; `about:blank` when the status code says it all.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What went wrong with this request, for humans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Per-field validation errors (422 only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's path in the request, e.g. `email` or `prize_tiers[0].amount`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// Everything a handler can fail with. Attach meaning at the call site; the status code is
/// chosen only in [`ApiError::status_code`].
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    /// Missing, malformed, expired or revoked credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Authenticated, but not allowed; `scope` names the token scope that would allow it.
    #[error("{message}")]
    Forbidden {
        message: String,
        scope: Option<&'static str>,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("{method} is not allowed here; allowed: {}", allowed_list(.allowed))]
    MethodNotAllowed { method: Method, allowed: Vec<Method> },
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the request is invalid")]
    Validation(Vec<FieldError>),
    /// The request conflicts with the current state (a taken slug, the last owner leaving).
    #[error("{0}")]
    Conflict(String),
    #[error("too many requests; try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{0}")]
    ServiceUnavailable(String),
    /// A failure of ours; the message is logged and replaced by a generic one in the response.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden {
            message: message.into(),
            scope: None,
        }
    }

    /// One invalid field, for rules checked in services rather than by `validator`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

/// `validator`'s errors, flattened to `field` paths such as `prize_tiers[0].amount`.
impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = Vec::new();
        flatten_validation(&errors, "", &mut fields);
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        ApiError::Validation(fields)
    }
}

fn flatten_validation(errors: &validator::ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => out.extend(list.iter().map(|error| {
                FieldError {
                    field: path.clone(),
                    message: error
                        .message
                        .as_ref()
                        .map_or_else(|| error.code.to_string(), ToString::to_string),
                }
            })),
            ValidationErrorsKind::Struct(inner) => flatten_validation(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten_validation(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

fn allowed_list(methods: &[Method]) -> String {
    methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ")
}

impl ApiError {
    /// Wraps an unexpected failure (I/O, database) so it is logged but never shown to clients.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        ApiError::Internal(err.to_string())
    }

    fn problem_type(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "urn:schwarm:problem:validation",
            _ => "about:blank",
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ApiError::Internal(_) => Some("an unexpected error occurred; it has been logged".into()),
            ApiError::Validation(errors) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                Some(format!("invalid fields: {}", fields.join(", ")))
            }
            other => Some(other.to_string()),
        }
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            problem_type: self.problem_type().to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.detail(),
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::ServiceUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(message) = self {
            log::error!("{message}");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        match self {
            ApiError::MethodNotAllowed { allowed, .. } => {
                if let Ok(value) = HeaderValue::from_str(&allowed_list(allowed)) {
                    response.insert_header((header::ALLOW, value));
                }
            }
            // RFC 6750 §3: tell the client which scheme, and which scope it lacked.
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            ApiError::Forbidden {
                scope: Some(scope), ..
            } => {
                let challenge = format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\"");
                if let Ok(value) = HeaderValue::from_str(&challenge) {
                    response.insert_header((header::WWW_AUTHENTICATE, value));
                }
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            _ => {}
        }
        match serde_json::to_vec(&self.to_problem()) {
            Ok(body) => response.body(body),
            Err(_) => response.finish(),
        }
    }
}

/// Extractor configurations whose error handlers produce [`ApiError`]s; registered on the app so
/// that no actix default `text/plain` error reaches a client.
pub fn extractor_configs(
    max_body_bytes: usize,
) -> (
    web::JsonConfig,
    web::QueryConfig,
    web::PathConfig,
    web::PayloadConfig,
) {
    let json = web::JsonConfig::default()
        .limit(max_body_bytes)
        .error_handler(move |err, _req| json_error(err, max_body_bytes).into());
    let query = web::QueryConfig::default().error_handler(|err, _req| query_error(err).into());
    let path = web::PathConfig::default().error_handler(|err, _req| path_error(err).into());
    let payload = web::PayloadConfig::new(max_body_bytes);
    (json, query, path, payload)
}

fn json_error(err: JsonPayloadError, limit: usize) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge { limit }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType(
            "the request body must be JSON (Content-Type: application/json)".into(),
        ),
        // Bodies are read as `serde_json::Value` first (see `http::json`), so only syntax
        // errors reach here; field errors are reported by `ApiJson` with their path.
        JsonPayloadError::Deserialize(err) => ApiError::BadRequest(format!("malformed JSON: {err}")),
        JsonPayloadError::Payload(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit },
        other => ApiError::BadRequest(format!("could not read the request body: {other}")),
    }
}

/// serde names the offending field in backticks for missing and unknown query parameters.
fn field_named_in(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}

fn query_error(err: QueryPayloadError) -> ApiError {
    let message = match &err {
        QueryPayloadError::Deserialize(inner) => inner.to_string(),
        other => other.to_string(),
    };
    ApiError::Validation(vec![FieldError {
        field: field_named_in(&message).unwrap_or_else(|| "query".into()),
        message: format!("invalid query parameter: {message}"),
    }])
}

fn path_error(err: PathError) -> ApiError {
    let PathError::Deserialize(inner) = err else {
        return ApiError::NotFound("no such resource".into());
    };
    ApiError::NotFound(format!("no such resource: {inner}"))
}

/// Turns a request that matched no route into 404, or 405 when the path exists with other methods.
pub fn no_route(req: &HttpRequest, allowed: Vec<Method>) -> ApiError {
    if allowed.is_empty() {
        ApiError::NotFound(format!("no route matches {} {}", req.method(), req.path()))
    } else {
        ApiError::MethodNotAllowed {
            method: req.method().clone(),
            allowed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{App, test};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(
        dead_code,
        reason = "fields exist to be deserialized, the handler only echoes"
    )]
    struct Body {
        name: String,
        count: u32,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code, reason = "deserialized to exercise the query error handler")]
    struct Query {
        limit: u32,
    }

    async fn echo(_body: crate::http::json::ApiJson<Body>) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    async fn by_id(_id: web::Path<u64>, _query: web::Query<Query>) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    async fn call(req: test::TestRequest) -> (StatusCode, String, serde_json::Value) {
        let (json, query, path, payload) = extractor_configs(1024);
        let app = test::init_service(
            App::new()
                .app_data(json)
                .app_data(query)
                .app_data(path)
                .app_data(payload)
                .route("/echo", web::post().to(echo))
                .route("/things/{id}", web::get().to(by_id)),
        )
        .await;
        let res = test::call_service(&app, req.to_request()).await;
        let status = res.status();
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let body: serde_json::Value = serde_json::from_slice(&test::read_body(res).await).unwrap();
        (status, content_type, body)
    }

    fn post_json(body: &str) -> test::TestRequest {
        test::TestRequest::post()
            .uri("/echo")
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(body.to_owned())
    }

    #[actix_web::test]
    async fn malformed_json_is_a_400_problem() {
        let (status, content_type, body) = call(post_json("{\"name\": ")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["status"], 400);
        assert!(
            body["detail"].as_str().unwrap().starts_with("malformed JSON"),
            "{body}"
        );
    }

    #[actix_web::test]
    async fn wrong_field_type_is_a_422_naming_the_field() {
        let (status, _, body) = call(post_json(r#"{"name": "x", "score": 5, "count": 1}"#)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["field"], "score", "{body}");
        let (status, _, body) = call(post_json(r#"{"count": 1}"#)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["field"], "name", "{body}");
    }

    #[actix_web::test]
    async fn oversized_json_is_a_413_problem() {
        let big = format!(r#"{{"name": "{}", "count": 1}}"#, "x".repeat(2048));
        let (status, content_type, body) = call(post_json(&big)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["status"], 413);
    }

    #[actix_web::test]
    async fn non_json_content_type_is_a_415_problem() {
        let req = test::TestRequest::post()
            .uri("/echo")
            .insert_header((header::CONTENT_TYPE, "text/plain"))
            .set_payload("hi");
        let (status, content_type, _) = call(req).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(content_type, PROBLEM_JSON);
    }

    #[actix_web::test]
    async fn bad_query_parameter_is_a_422_naming_it() {
        let (status, content_type, body) = call(test::TestRequest::get().uri("/things/1?limit=lots")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(content_type, PROBLEM_JSON);
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("invalid digit"),
            "{body}"
        );
    }

    #[actix_web::test]
    async fn unparsable_path_parameter_is_a_404_problem() {
        let (status, content_type, body) = call(test::TestRequest::get().uri("/things/abc?limit=1")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["title"], "Not Found");
    }

    #[actix_web::test]
    async fn internal_errors_never_leak_their_cause() {
        let problem = ApiError::internal("SELECT * FROM secrets failed: relation missing").to_problem();
        let body = serde_json::to_string(&problem).unwrap();
        assert!(!body.contains("SELECT"), "{body}");
        assert_eq!(problem.status, 500);
    }
}
