//! Organizations and their members: create and edit a brand, add, change and remove members
//! (every change decided by [`super::access::authorize`]), and keep an owner.

use super::access::{Action, authorize, role_of};
use super::dto::{
    CreateOrganizationRequest, MemberResponse, MembershipResponse, OrganizationResponse,
    UpdateOrganizationRequest, canonical_web_address,
};
use super::repo::{self, NewMember, NewOrganization, OrganizationChanges, OrganizationRow};
use crate::db::{DbConnection, write_transaction};
use crate::domain::Role;
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::MemberEventData;
use crate::events::{self, Event, EventType};
use crate::ids::{looks_like_id, new_id, now};
use crate::pagination::KeyedPage;
use crate::users::repo as users;

pub fn create(
    conn: &mut DbConnection,
    creator_id: &str,
    request: CreateOrganizationRequest,
) -> Result<OrganizationResponse, ApiError> {
    write_transaction(conn, |conn| {
        if repo::slug_taken(conn, &request.slug)? {
            return Err(ApiError::new(
                ErrorCode::SlugTaken,
                format!("the slug `{}` is taken", request.slug),
            )
            .param("slug", request.slug));
        }
        let at = now();
        let organization = NewOrganization {
            id: new_id(),
            slug: request.slug,
            name: request.name.trim().to_owned(),
            description: request.description.unwrap_or_default(),
            website: request.website.as_deref().map(canonical).transpose()?,
            created_at: at,
            updated_at: at,
        };
        repo::insert(conn, &organization)?;
        repo::insert_member(
            conn,
            &NewMember {
                organization_id: organization.id.clone(),
                user_id: creator_id.to_owned(),
                role: Role::Owner,
                created_at: at,
                updated_at: at,
            },
        )?;
        Ok(find(conn, &organization.slug)?.into())
    })
}

pub fn find(conn: &mut DbConnection, slug: &str) -> Result<OrganizationRow, ApiError> {
    repo::find_by_slug(conn, slug)?.ok_or_else(|| ApiError::not_found("organization"))
}

/// Slugs of organizations by id (for responses that name their organization).
/// Slug and name of each of `ids`, by id.
pub fn names_by_id(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, (String, String)>, ApiError> {
    Ok(repo::names(conn, ids)?
        .into_iter()
        .map(|(id, slug, name)| (id, (slug, name)))
        .collect())
}

pub fn slugs_by_id(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    Ok(repo::slugs(conn, ids)?.into_iter().collect())
}

pub fn update(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    request: UpdateOrganizationRequest,
) -> Result<OrganizationResponse, ApiError> {
    write_transaction(conn, |conn| {
        let organization = find(conn, slug)?;
        authorize(role_of(conn, &organization.id, actor_id)?, Action::Update)?;
        let changes = OrganizationChanges {
            name: request.name.map(|name| name.trim().to_owned()),
            description: request.description,
            website: request
                .website
                .map(|website| website.as_deref().map(canonical).transpose())
                .transpose()?,
            updated_at: Some(now()),
        };
        Ok(repo::update(conn, &organization.id, &changes)?.into())
    })
}

pub fn list_members(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<MemberResponse>, ApiError> {
    let organization = find(conn, slug)?;
    authorize(role_of(conn, &organization.id, actor_id)?, Action::ViewMembers)?;
    let rows = repo::list_members(conn, &organization.id, after, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| row.user_id.clone());
    let ids: Vec<String> = page.items.iter().map(|row| row.user_id.clone()).collect();
    let names: std::collections::HashMap<String, String> =
        users::display_names(conn, &ids)?.into_iter().collect();
    Ok(page.map(|row| MemberResponse {
        display_name: names.get(&row.user_id).cloned().unwrap_or_default(),
        role: row.role,
        user_id: row.user_id,
        joined_at: row.created_at.and_utc(),
    }))
}

/// Sets (or adds) a member; returns the member and whether they were added.
pub fn put_member(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    target_id: &str,
    new: Role,
) -> Result<(MemberResponse, bool), ApiError> {
    write_transaction(conn, |conn| {
        let organization = find(conn, slug)?;
        repo::lock(conn, &organization.id)?;
        let current = role_of(conn, &organization.id, target_id)?;
        authorize(
            role_of(conn, &organization.id, actor_id)?,
            Action::SetMember { current, new },
        )?;
        let target = match looks_like_id(target_id) {
            true => users::find(conn, target_id)?,
            false => None,
        }
        .ok_or_else(|| ApiError::not_found("user"))?;
        let at = now();
        if current.is_some() {
            repo::set_role(conn, &organization.id, target_id, new, at)?;
        } else {
            repo::insert_member(
                conn,
                &NewMember {
                    organization_id: organization.id.clone(),
                    user_id: target_id.to_owned(),
                    role: new,
                    created_at: at,
                    updated_at: at,
                },
            )?;
        }
        keep_an_owner(conn, &organization.id)?;
        if current != Some(new) {
            let event_type = match current {
                None => EventType::MemberAdded,
                Some(_) => EventType::MemberRoleChanged,
            };
            record_member(
                conn,
                event_type,
                &organization.id,
                actor_id,
                target_id,
                Some(new),
                current,
                at,
            )?;
        }
        let member = repo::find_member(conn, &organization.id, target_id)?
            .ok_or_else(|| ApiError::internal("a member just written was not found"))?;
        Ok((
            MemberResponse {
                user_id: target.id,
                display_name: target.display_name,
                role: new,
                joined_at: member.created_at.and_utc(),
            },
            current.is_none(),
        ))
    })
}

pub fn remove_member(
    conn: &mut DbConnection,
    actor_id: &str,
    slug: &str,
    target_id: &str,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let organization = find(conn, slug)?;
        repo::lock(conn, &organization.id)?;
        let actor = role_of(conn, &organization.id, actor_id)?;
        // Non-members learn nothing about who is a member.
        authorize(actor, Action::ViewMembers)?;
        let current =
            role_of(conn, &organization.id, target_id)?.ok_or_else(|| ApiError::not_found("member"))?;
        authorize(
            actor,
            Action::RemoveMember {
                current,
                own: actor_id == target_id,
            },
        )?;
        repo::remove_member(conn, &organization.id, target_id)?;
        keep_an_owner(conn, &organization.id)?;
        record_member(
            conn,
            EventType::MemberRemoved,
            &organization.id,
            actor_id,
            target_id,
            None,
            Some(current),
            now(),
        )
    })
}

#[expect(clippy::too_many_arguments, reason = "an event's fields, each needed")]
fn record_member(
    conn: &mut DbConnection,
    event_type: EventType,
    organization_id: &str,
    actor_id: &str,
    user_id: &str,
    role: Option<Role>,
    previous_role: Option<Role>,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    let data = MemberEventData {
        user_id: user_id.to_owned(),
        role,
        previous_role,
    };
    events::record(
        conn,
        Event::new(event_type, user_id, data)
            .of_organization(organization_id)
            .by(actor_id),
        at,
    )?;
    Ok(())
}

/// Fails (and so rolls back) a change that would leave the organization without an owner.
fn keep_an_owner(conn: &mut DbConnection, organization_id: &str) -> Result<(), ApiError> {
    if repo::count_owners(conn, organization_id)? == 0 {
        return Err(ApiError::new(
            ErrorCode::LastOwner,
            "an organization must keep at least one owner",
        ));
    }
    Ok(())
}

/// The organizations `user_id` belongs to, with their role in each.
pub fn memberships(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<MembershipResponse>, ApiError> {
    let rows = repo::memberships_of(conn, user_id, after, limit as i64 + 1)?;
    Ok(
        KeyedPage::from_rows(rows, limit, |(organization, _)| organization.id.clone()).map(
            |(organization, role)| MembershipResponse {
                role,
                organization: organization.into(),
            },
        ),
    )
}

/// The stored form of a website the request's validation already accepted.
fn canonical(website: &str) -> Result<String, ApiError> {
    canonical_web_address(website)
        .map_err(|_| ApiError::invalid("website", ErrorCode::FieldFormat, "must be an http(s) address"))
}
