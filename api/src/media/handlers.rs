use actix_multipart::Multipart;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::web::{Bytes, BytesMut};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;

use super::MediaQuota;
use super::dto::{MediaLimits, MediaResponse, UploadMediaForm};
use super::repo as media_repo;
use super::service;
use super::sniff;
use super::store::MediaStore;
use super::variants;
use crate::auth::Auth;
use crate::auth::scopes::MediaWrite;
use crate::clock::Clock;
use crate::db::Db;
use crate::domain::ContributionStatus;
use crate::error::{ApiError, ErrorCode, FieldError, Problem};
use crate::http::body_limit::BodyLimits;
use crate::http::query::ApiQuery;
use crate::ids::looks_like_id;

/// Uploads an image (PNG, JPEG, WebP or GIF, recognised by its content) as the `file` field of
/// a `multipart/form-data` body. Attach it to a contribution (`media_ids`) or a campaign
/// (`cover_media_id`) by its id.
#[utoipa::path(
    tag = "media",
    operation_id = "upload_media",
    request_body(content = UploadMediaForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = MediaResponse,
            headers(("Location" = String, description = "Where the image is served"))),
        (status = 409, description = "The upload would exceed the caller's `MEDIA_QUOTA_BYTES`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than `MEDIA_MAX_BYTES`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not multipart, or the file is not a PNG, JPEG, WebP or GIF image", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` field, an empty or damaged file, or an image over 16384 pixels a side", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["media:write"]))
)]
#[post("/media")]
pub async fn upload_media(
    auth: Auth<MediaWrite>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
    limits: web::Data<BodyLimits>,
    clock: web::Data<Clock>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let quota = req
        .app_data::<web::Data<MediaQuota>>()
        .map_or(MediaQuota(i64::MAX), |quota| *quota.get_ref());
    let (bytes, declared) = read_file_field(&req, payload, limits.upload).await?;
    let row = service::upload(
        &db,
        &store,
        auth.user_id,
        bytes,
        declared.as_deref(),
        quota,
        clock.now(),
    )
    .await?;
    let response = MediaResponse::from(row);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, response.url.clone()))
        .json(response))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MediaQuery {
    /// A smaller copy's width, from the media's `variants`; the original when there is no copy
    /// of that width.
    #[param(minimum = 1, maximum = 16384)]
    pub w: Option<i32>,
}

/// The largest width asked for: no image is wider (see `sniff`).
const MAX_WIDTH: i32 = 16_384;

/// What an upload may be, so a client checks a file before sending it.
#[utoipa::path(
    tag = "media",
    operation_id = "get_media_limits",
    responses((status = 200, description = "Success", body = MediaLimits)),
    security(())
)]
#[get("/media/limits")]
pub async fn get_media_limits(limits: web::Data<BodyLimits>) -> web::Json<MediaLimits> {
    web::Json(MediaLimits {
        max_bytes: limits.upload as i64,
        content_types: sniff::ACCEPTED.iter().map(|kind| (*kind).to_owned()).collect(),
        max_per_contribution: service::MAX_PER_CONTRIBUTION as i64,
    })
}

/// The bytes of the multipart field `file` and the content type its part declares, refusing
/// other fields and anything over `limit`.
async fn read_file_field(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<(Bytes, Option<String>), ApiError> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the image as multipart/form-data in a field named `file`",
        ));
    }
    let malformed = |err: actix_multipart::MultipartError| {
        ApiError::new(
            ErrorCode::MalformedMultipart,
            format!("the multipart body cannot be read: {err}"),
        )
    };
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut file: Option<(Bytes, Option<String>)> = None;
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(malformed)?;
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            return Err(ApiError::invalid(
                &name,
                ErrorCode::FieldUnknown,
                "unknown field: send only `file`",
            ));
        }
        if file.is_some() {
            return Err(ApiError::invalid(
                "file",
                ErrorCode::MediaOneFile,
                "send one file per upload",
            ));
        }
        let declared = field.content_type().map(|mime| mime.essence_str().to_owned());
        let mut buffer = BytesMut::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(malformed)?;
            if buffer.len() + chunk.len() > limit {
                return Err(ApiError::too_large(limit));
            }
            buffer.extend_from_slice(&chunk);
        }
        file = Some((buffer.freeze(), declared));
    }
    file.ok_or_else(|| {
        ApiError::invalid(
            "file",
            ErrorCode::FieldRequired,
            "missing: send the image in a field named `file`",
        )
    })
}

/// An uploaded image, with its stored content type. Its bytes never change, so clients and
/// proxies may cache it for a year.
#[utoipa::path(
    tag = "media",
    operation_id = "get_media",
    params(("id" = String, Path, description = "The media's id"), MediaQuery),
    responses(
        (status = 200, description = "The image",
            content(
                (Vec<u8> = "image/png"),
                (Vec<u8> = "image/jpeg"),
                (Vec<u8> = "image/webp"),
                (Vec<u8> = "image/gif"),
            ),
            headers(
                ("ETag" = String, description = "Identifies these bytes"),
                ("Cache-Control" = String, description = "public, max-age=31536000, immutable; an entry's images public, max-age=300"),
            )),
        (status = 304, description = "Not modified (`If-None-Match` matched)"),
        (status = 404, description = "No such media, or only shown by entries that were taken down", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/media/{id}")]
pub async fn get_media(
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
    id: web::Path<String>,
    query: ApiQuery<MediaQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let no_such = || ApiError::not_found("media");
    if !looks_like_id(&id) {
        return Err(no_such());
    }
    let (row, shown_by) = {
        let id = id.clone();
        db.run(move |conn| {
            let row = service::find(conn, &id)?;
            Ok((row, media_repo::shown_by(conn, &id)?))
        })
        .await?
    };
    let row = row.ok_or_else(no_such)?;
    // The images of an entry that was hidden, rejected or withdrawn are not served any more
    // (an entry still in review keeps them, for its moderators).
    if !shown_by.is_empty()
        && shown_by
            .iter()
            .all(|status| !status.is_public() && *status != ContributionStatus::Submitted)
    {
        return Err(no_such());
    }
    // A smaller copy when one of that width was made; otherwise the original.
    let copy = match query.w {
        Some(width) if !(1..=MAX_WIDTH).contains(&width) => {
            return Err(ApiError::fields(vec![
                FieldError::new(
                    "w",
                    ErrorCode::FieldRange,
                    format!("a width from 1 to {MAX_WIDTH}"),
                )
                .param("min", 1)
                .param("max", MAX_WIDTH),
            ]));
        }
        Some(width) => u32::try_from(width)
            .ok()
            .filter(|width| row.variants().contains(width)),
        None => None,
    };
    let (key, content_type, tag) = match copy {
        Some(width) => (
            variants::key(&row.id, width),
            "image/jpeg".to_owned(),
            format!("\"{}-w{width}\"", &row.sha256[..32.min(row.sha256.len())]),
        ),
        None => (
            row.id.clone(),
            row.content_type.clone(),
            format!("\"{}\"", &row.sha256[..32.min(row.sha256.len())]),
        ),
    };
    let Some(bytes) = store.get(&key).await? else {
        log::error!("media {key} has a row but no bytes in the store");
        return Err(no_such());
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::ETAG, tag))
        .insert_header(CacheControl(match shown_by.is_empty() {
            // Covers and loose uploads never change.
            true => vec![
                CacheDirective::Public,
                CacheDirective::MaxAge(31_536_000),
                CacheDirective::Extension("immutable".into(), None),
            ],
            // An entry's images leave caches within minutes of the entry being taken down.
            false => vec![CacheDirective::Public, CacheDirective::MaxAge(300)],
        }))
        .body(bytes))
}
