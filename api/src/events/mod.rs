//! Domain events: every state change appends one to the outbox (`events`) in the transaction of
//! the change, so an event exists exactly when its change committed. The dispatcher fans them
//! out to notifications and webhooks. Types are dot-separated (`contribution.published`) and
//! versioned by [`VERSION`]; each carries a thin payload: ids plus a few display fields.

pub mod catalogue;
mod repo;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::Value;

use crate::db::{DbConnection, Writer};
use crate::error::ApiError;
use crate::ids::new_id;
pub use catalogue::EventType;
pub use repo::StoredEvent;

/// The version of every event's payload; a change that breaks consumers bumps it.
pub const VERSION: u32 = 1;

/// An event about to be recorded.
#[derive(Debug, Clone)]
pub struct Event {
    pub event_type: EventType,
    /// What it is about: the contribution, the campaign, the award, ...
    pub subject_id: String,
    pub organization_id: Option<String>,
    pub campaign_id: Option<String>,
    /// Who did it; `None` for the platform itself (a phase that began, a job).
    pub actor_id: Option<String>,
    pub data: Value,
}

impl Event {
    pub fn new(event_type: EventType, subject_id: &str, data: impl Serialize) -> Self {
        Event {
            event_type,
            subject_id: subject_id.to_owned(),
            organization_id: None,
            campaign_id: None,
            actor_id: None,
            data: serde_json::to_value(data).unwrap_or(Value::Null),
        }
    }

    /// The organization (whose webhooks receive it) and campaign it belongs to.
    pub fn of_campaign(mut self, organization_id: &str, campaign_id: &str) -> Self {
        self.organization_id = Some(organization_id.to_owned());
        self.campaign_id = Some(campaign_id.to_owned());
        self
    }

    pub fn of_organization(mut self, organization_id: &str) -> Self {
        self.organization_id = Some(organization_id.to_owned());
        self
    }

    pub fn by(mut self, actor_id: &str) -> Self {
        self.actor_id = Some(actor_id.to_owned());
        self
    }

    pub fn by_maybe(mut self, actor_id: Option<&str>) -> Self {
        self.actor_id = actor_id.map(str::to_owned);
        self
    }
}

/// Appends `event` to the outbox (in the caller's transaction); returns its id.
pub fn record<'a>(to: &mut impl Writer<'a>, event: Event, at: NaiveDateTime) -> Result<String, ApiError> {
    let id = new_id();
    repo::insert(to, id.clone(), event, at)?;
    Ok(id)
}

/// Up to `limit` events not dispatched yet, oldest first (locked on PostgreSQL).
pub fn undispatched(conn: &mut DbConnection, limit: i64) -> Result<Vec<StoredEvent>, ApiError> {
    Ok(repo::undispatched(conn, limit)?)
}

/// Whether any event waits for the dispatcher: a plain read.
pub fn any_undispatched(conn: &mut DbConnection) -> diesel::QueryResult<bool> {
    repo::any_undispatched(conn)
}

pub fn mark_dispatched(conn: &mut DbConnection, ids: &[String], at: NaiveDateTime) -> Result<(), ApiError> {
    Ok(repo::mark_dispatched(conn, ids, at)?)
}

/// Forgets dispatched events older than `before`; returns how many.
pub fn prune(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> Result<usize, ApiError> {
    Ok(repo::prune(conn, before, limit)?)
}

/// The body every consumer sees (webhooks send it as it is): Standard Webhooks' `{type,
/// timestamp, data}`, with the event's own fields in `data`.
pub fn envelope(event: &StoredEvent) -> Value {
    let mut data = match &event.data {
        Value::Object(fields) => fields.clone(),
        _ => serde_json::Map::new(),
    };
    data.insert("event_id".into(), event.id.clone().into());
    data.insert("version".into(), VERSION.into());
    data.insert("subject_id".into(), event.subject_id.clone().into());
    for (name, value) in [
        ("organization_id", &event.organization_id),
        ("campaign_id", &event.campaign_id),
        ("actor_id", &event.actor_id),
    ] {
        data.insert(name.into(), value.clone().map_or(Value::Null, Value::String));
    }
    serde_json::json!({
        "type": event.event_type.as_str(),
        "timestamp": event.occurred_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "data": data,
    })
}
