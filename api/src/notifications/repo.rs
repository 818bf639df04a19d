//! Queries on `notifications` and `notification_preferences`.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Category, EmailFrequency, Kind};
use crate::db::DbConnection;
use crate::db::raw::{self, Param};
use crate::events::StoredEvent;
use crate::schema::{campaigns, notification_preferences as preferences, notifications, organizations};

/// Who receives a notification (each resolves to a `SELECT user_id ...`).
#[derive(Debug, Clone)]
pub enum Recipients {
    /// The contribution's authors who accepted their share.
    Authors(String),
    /// Co-authors named on the contribution who have not answered yet.
    InvitedCoAuthors(String),
    /// The contribution's authors and the author of the comment replied to.
    AuthorsAndParentCommenter {
        contribution: String,
        parent_comment: Option<String>,
    },
    /// The organization's owners, managers and moderators.
    Staff(String),
    /// The organization's owners.
    Owners(String),
    /// Everyone who voted or contributed in the campaign.
    Participants(String),
    /// Everyone with a part in one of the campaign's awards.
    CampaignAwardWinners(String),
    /// Everyone with a part in the award.
    AwardWinners(String),
    /// The pledge's backer.
    Backer(String),
    /// The claim's worker.
    Worker(String),
    /// One user.
    User(String),
    /// Everyone whose pledge to the campaign was collected, or is still open or was refunded.
    Backers(String),
}

impl Recipients {
    fn sql(&self) -> (&'static str, Vec<Param>) {
        match self {
            Recipients::Authors(id) => (
                "SELECT user_id FROM contribution_authors WHERE contribution_id = ? AND accepted_at IS NOT NULL",
                vec![id.as_str().into()],
            ),
            Recipients::InvitedCoAuthors(id) => (
                "SELECT user_id FROM contribution_authors WHERE contribution_id = ? AND accepted_at IS NULL",
                vec![id.as_str().into()],
            ),
            Recipients::AuthorsAndParentCommenter {
                contribution,
                parent_comment,
            } => (
                "SELECT user_id FROM contribution_authors WHERE contribution_id = ? AND accepted_at IS NOT NULL \
                 UNION SELECT author_id FROM comments WHERE id = ?",
                vec![
                    contribution.as_str().into(),
                    parent_comment.as_deref().unwrap_or("").into(),
                ],
            ),
            Recipients::Staff(organization) => (
                "SELECT user_id FROM organization_members \
                 WHERE organization_id = ? AND role IN ('owner', 'manager', 'moderator')",
                vec![organization.as_str().into()],
            ),
            Recipients::Owners(organization) => (
                "SELECT user_id FROM organization_members WHERE organization_id = ? AND role = 'owner'",
                vec![organization.as_str().into()],
            ),
            Recipients::Participants(campaign) => (
                "SELECT user_id FROM campaign_participants WHERE campaign_id = ? \
                 AND (first_vote_at IS NOT NULL OR first_contribution_at IS NOT NULL)",
                vec![campaign.as_str().into()],
            ),
            Recipients::CampaignAwardWinners(campaign) => (
                "SELECT s.user_id FROM award_splits s JOIN awards a ON a.id = s.award_id WHERE a.campaign_id = ?",
                vec![campaign.as_str().into()],
            ),
            Recipients::AwardWinners(award) => (
                "SELECT user_id FROM award_splits WHERE award_id = ?",
                vec![award.as_str().into()],
            ),
            Recipients::Backer(pledge) => (
                "SELECT backer_id AS user_id FROM pledges WHERE id = ?",
                vec![pledge.as_str().into()],
            ),
            Recipients::Worker(claim) => (
                "SELECT worker_id AS user_id FROM task_claims WHERE id = ?",
                vec![claim.as_str().into()],
            ),
            Recipients::User(user) => (
                "SELECT id AS user_id FROM users WHERE id = ?",
                vec![user.as_str().into()],
            ),
            Recipients::Backers(campaign) => (
                "SELECT DISTINCT backer_id AS user_id FROM pledges WHERE campaign_id = ? \
                 AND status IN ('pending', 'active', 'collecting', 'collected', 'errored', 'refunded')",
                vec![campaign.as_str().into()],
            ),
        }
    }
}

/// Notifies every recipient but the actor, with their preferences applied: nothing for those
/// who switched the category off in the inbox; the mail frequency they chose (or the
/// category's default) is written with the notification. Returns the rows written.
pub fn notify(
    conn: &mut DbConnection,
    event: &StoredEvent,
    kind: Kind,
    subject_id: &str,
    recipients: &Recipients,
    data: &str,
) -> QueryResult<usize> {
    let category = kind.category();
    let (in_app_default, email_default) = category.defaults();
    let (recipients_sql, recipient_params) = recipients.sql();
    let sql = format!(
        "INSERT INTO notifications (id, recipient_id, kind, category, event_id, campaign_id, subject_id, \
         actor_id, count, data, email, created_at, updated_at) \
         SELECT {id}, r.user_id, ?, ?, ?, ?, ?, ?, 1, ?, COALESCE(p.email, ?), ?, ? \
         FROM (SELECT DISTINCT user_id FROM ({recipients_sql}) AS listed) AS r \
         LEFT JOIN notification_preferences p ON p.user_id = r.user_id AND p.category = ? \
         WHERE COALESCE(p.in_app, ?) AND r.user_id <> ? \
         ON CONFLICT (recipient_id, kind, subject_id) WHERE read_at IS NULL DO UPDATE SET \
         count = notifications.count + 1, event_id = excluded.event_id, actor_id = excluded.actor_id, \
         data = excluded.data, email = excluded.email, updated_at = excluded.updated_at, \
         emailed_at = NULL",
        id = raw::random_id(conn),
    );
    let mut params: Vec<Param> = vec![
        kind.as_str().into(),
        category.as_str().into(),
        event.id.as_str().into(),
        event.campaign_id.as_deref().into(),
        subject_id.into(),
        event.actor_id.as_deref().into(),
        data.into(),
        email_default.as_str().into(),
        event.occurred_at.into(),
        event.occurred_at.into(),
    ];
    params.extend(recipient_params);
    params.push(category.as_str().into());
    params.push(Param::Bool(in_app_default));
    params.push(event.actor_id.as_deref().unwrap_or("").into());
    raw::execute(conn, &sql, params)
}

pub fn campaign_name(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(String, String)>> {
    campaigns::table
        .find(id)
        .select((campaigns::slug, campaigns::title))
        .first(conn)
        .optional()
}

pub fn organization_slug(conn: &mut DbConnection, id: &str) -> QueryResult<Option<String>> {
    organizations::table
        .find(id)
        .select(organizations::slug)
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable)]
#[allow(dead_code, reason = "the row as stored; responses and mail use most of it")]
pub struct NotificationRow {
    pub id: String,
    pub recipient_id: String,
    pub kind: Kind,
    pub category: Category,
    pub event_id: String,
    pub campaign_id: Option<String>,
    pub subject_id: String,
    pub actor_id: Option<String>,
    pub count: i32,
    pub data: String,
    pub email: EmailFrequency,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
    pub emailed_at: Option<NaiveDateTime>,
}

/// A user's notifications, most recently updated first, after the `(updated_at, id)` position.
pub fn inbox(
    conn: &mut DbConnection,
    user_id: &str,
    unread_only: bool,
    kind: Option<Kind>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<NotificationRow>> {
    let mut query = notifications::table
        .filter(notifications::recipient_id.eq(user_id))
        .order((notifications::updated_at.desc(), notifications::id.desc()))
        .limit(limit)
        .into_boxed();
    if unread_only {
        query = query.filter(notifications::read_at.is_null());
    }
    if let Some(kind) = kind {
        query = query.filter(notifications::kind.eq(kind));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            notifications::updated_at
                .lt(at)
                .or(notifications::updated_at.eq(at).and(notifications::id.lt(id))),
        );
    }
    query.load(conn)
}

/// Unread notifications by kind.
pub fn unread_counts(conn: &mut DbConnection, user_id: &str) -> QueryResult<Vec<(Kind, i64)>> {
    notifications::table
        .filter(notifications::recipient_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .group_by(notifications::kind)
        .select((notifications::kind, diesel::dsl::count_star()))
        .load(conn)
}

/// Marks the user's notifications with these ids read (others' ids change nothing).
pub fn mark_read(
    conn: &mut DbConnection,
    user_id: &str,
    ids: &[String],
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::recipient_id.eq(user_id))
            .filter(notifications::id.eq_any(ids))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(at))
    .execute(conn)
}

pub fn mark_all_read(conn: &mut DbConnection, user_id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::recipient_id.eq(user_id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(at))
    .execute(conn)
}

/// The user's choices by category (categories without a row keep their defaults).
pub fn preferences_of(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<HashMap<Category, (bool, EmailFrequency)>> {
    Ok(preferences::table
        .filter(preferences::user_id.eq(user_id))
        .select((preferences::category, preferences::in_app, preferences::email))
        .load::<(Category, bool, EmailFrequency)>(conn)?
        .into_iter()
        .map(|(category, in_app, email)| (category, (in_app, email)))
        .collect())
}

/// Stores the user's choice for a category and applies its mail frequency to what waits for mail
/// in it, so switching a category's mail off (or to the digest) holds for news already waiting.
pub fn set_preference(
    conn: &mut DbConnection,
    user_id: &str,
    category: Category,
    in_app: bool,
    email: EmailFrequency,
) -> QueryResult<()> {
    let row = (
        preferences::user_id.eq(user_id),
        preferences::category.eq(category),
        preferences::in_app.eq(in_app),
        preferences::email.eq(email),
    );
    let upsert = diesel::insert_into(preferences::table).values(row);
    let change = (preferences::in_app.eq(in_app), preferences::email.eq(email));
    let target = (preferences::user_id, preferences::category);
    // The same statement on both; MultiConnection cannot express ON CONFLICT itself.
    match conn {
        DbConnection::Postgres(pg) => upsert.on_conflict(target).do_update().set(change).execute(pg),
        DbConnection::Sqlite(lite) => upsert.on_conflict(target).do_update().set(change).execute(lite),
    }?;
    diesel::update(
        notifications::table
            .filter(notifications::recipient_id.eq(user_id))
            .filter(notifications::category.eq(category))
            .filter(notifications::emailed_at.is_null()),
    )
    .set(notifications::email.eq(email))
    .execute(conn)
    .map(drop)
}

/// Unmailed notifications of `frequency` last updated before `before`: the recipients (at
/// most `limit`) whose mail is due.
pub fn recipients_due(
    conn: &mut DbConnection,
    frequency: EmailFrequency,
    before: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<String>> {
    notifications::table
        .filter(notifications::email.eq(frequency))
        .filter(notifications::emailed_at.is_null())
        .filter(notifications::updated_at.le(before))
        .select(notifications::recipient_id)
        .distinct()
        .order(notifications::recipient_id.asc())
        .limit(limit)
        .load(conn)
}

/// One recipient's notifications due for mail of `frequency`, oldest first (at most `limit`),
/// locked until the transaction ends: a new event absorbed into one of them meanwhile waits,
/// then re-arms it for the next mail instead of being marked mailed unseen.
pub fn take_due(
    conn: &mut DbConnection,
    user_id: &str,
    frequency: EmailFrequency,
    before: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<NotificationRow>> {
    let query = notifications::table
        .filter(notifications::recipient_id.eq(user_id))
        .filter(notifications::email.eq(frequency))
        .filter(notifications::emailed_at.is_null())
        .filter(notifications::updated_at.le(before))
        .order(notifications::updated_at.asc())
        .limit(limit);
    match conn {
        DbConnection::Postgres(pg) => query.for_update().load(pg),
        DbConnection::Sqlite(lite) => query.load(lite),
    }
}

/// Marks the recipient's other notifications due for mail of `frequency` as mailed; returns how
/// many. One conditional statement: a row re-armed meanwhile (newer than `before`) stays due.
pub fn mark_due_emailed(
    conn: &mut DbConnection,
    user_id: &str,
    frequency: EmailFrequency,
    before: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::recipient_id.eq(user_id))
            .filter(notifications::email.eq(frequency))
            .filter(notifications::emailed_at.is_null())
            .filter(notifications::updated_at.le(before)),
    )
    .set(notifications::emailed_at.eq(at))
    .execute(conn)
}

pub fn mark_emailed(conn: &mut DbConnection, ids: &[String], at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        notifications::table
            .filter(notifications::id.eq_any(ids))
            .filter(notifications::emailed_at.is_null()),
    )
    .set(notifications::emailed_at.eq(at))
    .execute(conn)
    .map(drop)
}

/// Stops mail of `category` (or of every category) for the user.
pub fn mail_off(conn: &mut DbConnection, user_id: &str, category: Option<Category>) -> QueryResult<()> {
    let categories: Vec<Category> = match category {
        Some(category) => vec![category],
        None => Category::ALL.to_vec(),
    };
    let current = preferences_of(conn, user_id)?;
    for category in categories {
        let in_app = current
            .get(&category)
            .map_or(category.defaults().0, |(in_app, _)| *in_app);
        set_preference(conn, user_id, category, in_app, EmailFrequency::Off)?;
    }
    Ok(())
}

/// Forgets notifications read before `before` (at most `limit`); returns how many.
pub fn prune_read(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> QueryResult<usize> {
    let old: Vec<String> = notifications::table
        .filter(notifications::read_at.lt(before))
        .select(notifications::id)
        .limit(limit)
        .load(conn)?;
    diesel::delete(notifications::table.filter(notifications::id.eq_any(&old))).execute(conn)
}
