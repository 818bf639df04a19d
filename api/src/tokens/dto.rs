//! Wire types of `/me/tokens`. The secret appears once, in [`CreatedTokenResponse`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::repo::TokenRow;
use crate::auth::scopes::Scope;
use crate::error::ApiError;
use crate::validate::not_blank;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTokenRequest {
    /// What the token is for, e.g. "CRM sync".
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = "[^\\s\\u0085]")]
    pub name: String,
    /// What the token may do (`write` includes `read` of the same area).
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10, example = json!(["organizations:read"]))]
    pub scopes: Vec<Scope>,
    /// Days until the token stops working; omit for a token that works until revoked.
    #[validate(range(min = 1, max = 3650))]
    #[schema(minimum = 1, maximum = 3650)]
    pub expires_in_days: Option<u32>,
    /// Your password: needed when any scope writes (a token that can act for you is minted
    /// only by you, not by whoever finds an open session).
    #[validate(length(min = 1, max = 1024, message = "must be 1 to 1024 characters long"))]
    #[schema(format = Password, min_length = 1, max_length = 1024)]
    pub password: Option<String>,
}

/// A personal access token, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub id: String,
    pub name: String,
    /// The secret's first characters, to tell tokens apart.
    #[schema(example = "swm_pat_Xy3k")]
    pub token_prefix: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl TryFrom<TokenRow> for TokenResponse {
    type Error = ApiError;

    /// Fails on a stored scope the server does not know (never dropped silently).
    fn try_from(row: TokenRow) -> Result<Self, ApiError> {
        Ok(TokenResponse {
            scopes: Scope::parse_list(&row.scopes).map_err(ApiError::internal)?,
            id: row.id,
            name: row.name,
            token_prefix: row.token_prefix,
            created_at: row.created_at.and_utc(),
            expires_at: row.expires_at.map(|at| at.and_utc()),
            last_used_at: row.last_used_at.map(|at| at.and_utc()),
        })
    }
}

/// A new token with its secret: shown this once, never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedTokenResponse {
    /// Send as `Authorization: Bearer <token>`. Store it now: it cannot be shown again.
    pub token: String,
    #[serde(flatten)]
    pub details: TokenResponse,
}
