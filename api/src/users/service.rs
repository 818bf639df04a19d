//! Profile rules: research attributes exist only while the user consents to their use, so
//! consent and attributes change together.

use super::dto::{UpdateMeRequest, encode_interests};
use super::repo::{self, UserChanges, UserRow};
use crate::db::{DbConnection, write_transaction};
use crate::error::{ApiError, ErrorCode};
use crate::ids::{looks_like_id, now};

/// The signed-in user's account; a valid token whose account is gone is a 401.
pub fn me(conn: &mut DbConnection, user_id: &str) -> Result<UserRow, ApiError> {
    repo::find(conn, user_id)?
        .ok_or_else(|| ApiError::new(ErrorCode::AuthAccountGone, "this account no longer exists"))
}

/// Anyone's account, for its public profile.
pub fn find(conn: &mut DbConnection, id: &str) -> Result<UserRow, ApiError> {
    let no_such_user = || ApiError::not_found("user");
    if !looks_like_id(id) {
        return Err(no_such_user());
    }
    repo::find(conn, id)?.ok_or_else(no_such_user)
}

pub fn update_me(
    conn: &mut DbConnection,
    user_id: &str,
    update: UpdateMeRequest,
) -> Result<UserRow, ApiError> {
    let changes = profile_changes(update);
    write_transaction(conn, |conn| {
        me(conn, user_id)?;
        Ok(repo::update(conn, user_id, &changes)?)
    })
}

/// Turns a validated update into column changes.
fn profile_changes(update: UpdateMeRequest) -> UserChanges {
    let mut changes = UserChanges {
        display_name: update.display_name.map(|name| name.trim().to_owned()),
        locale: update.locale,
        updated_at: Some(now()),
        ..UserChanges::default()
    };
    match update.research {
        None => {}
        // Withdrawn: nothing that was collected for research may remain.
        Some(None) => {
            changes.research_consent = Some(false);
            changes.country = Some(None);
            changes.birth_year = Some(None);
            changes.interests = Some(None);
        }
        Some(Some(profile)) => {
            changes.research_consent = Some(true);
            changes.country = Some(profile.country);
            changes.birth_year = Some(profile.birth_year);
            changes.interests = Some(Some(encode_interests(&profile.interests)));
        }
    }
    changes
}
