//! Queries on `task_settings`, `tasks`, `task_claims` and `task_workers`. A slot is taken with
//! one conditional update (`WHERE taken < redundancy`) and every claim moves with one
//! (`WHERE status = <where it was read>`), so parallel requests and replicas cannot hand out
//! more slots than a task has or move a claim twice.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text};

use crate::db::DbConnection;
use crate::domain::{ClaimStatus, RetirementReason, RetirementRule, TaskStrategy};
use crate::schema::{task_claims as claims, task_settings as settings, task_workers as workers, tasks};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = settings)]
pub struct SettingsRow {
    pub campaign_id: String,
    pub answer_form: String,
    pub strategy: TaskStrategy,
    pub lease_seconds: i32,
    pub review_delay_hours: i32,
    pub retirement: RetirementRule,
    pub consensus_k: Option<i32>,
    pub gold_rate_percent: i32,
    pub min_accuracy_percent: Option<i32>,
    pub gold_min_answers: i32,
    pub rejection_guard_percent: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = tasks)]
pub struct TaskRow {
    pub id: String,
    pub campaign_id: String,
    pub payload: String,
    pub instructions: String,
    pub redundancy: i32,
    pub reward_points: i32,
    pub priority: i32,
    pub gold_answer: Option<String>,
    pub taken: i32,
    pub answers: i32,
    pub retired_at: Option<NaiveDateTime>,
    pub retired_reason: Option<RetirementReason>,
    pub result_answer: Option<String>,
    pub agreement_bp: Option<i32>,
    pub agreeing: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = claims)]
pub struct ClaimRow {
    pub id: String,
    pub task_id: String,
    pub campaign_id: String,
    pub worker_id: String,
    pub status: ClaimStatus,
    pub gold: bool,
    pub lease_expires_at: NaiveDateTime,
    pub answer: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub auto_approve_at: Option<NaiveDateTime>,
    pub gold_correct: Option<bool>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub reviewed_by: Option<String>,
    pub review_reason: Option<String>,
    pub overturned_at: Option<NaiveDateTime>,
    pub points: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = workers)]
pub struct WorkerRow {
    pub campaign_id: String,
    pub worker_id: String,
    pub gold_answered: i32,
    pub gold_correct: i32,
    pub paused_at: Option<NaiveDateTime>,
    pub paused_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

// --- settings ----------------------------------------------------------------------------------

pub fn settings_of(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Option<SettingsRow>> {
    settings::table.find(campaign_id).first(conn).optional()
}

/// Inserts or replaces a campaign's settings.
pub fn save_settings(conn: &mut DbConnection, row: &SettingsRow) -> QueryResult<()> {
    let changed = diesel::update(settings::table.find(&row.campaign_id))
        .set((
            settings::answer_form.eq(&row.answer_form),
            settings::strategy.eq(row.strategy),
            settings::lease_seconds.eq(row.lease_seconds),
            settings::review_delay_hours.eq(row.review_delay_hours),
            settings::retirement.eq(row.retirement),
            settings::consensus_k.eq(row.consensus_k),
            settings::gold_rate_percent.eq(row.gold_rate_percent),
            settings::min_accuracy_percent.eq(row.min_accuracy_percent),
            settings::gold_min_answers.eq(row.gold_min_answers),
            settings::rejection_guard_percent.eq(row.rejection_guard_percent),
            settings::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(settings::table).values(row).execute(conn)?;
    }
    Ok(())
}

// --- tasks -------------------------------------------------------------------------------------

pub fn task(conn: &mut DbConnection, id: &str) -> QueryResult<Option<TaskRow>> {
    tasks::table.find(id).first(conn).optional()
}

/// Inserts tasks in statements of a few hundred rows (both databases cap bound parameters).
pub fn insert_tasks(conn: &mut DbConnection, rows: &[TaskRow]) -> QueryResult<()> {
    for chunk in rows.chunks(500) {
        let insert = diesel::insert_into(tasks::table).values(chunk);
        // A multi-row insert is per backend: MultiConnection cannot express it itself.
        match conn {
            DbConnection::Postgres(pg) => insert.execute(pg)?,
            DbConnection::Sqlite(lite) => insert.execute(lite)?,
        };
    }
    Ok(())
}

pub fn count_tasks(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<i64> {
    tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .select(count_star())
        .first(conn)
}

/// Whether any answer was given in the campaign (the answer form is fixed from then on).
pub fn has_answers(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        claims::table
            .filter(claims::campaign_id.eq(campaign_id))
            .filter(claims::submitted_at.is_not_null()),
    ))
    .get_result(conn)
}

/// Which tasks a list shows.
#[derive(Debug, Clone, Copy)]
pub enum TaskFilter {
    All,
    /// Not retired, with a free slot (gold tasks never show to workers).
    Available,
    Retired,
    Gold,
}

/// A page of the campaign's tasks in id (creation) order after `after`.
pub fn tasks_of(
    conn: &mut DbConnection,
    campaign_id: &str,
    filter: TaskFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<TaskRow>> {
    let mut query = tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .order(tasks::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(tasks::id.gt(after.to_owned()));
    }
    query = match filter {
        TaskFilter::All => query,
        TaskFilter::Available => query
            .filter(tasks::retired_at.is_null())
            .filter(tasks::gold_answer.is_null())
            .filter(tasks::taken.lt(tasks::redundancy)),
        TaskFilter::Retired => query.filter(tasks::retired_at.is_not_null()),
        TaskFilter::Gold => query.filter(tasks::gold_answer.is_not_null()),
    };
    query.load(conn)
}

/// Every task of the campaign, in id order (exports; the caller pages through `after`).
pub fn task_batch(
    conn: &mut DbConnection,
    campaign_id: &str,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<TaskRow>> {
    tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .filter(tasks::id.gt(after))
        .order(tasks::id.asc())
        .limit(limit)
        .load(conn)
}

/// Tasks of the campaign `worker` never took, that still take answers, in the order of the
/// strategy: highest priority first, then closest to done (depth first), fewest answers
/// (breadth first) or at random. Gold tasks when `gold`, else ordinary ones with a free slot.
pub fn candidates(
    conn: &mut DbConnection,
    campaign_id: &str,
    worker: &str,
    strategy: TaskStrategy,
    gold: bool,
    limit: i64,
) -> QueryResult<Vec<String>> {
    let taken_by_worker = claims::table
        .filter(claims::worker_id.eq(worker.to_owned()))
        .filter(claims::campaign_id.eq(campaign_id.to_owned()))
        .select(claims::task_id);
    let mut query = tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .filter(tasks::retired_at.is_null())
        .filter(tasks::id.ne_all(taken_by_worker))
        .select(tasks::id)
        .limit(limit)
        .into_boxed();
    query = match gold {
        true => query.filter(tasks::gold_answer.is_not_null()),
        false => query
            .filter(tasks::gold_answer.is_null())
            .filter(tasks::taken.lt(tasks::redundancy)),
    };
    query = query.order(tasks::priority.desc());
    query = match strategy {
        TaskStrategy::DepthFirst => query
            .then_order_by(tasks::taken.desc())
            .then_order_by(tasks::id.asc()),
        TaskStrategy::BreadthFirst => query
            .then_order_by(tasks::taken.asc())
            .then_order_by(tasks::id.asc()),
        // RANDOM() on both databases.
        TaskStrategy::Random => query.then_order_by(sql::<Integer>("RANDOM()")),
    };
    query.load(conn)
}

/// Whether others hold leases on ordinary tasks `worker` never took, which may yet come back.
pub fn leases_may_return(conn: &mut DbConnection, campaign_id: &str, worker: &str) -> QueryResult<bool> {
    let mine = diesel::alias!(crate::schema::task_claims as mine);
    let taken_by_worker = mine
        .filter(mine.field(claims::worker_id).eq(worker.to_owned()))
        .filter(mine.field(claims::campaign_id).eq(campaign_id.to_owned()))
        .select(mine.field(claims::task_id));
    diesel::select(diesel::dsl::exists(
        claims::table
            .filter(claims::campaign_id.eq(campaign_id))
            .filter(claims::status.eq(ClaimStatus::Active))
            .filter(claims::gold.eq(false))
            .filter(claims::task_id.ne_all(taken_by_worker)),
    ))
    .get_result(conn)
}

/// The worker's claims in the campaign: (all, gold).
pub fn claim_mix(conn: &mut DbConnection, campaign_id: &str, worker: &str) -> QueryResult<(i64, i64)> {
    let rows: Vec<(bool, i64)> = claims::table
        .filter(claims::campaign_id.eq(campaign_id))
        .filter(claims::worker_id.eq(worker))
        .group_by(claims::gold)
        .select((claims::gold, count_star()))
        .load(conn)?;
    let gold = rows.iter().filter(|(gold, _)| *gold).map(|(_, n)| n).sum();
    Ok((rows.iter().map(|(_, n)| n).sum(), gold))
}

/// Gold tasks of the campaign and their gold answers, in id order after `after`.
pub fn gold_answers(
    conn: &mut DbConnection,
    campaign_id: &str,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<(String, Option<String>, String)>> {
    tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .filter(tasks::id.gt(after))
        .order(tasks::id.asc())
        .limit(limit)
        .select((tasks::id, tasks::gold_answer, tasks::payload))
        .load(conn)
}

/// Counts an overturned gold rejection as a right answer.
pub fn correct_gold(
    conn: &mut DbConnection,
    campaign_id: &str,
    worker: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        workers::table
            .find((campaign_id, worker))
            .filter(workers::gold_correct.lt(workers::gold_answered)),
    )
    .set((
        workers::gold_correct.eq(workers::gold_correct + 1),
        workers::updated_at.eq(now),
    ))
    .execute(conn)
    .map(drop)
}

/// Takes one slot of an ordinary task that still takes answers; false when none is free.
pub fn take_slot(conn: &mut DbConnection, task_id: &str) -> QueryResult<bool> {
    diesel::update(
        tasks::table
            .find(task_id)
            .filter(tasks::retired_at.is_null())
            .filter(tasks::taken.lt(tasks::redundancy)),
    )
    .set(tasks::taken.eq(tasks::taken + 1))
    .execute(conn)
    .map(|changed| changed == 1)
}

/// Gives a slot back (a lease released or expired, an answer rejected).
pub fn release_slot(conn: &mut DbConnection, task_id: &str) -> QueryResult<()> {
    diesel::update(tasks::table.find(task_id).filter(tasks::taken.gt(0)))
        .set(tasks::taken.eq(tasks::taken - 1))
        .execute(conn)
        .map(drop)
}

/// Holds a slot again without the limit (an overturned rejection: the answer counts again).
pub fn retake_slot(conn: &mut DbConnection, task_id: &str) -> QueryResult<()> {
    diesel::update(tasks::table.find(task_id))
        .set(tasks::taken.eq(tasks::taken + 1))
        .execute(conn)
        .map(drop)
}

/// The task's consensus and retirement as computed from its answers.
pub struct TaskOutcome {
    pub answers: i32,
    pub result_answer: Option<String>,
    pub agreement_bp: Option<i32>,
    pub agreeing: i32,
    pub retired: Option<RetirementReason>,
}

/// Stores a task's consensus; retires it (keeping the first instant) or reopens it. Returns
/// whether this call retired it.
pub fn store_outcome(
    conn: &mut DbConnection,
    task_id: &str,
    outcome: &TaskOutcome,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(tasks::table.find(task_id))
        .set((
            tasks::answers.eq(outcome.answers),
            tasks::result_answer.eq(&outcome.result_answer),
            tasks::agreement_bp.eq(outcome.agreement_bp),
            tasks::agreeing.eq(outcome.agreeing),
            tasks::updated_at.eq(now),
        ))
        .execute(conn)?;
    match outcome.retired {
        Some(reason) => diesel::update(tasks::table.find(task_id).filter(tasks::retired_at.is_null()))
            .set((tasks::retired_at.eq(now), tasks::retired_reason.eq(reason)))
            .execute(conn)
            .map(|changed| changed == 1),
        None => diesel::update(tasks::table.find(task_id))
            .set((
                tasks::retired_at.eq(None::<NaiveDateTime>),
                tasks::retired_reason.eq(None::<RetirementReason>),
            ))
            .execute(conn)
            .map(|_| false),
    }
}

/// How many tasks share one state.
pub struct TaskStateCount {
    pub gold: bool,
    pub retired: bool,
    /// It has all the answers it wants.
    pub full: bool,
    /// Taken or answered at least once.
    pub held: bool,
    pub count: i64,
}

/// A task's gold answer, retirement, answers, redundancy and slots taken.
type TaskStateRow = (Option<String>, Option<NaiveDateTime>, i32, i32, i32);

/// Tasks by state.
pub fn task_states(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<TaskStateCount>> {
    let rows: Vec<TaskStateRow> = tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .select((
            tasks::gold_answer,
            tasks::retired_at,
            tasks::answers,
            tasks::redundancy,
            tasks::taken,
        ))
        .load(conn)?;
    let mut counts: std::collections::BTreeMap<(bool, bool, bool, bool), i64> = Default::default();
    for (gold, retired, answers, redundancy, taken) in rows {
        let key = (
            gold.is_some(),
            retired.is_some(),
            answers >= redundancy,
            taken > 0 || answers > 0,
        );
        *counts.entry(key).or_default() += 1;
    }
    Ok(counts
        .into_iter()
        .map(|((gold, retired, full, held), count)| TaskStateCount {
            gold,
            retired,
            full,
            held,
            count,
        })
        .collect())
}

/// Answers still wanted by tasks that take them: the sum of `redundancy - answers`.
pub fn answers_wanted(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<i64> {
    let wanted: Option<i64> = tasks::table
        .filter(tasks::campaign_id.eq(campaign_id))
        .filter(tasks::retired_at.is_null())
        .filter(tasks::gold_answer.is_null())
        .filter(tasks::answers.lt(tasks::redundancy))
        .select(sql::<Nullable<diesel::sql_types::BigInt>>(
            "SUM(redundancy - answers)",
        ))
        .first(conn)?;
    Ok(wanted.unwrap_or(0))
}

// --- claims ------------------------------------------------------------------------------------

pub fn claim(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ClaimRow>> {
    claims::table.find(id).first(conn).optional()
}

/// Inserts a claim unless the worker holds one on the task already (the partial unique index
/// decides, also against a parallel request); false then.
pub fn insert_claim(conn: &mut DbConnection, row: &ClaimRow) -> QueryResult<bool> {
    let insert = diesel::insert_into(claims::table).values(row);
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(inserted == 1)
}

/// The worker's live claim on a task, if any.
pub fn live_claim_of(conn: &mut DbConnection, task_id: &str, worker: &str) -> QueryResult<Option<ClaimRow>> {
    claims::table
        .filter(claims::task_id.eq(task_id))
        .filter(claims::worker_id.eq(worker))
        .filter(claims::status.eq_any(ClaimStatus::LIVE))
        .first(conn)
        .optional()
}

/// The worker's active leases in a campaign.
pub fn active_claims_of(conn: &mut DbConnection, campaign_id: &str, worker: &str) -> QueryResult<i64> {
    claims::table
        .filter(claims::campaign_id.eq(campaign_id))
        .filter(claims::worker_id.eq(worker))
        .filter(claims::status.eq(ClaimStatus::Active))
        .select(count_star())
        .first(conn)
}

/// What a conditional move of a claim sets beside its status.
#[derive(Debug, Default)]
pub struct ClaimChanges {
    pub lease_expires_at: Option<NaiveDateTime>,
    pub answer: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub auto_approve_at: Option<NaiveDateTime>,
    pub gold_correct: Option<bool>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub reviewed_by: Option<Option<String>>,
    pub review_reason: Option<Option<String>>,
    pub overturned_at: Option<NaiveDateTime>,
    pub points: Option<i32>,
}

#[derive(AsChangeset)]
#[diesel(table_name = claims)]
struct ClaimChangeset {
    status: ClaimStatus,
    lease_expires_at: Option<NaiveDateTime>,
    answer: Option<String>,
    submitted_at: Option<NaiveDateTime>,
    auto_approve_at: Option<NaiveDateTime>,
    gold_correct: Option<bool>,
    reviewed_at: Option<NaiveDateTime>,
    reviewed_by: Option<Option<String>>,
    review_reason: Option<Option<String>>,
    overturned_at: Option<NaiveDateTime>,
    points: Option<i32>,
    updated_at: NaiveDateTime,
}

/// Moves a claim from `from` to `to` if it is still there (and, when `lease_until_after` is
/// given, its lease has not run out by then); false when another request, run or replica moved
/// it first.
pub fn move_claim(
    conn: &mut DbConnection,
    id: &str,
    from: ClaimStatus,
    to: ClaimStatus,
    lease_until_after: Option<NaiveDateTime>,
    changes: ClaimChanges,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changeset = ClaimChangeset {
        status: to,
        lease_expires_at: changes.lease_expires_at,
        answer: changes.answer,
        submitted_at: changes.submitted_at,
        auto_approve_at: changes.auto_approve_at,
        gold_correct: changes.gold_correct,
        reviewed_at: changes.reviewed_at,
        reviewed_by: changes.reviewed_by,
        review_reason: changes.review_reason,
        overturned_at: changes.overturned_at,
        points: changes.points,
        updated_at: now,
    };
    let changed = match lease_until_after {
        Some(at) => diesel::update(
            claims::table
                .filter(claims::id.eq(id))
                .filter(claims::status.eq(from))
                .filter(claims::lease_expires_at.gt(at)),
        )
        .set(&changeset)
        .execute(conn)?,
        None => diesel::update(
            claims::table
                .filter(claims::id.eq(id))
                .filter(claims::status.eq(from)),
        )
        .set(&changeset)
        .execute(conn)?,
    };
    Ok(changed == 1)
}

/// Expires a lease whose time ran out (unless it was extended, answered or released first).
pub fn expire_claim(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        claims::table
            .filter(claims::id.eq(id))
            .filter(claims::status.eq(ClaimStatus::Active))
            .filter(claims::lease_expires_at.le(now)),
    )
    .set((
        claims::status.eq(ClaimStatus::Expired),
        claims::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|changed| changed == 1)
}

/// The counting answers of a task in the order they came (for its consensus).
pub fn answers_of(conn: &mut DbConnection, task_id: &str) -> QueryResult<Vec<String>> {
    claims::table
        .filter(claims::task_id.eq(task_id))
        .filter(claims::status.eq_any(ClaimStatus::ANSWERED))
        .filter(claims::answer.is_not_null())
        .order((claims::submitted_at.asc(), claims::id.asc()))
        .select(sql::<Text>("answer"))
        .load(conn)
}

/// The answered claims of several tasks (results export and task detail).
pub fn answered_claims_of(conn: &mut DbConnection, task_ids: &[String]) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::task_id.eq_any(task_ids))
        .filter(claims::status.eq_any([
            ClaimStatus::Submitted,
            ClaimStatus::Approved,
            ClaimStatus::Rejected,
        ]))
        .order((
            claims::task_id.asc(),
            claims::submitted_at.asc(),
            claims::id.asc(),
        ))
        .load(conn)
}

/// A page of a worker's claims, newest first, before `(created_at, id)`.
pub fn claims_of_worker(
    conn: &mut DbConnection,
    worker: &str,
    campaign_id: Option<&str>,
    status: Option<ClaimStatus>,
    before: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    let mut query = claims::table
        .filter(claims::worker_id.eq(worker))
        .order((claims::created_at.desc(), claims::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(campaign_id) = campaign_id {
        query = query.filter(claims::campaign_id.eq(campaign_id.to_owned()));
    }
    if let Some(status) = status {
        query = query.filter(claims::status.eq(status));
    }
    if let Some((at, id)) = before {
        query = query.filter(
            claims::created_at
                .lt(at)
                .or(claims::created_at.eq(at).and(claims::id.lt(id))),
        );
    }
    query.load(conn)
}

/// A page of a campaign's claims in one state, in the order they were claimed (ids grow with
/// time), after `after`.
pub fn claims_of_campaign(
    conn: &mut DbConnection,
    campaign_id: &str,
    status: ClaimStatus,
    after: Option<String>,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    let mut query = claims::table
        .filter(claims::campaign_id.eq(campaign_id))
        .filter(claims::status.eq(status))
        .order(claims::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(claims::id.gt(after));
    }
    query.load(conn)
}

/// Active leases whose time ran out, oldest first.
pub fn overdue_leases(conn: &mut DbConnection, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::status.eq(ClaimStatus::Active))
        .filter(claims::lease_expires_at.le(now))
        .order(claims::lease_expires_at.asc())
        .limit(limit)
        .load(conn)
}

/// Submitted answers whose review delay passed, oldest first.
pub fn overdue_reviews(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::status.eq(ClaimStatus::Submitted))
        .filter(claims::auto_approve_at.le(now))
        .order(claims::auto_approve_at.asc())
        .limit(limit)
        .load(conn)
}

/// Reviews in the campaign since `since`, gold checks left out: (rejected by people, all).
pub fn manual_reviews_since(
    conn: &mut DbConnection,
    campaign_id: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, i64)> {
    let rows: Vec<(ClaimStatus, i64)> = claims::table
        .filter(claims::campaign_id.eq(campaign_id))
        .filter(claims::reviewed_at.ge(since))
        .filter(claims::gold.eq(false).or(claims::reviewed_by.is_not_null()))
        .filter(claims::status.eq_any([ClaimStatus::Approved, ClaimStatus::Rejected]))
        .group_by(claims::status)
        .select((claims::status, count_star()))
        .load(conn)?;
    let rejected = rows
        .iter()
        .filter(|(status, _)| *status == ClaimStatus::Rejected)
        .map(|(_, n)| n)
        .sum();
    Ok((rejected, rows.iter().map(|(_, n)| n).sum()))
}

/// Claims of the campaign by state.
pub fn claim_states(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<(ClaimStatus, i64)>> {
    claims::table
        .filter(claims::campaign_id.eq(campaign_id))
        .group_by(claims::status)
        .select((claims::status, count_star()))
        .load(conn)
}

/// Answers submitted in the campaign since `since` (gold ones left out).
pub fn answers_since(conn: &mut DbConnection, campaign_id: &str, since: NaiveDateTime) -> QueryResult<i64> {
    claims::table
        .filter(claims::campaign_id.eq(campaign_id))
        .filter(claims::gold.eq(false))
        .filter(claims::submitted_at.ge(since))
        .select(count_star())
        .first(conn)
}

/// A worker's answers in one state: (worker, state, answers, points paid).
pub type WorkerTotal = (String, ClaimStatus, i64, Option<i64>);

/// Per worker of the campaign (or only `worker`) and state of their answers.
pub fn worker_totals(
    conn: &mut DbConnection,
    campaign_id: &str,
    worker: Option<&str>,
) -> QueryResult<Vec<WorkerTotal>> {
    let answered = [
        ClaimStatus::Submitted,
        ClaimStatus::Approved,
        ClaimStatus::Rejected,
    ];
    let select = (
        claims::worker_id,
        claims::status,
        count_star(),
        diesel::dsl::sum(claims::points),
    );
    match worker {
        Some(worker) => claims::table
            .filter(claims::campaign_id.eq(campaign_id))
            .filter(claims::worker_id.eq(worker))
            .filter(claims::status.eq_any(answered))
            .group_by((claims::worker_id, claims::status))
            .select(select)
            .load(conn),
        None => claims::table
            .filter(claims::campaign_id.eq(campaign_id))
            .filter(claims::status.eq_any(answered))
            .group_by((claims::worker_id, claims::status))
            .select(select)
            .load(conn),
    }
}

// --- workers -----------------------------------------------------------------------------------

pub fn worker(conn: &mut DbConnection, campaign_id: &str, worker: &str) -> QueryResult<Option<WorkerRow>> {
    workers::table.find((campaign_id, worker)).first(conn).optional()
}

pub fn workers_of(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<WorkerRow>> {
    workers::table
        .filter(workers::campaign_id.eq(campaign_id))
        .load(conn)
}

/// Creates the worker's record in the campaign unless it exists (also against a parallel
/// request: ON CONFLICT).
fn ensure_worker(
    conn: &mut DbConnection,
    campaign_id: &str,
    worker: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let row = WorkerRow {
        campaign_id: campaign_id.to_owned(),
        worker_id: worker.to_owned(),
        gold_answered: 0,
        gold_correct: 0,
        paused_at: None,
        paused_reason: None,
        created_at: now,
        updated_at: now,
    };
    let insert = diesel::insert_into(workers::table).values(&row);
    match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(())
}

/// Counts a gold answer (atomically, so parallel answers all count) and returns the record.
pub fn count_gold(
    conn: &mut DbConnection,
    campaign_id: &str,
    worker: &str,
    correct: bool,
    now: NaiveDateTime,
) -> QueryResult<WorkerRow> {
    ensure_worker(conn, campaign_id, worker, now)?;
    diesel::update(workers::table.find((campaign_id, worker)))
        .set((
            workers::gold_answered.eq(workers::gold_answered + 1),
            workers::gold_correct.eq(workers::gold_correct + i32::from(correct)),
            workers::updated_at.eq(now),
        ))
        .execute(conn)?;
    workers::table.find((campaign_id, worker)).first(conn)
}

/// Pauses (with the reason shown to the worker) or resumes a worker; false when they were so
/// already.
pub fn set_paused(
    conn: &mut DbConnection,
    campaign_id: &str,
    worker: &str,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    ensure_worker(conn, campaign_id, worker, now)?;
    let target = workers::table.find((campaign_id, worker));
    let changed = match reason {
        Some(reason) => diesel::update(target.filter(workers::paused_at.is_null()))
            .set((
                workers::paused_at.eq(now),
                workers::paused_reason.eq(reason),
                workers::updated_at.eq(now),
            ))
            .execute(conn)?,
        // Resuming starts the worker's accuracy afresh: the answers that paused them would
        // pause them again at the next check.
        None => diesel::update(target.filter(workers::paused_at.is_not_null()))
            .set((
                workers::paused_at.eq(None::<NaiveDateTime>),
                workers::paused_reason.eq(None::<String>),
                workers::gold_answered.eq(0),
                workers::gold_correct.eq(0),
                workers::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(changed == 1)
}
