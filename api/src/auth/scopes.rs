//! What a credential may do. A login session may do everything its user may; a personal access
//! token only what its scopes list. Every authenticated route names its scope in its extractor
//! type (`Auth<OrganizationsWrite>`), so a route cannot forget to check one.

use crate::db::text_enum::UnknownValue;
use crate::text_enum;

text_enum! {
    /// A scope a personal access token can be granted. `write` includes `read` of the same area.
    pub enum Scope {
        ProfileRead = "profile:read",
        ProfileWrite = "profile:write",
        OrganizationsRead = "organizations:read",
        OrganizationsWrite = "organizations:write",
        CampaignsRead = "campaigns:read",
        CampaignsWrite = "campaigns:write",
        ContributionsRead = "contributions:read",
        ContributionsWrite = "contributions:write",
        VotesRead = "votes:read",
        VotesWrite = "votes:write",
        /// Upload images (media are public once uploaded, so there is no `media:read`).
        MediaWrite = "media:write",
        /// A campaign's analytics, exports and participants' timelines (owners and managers).
        AnalyticsRead = "analytics:read",
        /// My pledges to funding campaigns.
        PledgesRead = "pledges:read",
        /// Pledge, change and cancel pledges (they promise money).
        PledgesWrite = "pledges:write",
        /// My claims and answers in microtask campaigns.
        TasksRead = "tasks:read",
        /// Claim tasks, answer them, extend and release leases.
        TasksWrite = "tasks:write",
    }
}

impl Scope {
    /// Whether holding `self` allows what `needed` protects: itself, and `area:write` also
    /// `area:read`.
    pub fn covers(self, needed: Scope) -> bool {
        let (held_area, held_access) = self.as_str().split_once(':').unwrap_or_default();
        let (needed_area, needed_access) = needed.as_str().split_once(':').unwrap_or_default();
        held_area == needed_area
            && (held_access == needed_access || (held_access, needed_access) == ("write", "read"))
    }

    /// A token's scopes as stored: space-separated names. An unknown name is an error, never
    /// silently dropped.
    /// Whether the scope lets a token change something (minting one needs the password).
    pub fn writes(self) -> bool {
        self.as_str().ends_with(":write")
    }

    pub fn parse_list(stored: &str) -> Result<Vec<Scope>, UnknownValue> {
        stored.split_whitespace().map(str::parse).collect()
    }

    /// The stored form of `scopes`.
    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(|scope| scope.as_str())
            .collect::<Vec<_>>()
            .join(" ")
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
requirement!(PledgesRead, Some(Scope::PledgesRead), "pledges:read");
requirement!(PledgesWrite, Some(Scope::PledgesWrite), "pledges:write");
requirement!(TasksRead, Some(Scope::TasksRead), "tasks:read");
requirement!(TasksWrite, Some(Scope::TasksWrite), "tasks:write");
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
    fn scopes_round_trip_through_their_names_and_unknown_ones_are_errors() {
        for scope in Scope::ALL {
            assert_eq!(scope.as_str().parse::<Scope>().ok(), Some(*scope));
            assert_eq!(
                serde_json::to_value(scope).unwrap(),
                scope.as_str(),
                "wire name and as_str agree"
            );
        }
        assert!("admin".parse::<Scope>().is_err());
        let stored = Scope::join(&[Scope::ProfileRead, Scope::VotesWrite]);
        assert_eq!(
            Scope::parse_list(&stored).unwrap(),
            [Scope::ProfileRead, Scope::VotesWrite]
        );
        assert!(Scope::parse_list("profile:read admin").is_err());
    }
}
