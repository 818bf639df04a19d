//! Invitations: owners and managers invite people to the organization's invite-only campaigns by
//! mail or by a link to share; accepting one gives a participation right, never a staff role.

use chrono::NaiveDateTime;
use serde_json::json;

use super::dto::{
    AcceptedInvitation, CreateInvitationRequest, InvitationPreview, InvitationResponse, InvitationStatus,
    ParticipantResponse,
};
use super::repo::{self, GrantRow, InvitationRow};
use crate::auth::opaque;
use crate::campaigns::repo as campaigns;
use crate::db::{DbConnection, write_transaction};
use crate::domain::Locale;
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::ids::{looks_like_id, new_id};
use crate::jobs::{self, NewJob};
use crate::mail::{self, OutgoingMail, outbox};
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::repo as organizations;
use crate::organizations::repo::OrganizationRow;
use crate::organizations::service::find as find_organization;
use crate::pagination::KeyedPage;
use crate::users::repo as users;

/// The prefix that makes an invitation secret recognisable (in logs, in a leak scan).
const TOKEN_PREFIX: &str = "inv_";

fn status_of(row: &InvitationRow, now: NaiveDateTime) -> InvitationStatus {
    if row.revoked_at.is_some() {
        InvitationStatus::Revoked
    } else if row.expires_at.is_some_and(|at| at <= now) {
        InvitationStatus::Expired
    } else if row.max_uses.is_some_and(|max| row.uses >= max) {
        InvitationStatus::UsedUp
    } else {
        InvitationStatus::Active
    }
}

fn response(row: InvitationRow, now: NaiveDateTime, url: Option<String>) -> InvitationResponse {
    InvitationResponse {
        status: status_of(&row, now),
        id: row.id,
        campaign_id: row.campaign_id,
        email: row.email,
        max_uses: row.max_uses,
        uses: row.uses,
        expires_at: row.expires_at.map(|at| at.and_utc()),
        created_at: row.created_at.and_utc(),
        revoked_at: row.revoked_at.map(|at| at.and_utc()),
        url,
    }
}

fn managed(conn: &mut DbConnection, actor_id: &str, slug: &str) -> Result<OrganizationRow, ApiError> {
    let organization = find_organization(conn, slug)?;
    require_manager(role_of(conn, &organization.id, actor_id)?)?;
    Ok(organization)
}

/// Creates an invitation; a mailed one goes out through the mail queue in the same transaction.
pub fn create(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    request: CreateInvitationRequest,
    public_url: &str,
    now: NaiveDateTime,
) -> Result<InvitationResponse, ApiError> {
    write_transaction(conn, |conn| {
        let organization = managed(conn, actor_id, slug)?;
        let mut errors = Vec::new();
        let campaign = match request.campaign_id.as_deref() {
            Some(id) => {
                let found = match looks_like_id(id) {
                    true => campaigns::find(conn, id)?.filter(|c| c.organization_id == organization.id),
                    false => None,
                };
                if found.is_none() {
                    errors.push(FieldError::new(
                        "campaign_id",
                        ErrorCode::InvitationCampaignUnknown,
                        "not a campaign of this organization",
                    ));
                }
                found
            }
            None => None,
        };
        let expires_at = request.expires_at.map(|at| at.naive_utc());
        if expires_at.is_some_and(|at| at <= now) {
            errors.push(FieldError::new(
                "expires_at",
                ErrorCode::FieldRange,
                "must be in the future",
            ));
        }
        if request.email.is_some() && request.max_uses.is_some_and(|max| max != 1) {
            errors.push(FieldError::new(
                "max_uses",
                ErrorCode::FieldRange,
                "a mailed invitation is for one person",
            ));
        }
        if !errors.is_empty() {
            return Err(ApiError::fields(errors));
        }
        let email = request.email.map(|email| email.trim().to_lowercase());
        let token = opaque::generate(TOKEN_PREFIX);
        let url = format!("{public_url}/invitations/{token}");
        let row = InvitationRow {
            id: new_id(),
            organization_id: organization.id.clone(),
            campaign_id: campaign.as_ref().map(|c| c.id.clone()),
            max_uses: if email.is_some() {
                Some(1)
            } else {
                request.max_uses
            },
            email: email.clone(),
            token_hash: opaque::digest(&token),
            uses: 0,
            expires_at,
            created_by: Some(actor_id.to_owned()),
            created_at: now,
            revoked_at: None,
        };
        repo::insert(conn, &row)?;
        match email {
            Some(to) => {
                let inviter = users::find(conn, actor_id)?;
                let locale = inviter.as_ref().map_or(Locale::En, |user| user.locale);
                let inviter_name = inviter.map(|user| user.display_name).unwrap_or_default();
                let what = campaign
                    .as_ref()
                    .map_or_else(|| organization.name.clone(), |c| c.title.clone());
                let mail = OutgoingMail {
                    id: new_id(),
                    to,
                    subject: subject(locale, &what),
                    body: body(locale, &inviter_name, &organization.name, &what, &url),
                    unsubscribe_url: None,
                };
                outbox::insert(conn, None, &mail, now)?;
                jobs::enqueue(
                    conn,
                    NewJob::now(mail::SEND_JOB, json!({ "email_id": mail.id }), 10)
                        .unique(format!("mail:{}", mail.id)),
                )?;
                Ok(response(row, now, None))
            }
            None => Ok(response(row, now, Some(url))),
        }
    })
}

fn subject(locale: Locale, what: &str) -> String {
    match locale {
        Locale::De => format!("Einladung: {what}"),
        Locale::En => format!("You are invited: {what}"),
    }
}

fn body(locale: Locale, inviter: &str, organization: &str, what: &str, url: &str) -> String {
    match locale {
        Locale::De => format!(
            "Hallo,\n\n{inviter} von {organization} lädt dich ein, bei „{what}“ mitzumachen.\n\n\
             Einladung annehmen: {url}\n\nDer Link gilt für eine Person. Wenn du nichts damit \
             anfangen kannst, ignoriere diese Mail.\n"
        ),
        Locale::En => format!(
            "Hello,\n\n{inviter} of {organization} invites you to take part in \"{what}\".\n\n\
             Accept the invitation: {url}\n\nThe link is for one person. If this means nothing \
             to you, ignore this mail.\n"
        ),
    }
}

pub fn list(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    before: Option<&str>,
    limit: usize,
    now: NaiveDateTime,
) -> Result<KeyedPage<InvitationResponse>, ApiError> {
    let organization = managed(conn, actor_id, slug)?;
    let rows = repo::list(conn, &organization.id, before, limit as i64 + 1)?;
    Ok(KeyedPage::from_rows(rows, limit, |row| row.id.clone()).map(|row| response(row, now, None)))
}

/// Revokes an invitation: it can no longer be accepted. The rights it gave stay (withdraw them
/// one by one under participants).
pub fn revoke(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let organization = managed(conn, actor_id, slug)?;
        if repo::find(conn, &organization.id, id)?.is_none() {
            return Err(ApiError::not_found("invitation"));
        }
        Ok(repo::revoke(conn, id, now)?)
    })
}

fn by_token(conn: &mut DbConnection, token: &str) -> Result<InvitationRow, ApiError> {
    match token.starts_with(TOKEN_PREFIX) {
        true => repo::by_token(conn, &opaque::digest(token))?,
        false => None,
    }
    .ok_or_else(|| ApiError::not_found("invitation"))
}

/// What the invitation is for, shown to whoever holds the link.
pub fn preview(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> Result<InvitationPreview, ApiError> {
    let row = by_token(conn, token)?;
    let organization = organizations::find_by_id(conn, &row.organization_id)?
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    let campaign = match &row.campaign_id {
        Some(id) => campaigns::find(conn, id)?,
        None => None,
    };
    Ok(InvitationPreview {
        status: status_of(&row, now),
        organization_slug: organization.slug,
        organization_name: organization.name,
        campaign_id: row.campaign_id,
        campaign_slug: campaign.as_ref().map(|c| c.slug.clone()),
        campaign_title: campaign.map(|c| c.title),
        expires_at: row.expires_at.map(|at| at.and_utc()),
    })
}

/// Accepts an invitation for `user_id`. The right is written first and a use is taken only when
/// it is new, by one conditional update (parallel acceptances never exceed `max_uses`); a
/// refusal rolls the right back.
pub fn accept(
    conn: &mut DbConnection,
    user_id: &str,
    token: &str,
    now: NaiveDateTime,
) -> Result<AcceptedInvitation, ApiError> {
    write_transaction(conn, |conn| {
        let row = by_token(conn, token)?;
        let status = status_of(&row, now);
        let unavailable = |status: InvitationStatus| {
            ApiError::new(
                ErrorCode::InvitationUnavailable,
                format!("this invitation can no longer be accepted ({})", status.as_str()),
            )
            .param("reason", status.as_str())
        };
        if status != InvitationStatus::Active {
            // Someone it admitted already keeps what it gave them: accepting again is harmless.
            if repo::holds_exactly(conn, &row.organization_id, row.campaign_id.as_deref(), user_id)? {
                return accepted(conn, &row, false);
            }
            return Err(unavailable(status));
        }
        let new = repo::grant(
            conn,
            &GrantRow {
                id: new_id(),
                organization_id: row.organization_id.clone(),
                campaign_id: row.campaign_id.clone(),
                user_id: user_id.to_owned(),
                invitation_id: Some(row.id.clone()),
                granted_at: now,
            },
        )?;
        if new && !repo::take_use(conn, &row.id, now)? {
            // Taken by others meanwhile: read again for the reason, and write nothing.
            let again = repo::by_token(conn, &row.token_hash)?
                .map_or(InvitationStatus::Revoked, |r| status_of(&r, now));
            let reason = match again {
                InvitationStatus::Active => InvitationStatus::UsedUp,
                other => other,
            };
            return Err(unavailable(reason));
        }
        accepted(conn, &row, new)
    })
}

fn accepted(conn: &mut DbConnection, row: &InvitationRow, new: bool) -> Result<AcceptedInvitation, ApiError> {
    let organization = organizations::find_by_id(conn, &row.organization_id)?
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    let campaign_slug = match &row.campaign_id {
        Some(id) => campaigns::find(conn, id)?.map(|c| c.slug),
        None => None,
    };
    Ok(AcceptedInvitation {
        organization_slug: organization.slug,
        campaign_id: row.campaign_id.clone(),
        campaign_slug,
        new,
    })
}

pub fn participants(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    before: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<ParticipantResponse>, ApiError> {
    let organization = managed(conn, actor_id, slug)?;
    let rows = repo::list_grants(conn, &organization.id, before, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| row.id.clone());
    let ids: Vec<String> = page.items.iter().map(|row| row.user_id.clone()).collect();
    let names: std::collections::HashMap<String, String> =
        users::display_names(conn, &ids)?.into_iter().collect();
    Ok(page.map(|row| ParticipantResponse {
        display_name: names.get(&row.user_id).cloned().unwrap_or_default(),
        id: row.id,
        user_id: row.user_id,
        campaign_id: row.campaign_id,
        invitation_id: row.invitation_id,
        granted_at: row.granted_at.and_utc(),
    }))
}

/// Withdraws a participation right; what the person already contributed or voted stays.
pub fn remove_participant(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    id: &str,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let organization = managed(conn, actor_id, slug)?;
        match repo::remove_grant(conn, &organization.id, id)? {
            true => Ok(()),
            false => Err(ApiError::not_found("participant")),
        }
    })
}
