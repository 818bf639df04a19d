//! Queries on `emails`: mail composed in the transaction of what it reports, sent by its own job.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::OutgoingMail;
use crate::db::DbConnection;
use crate::schema::emails;

pub fn insert(
    conn: &mut DbConnection,
    recipient_id: Option<&str>,
    mail: &OutgoingMail,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(emails::table)
        .values((
            emails::id.eq(&mail.id),
            emails::recipient_id.eq(recipient_id),
            emails::to_address.eq(&mail.to),
            emails::subject.eq(&mail.subject),
            emails::body.eq(&mail.body),
            emails::unsubscribe_url.eq(mail.unsubscribe_url.as_deref()),
            emails::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// A mail not sent yet.
pub fn unsent(conn: &mut DbConnection, id: &str) -> QueryResult<Option<OutgoingMail>> {
    let row: Option<(String, String, String, String, Option<String>)> = emails::table
        .find(id)
        .filter(emails::sent_at.is_null())
        .select((
            emails::id,
            emails::to_address,
            emails::subject,
            emails::body,
            emails::unsubscribe_url,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, to, subject, body, unsubscribe_url)| OutgoingMail {
        id,
        to,
        subject,
        body,
        unsubscribe_url,
    }))
}

pub fn mark_sent(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(emails::table.find(id))
        .set(emails::sent_at.eq(at))
        .execute(conn)
        .map(drop)
}

/// Forgets mail sent before `before` (at most `limit`); returns how many.
pub fn prune_sent(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> QueryResult<usize> {
    let old: Vec<String> = emails::table
        .filter(emails::sent_at.lt(before))
        .select(emails::id)
        .limit(limit)
        .load(conn)?;
    diesel::delete(emails::table.filter(emails::id.eq_any(&old))).execute(conn)
}
