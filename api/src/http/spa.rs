//! Serves the built single-page app from `STATIC_DIR` at `/`, with history fallback: a
//! navigation to a client-side route such as `/c/spring-contest` gets `index.html`, while a
//! missing asset such as `/assets/app.js` stays a 404 (HTML in place of a script only confuses).

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{ResponseError, guard};

use crate::error::{ApiError, ErrorCode};

pub fn service(dir: &Path) -> Files {
    let index = dir.join("index.html");
    Files::new("/", dir)
        .index_file("index.html")
        // Other methods fall through to the app's default service (a problem+json 404/405);
        // HEAD arrives here as GET (see `http::head`).
        .guard(guard::Get())
        .default_handler(fn_service(move |req: ServiceRequest| {
            history_fallback(req, index.clone())
        }))
}

async fn history_fallback(req: ServiceRequest, index: PathBuf) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _payload) = req.into_parts();
    let last_segment = req.path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        let err = ApiError::new(ErrorCode::RouteNotFound, format!("no file at {}", req.path()));
        return Ok(ServiceResponse::new(req, err.error_response()));
    }
    let mut response = NamedFile::open_async(&index).await?.into_response(&req);
    // The shell must be revalidated so a deploy is picked up; hashed assets are cached normally.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(ServiceResponse::new(req, response))
}
