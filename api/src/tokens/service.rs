//! Personal access tokens: creation with validated scopes, and authentication of a presented
//! token for the `Auth` extractor.

use chrono::TimeDelta;

use super::dto::{CreateTokenRequest, CreatedTokenResponse};
use super::repo::{self, NewToken};
use super::{PREFIX, PREFIX_SHOWN};
use crate::auth::opaque;
use crate::auth::scopes::Scope;
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::ids::{new_id, now};

/// A user may hold this many unrevoked tokens.
const MAX_ACTIVE_TOKENS: i64 = 50;
/// `last_used_at` is refreshed at most this often, so token use stays a read.
const TOUCH_INTERVAL: TimeDelta = TimeDelta::minutes(1);

/// What a valid presented token grants.
pub struct GrantedToken {
    pub user_id: String,
    pub token_id: String,
    pub scopes: Vec<Scope>,
}

pub async fn authenticate(db: &Db, presented: String) -> Result<GrantedToken, ApiError> {
    db.run(move |conn| {
        let at = now();
        let token = repo::find_active_by_hash(conn, &opaque::digest(&presented), at)?.ok_or_else(|| {
            ApiError::Unauthorized("the personal access token is invalid, revoked or expired".into())
        })?;
        if token.last_used_at.is_none_or(|last| at - last > TOUCH_INTERVAL) {
            repo::touch(conn, &token.id, at)?;
        }
        Ok(GrantedToken {
            scopes: token.scopes.split_whitespace().filter_map(Scope::parse).collect(),
            user_id: token.user_id,
            token_id: token.id,
        })
    })
    .await
}

pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    request: CreateTokenRequest,
) -> Result<CreatedTokenResponse, ApiError> {
    let mut scopes: Vec<Scope> = Vec::new();
    for scope in request.scopes {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    write_transaction(conn, |conn| {
        if repo::count_active(conn, user_id)? >= MAX_ACTIVE_TOKENS {
            return Err(ApiError::Conflict(format!(
                "you already have {MAX_ACTIVE_TOKENS} tokens; revoke one first"
            )));
        }
        let secret = opaque::generate(PREFIX);
        let at = now();
        let token = NewToken {
            id: new_id(),
            user_id: user_id.to_owned(),
            name: request.name.trim().to_owned(),
            token_hash: opaque::digest(&secret),
            token_prefix: secret.chars().take(PREFIX_SHOWN).collect(),
            scopes: scopes
                .iter()
                .map(|scope| scope.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            created_at: at,
            expires_at: request
                .expires_in_days
                .map(|days| at + TimeDelta::days(i64::from(days))),
        };
        repo::insert(conn, &token)?;
        let stored = repo::find_active_by_hash(conn, &token.token_hash, at)?
            .ok_or_else(|| ApiError::internal("a token just created was not found"))?;
        Ok(CreatedTokenResponse {
            token: secret,
            details: stored.into(),
        })
    })
}

/// One page of the user's unrevoked tokens.
pub fn list(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<crate::pagination::Page<super::dto::TokenResponse>, ApiError> {
    let rows = repo::list(conn, user_id, after, limit as i64 + 1)?;
    Ok(crate::pagination::Page::from_rows(rows, limit, |row| row.id.clone()).map(Into::into))
}

/// Revokes one of the user's tokens; someone else's token is as unknown as none.
pub fn revoke(conn: &mut DbConnection, user_id: &str, id: &str) -> Result<(), ApiError> {
    if !repo::revoke(conn, user_id, id, now())? {
        return Err(ApiError::NotFound("no such token".into()));
    }
    Ok(())
}
