//! Wire types of `/organizations`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::{Validate, ValidationError};

use super::repo::OrganizationRow;
use crate::domain::Role;
use crate::error::ErrorCode;
use crate::validate::not_blank;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganizationRequest {
    /// The address of the brand on the platform: 3–50 lower-case letters, digits and single
    /// hyphens.
    #[validate(custom(function = "slug"))]
    #[schema(
        min_length = 3,
        max_length = 50,
        pattern = "^[a-z0-9]+(-[a-z0-9]+)*$",
        example = "acme"
    )]
    pub slug: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = "[^\\s\\u0085]",
        example = "ACME Inc."
    )]
    pub name: String,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// An http(s) address with a host; answered in canonical form (an IDN host as punycode).
    #[validate(custom(function = "web_address"))]
    #[schema(
        max_length = 200,
        pattern = "^https?://[^\\s\\u0085]+$",
        example = "https://acme.example"
    )]
    pub website: Option<String>,
}

/// Changes to an organization; omitted fields stay as they are, `website: null` removes it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganizationRequest {
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = "[^\\s\\u0085]")]
    pub name: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// An http(s) address with a host, or `null` to remove it.
    #[serde(default, deserialize_with = "crate::http::json::present")]
    #[validate(custom(function = "web_address"))]
    #[schema(value_type = Option<String>, nullable, max_length = 200, pattern = "^https?://[^\\s\\u0085]+$")]
    pub website: Option<Option<String>>,
}

pub fn slug(value: &str) -> Result<(), ValidationError> {
    let shape_ok = value.split('-').all(|part| !part.is_empty())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !(3..=50).contains(&value.len()) || !shape_ok {
        return Err(ValidationError::new(ErrorCode::FieldFormat.as_str())
            .with_message("must be 3 to 50 lower-case letters, digits and single hyphens".into()));
    }
    Ok(())
}

/// The validator's view of [`canonical_web_address`].
fn web_address(value: &str) -> Result<(), ValidationError> {
    canonical_web_address(value).map(drop)
}

/// An organization's website in the form it is stored and served: an absolute `http(s)` URL
/// with a host, as the WHATWG URL standard parses it, serialised (an IDN host as punycode, a
/// non-ASCII path percent-encoded) in at most 200 characters. The schema's pattern
/// `^https?://[^\s\u0085]+$` states the shape; the parse also refuses what no client could
/// open, such as `http://[` or a host with forbidden characters. Serving the serialised form
/// means every URL parser reads the address back the same way.
pub fn canonical_web_address(value: &str) -> Result<String, ValidationError> {
    let invalid = || {
        ValidationError::new(ErrorCode::FieldFormat.as_str())
            .with_message("must be an http(s) address".into())
    };
    let shaped = (value.starts_with("https://") || value.starts_with("http://"))
        && value.chars().count() <= 200
        && !value.chars().any(|c| c.is_whitespace() || c == '\u{feff}');
    if !shaped {
        return Err(invalid());
    }
    let url = url::Url::parse(value).map_err(|_| invalid())?;
    if url.host_str().is_none_or(str::is_empty) || url.as_str().chars().count() > 200 {
        return Err(invalid());
    }
    Ok(url.into())
}

/// A brand on the platform (public).
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationResponse {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An organization the signed-in user belongs to, and their role there.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipResponse {
    pub organization: OrganizationResponse,
    pub role: Role,
}

impl From<OrganizationRow> for OrganizationResponse {
    fn from(row: OrganizationRow) -> Self {
        OrganizationResponse {
            id: row.id,
            slug: row.slug,
            name: row.name,
            description: row.description,
            website: row.website,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        }
    }
}

/// Sets a member's role (adds the user if they are not a member yet).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutMemberRequest {
    pub role: Role,
}

/// A member of an organization (visible to its members only).
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberResponse {
    pub user_id: String,
    pub display_name: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn a_web_address_has_no_whitespace_by_either_definition() {
        assert!(web_address("https://acme.example/about").is_ok());
        for bad in [
            "ftp://acme.example",
            "https://",
            "https://a b",
            "http://a\u{85}b",
            "http://a\u{feff}b",
        ] {
            assert!(web_address(bad).is_err(), "{bad:?}");
        }
    }
}
