//! `ApiJson<T>`: a JSON request body whose deserialization errors name the exact field
//! (`locale`, `prize_tiers[0].amount`), which actix's `web::Json` cannot do.
//!
//! The body is read as JSON by `web::Json<Value>` (so size, content type and syntax errors come
//! from the handlers in `error.rs`), then turned into `T` with `serde_path_to_error`. On the way,
//! numbers such as `5.0` become integers (JSON Schema counts them as integers, so clients and
//! generators may send them for integer fields), and NUL characters in strings become U+FFFD,
//! the replacement character (NUL means nothing in text and PostgreSQL cannot store it; replacing
//! rather than dropping keeps every length the client validated against the schema).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::strict_value::StrictValue;
use crate::error::extractors::{missing_field, serde_code};
use crate::error::{ApiError, ErrorCode, FieldError};

pub struct ApiJson<T>(pub T);

impl<T> ApiJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move {
            let mut value = value.await?.into_inner();
            // Every request body of this API is an object; serde would also build a struct
            // from an array (`[null, null]`), which no client means.
            if !value.is_object() {
                return Err(
                    ApiError::invalid("body", ErrorCode::BodyNotObject, "must be a JSON object").into(),
                );
            }
            normalize(&mut value);
            serde_path_to_error::deserialize(StrictValue(value))
                .map(ApiJson)
                .map_err(|err| field_error(&err).into())
        })
    }
}

/// Reads a JSON object the way [`ApiJson`] does (strict, with the field of the first error), for
/// handlers that read their body themselves.
pub fn from_value<T: DeserializeOwned>(mut value: Value) -> Result<T, ApiError> {
    if !value.is_object() {
        return Err(ApiError::invalid(
            "body",
            ErrorCode::BodyNotObject,
            "must be a JSON object",
        ));
    }
    normalize(&mut value);
    serde_path_to_error::deserialize(StrictValue(value)).map_err(|err| field_error(&err))
}

fn normalize(value: &mut Value) {
    match value {
        Value::String(text) if text.contains('\0') => *text = text.replace('\0', "\u{FFFD}"),
        Value::Number(number) if number.is_f64() => {
            let float = number.as_f64().unwrap_or(f64::NAN);
            // Only exactly representable whole numbers; 1e300 stays a float (and fails as one).
            if float.fract() == 0.0 && float.abs() < 9.0e15 {
                *value = Value::from(float as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        Value::Object(fields) => {
            if fields.keys().any(|key| key.contains('\0')) {
                let cleaned = std::mem::take(fields)
                    .into_iter()
                    .map(|(key, item)| (key.replace('\0', "\u{FFFD}"), item));
                *fields = cleaned.collect();
            }
            fields.values_mut().for_each(normalize);
        }
        _ => {}
    }
}

fn field_error(err: &serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = err.path().to_string();
    let message = err.inner().to_string();
    let field = match (missing_field(&message), path.as_str()) {
        (Some(name), ".") => name.to_owned(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, ".") => "body".to_owned(),
        (None, path) => path.to_owned(),
    };
    ApiError::fields(vec![FieldError::new(field, serde_code(&message), message)])
}

/// For a nullable field of a PATCH body (`#[serde(default, deserialize_with = "present")]`):
/// tells "absent" (outer `None`, via `default`: keep the value) from `null` (`Some(None)`:
/// remove it).
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Tier {
        amount: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "lowercase")]
    #[allow(dead_code, reason = "only deserialized")]
    enum Locale {
        En,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Body {
        name: String,
        locale: Option<Locale>,
        tiers: Vec<Tier>,
    }

    fn field_of(json: Value) -> String {
        let err = serde_path_to_error::deserialize::<_, Body>(json).unwrap_err();
        field_error(&err).field_errors()[0].field.clone()
    }

    #[test]
    fn whole_floats_count_as_integers_and_fractions_do_not() {
        let mut value = serde_json::json!({"a": 1050.0, "b": [2.0, 2.5], "c": -0.0, "d": 1e300});
        normalize(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"a": 1050, "b": [2, 2.5], "c": 0, "d": 1e300})
        );
    }

    #[test]
    fn nul_characters_are_replaced_in_strings_and_keys() {
        let mut value = serde_json::json!({"a\0": "x\0y", "b": ["\0", {"c": "z\0"}]});
        normalize(&mut value);
        let expected = serde_json::json!({"a\u{FFFD}": "x\u{FFFD}y", "b": ["\u{FFFD}", {"c": "z\u{FFFD}"}]});
        assert_eq!(value, expected);
    }

    #[test]
    fn errors_name_the_exact_field() {
        let tiers = serde_json::json!([{"amount": 1}]);
        assert_eq!(
            field_of(serde_json::json!({"name": "x", "locale": "fr", "tiers": tiers})),
            "locale"
        );
        assert_eq!(field_of(serde_json::json!({"name": 5, "tiers": tiers})), "name");
        assert_eq!(field_of(serde_json::json!({"tiers": tiers})), "name");
        assert_eq!(
            field_of(serde_json::json!({"name": "x", "role": "owner", "tiers": tiers})),
            "role"
        );
        assert_eq!(
            field_of(serde_json::json!({"name": "x", "tiers": [{"amount": -1}]})),
            "tiers[0].amount"
        );
        assert_eq!(
            field_of(serde_json::json!({"name": "x", "tiers": [{"amount": 1, "x": 1}]})),
            "tiers[0].x"
        );
        assert_eq!(field_of(serde_json::json!("just text")), "body");
    }
}

/// The extractor error handlers of `error::extractors` together with [`ApiJson`]: every kind of
/// bad request becomes a problem with its code.
#[cfg(test)]
mod extractor_errors {
    use actix_web::http::StatusCode;
    use actix_web::http::header;
    use actix_web::{App, HttpResponse, test};

    use actix_web::web;

    use super::ApiJson;
    use crate::error::{PROBLEM_JSON, extractor_configs};
    use crate::http::query::ApiQuery;
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

    async fn echo(_body: ApiJson<Body>) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    async fn by_id(_id: web::Path<u64>, _query: ApiQuery<Query>) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[allow(
        clippy::disallowed_types,
        reason = "the fallback handler for web::Query is tested"
    )]
    async fn raw_query(_query: web::Query<Query>) -> HttpResponse {
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
                .route("/things/{id}", web::get().to(by_id))
                .route("/raw", web::get().to(raw_query)),
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
        assert_eq!(body["errors"][0]["field"], "limit", "{body}");
    }

    #[actix_web::test]
    async fn a_bad_parameter_of_a_plain_web_query_is_still_a_422_problem() {
        let (status, content_type, body) = call(test::TestRequest::get().uri("/raw?limit=lots")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["code"], "field.type", "{body}");
        assert_eq!(body["errors"][0]["field"], "query", "{body}");
    }

    #[actix_web::test]
    async fn unparsable_path_parameter_is_a_404_problem() {
        let (status, content_type, body) = call(test::TestRequest::get().uri("/things/abc?limit=1")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(content_type, PROBLEM_JSON);
        assert_eq!(body["title"], "Not Found");
    }
}
