//! Profile rules: research attributes exist only while the user consents to their use, so
//! consent and attributes change together.

use super::dto::{UpdateMeRequest, encode_interests};
use super::repo::{self, UserChanges, UserRow};
use crate::db::DbConnection;
use crate::db::search::contains_pattern;
use crate::error::{ApiError, ErrorCode, FieldError};
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

/// Applies a profile update in the caller's transaction; returns the account and whether it
/// withdrew research consent (the caller then erases what was collected under it).
pub fn update_me(
    conn: &mut DbConnection,
    user_id: &str,
    update: UpdateMeRequest,
) -> Result<(UserRow, bool), ApiError> {
    let withdraws = matches!(update.research, Some(None));
    let changes = profile_changes(update);
    let before = me(conn, user_id)?;
    let after = repo::update(conn, user_id, &changes)?;
    Ok((after, withdraws && before.research_consent))
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

/// How many people a name search answers.
const SEARCH_LIMIT: i64 = 10;

/// People by part of their display name, or the one with an exact email address.
pub fn search(
    conn: &mut DbConnection,
    q: Option<&str>,
    email: Option<&str>,
) -> Result<Vec<UserRow>, ApiError> {
    // Every parameter given is checked, whichever one answers: a name that is too long is a
    // mistake even when an email address comes with it. At most 80 characters as sent, and at
    // least 2 that are not spaces.
    if let Some(raw) = q
        && (raw.chars().count() > 80 || raw.trim().chars().count() < 2)
    {
        return Err(name_length_error());
    }
    if let Some(email) = email {
        if email.chars().count() > 254 {
            return Err(ApiError::too_long("email", 254));
        }
        let normalized = email.trim().to_lowercase();
        return Ok(repo::find_by_email(conn, &normalized)?
            .filter(|user| user.password_hash != repo::DELETED_PASSWORD_HASH)
            .into_iter()
            .collect());
    }
    let Some(text) = q.map(str::trim) else {
        return Err(name_length_error());
    };
    Ok(repo::search_by_name(conn, &contains_pattern(text), SEARCH_LIMIT)?)
}

fn name_length_error() -> ApiError {
    ApiError::fields(vec![
        FieldError::new(
            "q",
            ErrorCode::FieldLength,
            "give 2 to 80 characters of a name, or an email",
        )
        .param("min", 2)
        .param("max", 80),
    ])
}
