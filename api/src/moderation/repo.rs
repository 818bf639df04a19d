//! Queries on `reports` and `moderation_actions`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::{ContributionStatus, Decision, ReportAction, ReportCategory, ReportTarget};
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
    pub category: ReportCategory,
}

/// A report as the desk shows it.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: String,
    pub target_type: ReportTarget,
    pub target_id: String,
    pub campaign_id: String,
    pub reporter_id: String,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub category: ReportCategory,
    pub resolution: Option<ReportAction>,
    pub resolution_reason: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<NaiveDateTime>,
}

/// How the open reports on one subject are settled.
pub struct Settlement<'a> {
    pub action: ReportAction,
    pub reason: Option<&'a str>,
    pub by: &'a str,
    pub at: NaiveDateTime,
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

pub fn find_report(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ReportRow>> {
    reports::table
        .find(id)
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

/// A page of a campaign's reports: open ones oldest first, resolved ones newest first; keyed
/// by id (time-ordered).
pub fn list_reports(
    conn: &mut DbConnection,
    campaign_id: &str,
    open: bool,
    target_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ReportRow>> {
    let mut query = reports::table
        .filter(reports::campaign_id.eq(campaign_id))
        .select(ReportRow::as_select())
        .into_boxed();
    query = match open {
        true => query.filter(reports::resolved_at.is_null()),
        false => query.filter(reports::resolved_at.is_not_null()),
    };
    if let Some(target_id) = target_id {
        query = query.filter(reports::target_id.eq(target_id.to_owned()));
    }
    query = match (open, after) {
        (true, Some(after)) => query.filter(reports::id.gt(after.to_owned())),
        (false, Some(after)) => query.filter(reports::id.lt(after.to_owned())),
        (_, None) => query,
    };
    query = match open {
        true => query.order(reports::id.asc()),
        false => query.order(reports::id.desc()),
    };
    query.limit(limit).load(conn)
}

/// Settles every open report on a subject at once. Conditional on the reports being open, so
/// of parallel resolutions one settles them and the others find nothing left (0).
pub fn settle_open(
    conn: &mut DbConnection,
    target_type: ReportTarget,
    target_id: &str,
    settlement: &Settlement,
) -> QueryResult<usize> {
    diesel::update(
        reports::table
            .filter(reports::target_type.eq(target_type))
            .filter(reports::target_id.eq(target_id))
            .filter(reports::resolved_at.is_null()),
    )
    .set((
        reports::resolution.eq(Some(settlement.action)),
        reports::resolution_reason.eq(settlement.reason),
        reports::resolved_by.eq(Some(settlement.by)),
        reports::resolved_at.eq(Some(settlement.at)),
    ))
    .execute(conn)
}

/// Open report counts of a campaign's reported contributions or comments (`target_type`).
pub fn report_counts(
    conn: &mut DbConnection,
    campaign_id: &str,
    target_type: ReportTarget,
) -> QueryResult<Vec<(String, i64)>> {
    reports::table
        .filter(reports::campaign_id.eq(campaign_id))
        .filter(reports::target_type.eq(target_type))
        .filter(reports::resolved_at.is_null())
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
