//! `DELETE /me`: a person leaves, and what identifies them goes with them.
//!
//! The rule: the account's personal data is erased (email, name, password, research attributes
//! and the segments kept with past votes, sessions, tokens, notifications and their settings,
//! memberships). What the person made for campaigns stays, under "Deleted user": published
//! contributions and comments (others voted on and answered them; winners' awards refer to
//! them), votes (ballots stand, without segments) and the points ledger (entries stay under the
//! now anonymous id, so balances and leaderboards stay consistent). Nobody else's data changes.
//! Refused while the person is the last owner of an organization (someone must keep it) or has
//! a pledge whose money is still moving (cancel it, or wait for the campaign to settle).

use actix_web::{HttpResponse, delete, web};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::accounts::end_all_sessions;
use crate::auth::scopes::SessionOnly;
use crate::auth::{Auth, password};
use crate::counters::segments;
use crate::db::{Db, DbConnection, lock_key, write_transaction};
use crate::domain::{PledgeStatus, Role};
use crate::error::{ApiError, ErrorCode, Problem};
use crate::http::json::ApiJson;
use crate::ids::now;
use crate::schema::{
    notification_preferences, notifications, organization_members, organizations, personal_access_tokens,
    pledges, users,
};

/// The name a deleted person's contributions and comments show.
pub const DELETED_NAME: &str = "Deleted user";

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountRequest {
    /// Your password, to confirm.
    #[validate(length(min = 1, max = 1024, message = "must be 1 to 1024 characters long"))]
    #[schema(format = Password, min_length = 1, max_length = 1024)]
    pub password: String,
}

/// Deletes the signed-in person's account by the rule above. Only from a login session, with
/// the password.
#[utoipa::path(
    tag = "me",
    operation_id = "delete_me",
    request_body = DeleteAccountRequest,
    responses(
        (status = 204, description = "Deleted; every session is signed out"),
        (status = 403, description = "Only a login session may do this", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The last owner of an organization, or a pledge whose money is still moving", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not your password", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["session"]))
)]
#[delete("/me")]
pub async fn delete_me(
    auth: Auth<SessionOnly>,
    db: web::Data<Db>,
    body: ApiJson<DeleteAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    request.validate()?;
    let user_id = auth.user_id.clone();
    let stored: String = db
        .run(move |conn| {
            Ok(users::table
                .find(&user_id)
                .select(users::password_hash)
                .first(conn)
                .optional()?
                .unwrap_or_default())
        })
        .await?;
    password::confirm(request.password, stored, "password").await?;
    db.run(move |conn| write_transaction(conn, |conn| erase(conn, &auth.user_id)))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn erase(conn: &mut DbConnection, user_id: &str) -> Result<(), ApiError> {
    lock_key(conn, &segments::profile_lock(user_id))?;
    let owned: Vec<(String, String)> = organization_members::table
        .inner_join(organizations::table)
        .filter(organization_members::user_id.eq(user_id))
        .filter(organization_members::role.eq(Role::Owner))
        .select((organizations::id, organizations::slug))
        .load(conn)?;
    for (organization_id, slug) in owned {
        crate::organizations::repo::lock(conn, &organization_id)?;
        if crate::organizations::repo::count_owners(conn, &organization_id)? <= 1 {
            return Err(ApiError::new(
                ErrorCode::LastOwner,
                format!("you are the last owner of {slug}: make someone else an owner first"),
            )
            .param("organization", slug));
        }
    }
    let moving: i64 = pledges::table
        .filter(pledges::backer_id.eq(user_id))
        .filter(pledges::status.eq_any(PledgeStatus::OPEN))
        .count()
        .get_result(conn)?;
    if moving > 0 {
        return Err(ApiError::new(
            ErrorCode::AccountHasOpenPledges,
            "you have pledges whose money is still moving: cancel them, or wait until their campaigns settle",
        )
        .param("pledges", moving));
    }
    let at = now();
    segments::forget_voter(conn, user_id)?;
    end_all_sessions(conn, user_id, at)?;
    diesel::update(
        personal_access_tokens::table
            .filter(personal_access_tokens::user_id.eq(user_id))
            .filter(personal_access_tokens::revoked_at.is_null()),
    )
    .set(personal_access_tokens::revoked_at.eq(at))
    .execute(conn)?;
    diesel::delete(organization_members::table.filter(organization_members::user_id.eq(user_id)))
        .execute(conn)?;
    crate::invitations::repo::forget(conn, user_id)?;
    crate::accounts::links::forget(conn, user_id)?;
    diesel::delete(notifications::table.filter(notifications::recipient_id.eq(user_id))).execute(conn)?;
    diesel::delete(notification_preferences::table.filter(notification_preferences::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::update(users::table.find(user_id))
        .set((
            users::email.eq(format!("deleted-{user_id}@deleted.invalid")),
            users::display_name.eq(DELETED_NAME),
            // No argon2 hash has this form: nobody can sign in as the account again.
            users::password_hash.eq(crate::users::repo::DELETED_PASSWORD_HASH),
            users::research_consent.eq(false),
            users::country.eq(None::<String>),
            users::birth_year.eq(None::<i32>),
            users::interests.eq(None::<String>),
            users::signup_via.eq(None::<String>),
            users::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}
