//! Turning an event into messages: one per enabled endpoint of its organization that takes its
//! type (and campaign), each with its delivery job, in the dispatcher's transaction.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde_json::json;

use super::DeliveryStatus;
use super::deliver::DELIVER;
use super::repo::{self, DeliveryRow, WebhookRow};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::events::{self, EventType, StoredEvent};
use crate::jobs::{self, NewJob};

/// Whether `webhook` takes `event`: its type, its campaign, and not from before it existed.
/// Events are dispatched a moment after the requests that cause them, so without the last check
/// an endpoint subscribed in that moment would get events older than itself.
fn takes(webhook: &WebhookRow, event: &StoredEvent) -> bool {
    let type_ok = webhook.event_types.is_empty()
        || webhook
            .event_types
            .split_whitespace()
            .any(|name| name == event.event_type.as_str());
    let campaign_ok = match &webhook.campaign_id {
        None => true,
        Some(campaign) => event.campaign_id.as_ref() == Some(campaign),
    };
    // An endpoint's own ping goes to that endpoint only, by hand.
    let since_subscribed = event.occurred_at >= webhook.created_at;
    type_ok && campaign_ok && since_subscribed && event.event_type != EventType::WebhookPing
}

/// A message id: `msg_` and a time-ordered id (the same `webhook-id` on every attempt).
pub fn message_id() -> String {
    format!("msg_{}", uuid::Uuid::now_v7().simple())
}

/// Queues one message of `body` to `webhook` and its delivery job.
pub fn queue_message(
    conn: &mut DbConnection,
    webhook: &WebhookRow,
    event_id: Option<&str>,
    event_type: EventType,
    body: &serde_json::Value,
) -> Result<Option<String>, ApiError> {
    let now = crate::ids::now();
    let row = DeliveryRow {
        id: message_id(),
        webhook_id: webhook.id.clone(),
        event_id: event_id.map(str::to_owned),
        event_type: event_type.as_str().to_owned(),
        payload: body.to_string(),
        status: DeliveryStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(now),
        created_at: now,
        updated_at: now,
    };
    if !repo::insert_delivery(conn, &row)? {
        return Ok(None);
    }
    jobs::enqueue(
        conn,
        NewJob::now(DELIVER, json!({ "delivery_id": row.id }), 20).unique(format!("webhook:{}", row.id)),
    )?;
    Ok(Some(row.id))
}

/// Plans the messages of one dispatch batch. The enabled endpoints of an organization are read
/// once per batch, not once per event: a burst of votes puts a batch's worth of one
/// organization's events in it, and each read was a statement. An endpoint subscribed while the
/// batch runs takes none of its events anyway (they are older than it); one switched off meanwhile
/// is checked again when its message is due, and not sent.
#[derive(Default)]
pub struct Planner {
    endpoints: HashMap<String, Vec<WebhookRow>>,
}

impl Planner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues the messages `event` causes; returns how many.
    pub fn plan(&mut self, conn: &mut DbConnection, event: &StoredEvent) -> Result<usize, ApiError> {
        let Some(organization) = &event.organization_id else {
            return Ok(0);
        };
        let endpoints = match self.endpoints.entry(organization.clone()) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(unknown) => unknown.insert(repo::enabled_of(conn, organization)?),
        };
        let mut body = None;
        let mut queued = 0;
        for webhook in endpoints.iter().filter(|webhook| takes(webhook, event)) {
            let body = body.get_or_insert_with(|| events::envelope(event));
            if queue_message(conn, webhook, Some(&event.id), event.event_type, body)?.is_some() {
                queued += 1;
            }
        }
        Ok(queued)
    }
}
