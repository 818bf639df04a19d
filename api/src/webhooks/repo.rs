//! Queries on `webhooks`, `webhook_deliveries` and `webhook_attempts`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{webhook_attempts as attempts, webhook_deliveries as deliveries, webhooks};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    pub id: String,
    pub organization_id: String,
    pub url: String,
    pub description: String,
    /// Space-separated event types; empty: every type.
    pub event_types: String,
    pub campaign_id: Option<String>,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<NaiveDateTime>,
    pub enabled: bool,
    pub disabled_reason: Option<super::DisabledReason>,
    pub failing_since: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = webhooks)]
pub struct WebhookChanges {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<String>,
    pub campaign_id: Option<Option<String>>,
    pub secret: Option<String>,
    pub previous_secret: Option<Option<String>>,
    pub previous_secret_until: Option<Option<NaiveDateTime>>,
    pub enabled: Option<bool>,
    pub disabled_reason: Option<Option<super::DisabledReason>>,
    pub failing_since: Option<Option<NaiveDateTime>>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = deliveries)]
pub struct DeliveryRow {
    /// Also the message's `webhook-id`: the same for every attempt.
    pub id: String,
    pub webhook_id: String,
    pub event_id: Option<String>,
    pub event_type: String,
    pub payload: String,
    pub status: super::DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = attempts)]
pub struct AttemptRow {
    pub id: String,
    pub delivery_id: String,
    pub attempt: i32,
    pub attempted_at: NaiveDateTime,
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    pub response_snippet: Option<String>,
    pub error: Option<String>,
}

pub fn insert(conn: &mut DbConnection, row: &WebhookRow) -> QueryResult<()> {
    diesel::insert_into(webhooks::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<WebhookRow>> {
    webhooks::table.find(id).first(conn).optional()
}

pub fn of_organization(
    conn: &mut DbConnection,
    organization_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<WebhookRow>> {
    let mut query = webhooks::table
        .filter(webhooks::organization_id.eq(organization_id))
        .order(webhooks::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(webhooks::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// The enabled endpoints of an organization (a handful), for the dispatcher.
pub fn enabled_of(conn: &mut DbConnection, organization_id: &str) -> QueryResult<Vec<WebhookRow>> {
    webhooks::table
        .filter(webhooks::organization_id.eq(organization_id))
        .filter(webhooks::enabled.eq(true))
        .load(conn)
}

pub fn update(conn: &mut DbConnection, id: &str, changes: &WebhookChanges) -> QueryResult<()> {
    diesel::update(webhooks::table.find(id))
        .set(changes)
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::delete(webhooks::table.find(id)).execute(conn).map(drop)
}

/// Inserts a delivery unless this endpoint has one for the event already; true when new.
pub fn insert_delivery(conn: &mut DbConnection, row: &DeliveryRow) -> QueryResult<bool> {
    let insert = diesel::insert_into(deliveries::table).values(row);
    // The same statement on both; MultiConnection cannot express ON CONFLICT itself.
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(inserted == 1)
}

pub fn find_delivery(conn: &mut DbConnection, id: &str) -> QueryResult<Option<DeliveryRow>> {
    deliveries::table.find(id).first(conn).optional()
}

/// An endpoint and one of its messages, locked until the transaction ends (in that order,
/// everywhere), so that attempts recorded at the same moment (a scheduled one and one by hand)
/// see each other's counts and statuses.
pub fn lock_for_record(
    conn: &mut DbConnection,
    webhook_id: &str,
    delivery_id: &str,
) -> QueryResult<Option<(WebhookRow, DeliveryRow)>> {
    let webhook = webhooks::table.find(webhook_id);
    let delivery = deliveries::table.find(delivery_id);
    let found = match conn {
        DbConnection::Postgres(pg) => (
            webhook.for_update().first(pg).optional()?,
            delivery.for_update().first(pg).optional()?,
        ),
        DbConnection::Sqlite(lite) => (webhook.first(lite).optional()?, delivery.first(lite).optional()?),
    };
    Ok(match found {
        (Some(webhook), Some(delivery)) => Some((webhook, delivery)),
        _ => None,
    })
}

/// Marks a message to a switched-off endpoint failed (unless it got through already).
pub fn skip_disabled(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        deliveries::table
            .find(id)
            .filter(deliveries::status.eq(super::DeliveryStatus::Pending)),
    )
    .set((
        deliveries::status.eq(super::DeliveryStatus::Failed),
        deliveries::next_attempt_at.eq(None::<NaiveDateTime>),
        deliveries::updated_at.eq(now),
    ))
    .execute(conn)
    .map(drop)
}

/// Switches an endpoint off for failing, unless it is off already; whether this call did.
pub fn disable_failing(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(webhooks::table.find(id).filter(webhooks::enabled.eq(true)))
        .set((
            webhooks::enabled.eq(false),
            webhooks::disabled_reason.eq(Some(super::DisabledReason::Failing)),
            webhooks::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

pub fn deliveries_of(
    conn: &mut DbConnection,
    webhook_id: &str,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<DeliveryRow>> {
    let mut query = deliveries::table
        .filter(deliveries::webhook_id.eq(webhook_id))
        .order(deliveries::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(deliveries::id.lt(before.to_owned()));
    }
    query.load(conn)
}

pub fn set_delivery(
    conn: &mut DbConnection,
    id: &str,
    status: super::DeliveryStatus,
    attempts: i32,
    next_attempt_at: Option<NaiveDateTime>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(deliveries::table.find(id))
        .set((
            deliveries::status.eq(status),
            deliveries::attempts.eq(attempts),
            deliveries::next_attempt_at.eq(next_attempt_at),
            deliveries::updated_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn insert_attempt(conn: &mut DbConnection, row: &AttemptRow) -> QueryResult<()> {
    diesel::insert_into(attempts::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The attempts of these deliveries, newest last.
pub fn attempts_of(conn: &mut DbConnection, delivery_ids: &[String]) -> QueryResult<Vec<AttemptRow>> {
    attempts::table
        .filter(attempts::delivery_id.eq_any(delivery_ids))
        .order((attempts::delivery_id.asc(), attempts::attempt.asc()))
        .load(conn)
}

/// Forgets messages created before `before` that are no longer pending, with their attempts
/// (at most `limit` messages); returns how many.
pub fn prune_deliveries(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> QueryResult<usize> {
    let old: Vec<String> = deliveries::table
        .filter(deliveries::created_at.lt(before))
        .filter(deliveries::status.ne(super::DeliveryStatus::Pending))
        .select(deliveries::id)
        .limit(limit)
        .load(conn)?;
    diesel::delete(attempts::table.filter(attempts::delivery_id.eq_any(&old))).execute(conn)?;
    diesel::delete(deliveries::table.filter(deliveries::id.eq_any(&old))).execute(conn)
}
