//! Verifying a presented personal access token (the tokens themselves are managed in
//! `tokens`): it must be known by its digest, neither revoked nor expired.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::opaque;
use super::scopes::Scope;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ErrorCode};
use crate::ids::now;
use crate::schema::personal_access_tokens as pats;

/// Every personal access token starts with this, so it is recognisable (to the server, to the
/// owner, and to secret scanners).
pub const PREFIX: &str = "swm_pat_";

/// `last_used_at` is refreshed at most this often, so token use stays a read.
const TOUCH_INTERVAL: TimeDelta = TimeDelta::minutes(1);

pub fn is_personal_token(bearer: &str) -> bool {
    bearer.starts_with(PREFIX)
}

/// What a valid presented token grants.
pub struct GrantedToken {
    pub user_id: String,
    pub token_id: String,
    pub scopes: Vec<Scope>,
}

pub async fn authenticate(db: &Db, presented: String) -> Result<GrantedToken, ApiError> {
    db.run(move |conn| {
        let at = now();
        let (id, user_id, scopes, last_used_at) = find_active(conn, &opaque::digest(&presented), at)?
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::AuthInvalidPersonalToken,
                    "the personal access token is invalid, revoked or expired",
                )
            })?;
        if last_used_at.is_none_or(|last| at - last > TOUCH_INTERVAL) {
            diesel::update(pats::table.find(&id))
                .set(pats::last_used_at.eq(at))
                .execute(conn)?;
        }
        Ok(GrantedToken {
            scopes: Scope::parse_list(&scopes).map_err(ApiError::internal)?,
            user_id,
            token_id: id,
        })
    })
    .await
}

type ActiveToken = (String, String, String, Option<NaiveDateTime>);

/// The id, owner, scopes and last use of the token with `hash`, if it is neither revoked nor
/// expired at `at`.
fn find_active(conn: &mut DbConnection, hash: &str, at: NaiveDateTime) -> QueryResult<Option<ActiveToken>> {
    pats::table
        .filter(pats::token_hash.eq(hash))
        .filter(pats::revoked_at.is_null())
        .filter(pats::expires_at.is_null().or(pats::expires_at.gt(at)))
        .select((pats::id, pats::user_id, pats::scopes, pats::last_used_at))
        .first(conn)
        .optional()
}
