//! `Idempotency-Key` on every signed-in POST, with Stripe's semantics: the first request with a
//! key runs and its answer is kept for 24 hours (per user, so a retry after a token refresh
//! still matches, and nobody else's key ever replays it); the same key with the same request
//! gets that answer again (with `Idempotent-Replayed: true`), with a different request 422, and
//! while the first is still running 409. Server errors (5xx), rate limits and answers that carry
//! a secret (`Cache-Control: no-store`: tokens, signing secrets) are not kept, so such a request
//! runs again when retried. Anonymous requests (sign-up, sign-in, refresh) ignore the header:
//! their answers are credentials, and nothing is buffered or stored for unauthenticated callers.
//! Keys live in the database, so they hold across replicas; a key whose request died with its
//! replica is free again after a minute, and only the request holding a key may store its
//! answer.

mod repo;

use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes, BytesMut};
use actix_web::{Error, HttpResponse, ResponseError};
use chrono::TimeDelta;
use futures_util::StreamExt;

use crate::auth;
use crate::db::{Db, write_transaction};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ErrorCode};
use crate::http::no_store::is_no_store;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// How long an answer is kept.
pub const RETENTION: TimeDelta = TimeDelta::hours(24);
/// How long a running request holds its key before others may take it over.
const LOCK: TimeDelta = TimeDelta::seconds(60);
/// The largest body this layer buffers (uploads are the largest POSTs).
const MAX_BUFFER: usize = 64 << 20;

/// What to do with a request that carries a key.
pub enum Claim {
    /// Run it; the key is ours now, as long as we hold `token`.
    Run { token: String },
    /// Answer with what the first request got.
    Replay {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
}

fn key_of(req: &ServiceRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(key.to_owned()))
        }
        _ => Err(ApiError::new(
            ErrorCode::IdempotencyKeyInvalid,
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        )
        .param("max", 255)),
    }
}

async fn read_body(payload: Payload) -> Result<Bytes, Error> {
    let mut payload = payload;
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > MAX_BUFFER {
            return Err(ApiError::too_large(MAX_BUFFER).into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

pub async fn idempotent(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.method() != Method::POST {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = match key_of(&req) {
        Ok(Some(key)) => key,
        Ok(None) => return Ok(next.call(req).await?.map_into_boxed_body()),
        Err(err) => return Ok(req.into_response(err.error_response())),
    };
    let Some(db) = req.app_data::<web::Data<Db>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if req.headers().get(header::AUTHORIZATION).is_none() {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    // Per user: the same key from two people are two keys. A credential that does not verify
    // is the route's to refuse; nothing is kept for it.
    let credential = match auth::identify(req.request()).await {
        Ok(caller) => caller.user_id,
        Err(_) => return Ok(next.call(req).await?.map_into_boxed_body()),
    };
    let (http_request, payload) = req.into_parts();
    let body = read_body(payload).await?;
    let mut req = ServiceRequest::from_parts(http_request, Payload::None);
    let mut fingerprint = format!(
        "{} {}?{}\n{}\n",
        req.method(),
        req.path(),
        req.query_string(),
        req.headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    )
    .into_bytes();
    fingerprint.extend_from_slice(&body);
    let request_hash = sha256_hex(&fingerprint);
    req.set_payload(Payload::from(body));

    let claim = {
        let (credential, key, request_hash) = (credential.clone(), key.clone(), request_hash.clone());
        db.run(move |conn| {
            write_transaction(conn, |conn| {
                repo::claim(conn, &credential, &key, &request_hash, LOCK)
            })
        })
        .await
    };
    match claim {
        Err(err) => Ok(req.into_response(err.error_response())),
        Ok(Claim::Replay {
            status,
            headers,
            body,
        }) => {
            let mut response = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
            for (name, value) in headers {
                if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
                    response.insert_header((name, value));
                }
            }
            response.insert_header(("idempotent-replayed", "true"));
            Ok(req.into_response(response.body(body)))
        }
        Ok(Claim::Run { token }) => {
            let res = next.call(req).await?;
            let status = res.status();
            let (request, response) = res.into_parts();
            let kept_headers: Vec<(String, String)> = [header::CONTENT_TYPE, header::LOCATION]
                .iter()
                .filter_map(|name| {
                    let value = response.headers().get(name)?.to_str().ok()?;
                    Some((name.as_str().to_owned(), value.to_owned()))
                })
                .collect();
            let carries_secret = is_no_store(response.headers());
            let mut rebuilt = HttpResponse::build(status);
            for (name, value) in response.headers() {
                rebuilt.append_header((name.clone(), value.clone()));
            }
            let bytes = actix_web::body::to_bytes(response.into_body())
                .await
                .map_err(|_| ApiError::internal("could not read a response to keep it"))?;
            let keep =
                !status.is_server_error() && status != StatusCode::TOO_MANY_REQUESTS && !carries_secret;
            let stored = {
                let body = bytes.to_vec();
                db.run(move |conn| match keep {
                    true => repo::store(
                        conn,
                        &credential,
                        &key,
                        &token,
                        status.as_u16(),
                        &kept_headers,
                        &body,
                    ),
                    false => repo::release(conn, &credential, &key, &token),
                })
                .await
            };
            if let Err(err) = stored {
                log::warn!("cannot keep the answer to an idempotent request: {err}");
            }
            Ok(ServiceResponse::new(request, rebuilt.body(bytes)))
        }
    }
}

/// The job that forgets answers older than a day.
pub const PRUNE: &str = "idempotency.prune";

/// Keys one pruning run forgets at most.
const PRUNE_BATCH: i64 = 5_000;

/// How often the pruning job runs.
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// The recurring job: forgets answers older than a day.
pub async fn prune_job(db: &Db, job: crate::jobs::ClaimedJob) -> Result<crate::jobs::Finished, ApiError> {
    db.run(move |conn| {
        write_transaction(conn, |conn| {
            let pruned = repo::prune(conn, PRUNE_BATCH)?;
            crate::jobs::finish(
                conn,
                &job,
                crate::jobs::Next::after_batch(pruned, PRUNE_BATCH, PRUNE_EVERY),
            )
        })
    })
    .await
}
