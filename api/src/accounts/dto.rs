//! Wire types of `/auth`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::attribution::codes::{invitation_code, visitor_id_format};
use crate::domain::Locale;
use crate::users::dto::MeResponse;
use crate::validate::not_blank;

/// A new account.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Compared case-insensitively; stored lower-case, without the spaces around it (which count
    /// towards the 254 characters).
    #[validate(email(message = "must be an email address"), length(max = 254))]
    #[schema(format = Email, max_length = 254, example = "ada@example.com")]
    pub email: String,
    /// At least 10 characters, and not the email address.
    #[validate(length(min = 10, max = 1024, message = "must be 10 to 1024 characters long"))]
    #[schema(min_length = 10, max_length = 1024, format = Password)]
    pub password: String,
    /// The name shown to others.
    #[validate(length(min = 1, max = 80), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 80, pattern = "[^\\s\\u0085]", example = "Ada")]
    pub display_name: String,
    /// Defaults to `en`.
    pub locale: Option<Locale>,
    /// The invitation code (channel or referral) the user arrived through, if any.
    #[validate(custom(function = "invitation_code"))]
    #[schema(max_length = 64, pattern = "^[A-Za-z0-9_-]{1,64}$")]
    pub via: Option<String>,
    /// The visitor id the client sent with its visits (`POST /campaigns/{id}/visits`): the
    /// sign-up is credited to that visitor's first touch of the campaign it came from.
    #[validate(custom(function = "visitor_id_format"))]
    #[schema(min_length = 8, max_length = 64, pattern = "^[A-Za-z0-9_-]{8,64}$")]
    pub visitor_id: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254, message = "must be 1 to 254 characters long"))]
    #[schema(min_length = 1, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 1024, message = "must be 1 to 1024 characters long"))]
    #[schema(format = Password, min_length = 1, max_length = 1024)]
    pub password: String,
}

/// A refresh token to exchange (refresh) or revoke (logout).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters long"))]
    #[schema(min_length = 1, max_length = 200)]
    pub refresh_token: String,
}

/// A signed-in session: who, and the tokens to act as them.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthResponse {
    pub user: MeResponse,
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Exchange at `POST /auth/refresh` for new tokens; each refresh token works once.
    pub refresh_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}
