//! Crowdfunding's typed values: the funding model, pledge states and the legal moves between
//! them, payment providers and outcomes, and ISO 4217 currencies.

use crate::text_enum;

text_enum! {
    /// When a funding campaign succeeds.
    pub enum FundingModel {
        /// Kickstarter's rule: funded only if the money collected reaches the goal; otherwise
        /// everyone's money is released or refunded.
        AllOrNothing = "all_or_nothing",
        /// The organiser keeps what is collected; each pledge is collected when it is made.
        KeepItAll = "keep_it_all",
        /// Funded when enough backers paid (`backer_goal`), whatever the sum (Threadless).
        BackerThreshold = "backer_threshold",
    }
}

text_enum! {
    /// Who moves the money.
    pub enum PaymentProvider {
        /// Bank transfer or invoice: the organiser records the money received.
        Manual = "manual",
        /// For demos and tests, no money moves: the payment method chooses the outcome
        /// (`sim_ok`, `sim_charge_declined`, `sim_action_required`, `sim_declined`).
        Simulated = "simulated",
    }
}

text_enum! {
    /// Where a pledge stands.
    pub enum PledgeStatus {
        /// Made, but its payment method needs the backer's confirmation first.
        Pending = "pending",
        /// Promised; no money moved yet.
        Active = "active",
        /// Being collected: the provider was asked (a manual pledge waits for the transfer).
        Collecting = "collecting",
        /// The money arrived.
        Collected = "collected",
        /// Collection failed; the backer can fix the payment until the grace window ends.
        Errored = "errored",
        /// Not paid within the grace window; it no longer counts.
        Dropped = "dropped",
        /// The money went back (the campaign failed or was cancelled).
        Refunded = "refunded",
        /// Withdrawn by the backer while the window was open, or released when the campaign
        /// ended without collecting it.
        Cancelled = "cancelled",
    }
}

impl PledgeStatus {
    /// The states of a backer's one open pledge: they count toward "pledged", hold a tier slot
    /// and block a second pledge.
    pub const OPEN: [PledgeStatus; 5] = [
        PledgeStatus::Pending,
        PledgeStatus::Active,
        PledgeStatus::Collecting,
        PledgeStatus::Collected,
        PledgeStatus::Errored,
    ];

    /// Still waiting for money (the campaign cannot fail while one is).
    pub const UNRESOLVED: [PledgeStatus; 4] = [
        PledgeStatus::Pending,
        PledgeStatus::Active,
        PledgeStatus::Collecting,
        PledgeStatus::Errored,
    ];

    /// Whether a pledge may move from `self` to `to`.
    pub fn can_become(self, to: PledgeStatus) -> bool {
        use PledgeStatus::*;
        matches!(
            (self, to),
            (Pending, Active | Cancelled | Dropped)
                | (Active, Pending | Collecting | Collected | Errored | Cancelled)
                | (Collecting, Collected | Errored | Dropped | Cancelled)
                | (Errored, Collecting | Collected | Dropped | Cancelled)
                | (Collected, Refunded)
        )
    }

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }
}

text_enum! {
    /// How a funding campaign ended.
    pub enum FundingOutcome {
        /// The goal was reached with collected money (or backers); the organiser keeps it.
        Funded = "funded",
        /// The goal was missed: collected money is refunded, the rest released.
        Failed = "failed",
        /// The organiser cancelled the campaign: everything is refunded or released.
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// A movement of money.
    pub enum PaymentKind {
        Charge = "charge",
        Refund = "refund",
    }
}

text_enum! {
    /// What the provider answered.
    pub enum PaymentOutcome {
        Succeeded = "succeeded",
        Failed = "failed",
        /// The backer must confirm the payment (e.g. 3-D Secure) before it can go through.
        ActionRequired = "action_required",
    }
}

/// ISO 4217 codes this server takes, with their minor-unit digits (amounts are integers of
/// minor units: cents for EUR, yen for JPY).
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EGP", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JPY", 0),
    ("KES", 2),
    ("KRW", 0),
    ("MXN", 2),
    ("MYR", 2),
    ("NGN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("PHP", 2),
    ("PLN", 2),
    ("RON", 2),
    ("RSD", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TRY", 2),
    ("TWD", 2),
    ("UAH", 2),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// The minor-unit digits of an ISO 4217 code this server takes; `None` for any other text.
pub fn currency_digits(code: &str) -> Option<u8> {
    CURRENCIES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, digits)| *digits)
}

/// The codes [`currency_digits`] knows, for the OpenAPI document.
pub fn currency_codes() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|(code, _)| *code)
}

/// The largest amount of money a goal, tier or pledge may name: 10^12 minor units (ten billion
/// euros); anything above is a typo.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_documented_moves_are_legal() {
        use PledgeStatus::*;
        assert!(Active.can_become(Collecting));
        assert!(Errored.can_become(Collected));
        assert!(Collected.can_become(Refunded));
        for terminal in [Dropped, Refunded, Cancelled] {
            for to in PledgeStatus::ALL {
                assert!(!terminal.can_become(*to), "{terminal:?} -> {to:?}");
            }
        }
        assert!(
            !Collected.can_become(Cancelled),
            "collected money is refunded, not cancelled"
        );
        assert!(
            !Pending.can_become(Collected),
            "an unconfirmed method cannot be charged"
        );
    }

    #[test]
    fn currencies_are_iso_codes_with_their_digits() {
        assert_eq!(currency_digits("EUR"), Some(2));
        assert_eq!(currency_digits("JPY"), Some(0));
        assert_eq!(currency_digits("eur"), None);
        assert_eq!(currency_digits("XXX"), None);
        assert!(currency_codes().all(|code| code.len() == 3));
    }
}
