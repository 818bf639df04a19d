//! Managing subscriptions (the organization's owners and managers only; to everyone else an
//! endpoint does not exist), their delivery log, redelivery, pings and secret rotation.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use super::dto::{
    AttemptResponse, CreateWebhookRequest, DeliveryResponse, UpdateWebhookRequest, WebhookResponse,
    WebhookWithSecret,
};
use super::guard::{self, Refusal, TargetPolicy};
use super::plan::queue_message;
use super::repo::{self, DeliveryRow, WebhookChanges, WebhookRow};
use super::{DeliveryStatus, sign};
use crate::campaigns::repo as campaigns;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::error::{ApiError, ErrorCode};
use crate::events::EventType;
use crate::ids::{looks_like_id, new_id};
use crate::jobs::{self, NewJob};
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::repo::OrganizationRow;
use crate::organizations::service as organizations;
use crate::pagination::KeyedPage;

/// Endpoints an organization may have.
const MAX_PER_ORGANIZATION: usize = 20;
/// How long the secret before a rotation still signs.
const ROTATION_OVERLAP: TimeDelta = TimeDelta::hours(24);

fn respond(row: WebhookRow, organization: &str, now: NaiveDateTime) -> WebhookResponse {
    WebhookResponse {
        organization: organization.to_owned(),
        event_types: (!row.event_types.is_empty()).then(|| {
            row.event_types
                .split_whitespace()
                .filter_map(|name| name.parse().ok())
                .collect()
        }),
        failing_since: row.failing_since.map(|at| at.and_utc()),
        previous_secret_valid_until: row
            .previous_secret_until
            .filter(|until| *until > now)
            .map(|at| at.and_utc()),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        id: row.id,
        url: row.url,
        description: row.description,
        campaign_id: row.campaign_id,
        enabled: row.enabled,
        disabled_reason: row.disabled_reason,
    }
}

fn managed_organization(
    conn: &mut DbConnection,
    actor: &str,
    slug: &str,
) -> Result<OrganizationRow, ApiError> {
    let organization = organizations::find(conn, slug)?;
    require_manager(role_of(conn, &organization.id, actor)?)?;
    Ok(organization)
}

/// An endpoint and its organization's slug, for a manager of that organization (404 else).
fn managed_webhook(conn: &mut DbConnection, actor: &str, id: &str) -> Result<(WebhookRow, String), ApiError> {
    let no_such = || ApiError::not_found("webhook");
    if !looks_like_id(id) {
        return Err(no_such());
    }
    let webhook = repo::find(conn, id)?.ok_or_else(no_such)?;
    require_manager(role_of(conn, &webhook.organization_id, actor)?).map_err(|_| no_such())?;
    let slug = organizations::slugs_by_id(conn, std::slice::from_ref(&webhook.organization_id))?
        .remove(&webhook.organization_id)
        .unwrap_or_default();
    Ok((webhook, slug))
}

fn checked_url(raw: &str, policy: TargetPolicy) -> Result<String, ApiError> {
    guard::check_url(raw.trim(), policy)
        .map(String::from)
        .map_err(|refusal| {
            let code = match refusal {
                Refusal::Internal => ErrorCode::WebhookTargetForbidden,
                Refusal::Scheme => ErrorCode::WebhookHttpsRequired,
                Refusal::Malformed | Refusal::Credentials => ErrorCode::FieldFormat,
            };
            ApiError::invalid("url", code, refusal.to_string())
        })
}

fn event_types(types: Option<&[EventType]>) -> String {
    let mut names: Vec<&str> = types.unwrap_or_default().iter().map(|t| t.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(" ")
}

/// The campaign an endpoint is limited to, which must belong to its organization.
fn campaign_of(conn: &mut DbConnection, organization_id: &str, key: &str) -> Result<String, ApiError> {
    match campaigns::find(conn, key)? {
        Some(campaign) if campaign.organization_id == organization_id => Ok(campaign.id),
        _ => Err(ApiError::invalid(
            "campaign",
            ErrorCode::WebhookCampaignForeign,
            "no campaign of this organization has this id or slug",
        )),
    }
}

pub fn create(
    conn: &mut DbConnection,
    actor: &str,
    slug: &str,
    request: CreateWebhookRequest,
    policy: TargetPolicy,
) -> Result<WebhookWithSecret, ApiError> {
    let url = checked_url(&request.url, policy)?;
    write_transaction(conn, |conn| {
        let organization = managed_organization(conn, actor, slug)?;
        // Parallel creates count one after another, so the limit holds on PostgreSQL too.
        lock_key(conn, &format!("webhooks:{}", organization.id))?;
        if repo::of_organization(conn, &organization.id, None, MAX_PER_ORGANIZATION as i64)?.len()
            >= MAX_PER_ORGANIZATION
        {
            return Err(ApiError::new(
                ErrorCode::WebhookLimitReached,
                format!("an organization has at most {MAX_PER_ORGANIZATION} webhooks"),
            )
            .param("max", MAX_PER_ORGANIZATION));
        }
        let campaign_id = match &request.campaign {
            Some(key) => Some(campaign_of(conn, &organization.id, key)?),
            None => None,
        };
        let now = crate::ids::now();
        let row = WebhookRow {
            id: new_id(),
            organization_id: organization.id.clone(),
            url,
            description: request.description.trim().to_owned(),
            event_types: event_types(request.event_types.as_deref()),
            campaign_id,
            secret: sign::new_secret(),
            previous_secret: None,
            previous_secret_until: None,
            enabled: true,
            disabled_reason: None,
            failing_since: None,
            created_at: now,
            updated_at: now,
        };
        repo::insert(conn, &row)?;
        Ok(WebhookWithSecret {
            secret: row.secret.clone(),
            webhook: respond(row, &organization.slug, now),
        })
    })
}

pub fn list(
    conn: &mut DbConnection,
    actor: &str,
    slug: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<WebhookResponse>, ApiError> {
    let organization = managed_organization(conn, actor, slug)?;
    let rows = repo::of_organization(conn, &organization.id, after, limit as i64 + 1)?;
    let now = crate::ids::now();
    Ok(KeyedPage::from_rows(rows, limit, |row| row.id.clone())
        .map(|row| respond(row, &organization.slug, now)))
}

pub fn get(conn: &mut DbConnection, actor: &str, id: &str) -> Result<WebhookResponse, ApiError> {
    let (webhook, slug) = managed_webhook(conn, actor, id)?;
    Ok(respond(webhook, &slug, crate::ids::now()))
}

pub fn update(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: UpdateWebhookRequest,
    policy: TargetPolicy,
) -> Result<WebhookResponse, ApiError> {
    let url = request
        .url
        .as_deref()
        .map(|url| checked_url(url, policy))
        .transpose()?;
    write_transaction(conn, |conn| {
        let (webhook, slug) = managed_webhook(conn, actor, id)?;
        let campaign_id = match &request.campaign {
            Some(Some(key)) => Some(Some(campaign_of(conn, &webhook.organization_id, key)?)),
            Some(None) => Some(None),
            None => None,
        };
        let now = crate::ids::now();
        let reenable = request.enabled == Some(true) && !webhook.enabled;
        let changes = WebhookChanges {
            url,
            description: request.description.map(|text| text.trim().to_owned()),
            event_types: request
                .event_types
                .as_ref()
                .map(|types| event_types(types.as_deref())),
            campaign_id,
            enabled: request.enabled,
            disabled_reason: match request.enabled {
                Some(true) => Some(None),
                Some(false) if webhook.enabled => Some(Some(super::DisabledReason::Manager)),
                _ => None,
            },
            failing_since: reenable.then_some(None),
            updated_at: Some(now),
            ..WebhookChanges::default()
        };
        repo::update(conn, &webhook.id, &changes)?;
        let updated = repo::find(conn, &webhook.id)?.ok_or_else(|| ApiError::not_found("webhook"))?;
        Ok(respond(updated, &slug, now))
    })
}

pub fn delete(conn: &mut DbConnection, actor: &str, id: &str) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let (webhook, _) = managed_webhook(conn, actor, id)?;
        Ok(repo::delete(conn, &webhook.id)?)
    })
}

/// A new secret; the old one keeps signing for a day beside it.
pub fn rotate_secret(conn: &mut DbConnection, actor: &str, id: &str) -> Result<WebhookWithSecret, ApiError> {
    write_transaction(conn, |conn| {
        let (webhook, slug) = managed_webhook(conn, actor, id)?;
        let now = crate::ids::now();
        let secret = sign::new_secret();
        repo::update(
            conn,
            &webhook.id,
            &WebhookChanges {
                secret: Some(secret.clone()),
                previous_secret: Some(Some(webhook.secret.clone())),
                previous_secret_until: Some(Some(now + ROTATION_OVERLAP)),
                updated_at: Some(now),
                ..WebhookChanges::default()
            },
        )?;
        let updated = repo::find(conn, &webhook.id)?.ok_or_else(|| ApiError::not_found("webhook"))?;
        Ok(WebhookWithSecret {
            secret,
            webhook: respond(updated, &slug, now),
        })
    })
}

fn respond_deliveries(
    conn: &mut DbConnection,
    rows: Vec<DeliveryRow>,
) -> Result<Vec<DeliveryResponse>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut attempts: HashMap<String, Vec<AttemptResponse>> = HashMap::new();
    for attempt in repo::attempts_of(conn, &ids)? {
        attempts
            .entry(attempt.delivery_id)
            .or_default()
            .push(AttemptResponse {
                attempt: attempt.attempt,
                attempted_at: attempt.attempted_at.and_utc(),
                status_code: attempt.status_code,
                duration_ms: attempt.duration_ms,
                response: attempt.response_snippet,
                error: attempt.error,
            });
    }
    Ok(rows
        .into_iter()
        .map(|row| DeliveryResponse {
            attempt_log: attempts.remove(&row.id).unwrap_or_default(),
            next_attempt_at: row.next_attempt_at.map(|at| at.and_utc()),
            created_at: row.created_at.and_utc(),
            id: row.id,
            event_id: row.event_id,
            event_type: row.event_type,
            status: row.status,
            attempts: row.attempts,
        })
        .collect())
}

/// The endpoint's messages, newest first, each with its attempts.
pub fn deliveries(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    before: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<DeliveryResponse>, ApiError> {
    let (webhook, _) = managed_webhook(conn, actor, id)?;
    let rows = repo::deliveries_of(conn, &webhook.id, before, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| row.id.clone());
    Ok(KeyedPage {
        items: respond_deliveries(conn, page.items)?,
        next_key: page.next_key,
    })
}

fn delivery_of(
    conn: &mut DbConnection,
    webhook: &WebhookRow,
    delivery_id: &str,
) -> Result<DeliveryRow, ApiError> {
    repo::find_delivery(conn, delivery_id)?
        .filter(|delivery| delivery.webhook_id == webhook.id)
        .ok_or_else(|| ApiError::not_found("delivery"))
}

/// Sends a message again now (once; the schedule does not resume).
pub fn redeliver(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    delivery_id: &str,
) -> Result<DeliveryResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (webhook, _) = managed_webhook(conn, actor, id)?;
        let delivery = delivery_of(conn, &webhook, delivery_id)?;
        let now = crate::ids::now();
        // Pending until the attempt is recorded; a scheduled retry keeps its time.
        repo::set_delivery(
            conn,
            &delivery.id,
            DeliveryStatus::Pending,
            delivery.attempts,
            delivery.next_attempt_at.filter(|at| *at > now),
            now,
        )?;
        // One attempt by hand at a time, however often the button is pressed.
        jobs::enqueue(
            conn,
            NewJob::now(
                super::deliver::DELIVER,
                json!({ "delivery_id": delivery.id, "manual": true }),
                3,
            )
            .unique(format!("webhook:{}:manual", delivery.id)),
        )?;
        let updated = delivery_of(conn, &webhook, delivery_id)?;
        respond_deliveries(conn, vec![updated])?
            .pop()
            .ok_or_else(|| ApiError::not_found("delivery"))
    })
}

/// A test message (`webhook.ping`) to this endpoint, delivered like any other.
pub fn ping(conn: &mut DbConnection, actor: &str, id: &str) -> Result<DeliveryResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (webhook, _) = managed_webhook(conn, actor, id)?;
        let now = crate::ids::now();
        let body = json!({
            "type": EventType::WebhookPing.as_str(),
            "timestamp": now.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "data": {
                "version": crate::events::VERSION,
                "webhook_id": webhook.id,
                "url": webhook.url,
                "organization_id": webhook.organization_id,
            },
        });
        let delivery_id = queue_message(conn, &webhook, None, EventType::WebhookPing, &body)?
            .ok_or_else(|| ApiError::internal("a ping's message id was taken"))?;
        let delivery = delivery_of(conn, &webhook, &delivery_id)?;
        respond_deliveries(conn, vec![delivery])?
            .pop()
            .ok_or_else(|| ApiError::not_found("delivery"))
    })
}
