//! Queries on `jobs`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{ClaimedJob, NewJob};
use crate::db::DbConnection;
use crate::schema::jobs;

const QUEUED: &str = "queued";
const RUNNING: &str = "running";
const DEAD: &str = "dead";

pub fn insert(conn: &mut DbConnection, job: &NewJob, id: &str) -> QueryResult<bool> {
    let now = crate::ids::now();
    let insert = diesel::insert_into(jobs::table).values((
        jobs::id.eq(id),
        jobs::kind.eq(job.kind),
        jobs::payload.eq(job.payload.to_string()),
        jobs::unique_key.eq(job.unique_key.as_deref()),
        jobs::status.eq(QUEUED),
        jobs::run_at.eq(job.run_at),
        jobs::attempts.eq(0),
        jobs::max_attempts.eq(job.max_attempts),
        jobs::created_at.eq(now),
        jobs::updated_at.eq(now),
    ));
    // The same statement on both; MultiConnection cannot express ON CONFLICT itself.
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(inserted == 1)
}

/// Whether any job is due (queued and due, or running past its lease): a plain read, so an
/// idle SQLite server never takes the write lock to find nothing.
pub fn any_due(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        jobs::table.filter(
            jobs::status
                .eq(QUEUED)
                .and(jobs::run_at.le(now))
                .or(jobs::status.eq(RUNNING).and(jobs::lease_until.lt(now))),
        ),
    ))
    .get_result(conn)
}

/// When the next queued job is due, if any.
pub fn next_due(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    jobs::table
        .filter(jobs::status.eq(QUEUED))
        .select(diesel::dsl::min(jobs::run_at))
        .first(conn)
}

/// The recurring job `key` while it is parked: queued with its attempts reset (a failed job
/// waiting out its backoff has them counted), and not due before `later_than` (its cadence
/// would have run it by then).
type Parked<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<
            diesel::dsl::Filter<jobs::table, diesel::dsl::Eq<jobs::unique_key, &'a str>>,
            diesel::dsl::Eq<jobs::status, &'static str>,
        >,
        diesel::dsl::Eq<jobs::attempts, i32>,
    >,
    diesel::dsl::Gt<jobs::run_at, NaiveDateTime>,
>;

fn parked_job(key: &str, later_than: NaiveDateTime) -> Parked<'_> {
    jobs::table
        .filter(jobs::unique_key.eq(key))
        .filter(jobs::status.eq(QUEUED))
        .filter(jobs::attempts.eq(0))
        .filter(jobs::run_at.gt(later_than))
}

/// Whether the recurring job `key` is parked (a plain read).
pub fn parked(conn: &mut DbConnection, key: &str, later_than: NaiveDateTime) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(parked_job(key, later_than))).get_result(conn)
}

/// Makes the parked job `key` due `now` (in the caller's write transaction); whether it was
/// still parked (another replica may have woken it, or it ran).
pub fn unpark(
    conn: &mut DbConnection,
    key: &str,
    later_than: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let woken = diesel::update(parked_job(key, later_than))
        .set((jobs::run_at.eq(now), jobs::updated_at.eq(now)))
        .execute(conn)?;
    Ok(woken == 1)
}

type Row = (String, String, String, i32, i32);

/// Leases up to `limit` due jobs (in the caller's write transaction): each gets `lease_until`
/// and a fresh token, and one more attempt.
pub fn claim(
    conn: &mut DbConnection,
    limit: i64,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<Vec<ClaimedJob>> {
    let due = jobs::table
        .filter(
            jobs::status
                .eq(QUEUED)
                .and(jobs::run_at.le(now))
                .or(jobs::status.eq(RUNNING).and(jobs::lease_until.lt(now))),
        )
        .order(jobs::run_at.asc())
        .limit(limit)
        .select((
            jobs::id,
            jobs::kind,
            jobs::payload,
            jobs::attempts,
            jobs::max_attempts,
        ));
    let rows: Vec<Row> = match conn {
        // Replicas claiming at once skip each other's rows instead of waiting for them.
        DbConnection::Postgres(pg) => due.for_update().skip_locked().load(pg)?,
        // SQLite's write transaction excludes other claimers already.
        DbConnection::Sqlite(lite) => due.load(lite)?,
    };
    let mut claimed = Vec::with_capacity(rows.len());
    for (id, kind, payload, attempts, max_attempts) in rows {
        let token = crate::ids::new_id();
        diesel::update(jobs::table.find(&id))
            .set((
                jobs::status.eq(RUNNING),
                jobs::attempts.eq(attempts + 1),
                jobs::lease_token.eq(&token),
                jobs::lease_until.eq(lease_until),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?;
        claimed.push(ClaimedJob {
            payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
            id,
            kind,
            attempt: attempts + 1,
            max_attempts,
            lease_token: token,
        });
    }
    Ok(claimed)
}

/// The job `id` while `token` still holds its lease.
type Leased<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<jobs::table, diesel::dsl::Eq<jobs::id, &'a str>>,
    diesel::dsl::Eq<jobs::lease_token, &'a str>,
>;

fn leased<'a>(id: &'a str, token: &'a str) -> Leased<'a> {
    jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::lease_token.eq(token))
}

pub fn delete_leased(conn: &mut DbConnection, id: &str, token: &str) -> QueryResult<bool> {
    Ok(diesel::delete(leased(id, token)).execute(conn)? == 1)
}

/// Queues a leased job again at `run_at`; `reset` starts its attempts over (a recurring job).
pub fn requeue_leased(
    conn: &mut DbConnection,
    id: &str,
    token: &str,
    run_at: NaiveDateTime,
    reset: bool,
) -> QueryResult<bool> {
    let now = crate::ids::now();
    let target = leased(id, token);
    let changed = if reset {
        diesel::update(target)
            .set((
                jobs::status.eq(QUEUED),
                jobs::run_at.eq(run_at),
                jobs::attempts.eq(0),
                jobs::lease_token.eq(None::<String>),
                jobs::lease_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(None::<String>),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                jobs::status.eq(QUEUED),
                jobs::run_at.eq(run_at),
                jobs::lease_token.eq(None::<String>),
                jobs::lease_until.eq(None::<NaiveDateTime>),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?
    };
    Ok(changed == 1)
}

pub fn retry(
    conn: &mut DbConnection,
    id: &str,
    token: &str,
    error: &str,
    run_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(leased(id, token))
        .set((
            jobs::status.eq(QUEUED),
            jobs::run_at.eq(run_at),
            jobs::lease_token.eq(None::<String>),
            jobs::lease_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(error),
            jobs::updated_at.eq(crate::ids::now()),
        ))
        .execute(conn)
        .map(drop)
}

pub fn bury(
    conn: &mut DbConnection,
    id: &str,
    token: &str,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(leased(id, token))
        .set((
            jobs::status.eq(DEAD),
            jobs::lease_token.eq(None::<String>),
            jobs::lease_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(error),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// One kind's jobs in one status.
#[derive(Debug, Clone)]
pub struct QueueStats {
    pub kind: String,
    pub status: String,
    pub count: i64,
    /// Seconds since the oldest of them was due (queued) or last changed (running, dead).
    pub oldest_age_secs: f64,
}

pub fn stats(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<QueueStats>> {
    let rows: Vec<(String, String, i64, Option<NaiveDateTime>)> = jobs::table
        .group_by((jobs::kind, jobs::status))
        .select((
            jobs::kind,
            jobs::status,
            diesel::dsl::count_star(),
            diesel::dsl::min(jobs::run_at),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(kind, status, count, oldest)| QueueStats {
            oldest_age_secs: oldest
                .map(|at| (now - at).num_milliseconds().max(0) as f64 / 1000.0)
                .unwrap_or(0.0),
            kind,
            status,
            count,
        })
        .collect())
}

/// Forgets dead jobs last touched before `before` (at most `limit`); returns how many.
pub fn prune_dead(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> QueryResult<usize> {
    let old: Vec<String> = jobs::table
        .filter(jobs::status.eq(DEAD))
        .filter(jobs::updated_at.lt(before))
        .select(jobs::id)
        .limit(limit)
        .load(conn)?;
    diesel::delete(jobs::table.filter(jobs::id.eq_any(&old))).execute(conn)
}
