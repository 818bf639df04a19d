//! Wire types for accounts. The email appears only in [`MeResponse`], which only its owner gets.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::{Validate, ValidationError};

use super::repo::UserRow;
use crate::domain::Locale;
use crate::error::ErrorCode;
use crate::validate::{is_blank, not_blank, refusal};

/// The signed-in user's own account, with everything stored about them.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    /// Attributes the user agreed may be used for market research; `null` without consent.
    pub research: Option<ResearchProfile>,
    /// Whether the holder confirmed the address by the link mailed at sign-up.
    pub email_verified: bool,
    pub created_at: DateTime<Utc>,
}

impl From<UserRow> for MeResponse {
    fn from(row: UserRow) -> Self {
        let research = row.research_consent.then(|| ResearchProfile {
            country: row.country.clone(),
            birth_year: row.birth_year,
            interests: row.interests.as_deref().map(decode_interests).unwrap_or_default(),
        });
        MeResponse {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            locale: row.locale,
            research,
            email_verified: row.email_verified_at.is_some(),
            created_at: row.created_at.and_utc(),
        }
    }
}

/// Profile attributes for market research, stored only with the user's consent: sending this
/// object gives consent and replaces the stored attributes.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResearchProfile {
    /// ISO 3166-1 alpha-2 country code.
    #[validate(custom(function = "country_code"))]
    #[schema(pattern = "^[A-Z]{2}$", example = "DE")]
    pub country: Option<String>,
    #[validate(range(min = 1900, max = 2100, message = "must be between 1900 and 2100"))]
    #[schema(minimum = 1900, maximum = 2100)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    #[validate(custom(function = "interest_list"))]
    #[schema(schema_with = interests_schema)]
    pub interests: Vec<String>,
}

/// What anyone may see of a user: never the email.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicUserResponse {
    pub id: String,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<UserRow> for PublicUserResponse {
    fn from(row: UserRow) -> Self {
        PublicUserResponse {
            id: row.id,
            display_name: row.display_name,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// Changes to the signed-in user's profile; omitted fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    #[validate(length(min = 1, max = 80), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 80, pattern = "[^\\s\\u0085]")]
    pub display_name: Option<String>,
    pub locale: Option<Locale>,
    /// An object gives research consent and replaces the research attributes; `null` withdraws
    /// consent and deletes them.
    #[serde(default, deserialize_with = "crate::http::json::present")]
    #[validate(nested)]
    #[schema(value_type = Option<ResearchProfile>, nullable)]
    pub research: Option<Option<ResearchProfile>>,
}

/// Up to 20 interests of 1 to 40 characters, each with something other than spaces (utoipa's
/// field attributes cannot constrain the items of a list).
fn interests_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let item = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(40))
        .pattern(Some("[^\\s\\u0085]"));
    ArrayBuilder::new().items(item).max_items(Some(20)).build()
}

// validator calls these only for present, non-null values.
fn country_code(code: &str) -> Result<(), ValidationError> {
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(ValidationError::new(ErrorCode::FieldFormat.as_str())
        .with_message("must be an ISO 3166-1 alpha-2 code such as DE".into()))
}

fn interest_list(interests: &[String]) -> Result<(), ValidationError> {
    if interests.len() > 20 || interests.iter().any(|i| is_blank(i) || i.chars().count() > 40) {
        return Err(refusal(
            ErrorCode::FieldLength,
            "at most 20 interests of 1 to 40 characters each",
            Some(20),
        ));
    }
    Ok(())
}

/// Interests are stored as a JSON array in a text column (portable across both databases).
pub fn encode_interests(interests: &[String]) -> String {
    serde_json::to_string(interests).unwrap_or_else(|_| "[]".into())
}

pub fn decode_interests(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Finding people to add as co-authors or members.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserSearchQuery {
    /// Part of a display name (2 to 80 characters), case-insensitive.
    #[param(min_length = 2, max_length = 80)]
    pub q: Option<String>,
    /// An exact email address: answers the one account with it, or none. Limited per minute like
    /// sign-in attempts, so nobody checks a list of addresses.
    #[param(max_length = 254)]
    pub email: Option<String>,
}
