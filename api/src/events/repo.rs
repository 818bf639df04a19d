//! Queries on `events` (the outbox).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use super::{Event, EventType};
use crate::db::{DbConnection, Writer};
use crate::schema::events;

/// An event as stored.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: String,
    pub event_type: EventType,
    pub organization_id: Option<String>,
    pub campaign_id: Option<String>,
    pub actor_id: Option<String>,
    pub subject_id: String,
    pub data: Value,
    pub occurred_at: NaiveDateTime,
}

type Row = (
    String,
    EventType,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    NaiveDateTime,
);

const COLUMNS: (
    events::id,
    events::event_type,
    events::organization_id,
    events::campaign_id,
    events::actor_id,
    events::subject_id,
    events::data,
    events::occurred_at,
) = (
    events::id,
    events::event_type,
    events::organization_id,
    events::campaign_id,
    events::actor_id,
    events::subject_id,
    events::data,
    events::occurred_at,
);

pub fn insert<'a>(to: &mut impl Writer<'a>, id: String, event: Event, at: NaiveDateTime) -> QueryResult<()> {
    to.write(diesel::insert_into(events::table).values((
        events::id.eq(id),
        events::event_type.eq(event.event_type),
        events::organization_id.eq(event.organization_id),
        events::campaign_id.eq(event.campaign_id),
        events::actor_id.eq(event.actor_id),
        events::subject_id.eq(event.subject_id),
        events::data.eq(event.data.to_string()),
        events::occurred_at.eq(at),
    )))
}

pub fn undispatched(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<StoredEvent>> {
    let query = events::table
        .filter(events::dispatched_at.is_null())
        .order(events::id.asc())
        .limit(limit)
        .select(COLUMNS);
    let rows: Vec<Row> = match conn {
        // Waits rather than skips: dispatch is one job, and a replica taking it over from one
        // that outran its lease must not hand on later events before the locked earlier ones.
        DbConnection::Postgres(pg) => query.for_update().load(pg)?,
        DbConnection::Sqlite(lite) => query.load(lite)?,
    };
    Ok(rows
        .into_iter()
        .map(
            |(id, event_type, organization_id, campaign_id, actor_id, subject_id, data, occurred_at)| {
                StoredEvent {
                    data: serde_json::from_str(&data).unwrap_or(Value::Null),
                    id,
                    event_type,
                    organization_id,
                    campaign_id,
                    actor_id,
                    subject_id,
                    occurred_at,
                }
            },
        )
        .collect())
}

/// Whether any event waits for the dispatcher (the partial index `events_undispatched`).
pub fn any_undispatched(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(events::table
        .filter(events::dispatched_at.is_null())
        .select(events::id)
        .first::<String>(conn)
        .optional()?
        .is_some())
}

pub fn mark_dispatched(conn: &mut DbConnection, ids: &[String], at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(events::table.filter(events::id.eq_any(ids)))
        .set(events::dispatched_at.eq(at))
        .execute(conn)
        .map(drop)
}

pub fn prune(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> QueryResult<usize> {
    let old: Vec<String> = events::table
        .filter(events::dispatched_at.lt(before))
        .select(events::id)
        .limit(limit)
        .load(conn)?;
    diesel::delete(events::table.filter(events::id.eq_any(&old))).execute(conn)
}
