//! Refuses a request whose declared `Content-Length` is over the limit before any handler reads
//! it. Bodies without a declared length are limited by the extractors (see `error.rs`) and by
//! the upload handler while it streams.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError, web};

use crate::error::ApiError;

/// The limits, shared with the middleware and the upload handler through app data.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    /// Any JSON or other body.
    pub json: usize,
    /// The file in a `multipart/form-data` upload (the only multipart route is `POST /media`).
    pub upload: usize,
}

/// A bulk import (`POST /campaigns/{id}/tasks/import`: up to 10,000 tasks as JSON or CSV); its
/// handler streams the body and stops at this size too.
pub const IMPORT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Room for the multipart boundaries and part headers around an upload's file.
const MULTIPART_OVERHEAD: usize = 16 * 1024;

impl BodyLimits {
    /// The largest declared length accepted for `req`, and the limit to name in a refusal (an
    /// upload's file limit, not the envelope's).
    fn for_request(&self, req: &ServiceRequest) -> (usize, usize) {
        let multipart = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.to_ascii_lowercase().starts_with("multipart/"));
        let import = req.path().ends_with("/tasks/import");
        match (multipart, import) {
            (true, _) => (self.upload + MULTIPART_OVERHEAD, self.upload),
            (false, true) => (IMPORT_MAX_BYTES.max(self.json), IMPORT_MAX_BYTES.max(self.json)),
            (false, false) => (self.json, self.json),
        }
    }
}

pub async fn enforce(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let limit = req
        .app_data::<web::Data<BodyLimits>>()
        .map(|limits| limits.for_request(&req));
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if let (Some((allowed, named)), Some(declared)) = (limit, declared)
        && declared > allowed as u64
    {
        let response = ApiError::too_large(named).error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}
