//! `Auth<R>`: the authenticated caller, extracted from `Authorization: Bearer <token>` before any
//! request body is read, with requirement `R` (a scope, or a login session) already enforced.
//!
//! The bearer is either a JWT access token (a login session: all scopes) or a personal access
//! token (recognised by its prefix; only its own scopes).
//!
//! A JWT is checked in two steps. Its signature, expiry and scopes are checked when the extractor
//! runs, without the database. Whether its login session still stands (not signed out, not ended
//! by a password change) is checked on the connection of the route's database work
//! ([`Auth::run`]), so a request takes one database turn rather than two. The caller is reachable
//! only through [`Auth::run`] or [`Auth::check`], so no route can act for a revoked session.

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
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ErrorCode};

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A JWT access token from login or refresh, in the login session with this id.
    Session(String),
    /// A personal access token, by id.
    PersonalToken(String),
}

/// Who is calling, their credential fully checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: String,
    pub credential: Credential,
}

/// The caller, allowed to do what `R` requires; their login session is checked by [`Auth::run`]
/// or [`Auth::check`], which alone hand the caller out.
pub struct Auth<R: Requirement> {
    claim: Claim,
    requirement: PhantomData<R>,
}

/// A credential whose signature (or, for a personal token, whose record) has been checked.
struct Claim {
    caller: Caller,
    /// Whether the login session still has to be checked against the database.
    session_unchecked: bool,
}

impl Claim {
    /// The caller, once the login session is known to stand: a session revoked since the token
    /// was issued stops its access tokens now, not when they expire.
    fn confirm(self, conn: &mut DbConnection) -> Result<Caller, ApiError> {
        if self.session_unchecked {
            let Credential::Session(session) = &self.caller.credential else {
                return Err(ApiError::internal("only a login session is checked later"));
            };
            if !sessions::is_active(conn, session, &self.caller.user_id)? {
                return Err(ApiError::new(
                    ErrorCode::AuthInvalidToken,
                    "the session of this access token has ended; sign in again",
                ));
            }
        }
        Ok(self.caller)
    }
}

impl<R: Requirement> Auth<R> {
    /// The user the credential names, before their session is checked. Only for keying per-user
    /// rate limits ahead of the database work; decisions use the caller of [`Auth::run`].
    pub fn claimed_user_id(&self) -> &str {
        &self.claim.caller.user_id
    }

    /// Runs `work` for the caller in one database turn, their session checked first on the same
    /// connection.
    pub async fn run<T, F>(self, db: &Db, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection, &Caller) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let claim = self.claim;
        db.run(move |conn| {
            let caller = claim.confirm(conn)?;
            work(conn, &caller)
        })
        .await
    }

    /// The caller, their session checked in a database turn of its own: for routes that do
    /// other work before or between their database work (hashing a password, storing a file).
    pub async fn check(self, db: &Db) -> Result<Caller, ApiError> {
        if !self.claim.session_unchecked {
            return Ok(self.claim.caller);
        }
        self.run(db, |_, caller| Ok(caller.clone())).await
    }
}

impl<R: Requirement + 'static> FromRequest for Auth<R> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let claim = claim(req);
        Box::pin(async move {
            let (claim, token_scopes) = claim.await?;
            if let Some(scopes) = &token_scopes {
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
            Ok(Auth {
                claim,
                requirement: PhantomData,
            })
        })
    }
}

/// Verifies the request's bearer credential fully, its login session included (401 without a
/// valid one), in a database turn of its own. For middleware that must know the caller before
/// the route runs. The future owns what it needs, so it may outlive the request borrow.
pub fn identify(req: &HttpRequest) -> impl Future<Output = Result<Caller, ApiError>> + 'static {
    let claim = claim(req);
    let db = req.app_data::<web::Data<Db>>().cloned();
    async move {
        let (claim, _) = claim.await?;
        if !claim.session_unchecked {
            return Ok(claim.caller);
        }
        let db = db.ok_or_else(|| ApiError::internal("Db missing from app data"))?;
        db.run(move |conn| claim.confirm(conn)).await
    }
}

/// Checks the bearer credential as far as it can be without a turn of its own: a JWT's signature
/// and expiry; a personal token's record (it has no signature), with its scopes (`None` for a
/// login session, which has every scope).
fn claim(req: &HttpRequest) -> impl Future<Output = Result<(Claim, Option<Vec<Scope>>), ApiError>> + 'static {
    let bearer = bearer_token(req);
    let issuer = req.app_data::<web::Data<TokenIssuer>>().cloned();
    let db = req.app_data::<web::Data<Db>>().cloned();
    async move {
        let token = bearer?;
        if personal_token::is_personal_token(&token) {
            let db = db.ok_or_else(|| ApiError::internal("Db missing from app data"))?;
            let granted = personal_token::authenticate(&db, token).await?;
            let caller = Caller {
                user_id: granted.user_id,
                credential: Credential::PersonalToken(granted.token_id),
            };
            let claim = Claim {
                caller,
                session_unchecked: false,
            };
            return Ok((claim, Some(granted.scopes)));
        }
        let issuer = issuer.ok_or_else(|| ApiError::internal("TokenIssuer missing from app data"))?;
        let grant = issuer.verify(&token)?;
        let caller = Caller {
            user_id: grant.user_id,
            credential: Credential::Session(grant.session_id),
        };
        let claim = Claim {
            caller,
            session_unchecked: true,
        };
        Ok((claim, None))
    }
}

/// The caller if a credential was sent, `None` for anonymous requests. A credential that is sent
/// but invalid is still a 401: a client with a broken token should learn so, not see less.
pub struct MaybeAuth<R: Requirement>(Option<Auth<R>>);

impl<R: Requirement> MaybeAuth<R> {
    /// [`Auth::run`] for a caller who may be anonymous: `work` gets the viewer's user id, if any.
    pub async fn run<T, F>(self, db: &Db, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection, Option<&str>) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let claim = self.0.map(|auth| auth.claim);
        db.run(move |conn| {
            let viewer = claim.map(|claim| claim.confirm(conn)).transpose()?;
            work(conn, viewer.as_ref().map(|caller| caller.user_id.as_str()))
        })
        .await
    }

    /// [`Auth::claimed_user_id`] for a caller who may be anonymous.
    pub fn claimed_user_id(&self) -> Option<&str> {
        self.0.as_ref().map(Auth::claimed_user_id)
    }

    /// [`Auth::check`] for a caller who may be anonymous.
    pub async fn check(self, db: &Db) -> Result<Option<Caller>, ApiError> {
        match self.0 {
            Some(auth) => auth.check(db).await.map(Some),
            None => Ok(None),
        }
    }
}

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
