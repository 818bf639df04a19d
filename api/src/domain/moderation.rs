//! Moderators' decisions and what participants report.

use super::ContributionStatus;
use crate::text_enum;

text_enum! {
    /// A moderator's decision on a contribution.
    pub enum Decision {
        /// Publish a submitted contribution.
        Approve = "approve",
        /// Refuse it for good (a reason is required; the authors see it).
        Reject = "reject",
        /// Take a published contribution out of the gallery (a reason is required).
        Hide = "hide",
        /// Publish a hidden or rejected contribution again.
        Restore = "restore",
    }
}

impl Decision {
    /// The status this decision leads to from `from`, if it applies to it.
    pub fn apply(self, from: ContributionStatus) -> Option<ContributionStatus> {
        use ContributionStatus::*;
        match (self, from) {
            (Decision::Approve, Submitted) => Some(Published),
            (Decision::Reject, Submitted | Published) => Some(Rejected),
            (Decision::Hide, Published | Shortlisted) => Some(Hidden),
            (Decision::Restore, Hidden | Rejected) => Some(Published),
            _ => None,
        }
    }
}

text_enum! {
    /// What a report is about.
    pub enum ReportTarget {
        Contribution = "contribution",
        Comment = "comment",
    }
}
