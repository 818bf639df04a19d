//! Who may do what in an organization: the member's role, and the checks every resource of an
//! organization (campaigns, moderation, analytics) makes with it. [`authorize`] is the one place
//! that decides what a member may do to the organization itself.

use crate::db::DbConnection;
use crate::domain::Role;
use crate::error::{ApiError, ErrorCode};

use super::repo;

/// The user's role in the organization, `None` for non-members.
pub fn role_of(
    conn: &mut DbConnection,
    organization_id: &str,
    user_id: &str,
) -> Result<Option<Role>, ApiError> {
    Ok(repo::role_of(conn, organization_id, user_id)?)
}

fn not_member() -> ApiError {
    ApiError::new(ErrorCode::NotMember, "you are not a member of this organization")
}

/// Owners and managers run campaigns.
pub fn require_manager(role: Option<Role>) -> Result<(), ApiError> {
    match role {
        Some(role) if role.manages() => Ok(()),
        Some(_) => Err(ApiError::new(
            ErrorCode::ManagersOnly,
            "only owners and managers run campaigns",
        )),
        None => Err(not_member()),
    }
}

/// Owners, managers and moderators look after what the community posts.
pub fn require_staff(role: Option<Role>) -> Result<(), ApiError> {
    match role.is_some_and(Role::moderates) {
        true => Ok(()),
        false => Err(ApiError::new(
            ErrorCode::StaffOnly,
            "only the organization's moderators, managers and owners moderate",
        )),
    }
}

/// Something a user wants to do in an organization.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    ViewMembers,
    Update,
    /// Give `target` the role `new` (adding them when `current` is `None`).
    SetMember {
        current: Option<Role>,
        new: Role,
    },
    /// Remove a member who has `current`; `own` when members remove themselves.
    RemoveMember {
        current: Role,
        own: bool,
    },
}

/// May a user with `actor` (their role, `None` for non-members) do `action`?
pub fn authorize(actor: Option<Role>, action: Action) -> Result<(), ApiError> {
    let Some(actor) = actor else {
        return Err(not_member());
    };
    let staff = |role: Option<Role>| matches!(role, None | Some(Role::Moderator | Role::Juror));
    let allowed = match action {
        Action::ViewMembers => true,
        Action::Update => matches!(actor, Role::Owner | Role::Manager),
        Action::SetMember { current, new } => match actor {
            Role::Owner => true,
            Role::Manager => staff(current) && staff(Some(new)),
            Role::Moderator | Role::Juror => false,
        },
        Action::RemoveMember { current, own } => {
            own || actor == Role::Owner || (actor == Role::Manager && staff(Some(current)))
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(
            ApiError::new(ErrorCode::RoleInsufficient, format!("a {actor} may not do this"))
                .param("role", actor.as_str()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(actor: Option<Role>, action: Action) -> bool {
        authorize(actor, action).is_ok()
    }

    #[test]
    fn non_members_may_do_nothing() {
        assert!(!allowed(None, Action::ViewMembers));
        assert!(!allowed(None, Action::Update));
        assert!(!allowed(
            None,
            Action::SetMember {
                current: None,
                new: Role::Juror
            }
        ));
    }

    #[test]
    fn owners_may_do_everything() {
        assert!(allowed(Some(Role::Owner), Action::Update));
        assert!(allowed(
            Some(Role::Owner),
            Action::SetMember {
                current: Some(Role::Manager),
                new: Role::Owner
            }
        ));
        assert!(allowed(
            Some(Role::Owner),
            Action::RemoveMember {
                current: Role::Owner,
                own: false
            }
        ));
    }

    #[test]
    fn managers_manage_moderators_and_jurors_only() {
        let manager = Some(Role::Manager);
        assert!(allowed(manager, Action::Update));
        assert!(allowed(
            manager,
            Action::SetMember {
                current: None,
                new: Role::Moderator
            }
        ));
        assert!(allowed(
            manager,
            Action::SetMember {
                current: Some(Role::Juror),
                new: Role::Moderator
            }
        ));
        assert!(!allowed(
            manager,
            Action::SetMember {
                current: None,
                new: Role::Manager
            }
        ));
        assert!(!allowed(
            manager,
            Action::SetMember {
                current: Some(Role::Owner),
                new: Role::Juror
            }
        ));
        assert!(!allowed(
            manager,
            Action::RemoveMember {
                current: Role::Owner,
                own: false
            }
        ));
        assert!(allowed(
            manager,
            Action::RemoveMember {
                current: Role::Juror,
                own: false
            }
        ));
    }

    #[test]
    fn moderators_and_jurors_only_view_and_leave() {
        for role in [Role::Moderator, Role::Juror] {
            assert!(allowed(Some(role), Action::ViewMembers));
            assert!(!allowed(Some(role), Action::Update));
            assert!(!allowed(
                Some(role),
                Action::SetMember {
                    current: None,
                    new: Role::Juror
                }
            ));
            assert!(allowed(
                Some(role),
                Action::RemoveMember {
                    current: role,
                    own: true
                }
            ));
            assert!(!allowed(
                Some(role),
                Action::RemoveMember {
                    current: Role::Juror,
                    own: false
                }
            ));
        }
    }
}
