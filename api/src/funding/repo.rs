//! Queries on `campaign_funding`, `funding_tiers`, `pledges` and `payments`. Every state change
//! is a conditional update (`WHERE status IN (...)`), and a tier's slot is taken with one
//! (`WHERE taken < quantity_limit`), so parallel requests on PostgreSQL cannot oversell a tier
//! or move a pledge twice.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::{
    FundingModel, FundingOutcome, PaymentKind, PaymentOutcome, PaymentProvider, PledgeStatus,
};
use crate::schema::{campaign_funding as funding, funding_tiers as tiers, payments, pledges};

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = funding, treat_none_as_null = true)]
pub struct FundingRow {
    pub campaign_id: String,
    pub goal_minor: i64,
    pub currency: String,
    pub model: FundingModel,
    pub backer_goal: Option<i32>,
    pub provider: PaymentProvider,
    pub grace_days: i32,
    pub stretch_goals: String,
    pub frozen_at: Option<NaiveDateTime>,
    pub collection_started_at: Option<NaiveDateTime>,
    pub outcome: Option<FundingOutcome>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = tiers)]
pub struct TierRow {
    pub id: String,
    pub campaign_id: String,
    pub title: String,
    pub description: String,
    pub min_amount_minor: i64,
    pub quantity_limit: Option<i32>,
    pub taken: i32,
    pub available_from: Option<NaiveDateTime>,
    pub available_until: Option<NaiveDateTime>,
    pub estimated_delivery: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = pledges)]
pub struct PledgeRow {
    pub id: String,
    pub campaign_id: String,
    pub backer_id: String,
    pub tier_id: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: PledgeStatus,
    pub provider: PaymentProvider,
    pub payment_method: String,
    pub source_id: Option<String>,
    pub grace_until: Option<NaiveDateTime>,
    pub reminders: i32,
    pub reminded_at: Option<NaiveDateTime>,
    pub failure: Option<String>,
    pub collected_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = payments)]
pub struct PaymentRow {
    pub id: String,
    pub pledge_id: String,
    pub kind: PaymentKind,
    pub idempotency_key: String,
    pub amount_minor: i64,
    pub currency: String,
    pub provider: PaymentProvider,
    pub outcome: PaymentOutcome,
    pub failure: Option<String>,
    pub reference: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: NaiveDateTime,
}

// --- funding -----------------------------------------------------------------------------------

pub fn funding_of(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Option<FundingRow>> {
    funding::table.find(campaign_id).first(conn).optional()
}

/// Inserts or replaces the settings, unless they are frozen; false when frozen.
pub fn save_funding(conn: &mut DbConnection, row: &FundingRow) -> QueryResult<bool> {
    let changed = diesel::update(
        funding::table
            .filter(funding::campaign_id.eq(&row.campaign_id))
            .filter(funding::frozen_at.is_null()),
    )
    .set((
        funding::goal_minor.eq(row.goal_minor),
        funding::currency.eq(&row.currency),
        funding::model.eq(row.model),
        funding::backer_goal.eq(row.backer_goal),
        funding::provider.eq(row.provider),
        funding::grace_days.eq(row.grace_days),
        funding::stretch_goals.eq(&row.stretch_goals),
        funding::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    if changed == 1 {
        return Ok(true);
    }
    if funding_of(conn, &row.campaign_id)?.is_some() {
        return Ok(false);
    }
    diesel::insert_into(funding::table).values(row).execute(conn)?;
    Ok(true)
}

pub fn freeze(conn: &mut DbConnection, campaign_id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        funding::table
            .filter(funding::campaign_id.eq(campaign_id))
            .filter(funding::frozen_at.is_null()),
    )
    .set(funding::frozen_at.eq(at))
    .execute(conn)
    .map(drop)
}

pub fn start_collection(conn: &mut DbConnection, campaign_id: &str, at: NaiveDateTime) -> QueryResult<()> {
    freeze(conn, campaign_id, at)?;
    diesel::update(
        funding::table
            .filter(funding::campaign_id.eq(campaign_id))
            .filter(funding::collection_started_at.is_null()),
    )
    .set(funding::collection_started_at.eq(at))
    .execute(conn)
    .map(drop)
}

/// Records the outcome once; false when another run decided first.
pub fn decide(
    conn: &mut DbConnection,
    campaign_id: &str,
    outcome: FundingOutcome,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        funding::table
            .filter(funding::campaign_id.eq(campaign_id))
            .filter(funding::outcome.is_null()),
    )
    .set((
        funding::outcome.eq(outcome),
        funding::decided_at.eq(at),
        funding::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Campaigns the settlement has work on, in id order after `after`: undecided ones whose
/// deadline passed (or that were cancelled or closed), and any with failed payments to remind
/// or grace windows that ended.
pub fn campaigns_to_settle(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<String>> {
    use crate::schema::campaigns;
    let undecided: Vec<String> = funding::table
        .inner_join(campaigns::table.on(campaigns::id.eq(funding::campaign_id)))
        .filter(funding::outcome.is_null())
        .filter(funding::campaign_id.gt(after))
        .filter(
            campaigns::submissions_close_at
                .le(now)
                .and(campaigns::status.eq("published"))
                .or(campaigns::status.eq_any(["cancelled", "closed"])),
        )
        .select(funding::campaign_id)
        .order(funding::campaign_id)
        .limit(limit)
        .load(conn)?;
    let past_grace: Vec<String> = pledges::table
        .filter(pledges::status.eq_any([PledgeStatus::Errored, PledgeStatus::Collecting]))
        .filter(pledges::grace_until.le(now))
        .filter(pledges::campaign_id.gt(after))
        .select(pledges::campaign_id)
        .distinct()
        .order(pledges::campaign_id)
        .limit(limit)
        .load(conn)?;
    let to_remind: Vec<String> = pledges::table
        .filter(pledges::status.eq(PledgeStatus::Errored))
        .filter(pledges::reminded_at.le(now - chrono::TimeDelta::days(1)))
        .filter(pledges::campaign_id.gt(after))
        .select(pledges::campaign_id)
        .distinct()
        .order(pledges::campaign_id)
        .limit(limit)
        .load(conn)?;
    let mut ids: std::collections::BTreeSet<String> = undecided.into_iter().collect();
    ids.extend(past_grace);
    ids.extend(to_remind);
    Ok(ids
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect())
}

// --- tiers -------------------------------------------------------------------------------------

pub fn insert_tier(conn: &mut DbConnection, row: &TierRow) -> QueryResult<()> {
    diesel::insert_into(tiers::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn tier(conn: &mut DbConnection, id: &str) -> QueryResult<Option<TierRow>> {
    tiers::table.find(id).first(conn).optional()
}

pub fn tiers_of(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<TierRow>> {
    tiers::table
        .filter(tiers::campaign_id.eq(campaign_id))
        .order((tiers::min_amount_minor.asc(), tiers::id.asc()))
        .load(conn)
}

/// Takes one slot of the tier unless it is sold out; false when none is left.
pub fn take_slot(conn: &mut DbConnection, tier_id: &str) -> QueryResult<bool> {
    let changed = diesel::update(
        tiers::table.filter(tiers::id.eq(tier_id)).filter(
            tiers::quantity_limit
                .is_null()
                .or(tiers::taken.nullable().lt(tiers::quantity_limit)),
        ),
    )
    .set(tiers::taken.eq(tiers::taken + 1))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn release_slot(conn: &mut DbConnection, tier_id: &str) -> QueryResult<()> {
    diesel::update(
        tiers::table
            .filter(tiers::id.eq(tier_id))
            .filter(tiers::taken.gt(0)),
    )
    .set(tiers::taken.eq(tiers::taken - 1))
    .execute(conn)
    .map(drop)
}

/// Applies a tier's changes; the limit only if it stays at or above the slots taken (false
/// otherwise).
pub fn update_tier(conn: &mut DbConnection, row: &TierRow) -> QueryResult<bool> {
    let mut query = diesel::update(tiers::table)
        .filter(tiers::id.eq(&row.id))
        .into_boxed();
    if let Some(limit) = row.quantity_limit {
        query = query.filter(tiers::taken.le(limit));
    }
    let changed = query
        .set((
            tiers::title.eq(&row.title),
            tiers::description.eq(&row.description),
            tiers::min_amount_minor.eq(row.min_amount_minor),
            tiers::quantity_limit.eq(row.quantity_limit),
            tiers::available_from.eq(row.available_from),
            tiers::available_until.eq(row.available_until),
            tiers::estimated_delivery.eq(&row.estimated_delivery),
            tiers::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Deletes a tier nobody ever chose; false when pledges name it. One statement: a pledge that
/// takes a slot meanwhile holds the tier's row, and the delete then sees `taken > 0`.
pub fn delete_unused_tier(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    let chosen = pledges::table.filter(pledges::tier_id.eq(id));
    let deleted = diesel::delete(
        tiers::table
            .filter(tiers::id.eq(id))
            .filter(tiers::taken.eq(0))
            .filter(diesel::dsl::not(diesel::dsl::exists(chosen))),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}

// --- pledges -----------------------------------------------------------------------------------

/// Inserts the pledge unless the backer has an open one on the campaign; false then.
pub fn insert_pledge(conn: &mut DbConnection, row: &PledgeRow) -> QueryResult<bool> {
    let insert = diesel::insert_into(pledges::table).values(row);
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(inserted == 1)
}

pub fn pledge(conn: &mut DbConnection, id: &str) -> QueryResult<Option<PledgeRow>> {
    pledges::table.find(id).first(conn).optional()
}

pub fn open_pledge_of(
    conn: &mut DbConnection,
    campaign_id: &str,
    backer_id: &str,
) -> QueryResult<Option<PledgeRow>> {
    pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .filter(pledges::backer_id.eq(backer_id))
        .filter(pledges::status.eq_any(PledgeStatus::OPEN))
        .first(conn)
        .optional()
}

/// The backer's pledges, newest first, after the `(created_at, id)` cursor.
pub fn pledges_of_backer(
    conn: &mut DbConnection,
    backer_id: &str,
    before: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<PledgeRow>> {
    let mut query = pledges::table
        .filter(pledges::backer_id.eq(backer_id))
        .into_boxed();
    if let Some((at, id)) = before {
        query = query.filter(
            pledges::created_at
                .lt(at)
                .or(pledges::created_at.eq(at).and(pledges::id.lt(id))),
        );
    }
    query
        .order((pledges::created_at.desc(), pledges::id.desc()))
        .limit(limit)
        .load(conn)
}

/// A campaign's pledges, oldest first, after the `(created_at, id)` cursor.
pub fn pledges_of_campaign(
    conn: &mut DbConnection,
    campaign_id: &str,
    status: Option<PledgeStatus>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<PledgeRow>> {
    let mut query = pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(pledges::status.eq(status));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            pledges::created_at
                .gt(at)
                .or(pledges::created_at.eq(at).and(pledges::id.gt(id))),
        );
    }
    query
        .order((pledges::created_at.asc(), pledges::id.asc()))
        .limit(limit)
        .load(conn)
}

/// Up to `limit` of a campaign's pledges in `statuses`, oldest first.
pub fn pledges_in(
    conn: &mut DbConnection,
    campaign_id: &str,
    statuses: &[PledgeStatus],
    limit: i64,
) -> QueryResult<Vec<PledgeRow>> {
    pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .filter(pledges::status.eq_any(statuses.to_vec()))
        .order((pledges::created_at.asc(), pledges::id.asc()))
        .limit(limit)
        .load(conn)
}

/// What a move sets beside the state.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = pledges)]
pub struct PledgeChanges {
    pub grace_until: Option<Option<NaiveDateTime>>,
    pub failure: Option<Option<String>>,
    pub collected_at: Option<Option<NaiveDateTime>>,
    pub ended_at: Option<Option<NaiveDateTime>>,
    pub payment_method: Option<String>,
    pub amount_minor: Option<i64>,
    pub tier_id: Option<Option<String>>,
}

/// Moves the pledge to `to` only while it is in one of `from`; false when it is not (another
/// request or run moved it first).
pub fn transition(
    conn: &mut DbConnection,
    id: &str,
    from: &[PledgeStatus],
    to: PledgeStatus,
    changes: &PledgeChanges,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        pledges::table
            .filter(pledges::id.eq(id))
            .filter(pledges::status.eq_any(from.to_vec())),
    )
    .set((pledges::status.eq(to), pledges::updated_at.eq(at), changes))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Counts a reminder; false when another run sent it first.
pub fn mark_reminded(
    conn: &mut DbConnection,
    id: &str,
    seen: Option<NaiveDateTime>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let mut query = diesel::update(pledges::table)
        .filter(pledges::id.eq(id))
        .filter(pledges::status.eq(PledgeStatus::Errored))
        .into_boxed();
    query = match seen {
        Some(seen) => query.filter(pledges::reminded_at.eq(seen)),
        None => query.filter(pledges::reminded_at.is_null()),
    };
    let changed = query
        .set((
            pledges::reminded_at.eq(at),
            pledges::reminders.eq(pledges::reminders + 1),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Errored pledges whose last reminder (or failure) is older than `before`.
pub fn due_reminders(
    conn: &mut DbConnection,
    campaign_id: &str,
    before: NaiveDateTime,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<PledgeRow>> {
    pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .filter(pledges::status.eq(PledgeStatus::Errored))
        .filter(pledges::reminded_at.le(before))
        .filter(pledges::grace_until.gt(now))
        .order(pledges::id)
        .limit(limit)
        .load(conn)
}

/// Pledges in `statuses` whose grace window ended.
pub fn past_grace(
    conn: &mut DbConnection,
    campaign_id: &str,
    statuses: &[PledgeStatus],
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<PledgeRow>> {
    pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .filter(pledges::status.eq_any(statuses.to_vec()))
        .filter(pledges::grace_until.le(now))
        .order(pledges::id)
        .limit(limit)
        .load(conn)
}

/// `(status, tier, source, day, pledges, sum)` of a campaign's pledges: the source of every
/// total and report, read from the pledges themselves so no counter can drift from them.
pub type MoneyRow = (PledgeStatus, Option<String>, Option<String>, NaiveDateTime, i64);

pub fn money_rows(conn: &mut DbConnection, campaign_id: &str) -> QueryResult<Vec<MoneyRow>> {
    pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .select((
            pledges::status,
            pledges::tier_id,
            pledges::source_id,
            pledges::created_at,
            pledges::amount_minor,
        ))
        .load(conn)
}

/// `(status, pledges, sum)` per state of a campaign's pledges (the sum cast back to BIGINT:
/// PostgreSQL sums BIGINT as NUMERIC).
pub fn totals_by_status(
    conn: &mut DbConnection,
    campaign_id: &str,
) -> QueryResult<Vec<(PledgeStatus, i64, Option<i64>)>> {
    pledges::table
        .filter(pledges::campaign_id.eq(campaign_id))
        .group_by(pledges::status)
        .select((
            pledges::status,
            count_star(),
            diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>>(
                "CAST(SUM(amount_minor) AS BIGINT)",
            ),
        ))
        .load(conn)
}

// --- payments ----------------------------------------------------------------------------------

/// Records a payment under its idempotency key, or finds the one recorded before under it.
pub fn record_payment(conn: &mut DbConnection, row: &PaymentRow) -> QueryResult<PaymentRow> {
    let insert = diesel::insert_into(payments::table).values(row);
    match conn {
        DbConnection::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg)?,
        DbConnection::Sqlite(lite) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    payments::table
        .filter(payments::idempotency_key.eq(&row.idempotency_key))
        .first(conn)
}

pub fn payments_of(conn: &mut DbConnection, pledge_ids: &[String]) -> QueryResult<Vec<PaymentRow>> {
    payments::table
        .filter(payments::pledge_id.eq_any(pledge_ids))
        .order((payments::created_at.asc(), payments::id.asc()))
        .load(conn)
}

pub fn count_payments(conn: &mut DbConnection, pledge_id: &str, kind: PaymentKind) -> QueryResult<i64> {
    payments::table
        .filter(payments::pledge_id.eq(pledge_id))
        .filter(payments::kind.eq(kind))
        .select(count_star())
        .first(conn)
}
