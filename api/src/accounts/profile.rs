//! Changing one's profile, with what a change of research consent means beyond the profile:
//! withdrawing it erases the segments kept with the person's votes and takes them out of every
//! aggregate (see [`segments::forget_voter`]).

use actix_web::{patch, web};
use validator::Validate;

use crate::auth::Auth;
use crate::auth::scopes::ProfileWrite;
use crate::counters::segments;
use crate::db::{Db, lock_key, write_transaction};
use crate::error::ApiError;
use crate::http::json::ApiJson;
use crate::users::dto::{MeResponse, UpdateMeRequest};
use crate::users::service;

/// Updates the signed-in user's profile. `research: null` withdraws research consent: the
/// attributes are erased, and so are the segments counted with the user's votes.
#[utoipa::path(
    tag = "me",
    operation_id = "update_me",
    request_body = UpdateMeRequest,
    responses(
        (status = 200, description = "Success", body = MeResponse),
    ),
    security(("bearer" = ["profile:write"]))
)]
#[patch("/me")]
pub async fn update_me(
    auth: Auth<ProfileWrite>,
    db: web::Data<Db>,
    body: ApiJson<UpdateMeRequest>,
) -> Result<web::Json<MeResponse>, ApiError> {
    let update = body.into_inner();
    update.validate()?;
    let user = db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                lock_key(conn, &segments::profile_lock(&auth.user_id))?;
                let (user, withdrawn) = service::update_me(conn, &auth.user_id, update)?;
                if withdrawn {
                    segments::forget_voter(conn, &auth.user_id)?;
                }
                Ok(user)
            })
        })
        .await?;
    Ok(web::Json(user.into()))
}
