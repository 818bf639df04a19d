//! The ranking math, in one place and free of I/O: each voting method's score from a
//! contribution's tallies, its mapping to [0, 1] so that the jury's declared weight means the
//! same whatever the crowd's size, the combined score, the time-decayed `hot` score, and the one
//! order every ranking uses.
//!
//! - `upvote`: the number of votes; `budget`: the points given. Both map to [0, 1] as
//!   `x / (x + 10)`, which keeps their order.
//! - `updown`: the Wilson score lower bound (95%) of the share of +1 votes, already in [0, 1]: a
//!   few votes that are all positive do not outrank many that are mostly positive.
//! - `stars`: a Bayesian average that starts from 3 stars worth 5 votes, mapped from 1–5 to
//!   [0, 1]: one 5-star vote does not outrank forty 4.8-star votes.
//! - combined = (1 − w)·public + w·jury, with w the campaign's jury weight.
//! - hot = sign(s)·log10(max(|s|, 1)) + published_at / 45000 s: every tenfold of net votes is
//!   worth 12.5 hours of freshness. It depends on no clock, so it is stored and indexed.

use std::cmp::Ordering;

use crate::domain::VotingMethod;

/// One ballot's tallies for one contribution (the public's or the jury's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Votes counted.
    pub count: i64,
    /// Sum of their values (stars, points, +1/−1).
    pub sum: i64,
    /// Votes above zero.
    pub positive: i64,
    /// Votes below zero.
    pub negative: i64,
}

impl Tally {
    /// What one vote of `value` adds.
    pub fn of_vote(value: i32) -> Tally {
        Tally {
            count: 1,
            sum: i64::from(value),
            positive: i64::from(value > 0),
            negative: i64::from(value < 0),
        }
    }

    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            count: self.count + other.count,
            sum: self.sum + other.sum,
            positive: self.positive + other.positive,
            negative: self.negative + other.negative,
        }
    }

    pub fn minus(self, other: Tally) -> Tally {
        self.plus(Tally {
            count: -other.count,
            sum: -other.sum,
            positive: -other.positive,
            negative: -other.negative,
        })
    }
}

/// z for a 95% confidence interval.
const Z: f64 = 1.959_963_984_540_054;
/// The stars prior: this many votes of this many stars.
const PRIOR_VOTES: f64 = 5.0;
const PRIOR_STARS: f64 = 3.0;
/// Where a count or points total reaches half of the [0, 1] range.
const HALF_AT: f64 = 10.0;
/// Seconds of freshness worth a tenfold of net votes in `hot`.
const HOT_SECONDS_PER_DECADE: f64 = 45_000.0;

/// The Wilson score interval's lower bound for `positive` successes out of `n`.
pub fn wilson_lower_bound(positive: i64, n: i64) -> f64 {
    // Exactly 0 without successes: the formula's two terms cancel only up to rounding, which
    // could rank two negative votes a hair above three.
    if n <= 0 || positive <= 0 {
        return 0.0;
    }
    let n = n as f64;
    let p = (positive.clamp(0, n as i64) as f64) / n;
    let z2 = Z * Z;
    let centre = p + z2 / (2.0 * n);
    let margin = Z * ((p * (1.0 - p) + z2 / (4.0 * n)) / n).sqrt();
    ((centre - margin) / (1.0 + z2 / n)).clamp(0.0, 1.0)
}

/// The mean of `count` star votes adding up to `sum`, pulled toward the prior.
pub fn bayesian_average(sum: i64, count: i64) -> f64 {
    (PRIOR_VOTES * PRIOR_STARS + sum as f64) / (PRIOR_VOTES + count.max(0) as f64)
}

/// The score shown for a ballot, in the method's own unit.
pub fn method_score(method: VotingMethod, tally: Tally) -> f64 {
    match method {
        VotingMethod::Upvote | VotingMethod::Budget => tally.sum as f64,
        VotingMethod::Updown => wilson_lower_bound(tally.positive, tally.positive + tally.negative),
        VotingMethod::Stars => bayesian_average(tally.sum, tally.count),
    }
}

/// The ballot's score mapped to [0, 1], keeping its order.
pub fn normalized(method: VotingMethod, tally: Tally) -> f64 {
    match method {
        VotingMethod::Upvote | VotingMethod::Budget => {
            let total = tally.sum.max(0) as f64;
            total / (total + HALF_AT)
        }
        VotingMethod::Updown => method_score(method, tally),
        VotingMethod::Stars => ((method_score(method, tally) - 1.0) / 4.0).clamp(0.0, 1.0),
    }
}

/// The public and jury ballots weighed by the campaign's declared jury weight (0–100).
pub fn combined(method: VotingMethod, public: Tally, jury: Tally, jury_weight_percent: i32) -> f64 {
    let weight = f64::from(jury_weight_percent.clamp(0, 100)) / 100.0;
    (1.0 - weight) * normalized(method, public) + weight * normalized(method, jury)
}

/// The `hot` score of a contribution published at `published_at_secs` (Unix time, with its
/// fraction, so entries published within one second still order by freshness) with the public
/// tally `public`.
pub fn hot(method: VotingMethod, public: Tally, published_at_secs: f64) -> f64 {
    let net = match method {
        VotingMethod::Updown => (public.positive - public.negative) as f64,
        // Stars: how far above or below the middle the votes are, summed.
        VotingMethod::Stars => (public.sum - 3 * public.count) as f64,
        VotingMethod::Upvote | VotingMethod::Budget => public.sum as f64,
    };
    net.signum() * net.abs().max(1.0).log10() + published_at_secs / HOT_SECONDS_PER_DECADE
}

/// The one order of every ranking: higher score first; ties go to the earlier contribution
/// (ids are time-ordered), so equal scores never swap between pages or readers.
pub fn rank_order(a: (f64, &str), b: (f64, &str)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const METHODS: [VotingMethod; 4] = [
        VotingMethod::Upvote,
        VotingMethod::Updown,
        VotingMethod::Stars,
        VotingMethod::Budget,
    ];

    /// A tally made of real votes for `method`.
    fn tally_of(method: VotingMethod, values: &[i32]) -> Tally {
        values
            .iter()
            .map(|&v| match method {
                VotingMethod::Upvote => 1,
                VotingMethod::Updown => {
                    if v % 2 == 0 {
                        1
                    } else {
                        -1
                    }
                }
                VotingMethod::Stars => v.rem_euclid(5) + 1,
                VotingMethod::Budget => v.rem_euclid(20) + 1,
            })
            .fold(Tally::default(), |t, v| t.plus(Tally::of_vote(v)))
    }

    /// The best and the worst vote of each method.
    fn best(method: VotingMethod) -> i32 {
        match method {
            VotingMethod::Upvote | VotingMethod::Updown => 1,
            VotingMethod::Stars => 5,
            VotingMethod::Budget => 20,
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(wilson_lower_bound(0, 0), 0.0);
        assert!((wilson_lower_bound(1, 1) - 0.2065).abs() < 1e-3);
        assert!((wilson_lower_bound(80, 100) - 0.7112).abs() < 1e-3);
        assert_eq!(wilson_lower_bound(0, 2), 0.0);
        assert_eq!(
            wilson_lower_bound(0, 3),
            0.0,
            "no successes is exactly 0, whatever n"
        );
        assert_eq!(bayesian_average(0, 0), 3.0);
        assert!((bayesian_average(5, 1) - 20.0 / 6.0).abs() < 1e-12);
        assert_eq!(
            normalized(VotingMethod::Upvote, tally_of(VotingMethod::Upvote, &[0; 10])),
            0.5
        );
    }

    #[test]
    fn few_perfect_votes_do_not_beat_many_good_ones() {
        let one_five = Tally::of_vote(5);
        let forty_good = (0..40).fold(Tally::default(), |t, i| {
            t.plus(Tally::of_vote(if i % 5 == 0 { 4 } else { 5 }))
        });
        assert!(method_score(VotingMethod::Stars, forty_good) > method_score(VotingMethod::Stars, one_five));
        let two_up = tally_of(VotingMethod::Updown, &[0, 0]);
        let many_mostly_up = Tally {
            count: 100,
            sum: 80,
            positive: 90,
            negative: 10,
        };
        assert!(
            method_score(VotingMethod::Updown, many_mostly_up) > method_score(VotingMethod::Updown, two_up)
        );
    }

    #[test]
    fn the_jury_weight_moves_the_combined_score_between_the_ballots() {
        let method = VotingMethod::Updown;
        let (public, jury) = (tally_of(method, &[0; 30]), tally_of(method, &[1; 3]));
        assert_eq!(combined(method, public, jury, 0), normalized(method, public));
        assert_eq!(combined(method, public, jury, 100), normalized(method, jury));
        let half = combined(method, public, jury, 50);
        assert!(half < normalized(method, public) && half > normalized(method, jury));
    }

    #[test]
    fn ties_break_by_the_earlier_contribution_whatever_the_input_order() {
        let mut entries = vec![(0.5, "c"), (0.9, "b"), (0.5, "a"), (f64::NAN, "n"), (0.9, "a")];
        let mut reversed = entries.clone();
        reversed.reverse();
        entries.sort_by(|a, b| rank_order(*a, *b));
        reversed.sort_by(|a, b| rank_order(*a, *b));
        let ids = |list: &[(f64, &str)]| list.iter().map(|e| e.1.to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(&entries), ids(&reversed));
        assert_eq!(&ids(&entries)[1..], ["a", "b", "a", "c"]);
    }

    proptest! {
        #[test]
        fn scores_are_bounded(values in prop::collection::vec(any::<i32>(), 0..200), weight in 0..=100i32) {
            for method in METHODS {
                let tally = tally_of(method, &values);
                let n = normalized(method, tally);
                prop_assert!((0.0..=1.0).contains(&n), "{method:?} normalized {n}");
                let c = combined(method, tally, tally_of(method, &values[..values.len() / 2]), weight);
                prop_assert!((0.0..=1.0).contains(&c), "{method:?} combined {c}");
                if method == VotingMethod::Stars {
                    let s = method_score(method, tally);
                    prop_assert!((1.0..=5.0).contains(&s));
                }
            }
        }

        #[test]
        fn a_better_vote_never_lowers_and_a_worse_one_never_raises(
            values in prop::collection::vec(any::<i32>(), 0..200),
        ) {
            for method in METHODS {
                let tally = tally_of(method, &values);
                let up = tally.plus(Tally::of_vote(best(method)));
                prop_assert!(normalized(method, up) >= normalized(method, tally), "{method:?}");
                prop_assert!(hot(method, up, 1.7e9) >= hot(method, tally, 1.7e9), "{method:?} hot");
                let worst = match method {
                    VotingMethod::Updown => Some(-1),
                    VotingMethod::Stars => Some(1),
                    _ => None,
                };
                if let Some(worst) = worst {
                    let down = tally.plus(Tally::of_vote(worst));
                    prop_assert!(normalized(method, down) <= normalized(method, tally), "{method:?}");
                }
            }
        }

        #[test]
        fn retracting_a_vote_undoes_it(values in prop::collection::vec(any::<i32>(), 1..50)) {
            for method in METHODS {
                let tally = tally_of(method, &values);
                let vote = Tally::of_vote(best(method));
                prop_assert_eq!(tally.plus(vote).minus(vote), tally);
            }
        }

        #[test]
        fn hot_prefers_the_fresher_of_equal_tallies(values in prop::collection::vec(any::<i32>(), 0..50), later in 0.001..1e6f64) {
            for method in METHODS {
                let tally = tally_of(method, &values);
                prop_assert!(hot(method, tally, 1.7e9 + later) > hot(method, tally, 1.7e9));
            }
        }
    }
}
