//! Personal access tokens: creation with validated scopes, listing and revocation (a presented
//! token is verified by `auth::personal_token`).

use chrono::TimeDelta;

use super::PREFIX_SHOWN;
use super::dto::{CreateTokenRequest, CreatedTokenResponse, TokenResponse};
use super::repo::{self, NewToken};
use crate::auth::opaque;
use crate::auth::personal_token::PREFIX;
use crate::auth::scopes::Scope;
use crate::db::{DbConnection, write_transaction};
use crate::error::{ApiError, ErrorCode};
use crate::ids::{new_id, now};
use crate::pagination::KeyedPage;

/// A user may hold this many unrevoked tokens.
const MAX_ACTIVE_TOKENS: i64 = 50;

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
            return Err(ApiError::new(
                ErrorCode::TokenLimitReached,
                format!("you already have {MAX_ACTIVE_TOKENS} tokens; revoke one first"),
            )
            .param("max", MAX_ACTIVE_TOKENS));
        }
        let secret = opaque::generate(PREFIX);
        let at = now();
        let token = NewToken {
            id: new_id(),
            user_id: user_id.to_owned(),
            name: request.name.trim().to_owned(),
            token_hash: opaque::digest(&secret),
            token_prefix: secret.chars().take(PREFIX_SHOWN).collect(),
            scopes: Scope::join(&scopes),
            created_at: at,
            expires_at: request
                .expires_in_days
                .map(|days| at + TimeDelta::days(i64::from(days))),
        };
        repo::insert(conn, &token)?;
        let stored = repo::find(conn, &token.id)?;
        Ok(CreatedTokenResponse {
            token: secret,
            details: TokenResponse::try_from(stored)?,
        })
    })
}

/// One page of the user's unrevoked tokens.
pub fn list(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<TokenResponse>, ApiError> {
    let rows = repo::list(conn, user_id, after, limit as i64 + 1)?;
    KeyedPage::from_rows(rows, limit, |row| row.id.clone()).try_map(TokenResponse::try_from)
}

/// Revokes one of the user's tokens; someone else's token is as unknown as none.
pub fn revoke(conn: &mut DbConnection, user_id: &str, id: &str) -> Result<(), ApiError> {
    if !repo::revoke(conn, user_id, id, now())? {
        return Err(ApiError::not_found("token"));
    }
    Ok(())
}
