//! Queries on `comments`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::comments;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = comments)]
pub struct CommentRow {
    pub id: String,
    pub contribution_id: String,
    pub campaign_id: String,
    pub author_id: String,
    pub thread_id: String,
    pub parent_id: Option<String>,
    pub body: Option<String>,
    pub created_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
    pub deleted_by: Option<String>,
}

pub fn insert(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::insert_into(comments::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<CommentRow>> {
    comments::table.find(id).first(conn).optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<CommentRow>> {
    comments::table.filter(comments::id.eq_any(ids)).load(conn)
}

/// A contribution's comments in thread order (each thread oldest first, its replies after it),
/// after the `(thread_id, id)` position `after`.
pub fn page_of(
    conn: &mut DbConnection,
    contribution_id: &str,
    after: Option<(&str, &str)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let mut query = comments::table
        .filter(comments::contribution_id.eq(contribution_id))
        .into_boxed();
    if let Some((thread, id)) = after {
        query = query.filter(
            comments::thread_id.gt(thread.to_owned()).or(comments::thread_id
                .eq(thread.to_owned())
                .and(comments::id.gt(id.to_owned()))),
        );
    }
    query
        .order((comments::thread_id.asc(), comments::id.asc()))
        .limit(limit)
        .load(conn)
}

/// Removes the words and records who removed them.
pub fn mark_deleted(conn: &mut DbConnection, id: &str, by: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(None::<String>),
            comments::deleted_at.eq(Some(at)),
            comments::deleted_by.eq(Some(by)),
        ))
        .execute(conn)
        .map(drop)
}
