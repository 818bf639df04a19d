//! Serves the built single-page app from `STATIC_DIR` at `/`, with history fallback: a
//! navigation to a client-side route such as `/c/spring-contest` gets `index.html`, while a
//! missing asset such as `/assets/app.js` stays a 404 (HTML in place of a script only confuses).
//!
//! Files under `/assets/` carry a content hash in their names (the build makes them), so they
//! are cached for a year as immutable, and served from the build's precompressed `.br`/`.gz`
//! twins when the client accepts them: a phone downloads a third of the bytes, and the server
//! compresses nothing per request.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, ContentEncoding, HeaderValue, VARY};
use actix_web::{HttpRequest, HttpResponse, ResponseError, guard, web};

use crate::error::{ApiError, ErrorCode};

/// The app shell at `/` itself, revalidated on every load like the history fallback: register
/// before [`service`].
pub fn shell(dir: &Path) -> actix_web::Resource {
    let index = dir.join("index.html");
    web::resource("/")
        .guard(guard::Get())
        .to(move |req: HttpRequest| revalidated_index(req, index.clone()))
}

async fn revalidated_index(req: HttpRequest, index: PathBuf) -> Result<HttpResponse, actix_web::Error> {
    let mut response = NamedFile::open_async(&index).await?.into_response(&req);
    // The shell must be revalidated so a deploy is picked up; hashed assets are immutable.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// The hashed build assets (`/assets/<name>`): register before [`service`].
pub fn assets(dir: &Path) -> actix_web::Resource {
    let root = dir.join("assets");
    web::resource("/assets/{name}")
        .guard(guard::Get())
        .to(move |req: HttpRequest| serve_asset(req, root.clone()))
}

fn not_found(req: &HttpRequest) -> HttpResponse {
    ApiError::new(ErrorCode::RouteNotFound, format!("no file at {}", req.path())).error_response()
}

/// Whether `Accept-Encoding` names `coding` with a weight above zero (`*` is not taken as a
/// promise: the plain file is always right).
fn accepts(req: &HttpRequest, coding: &str) -> bool {
    req.headers()
        .get_all(ACCEPT_ENCODING)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let weight = parts
                .filter_map(|part| part.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            name.eq_ignore_ascii_case(coding) && weight > 0.0
        })
}

async fn serve_asset(req: HttpRequest, root: PathBuf) -> Result<HttpResponse, actix_web::Error> {
    let name = req.match_info().get("name").unwrap_or_default().to_owned();
    // Build assets are flat, plainly named files: nothing else is looked up on disk.
    let plain = !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    let original = root.join(&name);
    if !plain || !original.is_file() {
        return Ok(not_found(&req));
    }
    let mime = actix_files::file_extension_to_mime(
        original.extension().and_then(|e| e.to_str()).unwrap_or_default(),
    );
    let twin = |suffix: &str| PathBuf::from(format!("{}.{suffix}", original.display()));
    let chosen = [
        ("br", ContentEncoding::Brotli, "br"),
        ("gzip", ContentEncoding::Gzip, "gz"),
    ]
    .into_iter()
    .map(|(coding, encoding, suffix)| (coding, encoding, twin(suffix)))
    .find(|(coding, _, path)| accepts(&req, coding) && path.is_file());
    let file = match &chosen {
        Some((_, encoding, path)) => NamedFile::open_async(path).await?.set_content_encoding(*encoding),
        None => NamedFile::open_async(&original).await?,
    };
    let mut response = file.set_content_type(mime).into_response(&req);
    let headers = response.headers_mut();
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    Ok(response)
}

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
    let response = revalidated_index(req.clone(), index).await?;
    Ok(ServiceResponse::new(req, response))
}
