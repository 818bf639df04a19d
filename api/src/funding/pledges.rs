//! Pledges: made, changed and cancelled by their backer while the funding window is open; the
//! payment method fixed while a collection has failed; money recorded by managers for the
//! manual provider. Every move is a conditional update from the states it may leave, and a
//! tier's slot is taken and released in the same transaction, so parallel requests can neither
//! oversell a tier nor move a pledge twice.

use chrono::{NaiveDateTime, TimeDelta};

use super::dto::{CreatePledgeRequest, PledgeResponse, RecordPaymentRequest, UpdatePledgeRequest};
use super::gateway::{Authorization, Collection, gateway};
use super::repo::{self, FundingRow, PaymentRow, PledgeChanges, PledgeRow, TierRow};
use super::settings::{configured, funding_campaign};
use super::view::{cursor_key, respond_many, respond_one};
use crate::attribution;
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::db::{DbConnection, lock_key, write_transaction};
use crate::domain::{FundingModel, PaymentKind, PaymentOutcome, PaymentProvider, Phase, PledgeStatus};
use crate::error::{ApiError, ErrorCode};
use crate::events::catalogue::PledgeEventData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::organizations::access::require_manager;
use crate::pagination::KeyedPage;

/// Records a pledge's event (in the caller's transaction).
pub(super) fn record_event(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    pledge: &PledgeRow,
    event_type: EventType,
    actor: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    events::record(
        conn,
        Event::new(
            event_type,
            &pledge.id,
            PledgeEventData {
                pledge_id: pledge.id.clone(),
                backer_id: pledge.backer_id.clone(),
                tier_id: pledge.tier_id.clone(),
                amount_minor: pledge.amount_minor,
                currency: pledge.currency.clone(),
                status: pledge.status,
                failure: pledge.failure.clone(),
                grace_until: pledge.grace_until.map(|at| at.and_utc()),
            },
        )
        .of_campaign(&campaign.organization_id, &campaign.id)
        .by_maybe(actor),
        now,
    )?;
    Ok(())
}

fn refused_move(from: PledgeStatus, to: PledgeStatus) -> ApiError {
    ApiError::new(
        ErrorCode::PledgeTransition,
        format!("a {} pledge cannot become {}", from.as_str(), to.as_str()),
    )
    .param("from", from.as_str())
    .param("to", to.as_str())
}

/// Moves `pledge` to `to` (or updates it in place when `to` is where it is) if it still is where
/// it was read; a 409 when another request or run moved it first. Returns the pledge as it is
/// now.
pub(super) fn move_pledge(
    conn: &mut DbConnection,
    pledge: &PledgeRow,
    to: PledgeStatus,
    changes: PledgeChanges,
    now: NaiveDateTime,
) -> Result<PledgeRow, ApiError> {
    let legal = pledge.status == to || pledge.status.can_become(to);
    if !legal || !repo::transition(conn, &pledge.id, &[pledge.status], to, &changes, now)? {
        let current = repo::pledge(conn, &pledge.id)?.map_or(pledge.status, |row| row.status);
        return Err(refused_move(current, to));
    }
    repo::pledge(conn, &pledge.id)?.ok_or_else(|| ApiError::internal("a moved pledge vanished"))
}

fn require_window(campaign: &CampaignRow, now: NaiveDateTime) -> Result<(), ApiError> {
    let phase = campaigns::phase_of(campaign, now);
    match phase {
        Phase::Submission => Ok(()),
        _ => Err(ApiError::new(
            ErrorCode::PledgeWindowClosed,
            format!(
                "pledges are taken while the funding window is open; the campaign is in its {} phase",
                phase.as_str()
            ),
        )
        .param("phase", phase.as_str())),
    }
}

/// The tier a pledge names, checked against the campaign, its window and the amount.
fn usable_tier(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    tier_id: &str,
    amount_minor: i64,
    now: NaiveDateTime,
) -> Result<TierRow, ApiError> {
    let tier = repo::tier(conn, tier_id)?
        .filter(|tier| tier.campaign_id == campaign.id)
        .ok_or_else(|| ApiError::invalid("tier_id", ErrorCode::TierUnknown, "not a tier of this campaign"))?;
    let opened = tier.available_from.is_none_or(|from| from <= now);
    let open = opened && tier.available_until.is_none_or(|until| now < until);
    if !open {
        let mut error = ApiError::new(ErrorCode::TierUnavailable, "this tier is not available now");
        if let Some(from) = tier.available_from {
            error = error.param("available_from", from.and_utc().to_rfc3339());
        }
        if let Some(until) = tier.available_until {
            error = error.param("available_until", until.and_utc().to_rfc3339());
        }
        return Err(error);
    }
    if amount_minor < tier.min_amount_minor {
        return Err(below_minimum(&tier));
    }
    Ok(tier)
}

fn below_minimum(tier: &TierRow) -> ApiError {
    ApiError::invalid(
        "amount_minor",
        ErrorCode::PledgeBelowMinimum,
        format!("this tier needs at least {} (minor units)", tier.min_amount_minor),
    )
    .param("minimum", tier.min_amount_minor)
}

/// What a move to `collected` sets: when, and no failure or grace window any more.
fn collected_changes(now: NaiveDateTime) -> PledgeChanges {
    PledgeChanges {
        collected_at: Some(Some(now)),
        failure: Some(None),
        grace_until: Some(None),
        ..Default::default()
    }
}

fn take_slot(conn: &mut DbConnection, tier: &TierRow) -> Result<(), ApiError> {
    match repo::take_slot(conn, &tier.id)? {
        true => Ok(()),
        false => Err(ApiError::new(
            ErrorCode::TierSoldOut,
            format!("every slot of “{}” is taken", tier.title),
        )),
    }
}

/// Collects a pledge now (keep-it-all pledges when made; the settlement after the deadline;
/// a fixed payment during the grace window): collected, errored with a grace window, or
/// waiting for a transfer. `attempt` keys the provider's idempotency.
pub(super) fn collect(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    funding: &FundingRow,
    pledge: &PledgeRow,
    now: NaiveDateTime,
) -> Result<(PledgeRow, Collection), ApiError> {
    let attempt = repo::count_payments(conn, &pledge.id, PaymentKind::Charge)? + 1;
    let key = format!("charge:{}:{attempt}", pledge.id);
    let outcome = gateway(pledge.provider).collect(conn, pledge, &key, now)?;
    let grace_until = pledge
        .grace_until
        .unwrap_or(now + TimeDelta::days(i64::from(funding.grace_days)));
    let moved = match &outcome {
        Collection::Collected => {
            let moved = move_pledge(conn, pledge, PledgeStatus::Collected, collected_changes(now), now)?;
            record_event(conn, campaign, &moved, EventType::PledgeCollected, None, now)?;
            moved
        }
        Collection::Failed(reason) => {
            let moved = move_pledge(
                conn,
                pledge,
                PledgeStatus::Errored,
                PledgeChanges {
                    failure: Some(Some(reason.clone())),
                    grace_until: Some(Some(grace_until)),
                    ..Default::default()
                },
                now,
            )?;
            repo::mark_reminded(conn, &moved.id, moved.reminded_at, now)?;
            record_event(conn, campaign, &moved, EventType::PledgePaymentFailed, None, now)?;
            moved
        }
        Collection::Awaiting => move_pledge(
            conn,
            pledge,
            PledgeStatus::Collecting,
            PledgeChanges {
                grace_until: Some(Some(grace_until)),
                ..Default::default()
            },
            now,
        )?,
    };
    Ok((moved, outcome))
}

pub fn create(
    conn: &mut DbConnection,
    backer: &str,
    key: &str,
    request: CreatePledgeRequest,
    now: NaiveDateTime,
) -> Result<PledgeResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, role) = funding_campaign(conn, Some(backer), key)?;
        // Freeze first (a no-op once frozen, so later pledges do not queue on the row): a
        // manager's change of goal or currency either committed before, and is read below, or
        // waits for this pledge and is then refused as frozen.
        repo::freeze(conn, &campaign.id, now)?;
        let funding = configured(conn, &campaign)?;
        require_window(&campaign, now)?;
        crate::invitations::require_eligible(conn, &campaign, backer, role)?;
        if let Some(open) = repo::open_pledge_of(conn, &campaign.id, backer)? {
            return Err(pledge_exists(&open.id));
        }
        let authorization = gateway(funding.provider).authorize(&request.payment_method)?;
        let tier = match &request.tier_id {
            Some(id) => Some(usable_tier(conn, &campaign, id, request.amount_minor, now)?),
            None => None,
        };
        if let Some(tier) = &tier {
            take_slot(conn, tier)?;
        }
        let source_id = attribution::on_pledge(conn, &campaign, backer, now)?;
        let row = PledgeRow {
            id: new_id(),
            campaign_id: campaign.id.clone(),
            backer_id: backer.to_owned(),
            tier_id: tier.map(|tier| tier.id),
            amount_minor: request.amount_minor,
            currency: funding.currency.clone(),
            status: match authorization {
                Authorization::Authorized => PledgeStatus::Active,
                Authorization::ActionRequired => PledgeStatus::Pending,
            },
            provider: funding.provider,
            payment_method: request.payment_method,
            source_id,
            grace_until: None,
            reminders: 0,
            reminded_at: None,
            failure: None,
            collected_at: None,
            ended_at: None,
            created_at: now,
            updated_at: now,
        };
        // The partial unique index keeps one open pledge per backer, also against a parallel
        // request that passed the check above.
        if !repo::insert_pledge(conn, &row)? {
            let open = repo::open_pledge_of(conn, &campaign.id, backer)?;
            return Err(pledge_exists(&open.map(|open| open.id).unwrap_or_default()));
        }
        record_event(conn, &campaign, &row, EventType::PledgeCreated, Some(backer), now)?;
        let row = match (funding.model, row.status) {
            (FundingModel::KeepItAll, PledgeStatus::Active) => {
                collect(conn, &campaign, &funding, &row, now)?.0
            }
            _ => row,
        };
        respond_one(conn, row, now)
    })
}

fn pledge_exists(id: &str) -> ApiError {
    ApiError::new(
        ErrorCode::PledgeExists,
        "you have an open pledge on this campaign: change it instead of pledging again",
    )
    .param("pledge_id", id)
}

/// The pledge for its backer or the campaign's managers; 404 for anyone else.
fn visible_pledge(
    conn: &mut DbConnection,
    viewer: &str,
    id: &str,
) -> Result<(PledgeRow, CampaignRow, bool), ApiError> {
    let pledge = repo::pledge(conn, id)?.ok_or_else(|| ApiError::not_found("pledge"))?;
    let (campaign, role) = campaigns::for_participation(conn, Some(viewer), &pledge.campaign_id)
        .map_err(|_| ApiError::not_found("pledge"))?;
    let manager = require_manager(role).is_ok();
    if pledge.backer_id != viewer && !manager {
        return Err(ApiError::not_found("pledge"));
    }
    Ok((pledge, campaign, manager))
}

/// Serialises the writers of one pledge until the transaction ends. The moves themselves are
/// conditional on the state, but a change of tier also moves a slot: two parallel changes that
/// both read tier A would both give A's slot back. Read the pledge after this.
fn lock_pledge(conn: &mut DbConnection, id: &str) -> Result<(), ApiError> {
    Ok(lock_key(conn, &format!("pledge:{id}"))?)
}

/// The caller's own pledge, locked for the caller's transaction; 404 for anyone else's.
fn own_pledge(conn: &mut DbConnection, backer: &str, id: &str) -> Result<(PledgeRow, CampaignRow), ApiError> {
    lock_pledge(conn, id)?;
    let (pledge, campaign, _) = visible_pledge(conn, backer, id)?;
    if pledge.backer_id != backer {
        return Err(ApiError::not_found("pledge"));
    }
    Ok((pledge, campaign))
}

pub fn get(
    conn: &mut DbConnection,
    viewer: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<PledgeResponse, ApiError> {
    let (pledge, _, _) = visible_pledge(conn, viewer, id)?;
    respond_one(conn, pledge, now)
}

pub fn mine(
    conn: &mut DbConnection,
    backer: &str,
    before: Option<(NaiveDateTime, String)>,
    limit: usize,
    now: NaiveDateTime,
) -> Result<KeyedPage<PledgeResponse>, ApiError> {
    let rows = repo::pledges_of_backer(conn, backer, before, limit as i64 + 1)?;
    let page = KeyedPage::from_rows(rows, limit, |row| cursor_key(row.created_at, &row.id));
    let next_key = page.next_key;
    Ok(KeyedPage {
        items: respond_many(conn, page.items, now)?,
        next_key,
    })
}

pub fn update(
    conn: &mut DbConnection,
    backer: &str,
    id: &str,
    request: UpdatePledgeRequest,
    now: NaiveDateTime,
) -> Result<PledgeResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (pledge, campaign) = own_pledge(conn, backer, id)?;
        let funding = configured(conn, &campaign)?;
        let reshaped = request.amount_minor.is_some() || request.tier_id.is_some();
        if reshaped {
            require_window(&campaign, now)?;
            if !matches!(pledge.status, PledgeStatus::Pending | PledgeStatus::Active) {
                return Err(refused_move(pledge.status, pledge.status));
            }
        }
        let amount = request.amount_minor.unwrap_or(pledge.amount_minor);
        let tier_id = request.tier_id.clone().unwrap_or_else(|| pledge.tier_id.clone());
        let mut changes = PledgeChanges::default();
        if reshaped {
            if tier_id != pledge.tier_id {
                if let Some(old) = &pledge.tier_id {
                    repo::release_slot(conn, old)?;
                }
                if let Some(new) = &tier_id {
                    let tier = usable_tier(conn, &campaign, new, amount, now)?;
                    take_slot(conn, &tier)?;
                }
            } else if let Some(same) = &tier_id {
                // Same tier, new amount: it must still meet the minimum (not the window: the
                // slot is held already).
                let tier =
                    repo::tier(conn, same)?.ok_or_else(|| ApiError::internal("a pledge's tier vanished"))?;
                if amount < tier.min_amount_minor {
                    return Err(below_minimum(&tier));
                }
            }
            changes.amount_minor = Some(amount);
            changes.tier_id = Some(tier_id);
        }
        let mut to = pledge.status;
        if let Some(method) = &request.payment_method {
            if !matches!(
                pledge.status,
                PledgeStatus::Pending | PledgeStatus::Active | PledgeStatus::Errored
            ) {
                return Err(refused_move(pledge.status, pledge.status));
            }
            to = match (gateway(pledge.provider).authorize(method)?, pledge.status) {
                (Authorization::ActionRequired, PledgeStatus::Errored) => PledgeStatus::Errored,
                (Authorization::ActionRequired, _) => PledgeStatus::Pending,
                (Authorization::Authorized, PledgeStatus::Errored) => PledgeStatus::Errored,
                (Authorization::Authorized, _) => PledgeStatus::Active,
            };
            changes.payment_method = Some(method.clone());
        }
        // The move itself, conditional on the state read above (also when it stays).
        if !repo::transition(conn, &pledge.id, &[pledge.status], to, &changes, now)? {
            let current = repo::pledge(conn, &pledge.id)?.map_or(pledge.status, |row| row.status);
            return Err(refused_move(current, to));
        }
        let mut row =
            repo::pledge(conn, &pledge.id)?.ok_or_else(|| ApiError::internal("a changed pledge vanished"))?;
        record_event(conn, &campaign, &row, EventType::PledgeChanged, Some(backer), now)?;
        // A fixed payment method during the grace window is tried at once; so is an active
        // keep-it-all pledge confirmed only now.
        let retry = row.status == PledgeStatus::Errored && request.payment_method.is_some();
        let keep_it_all = funding.model == FundingModel::KeepItAll
            && row.status == PledgeStatus::Active
            && pledge.status == PledgeStatus::Pending;
        if (retry && gateway(row.provider).authorize(&row.payment_method)? == Authorization::Authorized)
            || keep_it_all
        {
            row = collect(conn, &campaign, &funding, &row, now)?.0;
        }
        respond_one(conn, row, now)
    })
}

pub fn cancel(
    conn: &mut DbConnection,
    backer: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<PledgeResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (pledge, campaign) = own_pledge(conn, backer, id)?;
        require_window(&campaign, now)?;
        if !matches!(pledge.status, PledgeStatus::Pending | PledgeStatus::Active) {
            return Err(refused_move(pledge.status, PledgeStatus::Cancelled));
        }
        let row = move_pledge(
            conn,
            &pledge,
            PledgeStatus::Cancelled,
            PledgeChanges {
                ended_at: Some(Some(now)),
                ..Default::default()
            },
            now,
        )?;
        if let Some(tier) = &row.tier_id {
            repo::release_slot(conn, tier)?;
        }
        record_event(
            conn,
            &campaign,
            &row,
            EventType::PledgeCancelled,
            Some(backer),
            now,
        )?;
        respond_one(conn, row, now)
    })
}

/// Managers record money received for a pledge of the manual provider.
pub fn record_payment(
    conn: &mut DbConnection,
    actor: &str,
    id: &str,
    request: RecordPaymentRequest,
    now: NaiveDateTime,
) -> Result<PledgeResponse, ApiError> {
    write_transaction(conn, |conn| {
        lock_pledge(conn, id)?;
        let (pledge, campaign, manager) = visible_pledge(conn, actor, id)?;
        if !manager {
            return Err(ApiError::new(
                ErrorCode::ManagersOnly,
                "only the campaign's owners and managers record payments",
            ));
        }
        if pledge.provider != PaymentProvider::Manual {
            return Err(ApiError::new(
                ErrorCode::PaymentNotManual,
                "this pledge is paid through its provider, not recorded by hand",
            ));
        }
        if request.amount_minor != pledge.amount_minor {
            return Err(ApiError::invalid(
                "amount_minor",
                ErrorCode::PaymentAmountMismatch,
                format!("the pledge is for {} (minor units)", pledge.amount_minor),
            )
            .param("expected", pledge.amount_minor));
        }
        let row = move_pledge(
            conn,
            &pledge,
            PledgeStatus::Collected,
            collected_changes(now),
            now,
        )?;
        repo::record_payment(
            conn,
            &PaymentRow {
                id: new_id(),
                pledge_id: row.id.clone(),
                kind: PaymentKind::Charge,
                idempotency_key: format!("manual:{}", row.id),
                amount_minor: row.amount_minor,
                currency: row.currency.clone(),
                provider: PaymentProvider::Manual,
                outcome: PaymentOutcome::Succeeded,
                failure: None,
                reference: request.reference.map(|reference| reference.trim().to_owned()),
                recorded_by: Some(actor.to_owned()),
                created_at: now,
            },
        )?;
        record_event(
            conn,
            &campaign,
            &row,
            EventType::PledgeCollected,
            Some(actor),
            now,
        )?;
        respond_one(conn, row, now)
    })
}
