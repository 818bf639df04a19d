//! NUL characters (`%00`) never reach a handler: PostgreSQL cannot store or compare text holding
//! NUL, and no client means one. In the query they become U+FFFD, the replacement character, as
//! in JSON bodies (see `json.rs`), so a schema-valid query is never refused for them; a path with
//! one names nothing (404).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Uri;
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError};

use crate::error::{ApiError, ErrorCode};

pub async fn refuse_nul(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if has_nul(req.path()) {
        let err = ApiError::new(ErrorCode::RouteNotFound, "no such resource");
        return Ok(req.into_response(err.error_response()).map_into_right_body());
    }
    if has_nul(req.query_string()) {
        let query = replace_nul(req.query_string());
        if let Ok(uri) = format!("{}?{query}", req.path()).parse::<Uri>() {
            req.head_mut().uri = uri;
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

fn has_nul(raw: &str) -> bool {
    raw.to_ascii_lowercase().contains("%00")
}

/// `%00` (either case) becomes the UTF-8 encoding of U+FFFD.
fn replace_nul(query: &str) -> String {
    query.replace("%00", "%EF%BF%BD")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_in_a_query_becomes_the_replacement_character() {
        assert!(has_nul("a=%00") && has_nul("a=x%00y") && !has_nul("a=%01"));
        assert_eq!(replace_nul("q=a%00b&c=%00"), "q=a%EF%BF%BDb&c=%EF%BF%BD");
    }
}
