//! The inbox and the settings: a user reads and marks their own notifications, and chooses per
//! category whether it shows in the inbox and how often it comes by mail.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::dto::{
    CategorySetting, MarkReadRequest, NotificationResponse, NotificationSettings, UnreadCounts,
};
use super::repo::{self, NotificationRow};
use super::{Category, Kind};
use crate::db::{DbConnection, write_transaction};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::pagination::KeyedPage;

fn respond(row: NotificationRow) -> NotificationResponse {
    NotificationResponse {
        data: serde_json::from_str(&row.data).unwrap_or(serde_json::Value::Null),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        read_at: row.read_at.map(|at| at.and_utc()),
        id: row.id,
        kind: row.kind,
        category: row.category,
        subject_id: row.subject_id,
        campaign_id: row.campaign_id,
        actor_id: row.actor_id,
        count: row.count,
    }
}

/// Sort key `updated_at (µs)|id`.
fn parse_key(key: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, id) = key.split_once('|')?;
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, id.to_owned()))
}

pub fn inbox(
    conn: &mut DbConnection,
    user_id: &str,
    unread_only: bool,
    kind: Option<Kind>,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<NotificationResponse>, ApiError> {
    let after = match after {
        None => None,
        Some(key) => Some(parse_key(key).ok_or_else(|| {
            ApiError::invalid("cursor", ErrorCode::CursorInvalid, "not a position in this inbox")
        })?),
    };
    let rows = repo::inbox(conn, user_id, unread_only, kind, after, limit as i64 + 1)?;
    Ok(KeyedPage::from_rows(rows, limit, |row| {
        format!("{}|{}", row.updated_at.and_utc().timestamp_micros(), row.id)
    })
    .map(respond))
}

pub fn unread_counts(conn: &mut DbConnection, user_id: &str) -> Result<UnreadCounts, ApiError> {
    let by_kind: BTreeMap<String, i64> = repo::unread_counts(conn, user_id)?
        .into_iter()
        .map(|(kind, count)| (kind.as_str().to_owned(), count))
        .collect();
    Ok(UnreadCounts {
        total: by_kind.values().sum(),
        by_kind,
    })
}

pub fn mark_read(
    conn: &mut DbConnection,
    user_id: &str,
    request: &MarkReadRequest,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    // `all` includes whatever `ids` names, so the request has one meaning however it is filled.
    let marked = if request.all {
        repo::mark_all_read(conn, user_id, now)?
    } else if request.ids.is_empty() {
        0
    } else {
        repo::mark_read(conn, user_id, &request.ids, now)?
    };
    Ok(i64::try_from(marked).unwrap_or(i64::MAX))
}

pub fn settings(conn: &mut DbConnection, user_id: &str) -> Result<NotificationSettings, ApiError> {
    let chosen = repo::preferences_of(conn, user_id)?;
    Ok(NotificationSettings {
        categories: Category::ALL
            .iter()
            .map(|category| {
                let (in_app, email) = chosen
                    .get(category)
                    .copied()
                    .unwrap_or_else(|| category.defaults());
                CategorySetting {
                    category: *category,
                    in_app,
                    email,
                }
            })
            .collect(),
    })
}

/// Replaces the settings of the categories given (others keep theirs).
pub fn update_settings(
    conn: &mut DbConnection,
    user_id: &str,
    request: NotificationSettings,
) -> Result<NotificationSettings, ApiError> {
    let mut seen = Vec::new();
    let mut errors = Vec::new();
    for (index, setting) in request.categories.iter().enumerate() {
        if seen.contains(&setting.category) {
            errors.push(FieldError::new(
                format!("categories[{index}].category"),
                ErrorCode::FieldDuplicate,
                "listed twice",
            ));
        }
        seen.push(setting.category);
    }
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    write_transaction(conn, |conn| {
        for setting in &request.categories {
            repo::set_preference(conn, user_id, setting.category, setting.in_app, setting.email)?;
        }
        settings(conn, user_id)
    })
}

/// Stops mail as an unsubscribe link says.
pub fn unsubscribe(
    conn: &mut DbConnection,
    user_id: &str,
    category: Option<Category>,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| Ok(repo::mail_off(conn, user_id, category)?))
}
