//! Error handlers for actix's extractors (JSON body, query string, path), so that no actix
//! default `text/plain` error reaches a client, and the classification of serde's messages into
//! field codes that the JSON body extractor (`http::json`) shares. Their tests, which need that
//! extractor, live beside it.

use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use actix_web::web;

use super::{ApiError, ErrorCode, FieldError};

/// Extractor configurations whose error handlers produce [`ApiError`]s; registered on the app.
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
            ApiError::too_large(limit)
        }
        JsonPayloadError::ContentType => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "the request body must be JSON (Content-Type: application/json)",
        ),
        // Bodies are read as `serde_json::Value` first (see `http::json`), so only syntax
        // errors reach here; field errors are reported by `ApiJson` with their path.
        JsonPayloadError::Deserialize(err) => {
            ApiError::new(ErrorCode::MalformedJson, format!("malformed JSON: {err}"))
        }
        JsonPayloadError::Payload(PayloadError::Overflow) => ApiError::too_large(limit),
        other => ApiError::new(
            ErrorCode::MalformedJson,
            format!("could not read the request body: {other}"),
        ),
    }
}

/// The field code for one of serde's messages: a missing field, an unknown one, or a value of
/// the wrong type (or outside an enumeration).
pub fn serde_code(message: &str) -> ErrorCode {
    if message.starts_with("missing field") {
        ErrorCode::FieldRequired
    } else if message.starts_with("unknown field") {
        ErrorCode::FieldUnknown
    } else {
        ErrorCode::FieldType
    }
}

/// For a `web::Query` that slipped past the lint (`clippy.toml` disallows it): its error does
/// not say which parameter failed, so the problem names the query as a whole.
/// `http::query::ApiQuery` names the parameter.
fn query_error(err: QueryPayloadError) -> ApiError {
    let message = match &err {
        QueryPayloadError::Deserialize(inner) => inner.to_string(),
        other => other.to_string(),
    };
    ApiError::fields(vec![FieldError::new(
        "query",
        serde_code(&message),
        format!("invalid query parameter: {message}"),
    )])
}

fn path_error(err: PathError) -> ApiError {
    let PathError::Deserialize(inner) = err else {
        return ApiError::new(ErrorCode::NotFound, "no such resource");
    };
    ApiError::new(ErrorCode::NotFound, format!("no such resource: {inner}"))
}
