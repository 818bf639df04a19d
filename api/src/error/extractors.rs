//! Error handlers for actix's extractors (JSON body, query string, path), so that no actix
//! default `text/plain` error reaches a client; the classification of serde's messages into
//! field codes that the JSON body extractor (`http::json`) shares; and [`from_query`], which
//! reads a query string with errors that name the parameter (for `http::query::ApiQuery` and
//! `pagination`). The handlers' tests, which need the JSON extractor, live beside it.

use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use actix_web::web;
use serde::de::DeserializeOwned;

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

/// Reads `T` from a raw query string (`a=1&b=x`) with the parser `web::Query` uses
/// (`serde_urlencoded`), through `serde_path_to_error`, which records the key being read when a
/// value fails; a 422 naming that parameter on failure.
pub fn from_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let pairs = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(pairs).map_err(|err| {
        let message = err.inner().to_string();
        ApiError::fields(vec![FieldError::new(
            parameter(&err.path().to_string(), &message),
            serde_code(&message),
            format!("invalid query parameter: {message}"),
        )])
    })
}

/// The field serde names in a "missing field" message: it reports a missing field at its
/// parent's path, so the name is only in the message.
pub fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// The parameter an error is about: the key being read when a value failed; for a missing one,
/// which serde reports at the top (`.`), the name it quotes.
fn parameter(path: &str, message: &str) -> String {
    match (missing_field(message), path) {
        (Some(name), ".") => name.to_owned(),
        (None, ".") => "query".to_owned(),
        (_, path) => path.to_owned(),
    }
}

fn path_error(err: PathError) -> ApiError {
    let PathError::Deserialize(inner) = err else {
        return ApiError::new(ErrorCode::NotFound, "no such resource");
    };
    ApiError::new(ErrorCode::NotFound, format!("no such resource: {inner}"))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Sort {
        New,
        Top,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Query {
        token: String,
        limit: Option<i64>,
        width: Option<i32>,
        unread_only: Option<bool>,
        sort: Option<Sort>,
        cursor: Option<String>,
    }

    /// The field and code of the error reading `query`.
    fn error_of(query: &str) -> (String, ErrorCode) {
        let err = from_query::<Query>(query).unwrap_err();
        let field = &err.field_errors()[0];
        (field.field.clone(), field.code)
    }

    #[test]
    fn a_good_query_is_read_with_its_escapes() {
        let query = from_query::<Query>("token=a%20b&limit=5&unread_only=true&sort=top&cursor=").unwrap();
        assert_eq!(
            query,
            Query {
                token: "a b".into(),
                limit: Some(5),
                width: None,
                unread_only: Some(true),
                sort: Some(Sort::Top),
                cursor: Some(String::new()),
            }
        );
    }

    #[test]
    fn each_unreadable_parameter_is_named_with_its_code() {
        // Every kind of value serde can fail on, each after a good parameter, so that the
        // field is the one that failed and not the first or the last.
        let cases = [
            ("token=t&limit=abc&cursor=c", "limit", ErrorCode::FieldType),
            ("token=t&limit=1.5", "limit", ErrorCode::FieldType),
            ("token=t&width=99999999999", "width", ErrorCode::FieldType),
            (
                "token=t&unread_only=maybe&limit=1",
                "unread_only",
                ErrorCode::FieldType,
            ),
            ("token=t&sort=newest&limit=1", "sort", ErrorCode::FieldType),
            ("token=t&colour=red", "colour", ErrorCode::FieldUnknown),
            ("limit=1", "token", ErrorCode::FieldRequired),
        ];
        for (query, field, code) in cases {
            assert_eq!(error_of(query), (field.to_owned(), code), "{query}");
        }
    }

    #[test]
    fn a_value_equal_to_another_parameters_does_not_confuse_the_blame() {
        // The old handler looked the quoted value up among the parameters' values, so the
        // parameter listed first with that value took the blame.
        assert_eq!(
            error_of("token=newest&sort=newest"),
            ("sort".to_owned(), ErrorCode::FieldType)
        );
    }
}
