//! What a credential may do. A login session may do everything its user may; a personal access
//! token only what its scopes list. Every authenticated route names its scope in its extractor
//! type (`Auth<OrganizationsWrite>`), so a route cannot forget to check one.

use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A scope a personal access token can be granted. `write` includes `read` of the same area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Scope {
    #[serde(rename = "profile:read")]
    ProfileRead,
    #[serde(rename = "profile:write")]
    ProfileWrite,
    #[serde(rename = "organizations:read")]
    OrganizationsRead,
    #[serde(rename = "organizations:write")]
    OrganizationsWrite,
    #[serde(rename = "campaigns:read")]
    CampaignsRead,
    #[serde(rename = "campaigns:write")]
    CampaignsWrite,
    #[serde(rename = "contributions:read")]
    ContributionsRead,
    #[serde(rename = "contributions:write")]
    ContributionsWrite,
    #[serde(rename = "votes:read")]
    VotesRead,
    #[serde(rename = "votes:write")]
    VotesWrite,
    /// Upload images (media are public once uploaded, so there is no `media:read`).
    #[serde(rename = "media:write")]
    MediaWrite,
    /// A campaign's analytics, exports and participants' timelines (owners and managers).
    #[serde(rename = "analytics:read")]
    AnalyticsRead,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ProfileRead => "profile:read",
            Scope::ProfileWrite => "profile:write",
            Scope::OrganizationsRead => "organizations:read",
            Scope::OrganizationsWrite => "organizations:write",
            Scope::CampaignsRead => "campaigns:read",
            Scope::CampaignsWrite => "campaigns:write",
            Scope::ContributionsRead => "contributions:read",
            Scope::ContributionsWrite => "contributions:write",
            Scope::VotesRead => "votes:read",
            Scope::VotesWrite => "votes:write",
            Scope::MediaWrite => "media:write",
            Scope::AnalyticsRead => "analytics:read",
        }
    }

    /// By the same names as the wire format, so a new scope can never be missing here.
    pub fn parse(raw: &str) -> Option<Scope> {
        serde_json::from_value(serde_json::Value::String(raw.to_owned())).ok()
    }

    /// Whether holding `self` allows what `needed` protects: itself, and `area:write` also
    /// `area:read`.
    pub fn covers(self, needed: Scope) -> bool {
        let (held_area, held_access) = self.as_str().split_once(':').unwrap_or_default();
        let (needed_area, needed_access) = needed.as_str().split_once(':').unwrap_or_default();
        held_area == needed_area
            && (held_access == needed_access || (held_access, needed_access) == ("write", "read"))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a route requires of the credential, as a type parameter of [`super::Auth`].
pub trait Requirement {
    /// `None`: only a login session will do (managing tokens must never be possible with a
    /// token, or a leaked token could mint itself successors).
    const SCOPE: Option<Scope>;
    /// The name shown in the OpenAPI security requirement and in 403 challenges.
    const NAME: &'static str;
}

macro_rules! requirement {
    ($name:ident, $scope:expr, $label:literal) => {
        #[doc = concat!("Requires `", $label, "`.")]
        pub struct $name;
        impl Requirement for $name {
            const SCOPE: Option<Scope> = $scope;
            const NAME: &'static str = $label;
        }
    };
}

requirement!(ProfileRead, Some(Scope::ProfileRead), "profile:read");
requirement!(ProfileWrite, Some(Scope::ProfileWrite), "profile:write");
requirement!(
    OrganizationsRead,
    Some(Scope::OrganizationsRead),
    "organizations:read"
);
requirement!(
    OrganizationsWrite,
    Some(Scope::OrganizationsWrite),
    "organizations:write"
);
requirement!(CampaignsRead, Some(Scope::CampaignsRead), "campaigns:read");
requirement!(CampaignsWrite, Some(Scope::CampaignsWrite), "campaigns:write");
requirement!(
    ContributionsRead,
    Some(Scope::ContributionsRead),
    "contributions:read"
);
requirement!(
    ContributionsWrite,
    Some(Scope::ContributionsWrite),
    "contributions:write"
);
requirement!(VotesRead, Some(Scope::VotesRead), "votes:read");
requirement!(VotesWrite, Some(Scope::VotesWrite), "votes:write");
requirement!(MediaWrite, Some(Scope::MediaWrite), "media:write");
requirement!(AnalyticsRead, Some(Scope::AnalyticsRead), "analytics:read");
requirement!(SessionOnly, None, "session");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_covers_read_of_the_same_area_only() {
        assert!(Scope::ProfileWrite.covers(Scope::ProfileRead));
        assert!(Scope::OrganizationsWrite.covers(Scope::OrganizationsRead));
        assert!(!Scope::ProfileRead.covers(Scope::ProfileWrite));
        assert!(!Scope::ProfileWrite.covers(Scope::OrganizationsRead));
        assert!(!Scope::OrganizationsRead.covers(Scope::OrganizationsWrite));
        assert!(Scope::CampaignsWrite.covers(Scope::CampaignsRead));
        assert!(Scope::ContributionsWrite.covers(Scope::ContributionsRead));
        assert!(!Scope::CampaignsWrite.covers(Scope::ContributionsRead));
    }

    #[test]
    fn scopes_round_trip_through_their_names() {
        let all = [
            Scope::ProfileRead,
            Scope::ProfileWrite,
            Scope::OrganizationsRead,
            Scope::OrganizationsWrite,
            Scope::CampaignsRead,
            Scope::CampaignsWrite,
            Scope::ContributionsRead,
            Scope::ContributionsWrite,
        ];
        for scope in all {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
            assert_eq!(
                serde_json::to_value(scope).unwrap(),
                scope.as_str(),
                "wire name and as_str agree"
            );
        }
        assert_eq!(Scope::parse("admin"), None);
    }
}
