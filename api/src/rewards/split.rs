//! Exact division of prizes, in minor units (cents) and points: no unit is created or lost.
//!
//! - Tied contributions share the prizes of the ranks they span equally; the units that do not
//!   divide evenly go one each to the earlier submissions.
//! - An award is split among its recipients by weight (authors' shares in basis points, the
//!   remixed entry's authors' declared share) with the largest-remainder method: everyone gets
//!   the floor of their exact part, then the leftover units go one each to the largest
//!   fractional parts, ties to the recipient listed first (authors before remix parents, larger
//!   shares first).

/// `pool` shared equally by `members` (listed earliest submission first).
pub fn share_equally(pool: i64, members: usize) -> Vec<i64> {
    let Ok(count) = i64::try_from(members) else {
        return Vec::new();
    };
    if count == 0 {
        return Vec::new();
    }
    let (each, rest) = (pool / count, pool % count);
    (0..count).map(|i| each + i64::from(i < rest)).collect()
}

/// `amount` split by `weights` (non-negative, not all zero), exactly.
pub fn by_weight(amount: i64, weights: &[u64]) -> Vec<i64> {
    let total: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if total == 0 || amount <= 0 {
        return vec![0; weights.len()];
    }
    let amount_u = amount.unsigned_abs() as u128;
    let exact: Vec<(u128, u128)> = weights
        .iter()
        .map(|&w| {
            let scaled = amount_u * u128::from(w);
            (scaled / total, scaled % total)
        })
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|(floor, _)| *floor as i64).collect();
    let leftover = amount - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest fraction first; the stable sort keeps the listed order for equal fractions.
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1));
    for &index in order.iter().take(usize::try_from(leftover).unwrap_or(0)) {
        parts[index] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn ties_share_and_the_earlier_entry_gets_the_odd_cent() {
        assert_eq!(share_equally(100_001, 2), [50_001, 50_000]);
        assert_eq!(share_equally(10, 3), [4, 3, 3]);
        assert_eq!(share_equally(5, 0), Vec::<i64>::new());
    }

    #[test]
    fn thirty_seventy_splits_exactly_and_odd_cents_go_to_the_largest_fraction() {
        assert_eq!(by_weight(100_000, &[7000, 3000]), [70_000, 30_000]);
        assert_eq!(by_weight(1, &[7000, 3000]), [1, 0]);
        assert_eq!(by_weight(10, &[1, 1, 1]), [4, 3, 3]);
        assert_eq!(by_weight(0, &[1, 2]), [0, 0]);
    }

    proptest! {
        #[test]
        fn nothing_is_created_or_lost(amount in 0..10_000_000_000i64, weights in prop::collection::vec(1..10_000u64, 1..20)) {
            let parts = by_weight(amount, &weights);
            prop_assert_eq!(parts.iter().sum::<i64>(), amount);
            prop_assert!(parts.iter().all(|&p| p >= 0));
        }

        #[test]
        fn equal_shares_differ_by_at_most_one(pool in 0..10_000_000_000i64, members in 1..50usize) {
            let parts = share_equally(pool, members);
            prop_assert_eq!(parts.iter().sum::<i64>(), pool);
            let (min, max) = (parts.iter().min().copied().unwrap_or(0), parts.iter().max().copied().unwrap_or(0));
            prop_assert!(max - min <= 1);
        }
    }
}
