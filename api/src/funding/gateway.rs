//! Payment providers behind one trait. Both built-in providers keep their record in the local
//! `payments` ledger inside the caller's transaction, under an idempotency key per pledge and
//! attempt, so a collection that runs twice (a re-run, a second replica) finds the first answer
//! instead of charging again.
//!
//! - [`Manual`]: bank transfer or invoice, for production. Nothing is charged: a collection
//!   waits for the organiser to record the money received (`POST /pledges/{id}/payments`);
//!   refunds are recorded for the organiser to pay back.
//! - [`Simulated`]: for demos and tests (only with `SIMULATED_PAYMENTS=true`). The payment
//!   method chooses the outcome, like a card network's test cards.
//!
//! A network provider (a card processor) would implement the same trait, calling out with the
//! same idempotency key; its answer is recorded the same way.

use chrono::NaiveDateTime;

use super::repo::{self, PaymentRow, PledgeRow};
use crate::db::DbConnection;
use crate::domain::{PaymentKind, PaymentOutcome, PaymentProvider};
use crate::error::{ApiError, ErrorCode};
use crate::ids::new_id;

/// What a provider says about a payment method when a pledge is made or its method changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authorization {
    /// Usable: the pledge is active.
    Authorized,
    /// The backer must confirm it first: the pledge waits as pending.
    ActionRequired,
}

/// What a collection did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Collection {
    /// The money arrived.
    Collected,
    /// It failed, with the provider's reason.
    Failed(String),
    /// Money is on its way from the backer (a bank transfer); the organiser records it.
    Awaiting,
}

pub trait Gateway {
    /// Checks a payment method; a method the provider does not take, or declines, is a 422.
    fn authorize(&self, method: &str) -> Result<Authorization, ApiError>;

    /// Collects the pledge's amount; `key` is the same for every retry of this attempt.
    fn collect(
        &self,
        conn: &mut DbConnection,
        pledge: &PledgeRow,
        key: &str,
        now: NaiveDateTime,
    ) -> Result<Collection, ApiError>;

    /// Pays a collected pledge back.
    fn refund(&self, conn: &mut DbConnection, pledge: &PledgeRow, now: NaiveDateTime)
    -> Result<(), ApiError>;
}

/// The gateway of a provider.
pub fn gateway(provider: PaymentProvider) -> &'static dyn Gateway {
    match provider {
        PaymentProvider::Manual => &Manual,
        PaymentProvider::Simulated => &Simulated,
    }
}

fn invalid_method(provider: PaymentProvider, accepted: &str) -> ApiError {
    ApiError::invalid(
        "payment_method",
        ErrorCode::PaymentMethodInvalid,
        format!("the {} provider takes {accepted}", provider.as_str()),
    )
    .param("provider", provider.as_str())
}

fn payment(
    pledge: &PledgeRow,
    kind: PaymentKind,
    key: String,
    outcome: PaymentOutcome,
    now: NaiveDateTime,
) -> PaymentRow {
    PaymentRow {
        id: new_id(),
        pledge_id: pledge.id.clone(),
        kind,
        idempotency_key: key,
        amount_minor: pledge.amount_minor,
        currency: pledge.currency.clone(),
        provider: pledge.provider,
        outcome,
        failure: None,
        reference: None,
        recorded_by: None,
        created_at: now,
    }
}

/// Records a refund once per pledge.
fn record_refund(
    conn: &mut DbConnection,
    pledge: &PledgeRow,
    reference: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let mut row = payment(
        pledge,
        PaymentKind::Refund,
        format!("refund:{}", pledge.id),
        PaymentOutcome::Succeeded,
        now,
    );
    row.reference = Some(reference.to_owned());
    repo::record_payment(conn, &row)?;
    Ok(())
}

pub struct Manual;

impl Gateway for Manual {
    fn authorize(&self, method: &str) -> Result<Authorization, ApiError> {
        match method {
            "bank_transfer" | "invoice" => Ok(Authorization::Authorized),
            _ => Err(invalid_method(
                PaymentProvider::Manual,
                "`bank_transfer` or `invoice`",
            )),
        }
    }

    fn collect(
        &self,
        _: &mut DbConnection,
        _: &PledgeRow,
        _: &str,
        _: NaiveDateTime,
    ) -> Result<Collection, ApiError> {
        Ok(Collection::Awaiting)
    }

    fn refund(
        &self,
        conn: &mut DbConnection,
        pledge: &PledgeRow,
        now: NaiveDateTime,
    ) -> Result<(), ApiError> {
        record_refund(conn, pledge, "to be paid back by the organiser", now)
    }
}

pub struct Simulated;

/// The simulated provider's test methods.
const SIM_OK: &str = "sim_ok";
const SIM_CHARGE_DECLINED: &str = "sim_charge_declined";
const SIM_ACTION_REQUIRED: &str = "sim_action_required";
const SIM_DECLINED: &str = "sim_declined";

impl Gateway for Simulated {
    fn authorize(&self, method: &str) -> Result<Authorization, ApiError> {
        match method {
            SIM_OK | SIM_CHARGE_DECLINED => Ok(Authorization::Authorized),
            SIM_ACTION_REQUIRED => Ok(Authorization::ActionRequired),
            SIM_DECLINED => Err(ApiError::invalid(
                "payment_method",
                ErrorCode::PaymentDeclined,
                "the payment method was declined; nothing was pledged",
            )),
            _ => Err(invalid_method(
                PaymentProvider::Simulated,
                "`sim_ok`, `sim_charge_declined`, `sim_action_required` or `sim_declined`",
            )),
        }
    }

    fn collect(
        &self,
        conn: &mut DbConnection,
        pledge: &PledgeRow,
        key: &str,
        now: NaiveDateTime,
    ) -> Result<Collection, ApiError> {
        let (outcome, failure) = match pledge.payment_method.as_str() {
            SIM_OK => (PaymentOutcome::Succeeded, None),
            SIM_ACTION_REQUIRED => (
                PaymentOutcome::ActionRequired,
                Some("the bank asks the backer to confirm the payment"),
            ),
            _ => (
                PaymentOutcome::Failed,
                Some("the card was declined (insufficient funds)"),
            ),
        };
        let mut row = payment(pledge, PaymentKind::Charge, key.to_owned(), outcome, now);
        row.failure = failure.map(str::to_owned);
        row.reference = Some(format!("sim_{}", row.id));
        let stored = repo::record_payment(conn, &row)?;
        Ok(match stored.outcome {
            PaymentOutcome::Succeeded => Collection::Collected,
            _ => Collection::Failed(stored.failure.unwrap_or_default()),
        })
    }

    fn refund(
        &self,
        conn: &mut DbConnection,
        pledge: &PledgeRow,
        now: NaiveDateTime,
    ) -> Result<(), ApiError> {
        record_refund(conn, pledge, "simulated refund", now)
    }
}
