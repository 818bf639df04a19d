//! Points and awards.

use crate::text_enum;

text_enum! {
    /// Why points were granted.
    pub enum PointsSource {
        /// A contribution of yours was published.
        ContributionPublished = "contribution_published",
        /// A published contribution of yours was withdrawn: its publication points go back
        /// (negative; once per contribution).
        ContributionWithdrawn = "contribution_withdrawn",
        /// You voted for a contribution (once per contribution).
        VoteCast = "vote_cast",
        /// Someone you invited took part.
        ReferralConverted = "referral_converted",
        /// Your share of an award.
        Award = "award",
        /// A task you did was approved.
        TaskApproved = "task_approved",
    }
}

text_enum! {
    /// Where an award stands: `pending -> approved -> paid`, or `cancelled` before it is paid.
    pub enum AwardStatus {
        Pending = "pending",
        Approved = "approved",
        Paid = "paid",
        Cancelled = "cancelled",
    }
}

impl AwardStatus {
    /// Whether a manager may move an award from `self` to `to`.
    pub fn may_become(self, to: AwardStatus) -> bool {
        matches!(
            (self, to),
            (
                AwardStatus::Pending,
                AwardStatus::Approved | AwardStatus::Cancelled
            ) | (AwardStatus::Approved, AwardStatus::Paid | AwardStatus::Cancelled)
        )
    }
}

text_enum! {
    /// Why someone receives part of an award.
    pub enum SplitReason {
        /// An author of the winning contribution, by their share.
        Author = "author",
        /// An author of the contribution it remixes, by the campaign's remix credit.
        RemixParent = "remix_parent",
    }
}
