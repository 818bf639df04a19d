//! Queries on `contributions` and `contribution_authors`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Text;
use serde::Deserialize;

use crate::campaigns::repo::CampaignRow;
use crate::db::fragment::json_rows;
use crate::db::{DbConnection, Locked};
use crate::domain::ContributionStatus;
use crate::domain::Role;
use crate::media::repo::{MediaOfContributionJson, MediaRow, media_rows};
use crate::schema::{
    campaigns, contribution_authors as authors, contributions, organization_members as members, users,
};

#[derive(Debug, Clone, Queryable)]
pub struct ContributionRow {
    pub id: String,
    pub campaign_id: String,
    pub submitter_id: String,
    pub title: String,
    pub body: String,
    pub tags: String,
    pub parent_id: Option<String>,
    pub status: ContributionStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub moderation_reason: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = contributions)]
pub struct NewContribution {
    pub id: String,
    pub campaign_id: String,
    pub submitter_id: String,
    pub title: String,
    pub body: String,
    pub tags: String,
    pub parent_id: Option<String>,
    pub status: ContributionStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = contributions)]
pub struct ContributionChanges {
    pub title: Option<String>,
    pub body: Option<String>,
    pub tags: Option<String>,
    pub status: Option<ContributionStatus>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub moderation_reason: Option<Option<String>>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = authors)]
pub struct AuthorRow {
    pub contribution_id: String,
    pub user_id: String,
    pub share_bp: i32,
    pub accepted_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConnection,
    contribution: &NewContribution,
    author_rows: &[AuthorRow],
) -> QueryResult<()> {
    diesel::insert_into(contributions::table)
        .values(contribution)
        .execute(conn)?;
    for row in author_rows {
        diesel::insert_into(authors::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ContributionRow>> {
    contributions::table.find(id).first(conn).optional()
}

/// The query behind [`find_for_viewer`]: its tables (`for_viewer!(from id, viewer)`) and the
/// columns of a [`ForViewer`] (`for_viewer!(columns viewer)`), for queries that select more.
macro_rules! for_viewer {
    (from $id:expr, $viewer:expr) => {
        contributions::table
            .inner_join(campaigns::table)
            .left_join(
                members::table.on(members::organization_id
                    .eq(campaigns::organization_id)
                    .and(members::user_id.eq($viewer))),
            )
            .filter(contributions::id.eq($id))
    };
    (columns $viewer:expr) => {
        (
            contributions::all_columns,
            campaigns::all_columns,
            members::role.nullable(),
            diesel::dsl::exists(
                authors::table
                    .filter(authors::contribution_id.eq(contributions::id))
                    .filter(authors::user_id.eq($viewer)),
            ),
        )
    };
}

/// A contribution, its campaign, the viewer's role in its organization, whether they author it.
pub type ForViewer = (ContributionRow, CampaignRow, Option<Role>, bool);

/// A contribution with its campaign (a join), and what `viewer` is to it: their role in the
/// campaign's organization and whether they are one of its authors (for a viewer `None`, no
/// role and no authorship). One statement for everything a read or a vote decides by; the role
/// is read from the organization's members table on the way rather than asked for after.
pub fn find_for_viewer(
    conn: &mut DbConnection,
    id: &str,
    viewer: Option<&str>,
) -> QueryResult<Option<ForViewer>> {
    // No user has the empty id: an anonymous viewer matches no member and no author.
    let viewer = viewer.unwrap_or_default();
    crate::on_backend!(conn, c => for_viewer!(from id, viewer)
        .select(for_viewer!(columns viewer))
        .first(c)
        .optional())
}

/// [`find_for_viewer`] for a viewer who is about to change something of theirs in the entry's
/// campaign: the query also takes two advisory locks as it reads ([`Locked`], PostgreSQL), first
/// on `prefix || <the entry's campaign id> || suffix`, then on `key`. A vote's locks on the
/// voter's ballots in the campaign and on their research profile cost no round trip of their own
/// that way. What they guard must be read in a later statement.
pub fn find_for_viewer_locking(
    conn: &mut DbConnection,
    id: &str,
    viewer: &str,
    (prefix, suffix): (&str, &str),
    key: &str,
) -> QueryResult<Option<ForViewer>> {
    let found: Option<(ForViewer, bool, bool)> = crate::on_backend!(conn, c => for_viewer!(from id, viewer)
        .select((
            for_viewer!(columns viewer),
            Locked(prefix.into_sql::<Text>().concat(campaigns::id).concat(suffix)),
            Locked(key.into_sql::<Text>()),
        ))
        .first(c)
        .optional())?;
    Ok(found.map(|(found, _, _)| found))
}

/// A contribution as [`find_for_viewer`] reads it, with its authors and its media.
pub struct Whole {
    pub found: ForViewer,
    pub authors: Vec<NamedAuthor>,
    pub media: Vec<MediaRow>,
}

/// An author as a response shows them.
#[derive(Debug, Clone, Deserialize)]
pub struct NamedAuthor {
    pub user_id: String,
    pub display_name: String,
    pub share_bp: i32,
    /// False while a co-authorship waits for its answer.
    pub accepted: bool,
}

crate::backend_fragment! {
    /// The authors of the enclosing query's contribution (`contributions.id`) with their names,
    /// the largest share first (equal shares by user id), as a JSON array of [`NamedAuthor`]s.
    AuthorsJson: Text,
    postgres = "(SELECT coalesce(json_agg(json_build_object(\
        'user_id', a.user_id, 'display_name', u.display_name, 'share_bp', a.share_bp, \
        'accepted', a.accepted_at IS NOT NULL) ORDER BY a.share_bp DESC, a.user_id), '[]')::text \
        FROM contribution_authors a JOIN users u ON u.id = a.user_id \
        WHERE a.contribution_id = contributions.id)",
    sqlite = "(SELECT json_group_array(json_object(\
        'user_id', a.user_id, 'display_name', u.display_name, 'share_bp', a.share_bp, \
        'accepted', json(CASE WHEN a.accepted_at IS NULL THEN 'false' ELSE 'true' END)) \
        ORDER BY a.share_bp DESC, a.user_id) \
        FROM contribution_authors a JOIN users u ON u.id = a.user_id \
        WHERE a.contribution_id = contributions.id)",
}

/// [`find_for_viewer`] with the contribution's authors and media, all in one statement: what a
/// read by id answers with (before, a query each for the authors and the media, three round
/// trips instead of one).
pub fn find_whole_for_viewer(
    conn: &mut DbConnection,
    id: &str,
    viewer: Option<&str>,
) -> QueryResult<Option<Whole>> {
    let viewer = viewer.unwrap_or_default();
    let found: Option<(ForViewer, String, String)> = crate::on_backend!(conn, c => for_viewer!(from id, viewer)
        .select((for_viewer!(columns viewer), AuthorsJson, MediaOfContributionJson))
        .first(c)
        .optional())?;
    found
        .map(|(found, authors, media)| {
            Ok(Whole {
                found,
                authors: json_rows(&authors)?,
                media: media_rows(&media)?,
            })
        })
        .transpose()
}

/// Applies `changes` only if the contribution is still `expected`; false when a parallel
/// request moved it first (the caller answers 409 instead of deciding twice).
pub fn update_from(
    conn: &mut DbConnection,
    id: &str,
    expected: ContributionStatus,
    changes: &ContributionChanges,
) -> QueryResult<bool> {
    diesel::update(
        contributions::table
            .find(id)
            .filter(contributions::status.eq(expected)),
    )
    .set(changes)
    .execute(conn)
    .map(|changed| changed == 1)
}

/// How many of a member's contributions to a campaign count against its limit (all but
/// withdrawn and rejected ones).
pub fn count_active_by_submitter(
    conn: &mut DbConnection,
    campaign_id: &str,
    user_id: &str,
) -> QueryResult<i64> {
    contributions::table
        .filter(contributions::campaign_id.eq(campaign_id))
        .filter(contributions::submitter_id.eq(user_id))
        .filter(contributions::status.ne_all([ContributionStatus::Withdrawn, ContributionStatus::Rejected]))
        .count()
        .get_result(conn)
}

pub fn authors_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<AuthorRow>> {
    authors::table
        .filter(authors::contribution_id.eq_any(ids))
        .order((authors::share_bp.desc(), authors::user_id))
        .load(conn)
}

/// The authors of each of `ids` with their names, the largest share first (equal shares by user
/// id, so the order is the same on every read), in one round trip.
pub fn authors_with_names(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<Vec<(String, NamedAuthor)>> {
    let rows: Vec<(AuthorRow, String)> = crate::on_backend!(conn, c => authors::table
        .inner_join(users::table)
        .filter(authors::contribution_id.eq_any(ids))
        .order((authors::share_bp.desc(), authors::user_id))
        .select((authors::all_columns, users::display_name))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(author, display_name)| {
            let named = NamedAuthor {
                user_id: author.user_id,
                display_name,
                share_bp: author.share_bp,
                accepted: author.accepted_at.is_some(),
            };
            (author.contribution_id, named)
        })
        .collect())
}

pub fn find_author(conn: &mut DbConnection, id: &str, user_id: &str) -> QueryResult<Option<AuthorRow>> {
    authors::table.find((id, user_id)).first(conn).optional()
}

/// Accepts an open co-authorship; false when it was answered meanwhile.
pub fn accept_authorship(
    conn: &mut DbConnection,
    id: &str,
    user_id: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        authors::table
            .find((id, user_id))
            .filter(authors::accepted_at.is_null()),
    )
    .set(authors::accepted_at.eq(at))
    .execute(conn)
    .map(|changed| changed == 1)
}

/// Removes an open co-authorship and gives its share back to the submitter; false when it was
/// answered meanwhile. Only the request whose DELETE removed the row credits the share, so
/// parallel declines credit it once.
pub fn decline_authorship(
    conn: &mut DbConnection,
    id: &str,
    user_id: &str,
    submitter_id: &str,
    share: i32,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        authors::table
            .find((id, user_id))
            .filter(authors::accepted_at.is_null()),
    )
    .execute(conn)?;
    if removed == 0 {
        return Ok(false);
    }
    diesel::update(authors::table.find((id, submitter_id)))
        .set(authors::share_bp.eq(authors::share_bp + share))
        .execute(conn)?;
    Ok(true)
}

/// Public contributions of a campaign, newest first, after `after` (an id). Their authors and
/// media are read for the whole page in two statements ([`super::view::respond`]), not with each
/// row as a read by id does: per row, the JSON subqueries cost the database more than the two
/// round trips they save (measured: a gallery page 3022 → 2190 a second).
pub fn list_public_newest(
    conn: &mut DbConnection,
    campaign_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ContributionRow>> {
    let mut query = contributions::table
        .filter(contributions::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq_any(ContributionStatus::PUBLIC))
        .order(contributions::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(contributions::id.lt(after.to_owned()));
    }
    query.load(conn)
}

/// Ids of all public contributions of a campaign (for the per-viewer random order).
pub fn public_ids(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<String>> {
    contributions::table
        .filter(contributions::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq_any(ContributionStatus::PUBLIC))
        .select(contributions::id)
        .load(conn)
}

pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<ContributionRow>> {
    contributions::table
        .filter(contributions::id.eq_any(ids))
        .load(conn)
}
