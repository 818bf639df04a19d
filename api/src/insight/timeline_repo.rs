//! The queries behind a participant's timeline: per campaign, their votes, contributions and
//! points, and the campaigns' names.

use std::collections::HashMap;

use diesel::dsl::{count_star, sum};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{campaign_participants as participants, campaigns, contributions, points_ledger, votes};

/// Slug and title of each campaign in `ids`.
pub fn campaign_names(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, (String, String)>> {
    Ok(campaigns::table
        .filter(campaigns::id.eq_any(ids))
        .select((campaigns::id, campaigns::slug, campaigns::title))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(id, slug, title)| (id, (slug, title)))
        .collect())
}

/// The ids of an organization's campaigns.
pub fn campaigns_of_organization(conn: &mut DbConnection, organization_id: &str) -> QueryResult<Vec<String>> {
    campaigns::table
        .filter(campaigns::organization_id.eq(organization_id))
        .select(campaigns::id)
        .load(conn)
}

/// Whether the user took a step (voted, contributed, pledged or answered a task) in any campaign
/// of `ids`.
pub fn took_part_in_any(conn: &mut DbConnection, user_id: &str, ids: &[String]) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        participants::table
            .filter(participants::user_id.eq(user_id))
            .filter(participants::campaign_id.eq_any(ids))
            .filter(
                participants::first_vote_at
                    .is_not_null()
                    .or(participants::first_contribution_at.is_not_null())
                    .or(participants::first_pledge_at.is_not_null())
                    .or(participants::first_task_at.is_not_null()),
            ),
    ))
    .get_result(conn)
}

/// The user's current votes per campaign in `ids`.
pub fn votes_by_campaign(
    conn: &mut DbConnection,
    user_id: &str,
    ids: &[String],
) -> QueryResult<HashMap<String, i64>> {
    Ok(votes::table
        .filter(votes::voter_id.eq(user_id))
        .filter(votes::campaign_id.eq_any(ids))
        .group_by(votes::campaign_id)
        .select((votes::campaign_id, count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

/// The contributions the user submitted per campaign in `ids`.
pub fn contributions_by_campaign(
    conn: &mut DbConnection,
    user_id: &str,
    ids: &[String],
) -> QueryResult<HashMap<String, i64>> {
    Ok(contributions::table
        .filter(contributions::submitter_id.eq(user_id))
        .filter(contributions::campaign_id.eq_any(ids))
        .group_by(contributions::campaign_id)
        .select((contributions::campaign_id, count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

/// The points the user earned per campaign in `ids`.
pub fn points_by_campaign(
    conn: &mut DbConnection,
    user_id: &str,
    ids: &[String],
) -> QueryResult<HashMap<String, i64>> {
    Ok(points_ledger::table
        .filter(points_ledger::user_id.eq(user_id))
        .filter(points_ledger::campaign_id.eq_any(ids))
        .group_by(points_ledger::campaign_id)
        .select((points_ledger::campaign_id, sum(points_ledger::points)))
        .load::<(Option<String>, Option<i64>)>(conn)?
        .into_iter()
        .filter_map(|(campaign, points)| Some((campaign?, points.unwrap_or(0))))
        .collect())
}
