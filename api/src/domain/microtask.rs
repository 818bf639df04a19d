//! Micro-tasking's typed values: how the next task is chosen, when a task retires, and where a
//! claim on one of a task's slots stands, with the legal moves between its states.

use crate::text_enum;

text_enum! {
    /// Which task `POST /campaigns/{id}/tasks/next` hands out.
    pub enum TaskStrategy {
        /// Tasks closest to done first: results arrive early, task by task.
        DepthFirst = "depth_first",
        /// Tasks with the fewest answers first: every task gets a first answer early.
        BreadthFirst = "breadth_first",
        /// Any task with a free slot (within the highest priority that has one).
        Random = "random",
    }
}

text_enum! {
    /// When a task stops taking answers.
    pub enum RetirementRule {
        /// After `redundancy` answers.
        Count = "count",
        /// As soon as `consensus_k` answers agree, else after `redundancy` answers.
        Consensus = "consensus",
        /// Never: a task stays available (as `completed` once it has its answers).
        Never = "never",
    }
}

text_enum! {
    /// Why a task retired.
    pub enum RetirementReason {
        /// It had all the answers it wanted.
        Count = "count",
        /// Enough answers agreed before it had all of them.
        Consensus = "consensus",
    }
}

text_enum! {
    /// Where a claim stands: a lease (`active`) that ends `released`, `expired` or `submitted`;
    /// a submitted answer is reviewed `approved` or `rejected`, and a rejection may be
    /// overturned to `approved`.
    pub enum ClaimStatus {
        /// The worker holds one of the task's slots until `lease_expires_at`.
        Active = "active",
        /// The worker gave the slot back.
        Released = "released",
        /// The lease ran out before an answer came; the slot went back.
        Expired = "expired",
        /// Answered; waiting for review (or for automatic approval).
        Submitted = "submitted",
        /// Approved: the answer counts and its points are paid.
        Approved = "approved",
        /// Rejected with a reason the worker sees; the slot went back.
        Rejected = "rejected",
    }
}

impl ClaimStatus {
    /// The states in which a worker has taken (or still takes) a task: they block a second
    /// claim of the same task by the same worker.
    pub const LIVE: [ClaimStatus; 4] = [
        ClaimStatus::Active,
        ClaimStatus::Submitted,
        ClaimStatus::Approved,
        ClaimStatus::Rejected,
    ];

    /// States whose answer counts toward the task's result.
    pub const ANSWERED: [ClaimStatus; 2] = [ClaimStatus::Submitted, ClaimStatus::Approved];

    /// Whether a claim may move from `self` to `to`.
    pub fn can_become(self, to: ClaimStatus) -> bool {
        use ClaimStatus::*;
        matches!(
            (self, to),
            (Active, Released | Expired | Submitted)
                | (Submitted, Approved | Rejected)
                | (Rejected, Approved)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ClaimStatus::{self, *};

    #[test]
    fn a_claim_moves_forward_only() {
        assert!(Active.can_become(Submitted));
        assert!(Submitted.can_become(Rejected));
        assert!(Rejected.can_become(Approved), "a rejection can be overturned");
        assert!(!Approved.can_become(Rejected), "an approval is final");
        assert!(!Expired.can_become(Submitted), "an expired lease takes no answer");
        assert!(!Released.can_become(Active));
        for status in ClaimStatus::ALL {
            assert!(!status.can_become(*status));
        }
    }
}
