//! Queries on `reports` and `moderation_actions`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::{ContributionStatus, Decision, ReportTarget};
use crate::schema::{contributions, moderation_actions as actions, reports};

#[derive(Debug, Insertable)]
#[diesel(table_name = reports)]
pub struct NewReport {
    pub id: String,
    pub target_type: ReportTarget,
    pub target_id: String,
    pub campaign_id: String,
    pub reporter_id: String,
    pub reason: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Queryable, Insertable)]
#[diesel(table_name = actions)]
pub struct ActionRow {
    pub id: String,
    pub campaign_id: String,
    pub contribution_id: String,
    pub actor_id: String,
    pub decision: Decision,
    pub reason: Option<String>,
    pub from_status: ContributionStatus,
    pub to_status: ContributionStatus,
    pub created_at: NaiveDateTime,
}

pub fn already_reported(
    conn: &mut DbConnection,
    target_type: ReportTarget,
    target_id: &str,
    reporter_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        reports::table
            .filter(reports::target_type.eq(target_type))
            .filter(reports::target_id.eq(target_id))
            .filter(reports::reporter_id.eq(reporter_id)),
    ))
    .get_result(conn)
}

pub fn insert_report(conn: &mut DbConnection, report: &NewReport) -> QueryResult<()> {
    diesel::insert_into(reports::table)
        .values(report)
        .execute(conn)
        .map(drop)
}

pub fn insert_action(conn: &mut DbConnection, action: &ActionRow) -> QueryResult<()> {
    diesel::insert_into(actions::table)
        .values(action)
        .execute(conn)
        .map(drop)
}

pub fn actions_of(conn: &mut DbConnection, contribution_id: &str) -> QueryResult<Vec<ActionRow>> {
    actions::table
        .filter(actions::contribution_id.eq(contribution_id))
        .order(actions::id.asc())
        .load(conn)
}

/// Report counts of a campaign's reported contributions or comments (`target_type`).
pub fn report_counts(
    conn: &mut DbConnection,
    campaign_id: &str,
    target_type: ReportTarget,
) -> QueryResult<Vec<(String, i64)>> {
    reports::table
        .filter(reports::campaign_id.eq(campaign_id))
        .filter(reports::target_type.eq(target_type))
        .group_by(reports::target_id)
        .select((reports::target_id, diesel::dsl::count_star()))
        .load(conn)
}

/// Ids of contributions awaiting approval in a campaign.
pub fn submitted_ids(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<String>> {
    contributions::table
        .filter(contributions::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq(ContributionStatus::Submitted))
        .select(contributions::id)
        .load(conn)
}
