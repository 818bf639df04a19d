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

text_enum! {
    /// What kind of problem a report is about.
    pub enum ReportCategory {
        /// Advertising, repeated or machine-made content.
        Spam = "spam",
        /// Insulting, hateful or otherwise against the rules of conduct.
        Offensive = "offensive",
        /// Someone else's work or trademark.
        Copyright = "copyright",
        /// Does not answer the campaign's brief.
        OffBrief = "off_brief",
        /// Anything else; the reason says what.
        Other = "other",
    }
}

text_enum! {
    /// How a moderator settles the reports on a subject.
    pub enum ReportAction {
        /// The reports were unfounded: the subject stays as it is.
        Keep = "keep",
        /// Take the subject out of view (a reason is required; its authors see it).
        Hide = "hide",
        /// Refuse a contribution for good (a reason is required; its authors see it).
        Reject = "reject",
    }
}
