//! Access tokens: short-lived JWTs, HS256 only, with issuer, audience, expiry, issue time,
//! subject and token type all required and checked.

use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::JwtSecret;
use crate::error::{ApiError, ErrorCode};

pub const ISSUER: &str = "schwarm";
pub const AUDIENCE: &str = "schwarm-api";
const ACCESS: &str = "access";
/// Tolerated clock difference between replicas.
const LEEWAY_SECS: u64 = 30;

#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    iss: String,
    aud: String,
    sub: String,
    iat: i64,
    exp: i64,
    /// Always `access`: nothing else this server could sign is accepted as an access token.
    typ: String,
    /// The login session the token belongs to: revoking it stops the token at once. A token
    /// without one is refused.
    #[serde(default)]
    sid: String,
}

/// Who an access token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessGrant {
    pub user_id: String,
    pub session_id: String,
}

/// Signs and checks access tokens; shared by all workers.
pub struct TokenIssuer {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl TokenIssuer {
    pub fn new(secret: &JwtSecret, ttl: Duration) -> Self {
        // Pinned to HS256: a token declaring any other algorithm (or `none`) is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.leeway = LEEWAY_SECS;
        TokenIssuer {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            ttl,
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new access token for `user_id` in the login session `session_id`.
    pub fn issue(&self, user_id: &str, session_id: &str) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.into(),
            iat: now,
            exp: now + i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX / 2),
            typ: ACCESS.into(),
            sid: session_id.into(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// The user and session of a valid access token (the session is checked by the caller);
    /// every failure is the same 401 to the client.
    pub fn verify(&self, token: &str) -> Result<AccessGrant, ApiError> {
        let invalid = || {
            ApiError::new(
                ErrorCode::AuthInvalidToken,
                "the access token is invalid or expired",
            )
        };
        let data =
            jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation).map_err(|err| {
                log::debug!("access token refused: {err}");
                invalid()
            })?;
        if data.claims.typ != ACCESS || data.claims.sub.is_empty() || data.claims.sid.is_empty() {
            return Err(invalid());
        }
        Ok(AccessGrant {
            user_id: data.claims.sub,
            session_id: data.claims.sid,
        })
    }
}
