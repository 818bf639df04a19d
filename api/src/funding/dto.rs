//! Wire types of funding: the campaign's goal and model, tiers, pledges, payments, progress and
//! the organiser's report. Every amount is an integer of minor units of the campaign's currency.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::domain::funding::{MAX_AMOUNT_MINOR, currency_digits};
use crate::domain::{
    FundingModel, FundingOutcome, PaymentKind, PaymentOutcome, PaymentProvider, PledgeStatus,
};
use crate::error::ErrorCode;
use crate::http::json::present;
use crate::validate::{not_blank, refusal};

fn currency(value: &str) -> Result<(), ValidationError> {
    match currency_digits(value) {
        Some(_) => Ok(()),
        None => {
            let mut error = refusal(
                ErrorCode::CurrencyUnknown,
                "not an ISO 4217 currency this server takes (upper case, such as EUR)",
                None,
            );
            error.add_param("currency".into(), &value);
            Err(error)
        }
    }
}

/// The schema's `^[0-9]{4}-(0[1-9]|1[0-2])$`, checked character by character: chrono's parser
/// alone would also take a sign, a space or a one-digit month ("2027- 3").
fn month(value: &str) -> Result<(), ValidationError> {
    let ok = match value.as_bytes() {
        [y @ .., b'-', m1, m2] if y.len() == 4 && y.iter().all(u8::is_ascii_digit) => {
            matches!((m1, m2), (b'0', b'1'..=b'9') | (b'1', b'0'..=b'2'))
        }
        _ => false,
    };
    match ok {
        true => Ok(()),
        false => Err(refusal(ErrorCode::FieldFormat, "a month as YYYY-MM", None)),
    }
}

fn default_grace_days() -> i32 {
    7
}

/// A non-binding milestone above the goal, shown on the progress bar.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StretchGoal {
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 1_500_000)]
    pub amount_minor: i64,
    #[validate(length(min = 1, max = 120), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 120,
        pattern = "[^\\s\\u0085]",
        example = "A second colour"
    )]
    pub title: String,
}

/// A funding campaign's goal, model and payment provider (owners and managers; frozen at the
/// first pledge). The funding window is the campaign's submission window: pledges are taken
/// from `submissions_open_at` until `submissions_close_at`, the deadline.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSettingsRequest {
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 1_000_000)]
    pub goal_minor: i64,
    /// ISO 4217, upper case.
    #[validate(custom(function = "currency"))]
    #[schema(pattern = "^[A-Z]{3}$", example = "EUR")]
    pub currency: String,
    pub model: FundingModel,
    /// Backers whose money was collected needed for success (`backer_threshold` only).
    #[validate(range(min = 1, max = 1_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub backer_goal: Option<i32>,
    pub provider: PaymentProvider,
    /// Days a backer whose payment failed has to fix it before the pledge is dropped.
    #[serde(default = "default_grace_days")]
    #[validate(range(min = 0, max = 30))]
    #[schema(minimum = 0, maximum = 30, default = 7)]
    pub grace_days: i32,
    #[serde(default)]
    #[validate(length(max = 10), nested)]
    #[schema(max_items = 10)]
    pub stretch_goals: Vec<StretchGoal>,
}

/// Money by state. `pledged` is what open pledges promise now (pending, active, collecting,
/// errored and collected); the others never overlap it except `collected`, which is part of it.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct FundingTotals {
    pub pledged_minor: i64,
    pub collected_minor: i64,
    /// Pledges whose payment never arrived within the grace window.
    pub dropped_minor: i64,
    pub refunded_minor: i64,
    /// Backers with an open pledge.
    pub backers: i64,
    /// Backers whose money was collected.
    pub collected_backers: i64,
    /// Open pledges still waiting for money (pending, active, collecting, errored).
    pub unresolved: i64,
}

/// A backer tier with what remains of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TierResponse {
    pub id: String,
    pub campaign_id: String,
    pub title: String,
    pub description: String,
    pub min_amount_minor: i64,
    /// `null`: unlimited.
    pub quantity_limit: Option<i32>,
    /// Slots held by open pledges.
    pub taken: i32,
    /// `null`: unlimited.
    pub remaining: Option<i32>,
    pub available_from: Option<DateTime<Utc>>,
    pub available_until: Option<DateTime<Utc>>,
    /// Within its availability window now (sold out or not).
    pub available_now: bool,
    /// `YYYY-MM`.
    pub estimated_delivery: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A funding campaign's goal and public progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct FundingResponse {
    pub campaign_id: String,
    pub goal_minor: i64,
    pub currency: String,
    /// Digits of the currency's minor unit (2 for EUR: 1250 is 12.50).
    pub currency_digits: u8,
    pub model: FundingModel,
    pub backer_goal: Option<i32>,
    pub provider: PaymentProvider,
    pub grace_days: i32,
    pub stretch_goals: Vec<StretchGoal>,
    /// Goal, currency, model and provider no longer change (a pledge was made).
    pub frozen: bool,
    /// The funding window (the campaign's submission window).
    pub opens_at: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    /// Whole days until the deadline (0 on its last day); `null` once it passed.
    pub days_left: Option<i64>,
    /// Pledges are taken now.
    pub open: bool,
    pub totals: FundingTotals,
    /// Collected money as a percentage of the goal (may pass 100).
    pub percent_collected: i64,
    /// Pledged money as a percentage of the goal (may pass 100).
    pub percent_pledged: i64,
    /// `null` until the settlement decides (after the deadline and the grace window).
    pub outcome: Option<FundingOutcome>,
    pub decided_at: Option<DateTime<Utc>>,
    pub tiers: Vec<TierResponse>,
}

/// A new backer tier.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTierRequest {
    #[validate(length(min = 1, max = 120), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 120,
        pattern = "[^\\s\\u0085]",
        example = "Early bird"
    )]
    pub title: String,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: String,
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 2500)]
    pub min_amount_minor: i64,
    /// `null` or absent: unlimited.
    #[validate(range(min = 1, max = 1_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub quantity_limit: Option<i32>,
    pub available_from: Option<DateTime<Utc>>,
    pub available_until: Option<DateTime<Utc>>,
    #[validate(custom(function = "month"))]
    #[schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2027-03")]
    pub estimated_delivery: Option<String>,
}

/// Changes to a tier; absent fields stay. A limit may be raised, or lowered down to the slots
/// taken; `null` removes it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTierRequest {
    #[validate(length(min = 1, max = 120), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 120, pattern = "[^\\s\\u0085]")]
    pub title: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub min_amount_minor: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    #[validate(range(min = 1, max = 1_000_000))]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 1_000_000)]
    pub quantity_limit: Option<Option<i32>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub available_from: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub available_until: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "present")]
    #[validate(custom(function = "month"))]
    #[schema(value_type = Option<String>, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub estimated_delivery: Option<Option<String>>,
}

/// A new pledge.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePledgeRequest {
    /// A tier of the campaign, or absent to pledge without a reward.
    pub tier_id: Option<String>,
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 2500)]
    pub amount_minor: i64,
    /// For the manual provider `bank_transfer` or `invoice`; for the simulated provider one of
    /// `sim_ok`, `sim_charge_declined` (collection fails), `sim_action_required` (the backer
    /// must confirm first), `sim_declined` (refused at once).
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "bank_transfer")]
    pub payment_method: String,
}

/// Changes to the caller's pledge: amount and tier while the window is open, the payment method
/// until the pledge is collected (a failed collection is tried again at once with it).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePledgeRequest {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub tier_id: Option<Option<String>>,
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount_minor: Option<i64>,
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub payment_method: Option<String>,
}

/// A charge or refund as the provider answered it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentResponse {
    pub id: String,
    pub kind: PaymentKind,
    pub amount_minor: i64,
    pub currency: String,
    pub provider: PaymentProvider,
    pub outcome: PaymentOutcome,
    pub failure: Option<String>,
    pub reference: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A pledge, as its backer and the campaign's managers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PledgeResponse {
    pub id: String,
    pub campaign_id: String,
    pub campaign_slug: String,
    pub campaign_title: String,
    pub backer_id: String,
    pub backer_name: String,
    pub tier_id: Option<String>,
    pub tier_title: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: PledgeStatus,
    pub provider: PaymentProvider,
    pub payment_method: String,
    /// Why the last collection failed.
    pub failure: Option<String>,
    /// Errored (or awaiting a transfer): dropped if not paid by then.
    pub grace_until: Option<DateTime<Utc>>,
    /// Amount, tier and cancelling are open to the backer now.
    pub changeable: bool,
    pub collected_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Charges and refunds, oldest first.
    pub payments: Vec<PaymentResponse>,
}

/// Money received for a pledge of the manual provider (owners and managers).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordPaymentRequest {
    /// Must be the pledge's amount.
    #[validate(range(min = 1, max = MAX_AMOUNT_MINOR))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount_minor: i64,
    /// The bank's or invoice's reference.
    #[validate(length(max = 120))]
    #[schema(max_length = 120, example = "SEPA 2026-11-25 #4711")]
    pub reference: Option<String>,
}

/// Filters of the backer list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BackerQuery {
    /// Only pledges in this state.
    pub status: Option<PledgeStatus>,
}

/// A settlement run (owners and managers).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettleRequest {
    /// Report what the run would do, and change nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// What one settlement run did (or, dry, would do).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct SettleReport {
    pub dry_run: bool,
    /// Pledges whose money was collected in this run.
    pub collected: i64,
    /// Collections that failed (grace windows started).
    pub errored: i64,
    /// Pledges of the manual provider now waiting for the transfer.
    pub awaiting_transfer: i64,
    /// Pledges dropped: unpaid after the grace window, or never confirmed.
    pub dropped: i64,
    /// Reminders sent to backers whose payment failed.
    pub reminded: i64,
    /// Collected pledges refunded (the campaign failed or was cancelled).
    pub refunded: i64,
    /// Uncollected pledges released (the campaign failed or was cancelled).
    pub released: i64,
    /// The outcome decided in this run, if any.
    pub decided: Option<FundingOutcome>,
    /// More is left than one run takes; the next run goes on.
    pub more: bool,
}

/// The result of `POST /campaigns/{id}/funding/settle`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettleResponse {
    pub report: SettleReport,
    pub funding: FundingResponse,
}

/// Money of one group (a state, a tier, a channel, a day).
#[derive(Debug, Serialize, ToSchema)]
pub struct MoneyGroup {
    /// The state, the tier id (`none`: no tier), the channel id (`referral`, `direct`), or the
    /// day (`YYYY-MM-DD`, by when the pledge was made).
    pub key: String,
    /// The tier's title or the channel's name, where there is one.
    pub label: Option<String>,
    pub pledges: i64,
    pub pledged_minor: i64,
    pub collected_minor: i64,
}

/// The organiser's funding dashboard: money by state, by tier, by first-touch channel (which
/// channel brought how much money), and by day.
#[derive(Debug, Serialize, ToSchema)]
pub struct FundingReport {
    pub currency: String,
    pub currency_digits: u8,
    pub totals: FundingTotals,
    pub by_status: Vec<MoneyGroup>,
    pub by_tier: Vec<MoneyGroup>,
    pub by_channel: Vec<MoneyGroup>,
    pub by_day: Vec<MoneyGroup>,
}
