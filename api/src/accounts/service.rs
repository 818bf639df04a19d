//! Account and session rules: registration, sessions as refresh-token families, rotation with
//! theft detection, logout.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use super::links::{self, LinkPurpose};
use super::repo::{self, NewRefreshToken, RefreshTokenRow};
use crate::attribution;
use crate::auth::sessions::{self, SessionRow};
use crate::auth::{opaque, password};
use crate::db::{Db, DbConnection, write_transaction};
use crate::domain::Locale;
use crate::error::{ApiError, ErrorCode};
use crate::ids::{new_id, now};
use crate::users::repo::{self as users, NewUser, UserRow};

/// Refresh tokens start with this, so they are recognisable in logs and secret scanners.
const REFRESH_PREFIX: &str = "srt_";
/// A token presented again this soon after its own use, while its successor is still unused, is
/// the client's own parallel refresh (two tabs, a retry), not a replay.
const PARALLEL_REFRESH_GRACE: TimeDelta = TimeDelta::seconds(10);

/// A user, their session and a fresh refresh token (the access token is signed by the handler).
pub struct Session {
    pub id: String,
    pub user: UserRow,
    pub refresh_token: String,
}

/// What `register` needs; the password is already hashed (hashing is kept off the connection).
pub struct NewAccount {
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub locale: Locale,
    pub via: Option<String>,
    pub visitor_id: Option<String>,
    pub user_agent: Option<String>,
}

/// Emails are unique case-insensitively: stored trimmed and lower-case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The password policy beyond length (checked by the DTO): it must not be the email.
pub fn check_password_policy(password: &str, email: &str, field: &str) -> Result<(), ApiError> {
    if normalize_email(password) == normalize_email(email) {
        return Err(ApiError::invalid(
            field,
            ErrorCode::PasswordIsEmail,
            "must not be the email address",
        ));
    }
    Ok(())
}

/// Creates the account and credits the sign-up to the campaign and first touch it came through
/// (`at` is the domain clock's instant, which dates the sign-up in the analytics).
pub fn register(
    conn: &mut DbConnection,
    account: NewAccount,
    ttl: Duration,
    public_url: &str,
    at_domain: NaiveDateTime,
) -> Result<Session, ApiError> {
    write_transaction(conn, |conn| {
        if users::email_taken(conn, &account.email)? {
            return Err(ApiError::new(
                ErrorCode::EmailTaken,
                "an account with this email already exists",
            ));
        }
        let at = now();
        let user_id = new_id();
        users::insert(
            conn,
            &NewUser {
                id: user_id.clone(),
                email: account.email,
                password_hash: account.password_hash,
                display_name: account.display_name.trim().to_owned(),
                locale: account.locale,
                research_consent: false,
                signup_via: account.via.clone(),
                created_at: at,
                updated_at: at,
            },
        )?;
        attribution::on_sign_up(
            conn,
            &user_id,
            account.via.as_deref(),
            account.visitor_id.as_deref(),
            at_domain,
        )?;
        let user = users::find(conn, &user_id)?.ok_or_else(|| ApiError::internal("account vanished"))?;
        links::send(conn, &user, LinkPurpose::EmailVerification, public_url, at)?;
        start_session(conn, &user_id, account.user_agent.as_deref(), ttl)
    })
}

/// Signs in with email (normalised) and password. A wrong email costs the same argon2
/// verification as a wrong password and answers the same, so neither reveals an account. The
/// deliberately slow verification runs on a blocking thread without holding a connection.
pub async fn login(
    db: &Db,
    email: String,
    password: String,
    user_agent: Option<String>,
    ttl: Duration,
) -> Result<Session, ApiError> {
    let user = db
        .run(move |conn| Ok(users::find_by_email(conn, &email)?))
        .await?;
    let stored = user.as_ref().map(|user| user.password_hash.clone());
    let rehash = stored
        .as_deref()
        .is_some_and(password::outdated)
        .then(|| password.clone());
    let valid = password::verify_limited(password, stored).await?;
    match user {
        Some(user) if valid => {
            // The password is proven: an outdated hash of it is replaced now, while we have it.
            let upgrade = match rehash {
                Some(password) => Some(password::hash_limited(password).await?),
                None => None,
            };
            db.run(move |conn| {
                if let Some(new) = &upgrade {
                    users::rehash_password(conn, &user.id, &user.password_hash, new)?;
                }
                start_session(conn, &user.id, user_agent.as_deref(), ttl)
            })
            .await
        }
        _ => Err(ApiError::new(
            ErrorCode::AuthWrongCredentials,
            "wrong email or password",
        )),
    }
}

/// Opens a new session (a new refresh-token family) for a user who just proved who they are.
pub fn start_session(
    conn: &mut DbConnection,
    user_id: &str,
    user_agent: Option<&str>,
    ttl: Duration,
) -> Result<Session, ApiError> {
    let at = now();
    let id = new_id();
    sessions::insert(
        conn,
        &SessionRow {
            id: id.clone(),
            user_id: user_id.to_owned(),
            user_agent: user_agent.map(|agent| agent.chars().take(200).collect()),
            created_at: at,
            last_used_at: at,
            revoked_at: None,
        },
    )?;
    let (refresh_token, _) = issue_refresh_token(conn, user_id, &id, ttl)?;
    let user = users::find(conn, user_id)?
        .ok_or_else(|| ApiError::new(ErrorCode::AuthAccountGone, "no such account"))?;
    Ok(Session {
        id,
        user,
        refresh_token,
    })
}

/// Ends every session of `user_id` (an account deleted).
pub fn end_all_sessions(conn: &mut DbConnection, user_id: &str, at: NaiveDateTime) -> Result<(), ApiError> {
    let standing = sessions::revoke_all_but(conn, user_id, None, at)?;
    end_sessions(conn, &standing, at)
}

/// Ends sessions: their refresh tokens and (through the extractor's check) their access tokens.
pub fn end_sessions(conn: &mut DbConnection, ids: &[String], at: NaiveDateTime) -> Result<(), ApiError> {
    for id in ids {
        sessions::revoke(conn, id, at)?;
        repo::revoke_family(conn, id, at)?;
    }
    Ok(())
}

/// Issues a new refresh token in the family; returns the secret and the new token's id.
fn issue_refresh_token(
    conn: &mut DbConnection,
    user_id: &str,
    family_id: &str,
    ttl: Duration,
) -> Result<(String, String), ApiError> {
    let token = opaque::generate(REFRESH_PREFIX);
    let at = now();
    let id = new_id();
    repo::insert(
        conn,
        &NewRefreshToken {
            id: id.clone(),
            family_id: family_id.to_owned(),
            user_id: user_id.to_owned(),
            token_hash: opaque::digest(&token),
            created_at: at,
            expires_at: at + TimeDelta::from_std(ttl).map_err(ApiError::internal)?,
        },
    )?;
    Ok((token, id))
}

enum Rotation {
    Rotated(Box<Session>),
    /// The token was used before and the session has moved on: it was stolen, or is replayed.
    /// The family is revoked, which must be committed, so this is not an `Err` inside the
    /// transaction.
    Replayed,
}

/// Exchanges a refresh token for a new one of the same family. A token presented again after
/// the session moved on (its successor was used, or the grace period passed) revokes the whole
/// family, so a thief and the owner are both signed out and the owner notices. The client's own
/// parallel refresh (within seconds, successor still unused) is refused without revoking, so the
/// winner's new token stays good; the loser gets no tokens, so a thief gains nothing from it.
pub fn rotate(conn: &mut DbConnection, presented: &str, ttl: Duration) -> Result<Session, ApiError> {
    let hash = opaque::digest(presented);
    let outcome = write_transaction(conn, |conn| {
        let Some(token) = repo::find_by_hash(conn, &hash)? else {
            return Err(invalid_refresh("the refresh token is not valid"));
        };
        if token.revoked_at.is_some() {
            return Err(invalid_refresh("the refresh token was revoked; sign in again"));
        }
        let at = now();
        if token.used_at.is_some() || !repo::mark_used(conn, &token.id, at)? {
            // Read again: a parallel refresh may have just used it (and committed).
            let used = repo::find_by_id(conn, &token.id)?.ok_or_else(|| invalid_refresh("unknown"))?;
            if is_parallel_refresh(conn, &used, at)? {
                return Err(invalid_refresh(
                    "this refresh token was just exchanged by another request; use the newest tokens",
                ));
            }
            end_sessions(conn, std::slice::from_ref(&token.family_id), at)?;
            return Ok(Rotation::Replayed);
        }
        if token.expires_at <= at {
            return Err(invalid_refresh("the refresh token has expired; sign in again"));
        }
        let (refresh_token, successor) = issue_refresh_token(conn, &token.user_id, &token.family_id, ttl)?;
        repo::set_replaced_by(conn, &token.id, &successor)?;
        sessions::touch(conn, &token.family_id, at)?;
        let user = users::find(conn, &token.user_id)?.ok_or_else(|| invalid_refresh("no such account"))?;
        Ok(Rotation::Rotated(Box::new(Session {
            id: token.family_id,
            user,
            refresh_token,
        })))
    })?;
    match outcome {
        Rotation::Rotated(session) => Ok(*session),
        Rotation::Replayed => {
            log::warn!("a used refresh token was presented again; its session was revoked");
            Err(invalid_refresh(
                "the refresh token was already used; the session is revoked, sign in again",
            ))
        }
    }
}

/// The user a refresh token belongs to, if it is one of ours (for the per-account limit).
pub fn refresh_token_owner(conn: &mut DbConnection, presented: &str) -> Result<Option<String>, ApiError> {
    Ok(repo::find_by_hash(conn, &opaque::digest(presented))?.map(|token| token.user_id))
}

/// Whether a used token presented again is its owner's own parallel refresh: used moments ago,
/// and its successor neither used nor revoked since.
fn is_parallel_refresh(
    conn: &mut DbConnection,
    used: &RefreshTokenRow,
    at: NaiveDateTime,
) -> Result<bool, ApiError> {
    let recent = used
        .used_at
        .is_some_and(|used_at| at - used_at <= PARALLEL_REFRESH_GRACE);
    let successor = match &used.replaced_by {
        Some(id) if recent => repo::find_by_id(conn, id)?,
        _ => return Ok(false),
    };
    Ok(successor.is_some_and(|next| next.used_at.is_none() && next.revoked_at.is_none()))
}

/// Ends the session the refresh token belongs to. Unknown tokens are ignored: logging out
/// twice is not an error.
pub fn logout(conn: &mut DbConnection, presented: &str) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        if let Some(token) = repo::find_by_hash(conn, &opaque::digest(presented))? {
            end_sessions(conn, std::slice::from_ref(&token.family_id), now())?;
        }
        Ok(())
    })
}

fn invalid_refresh(message: &str) -> ApiError {
    ApiError::new(ErrorCode::AuthInvalidRefreshToken, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_passwords_may_not_be_the_email() {
        assert_eq!(normalize_email("  Ada@Example.COM "), "ada@example.com");
        assert!(check_password_policy("ADA@example.com", "ada@example.com", "password").is_err());
        assert!(check_password_policy("a long passphrase", "ada@example.com", "password").is_ok());
    }
}
