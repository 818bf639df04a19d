//! `ApiQuery<T>`: a request's query string whose errors name the parameter that failed
//! (`limit`, `unread_only`), which actix's `web::Query` cannot do: its error is serde's message
//! alone ("invalid digit found in string"), and which parameter it was about is lost.
//!
//! The query is read with the same parser as `web::Query` (`serde_urlencoded`), through
//! `serde_path_to_error`, which records the key being read when a value fails.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::error::extractors::serde_code;
use crate::error::{ApiError, FieldError};

pub struct ApiQuery<T>(pub T);

impl<T> ApiQuery<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for ApiQuery<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(from_query(req.query_string()).map(ApiQuery))
    }
}

/// Reads `T` from a raw query string (`a=1&b=x`); a 422 naming the parameter on failure.
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

/// The parameter an error is about: the key being read when a value failed; for a missing one,
/// which serde reports at the top (`.`), the name it quotes.
fn parameter(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (missing, path) {
        (Some(name), ".") => name.to_owned(),
        (None, ".") => "query".to_owned(),
        (_, path) => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::error::ErrorCode;

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
