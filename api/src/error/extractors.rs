//! Error handlers for actix's extractors (JSON body, query string, path), so that no actix
//! default `text/plain` error reaches a client, and the classification of serde's messages into
//! field codes that [`crate::http::json::ApiJson`] shares.

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
    ApiError::fields(vec![FieldError::new(
        field_named_in(&message).unwrap_or_else(|| "query".into()),
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

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use actix_web::http::header;
    use actix_web::{App, HttpResponse, test};

    use super::*;
    use crate::error::PROBLEM_JSON;
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
        assert_eq!(body["code"], "request.malformed_json");
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
        assert_eq!(body["code"], "field.unknown", "{body}");
        let (status, _, body) = call(post_json(r#"{"count": 1}"#)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["field"], "name", "{body}");
        assert_eq!(body["code"], "field.required", "{body}");
    }

    #[actix_web::test]
    async fn oversized_json_is_a_413_problem() {
        let big = format!(r#"{{"name": "{}", "count": 1}}"#, "x".repeat(2048));
        let (status, content_type, body) = call(post_json(&big)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["status"], 413);
        assert_eq!(body["code"], "request.too_large");
        assert_eq!(body["params"]["limit"], 1024);
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
        assert_eq!(body["code"], "field.type", "{body}");
    }

    #[actix_web::test]
    async fn unparsable_path_parameter_is_a_404_problem() {
        let (status, content_type, body) = call(test::TestRequest::get().uri("/things/abc?limit=1")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["title"], "Not Found");
    }
}
