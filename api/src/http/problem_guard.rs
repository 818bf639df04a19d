//! The last line of the error contract: an error response that some library produced in its own
//! format (actix-cors' `text/plain` refusal, an I/O error while serving a file) is rewritten as
//! `application/problem+json` with the same status, so clients see one error shape everywhere.

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

use crate::error::{ErrorCode, PROBLEM_JSON, Problem};

/// Short plain-text messages are kept as the problem's `detail`; anything else is dropped.
const MAX_DETAIL: usize = 300;

pub async fn ensure_problem_json(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Never clone the request before it is routed: actix's router needs it unshared.
    let res = next.call(req).await?.map_into_boxed_body();
    let is_problem = res
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|value| value == PROBLEM_JSON);
    if !(res.status().is_client_error() || res.status().is_server_error()) || is_problem {
        return Ok(res);
    }
    let (request, response) = res.into_parts();
    let status = response.status();
    let plain_text = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
    let mut rebuilt = HttpResponse::build(status);
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != CONTENT_LENGTH {
            rebuilt.append_header((name.clone(), value.clone()));
        }
    }
    let text = body::to_bytes(response.into_body()).await.unwrap_or_default();
    let detail = String::from_utf8(text.to_vec())
        .ok()
        .filter(|text| plain_text && !text.trim().is_empty() && text.len() <= MAX_DETAIL)
        .map(|text| text.trim().to_owned());
    let code = code_for(status);
    let problem = Problem {
        problem_type: format!("urn:schwarm:problem:{}", code.as_str()),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        code,
        field: None,
        params: Default::default(),
        errors: Vec::new(),
    };
    rebuilt.insert_header((CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
    Ok(ServiceResponse::new(
        request,
        rebuilt.body(serde_json::to_vec(&problem).unwrap_or_default()),
    ))
}

/// The code for an error response that a library produced with only a status.
fn code_for(status: StatusCode) -> ErrorCode {
    match status.as_u16() {
        401 => ErrorCode::AuthRequired,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::RouteNotFound,
        405 => ErrorCode::MethodNotAllowed,
        413 => ErrorCode::BodyTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        429 => ErrorCode::RateLimited,
        503 => ErrorCode::Unavailable,
        500..=599 => ErrorCode::Internal,
        _ => ErrorCode::RequestInvalid,
    }
}
