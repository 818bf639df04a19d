//! The arithmetic of reach, kept pure so each number can be checked by hand: participation
//! rates against the 1% rule, the viral k-factor, and the projection of contributions at close.

use chrono::NaiveDateTime;

/// The share of an audience that usually contributes (the "1% rule" of online communities).
pub const BASELINE_RATE: f64 = 0.01;

/// `part / whole`, or `None` when there is no whole to divide by.
pub fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Invitations converted per participant: above 1, every participant brings more than one.
pub fn k_factor(conversions: i64, participants: i64) -> Option<f64> {
    rate(conversions, participants)
}

/// Where the submission window stands and what the current pace leads to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// The share of the submission window that has passed, 0 to 1.
    pub elapsed: f64,
    /// Contributions at the close of submissions if they keep coming at the average pace so far;
    /// `None` before submissions open.
    pub at_close: Option<f64>,
}

/// Projects `so_far` contributions linearly over the window `[open, close)` at `now`.
pub fn project(so_far: i64, open: NaiveDateTime, close: NaiveDateTime, now: NaiveDateTime) -> Projection {
    let window = (close - open).num_microseconds().unwrap_or(i64::MAX).max(1) as f64;
    let passed = (now.min(close) - open).num_microseconds().unwrap_or(0) as f64;
    if passed <= 0.0 {
        return Projection {
            elapsed: 0.0,
            at_close: None,
        };
    }
    let elapsed = (passed / window).min(1.0);
    Projection {
        elapsed,
        at_close: Some(so_far as f64 / elapsed),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|date| date.and_hms_opt(hour, 0, 0))
            .expect("a valid instant")
    }

    #[test]
    fn rates_need_a_whole() {
        assert_eq!(rate(3, 0), None);
        assert_eq!(rate(15, 1000), Some(0.015));
        assert_eq!(k_factor(6, 40), Some(0.15));
    }

    #[test]
    fn the_projection_extends_the_pace_so_far_to_the_close() {
        // A quarter of a 4-day window has passed with 30 contributions: 120 at close.
        let projection = project(30, at(1, 0), at(5, 0), at(2, 0));
        assert_eq!(projection.elapsed, 0.25);
        assert_eq!(projection.at_close, Some(120.0));
    }

    #[test]
    fn before_the_window_there_is_nothing_to_project_and_after_it_the_count_is_final() {
        assert_eq!(project(0, at(2, 0), at(5, 0), at(1, 0)).at_close, None);
        let closed = project(42, at(1, 0), at(5, 0), at(9, 0));
        assert_eq!((closed.elapsed, closed.at_close), (1.0, Some(42.0)));
    }
}
