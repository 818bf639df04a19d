//! Where a contribution stands.

use crate::text_enum;

text_enum! {
    /// Where a contribution stands.
    pub enum ContributionStatus {
        /// Waiting for a moderator (campaigns that require approval).
        Submitted = "submitted",
        /// Visible in the gallery.
        Published = "published",
        Rejected = "rejected",
        Hidden = "hidden",
        /// Taken back by its authors.
        Withdrawn = "withdrawn",
        Shortlisted = "shortlisted",
        Winner = "winner",
    }
}

impl ContributionStatus {
    /// The statuses the public gallery shows (and votes, comments and awards may reach).
    pub const PUBLIC: [ContributionStatus; 3] = [
        ContributionStatus::Published,
        ContributionStatus::Shortlisted,
        ContributionStatus::Winner,
    ];

    /// Shown in the public gallery.
    pub fn is_public(self) -> bool {
        Self::PUBLIC.contains(&self)
    }
}
