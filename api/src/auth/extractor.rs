//! `Auth<R>`: the authenticated caller, extracted from `Authorization: Bearer <token>` before any
//! request body is read, with requirement `R` (a scope, or a login session) already enforced.
//!
//! The bearer is either a JWT access token (a login session: all scopes) or a personal access
//! token (recognised by its prefix; only its own scopes).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};

use super::jwt::TokenIssuer;
use super::personal_token;
use super::scopes::{Requirement, Scope};
use super::sessions;
use crate::db::Db;
use crate::error::{ApiError, ErrorCode};

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A JWT access token from login or refresh, in the login session with this id.
    Session(String),
    /// A personal access token, by id.
    PersonalToken(String),
}

/// The caller, allowed to do what `R` requires.
pub struct Auth<R: Requirement> {
    pub user_id: String,
    pub credential: Credential,
    requirement: PhantomData<R>,
}

impl<R: Requirement> Auth<R> {
    fn new(user_id: String, credential: Credential) -> Self {
        Auth {
            user_id,
            credential,
            requirement: PhantomData,
        }
    }
}

impl<R: Requirement + 'static> FromRequest for Auth<R> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = identify(req);
        Box::pin(async move {
            let caller = caller.await?;
            if let Some(scopes) = &caller.token_scopes {
                let Some(needed) = R::SCOPE else {
                    return Err(ApiError::session_required(R::NAME));
                };
                if !scopes.iter().any(|scope| scope.covers(needed)) {
                    return Err(ApiError::insufficient_scope(
                        R::NAME,
                        format!("this token lacks the `{needed}` scope"),
                    ));
                }
            }
            Ok(Auth::new(caller.user_id, caller.credential))
        })
    }
}

/// Who sent a request, before any requirement is checked.
pub struct Caller {
    pub user_id: String,
    pub credential: Credential,
    /// A personal token's scopes; `None` for a login session (every scope).
    pub token_scopes: Option<Vec<Scope>>,
}

/// Verifies the request's bearer credential (401 without a valid one). The future owns what it
/// needs, so it may outlive the request borrow.
pub fn identify(req: &HttpRequest) -> impl Future<Output = Result<Caller, ApiError>> + 'static {
    let bearer = bearer_token(req);
    let issuer = req.app_data::<web::Data<TokenIssuer>>().cloned();
    let db = req.app_data::<web::Data<Db>>().cloned();
    async move {
        let token = bearer?;
        if personal_token::is_personal_token(&token) {
            let db = db.ok_or_else(|| ApiError::internal("Db missing from app data"))?;
            let granted = personal_token::authenticate(&db, token).await?;
            return Ok(Caller {
                user_id: granted.user_id,
                credential: Credential::PersonalToken(granted.token_id),
                token_scopes: Some(granted.scopes),
            });
        }
        let issuer = issuer.ok_or_else(|| ApiError::internal("TokenIssuer missing from app data"))?;
        let grant = issuer.verify(&token)?;
        // A revoked session's access tokens stop now, not when they expire.
        let db = db.ok_or_else(|| ApiError::internal("Db missing from app data"))?;
        let (session, user) = (grant.session_id.clone(), grant.user_id.clone());
        let active = db
            .run(move |conn| Ok(sessions::is_active(conn, &session, &user)?))
            .await?;
        if !active {
            return Err(ApiError::new(
                ErrorCode::AuthInvalidToken,
                "the session of this access token has ended; sign in again",
            ));
        }
        Ok(Caller {
            user_id: grant.user_id,
            credential: Credential::Session(grant.session_id),
            token_scopes: None,
        })
    }
}

/// The caller if a credential was sent, `None` for anonymous requests. A credential that is sent
/// but invalid is still a 401: a client with a broken token should learn so, not see less.
pub struct MaybeAuth<R: Requirement>(pub Option<Auth<R>>);

impl<R: Requirement + 'static> FromRequest for MaybeAuth<R> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().get(AUTHORIZATION).is_none() {
            return Box::pin(async { Ok(MaybeAuth(None)) });
        }
        let auth = Auth::<R>::from_request(req, payload);
        Box::pin(async move { Ok(MaybeAuth(Some(auth.await?))) })
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let header = req.headers().get(AUTHORIZATION).ok_or_else(|| {
        ApiError::new(
            ErrorCode::AuthRequired,
            "this needs `Authorization: Bearer <token>`",
        )
    })?;
    let value = header.to_str().map_err(|_| {
        ApiError::new(
            ErrorCode::AuthMalformedHeader,
            "the Authorization header is not readable",
        )
    })?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(token.trim().to_owned())
        }
        _ => Err(ApiError::new(
            ErrorCode::AuthMalformedHeader,
            "the Authorization header must be `Bearer <token>`",
        )),
    }
}
