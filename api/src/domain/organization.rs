//! Roles in an organization (a brand).

use crate::text_enum;

text_enum! {
    /// What a member may do in an organization.
    pub enum Role {
        /// Everything, including managing owners and managers.
        Owner = "owner",
        /// Runs campaigns; adds and removes moderators and jurors.
        Manager = "manager",
        /// Moderates contributions and comments.
        Moderator = "moderator",
        /// Votes in the jury.
        Juror = "juror",
    }
}

impl Role {
    /// Owners, managers and moderators look after what the community posts.
    pub fn moderates(self) -> bool {
        matches!(self, Role::Owner | Role::Manager | Role::Moderator)
    }

    /// Owners and managers run campaigns.
    pub fn manages(self) -> bool {
        matches!(self, Role::Owner | Role::Manager)
    }
}
