//! Queries on `idempotency_keys`.

use chrono::TimeDelta;
use diesel::prelude::*;

use super::{Claim, RETENTION};
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};
use crate::ids::new_id;
use crate::schema::idempotency_keys as keys;

type Row = (
    String,
    Option<i32>,
    Option<String>,
    Option<Vec<u8>>,
    Option<chrono::NaiveDateTime>,
    chrono::NaiveDateTime,
);

fn in_flight() -> ApiError {
    ApiError::new(
        ErrorCode::IdempotencyInFlight,
        "a request with this Idempotency-Key is still running; retry when it has finished",
    )
}

/// Takes the key for a request (in a write transaction), or says how to answer instead.
pub fn claim(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    request_hash: &str,
    lock: TimeDelta,
) -> Result<Claim, ApiError> {
    let now = crate::ids::now();
    let existing: Option<Row> = keys::table
        .find((scope, key))
        .select((
            keys::request_hash,
            keys::status,
            keys::headers,
            keys::body,
            keys::locked_until,
            keys::created_at,
        ))
        .first(conn)
        .optional()?;
    match existing {
        Some((_, _, _, _, _, created_at)) if created_at < now - RETENTION => {
            // Expired: the key is new again.
            diesel::delete(keys::table.find((scope, key))).execute(conn)?;
        }
        Some((stored_hash, _, _, _, _, _)) if stored_hash != request_hash => {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyReused,
                "this Idempotency-Key was used with a different request",
            ));
        }
        Some((_, Some(status), headers, body, _, _)) => {
            return Ok(Claim::Replay {
                status: u16::try_from(status).unwrap_or(200),
                headers: headers
                    .and_then(|headers| serde_json::from_str(&headers).ok())
                    .unwrap_or_default(),
                body: body.unwrap_or_default(),
            });
        }
        Some((_, None, _, _, locked_until, _)) if locked_until.is_some_and(|until| until > now) => {
            return Err(in_flight());
        }
        Some(_) => {
            // Its first request died with its replica (or outran its lock): take the key over,
            // unless a parallel retry just did (the condition makes one of them win).
            let token = new_id();
            let taken = diesel::update(
                keys::table
                    .find((scope, key))
                    .filter(keys::status.is_null())
                    .filter(keys::locked_until.is_null().or(keys::locked_until.le(now))),
            )
            .set((keys::locked_until.eq(now + lock), keys::lock_token.eq(&token)))
            .execute(conn)?;
            return if taken == 1 {
                Ok(Claim::Run { token })
            } else {
                Err(in_flight())
            };
        }
        None => {}
    }
    let token = new_id();
    let inserted = diesel::insert_into(keys::table)
        .values((
            keys::scope.eq(scope),
            keys::key.eq(key),
            keys::request_hash.eq(request_hash),
            keys::locked_until.eq(now + lock),
            keys::lock_token.eq(&token),
            keys::created_at.eq(now),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(Claim::Run { token }),
        // A parallel request with the key got in first (PostgreSQL lets both look, then one
        // insert wins).
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            Err(in_flight())
        }
        Err(err) => Err(err.into()),
    }
}

pub fn store(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    token: &str,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), ApiError> {
    // Only as the claim that holds the key: a request whose key was taken over changes nothing.
    diesel::update(
        keys::table
            .find((scope, key))
            .filter(keys::lock_token.eq(token))
            .filter(keys::status.is_null()),
    )
    .set((
        keys::status.eq(i32::from(status)),
        keys::headers.eq(serde_json::to_string(headers).unwrap_or_default()),
        keys::body.eq(body),
        keys::locked_until.eq(None::<chrono::NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

/// Frees a key whose request is not kept (a server error: it may be retried).
pub fn release(conn: &mut DbConnection, scope: &str, key: &str, token: &str) -> Result<(), ApiError> {
    diesel::delete(
        keys::table
            .find((scope, key))
            .filter(keys::lock_token.eq(token))
            .filter(keys::status.is_null()),
    )
    .execute(conn)?;
    Ok(())
}

/// Forgets answers older than the retention; returns how many.
pub fn prune(conn: &mut DbConnection, limit: i64) -> Result<usize, ApiError> {
    let before = crate::ids::now() - RETENTION;
    let old: Vec<(String, String)> = keys::table
        .filter(keys::created_at.lt(before))
        .select((keys::scope, keys::key))
        .limit(limit)
        .load(conn)?;
    let mut pruned = 0;
    for (scope, key) in old {
        pruned += diesel::delete(keys::table.find((scope, key))).execute(conn)?;
    }
    Ok(pruned)
}
