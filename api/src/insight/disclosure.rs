//! What of the segment figures may be shown, so that no published number singles out fewer than
//! `min_group` people, however the numbers are combined:
//!
//! - **Small groups**: a cell (a segment of the campaign, or a segment's ballots on one entry)
//!   is shown only when it holds at least `min_group` people **from at least `min_networks`
//!   networks** (IPv4 /24, IPv6 /64, as the vote integrity checks see them). Lifting a small
//!   group over the threshold with accounts of one's own then needs that many networks, not just
//!   that many sign-ups.
//! - **Subtraction**: a segment's campaign row is the sum of its entry rows. When exactly one
//!   entry row of a segment is hidden, the campaign row minus the shown ones would reveal it, so
//!   a second one is hidden too (the smallest shown), or the campaign row when there is no other.
//!
//! Publishing in coarse steps ([`super::publication`]) answers polling.

use std::collections::{HashMap, HashSet};

use crate::counters::segments::{EntryGroup, Group};

/// The thresholds (app data, from the configuration).
#[derive(Debug, Clone, Copy)]
pub struct Disclosure {
    pub min_group: i64,
    pub min_networks: i64,
    /// Seconds between two publications of a campaign's segment figures, at least.
    pub interval_secs: i64,
}

/// The networks behind each cell: `dimension=value` for the campaign rows, and
/// `contribution_id|dimension=value` for the entry rows.
#[derive(Debug, Default)]
pub struct Networks(HashMap<String, HashSet<String>>);

impl Networks {
    /// Notes one ballot from `network` (unknown networks count as one together).
    pub fn add(&mut self, contribution_id: &str, keys: &[String], network: Option<&str>) {
        let network = network.unwrap_or("?").to_owned();
        for key in keys {
            for cell in [key.clone(), format!("{contribution_id}|{key}")] {
                self.0.entry(cell).or_default().insert(network.clone());
            }
        }
    }

    fn of(&self, cell: &str) -> i64 {
        self.0.get(cell).map_or(0, |set| set.len() as i64)
    }
}

/// The published part of `overall` and `entries` (all groups, unfiltered).
pub fn publishable(
    overall: Vec<Group>,
    entries: Vec<EntryGroup>,
    networks: &Networks,
    rule: Disclosure,
) -> (Vec<Group>, Vec<EntryGroup>) {
    let key = |dimension: &str, value: &str| format!("{dimension}={value}");
    let big = |people: i64, cell: &str| people >= rule.min_group && networks.of(cell) >= rule.min_networks;
    let mut shown_overall: HashSet<String> = overall
        .iter()
        .map(|g| (key(&g.dimension, &g.value), g.voters))
        .filter(|(cell, voters)| big(*voters, cell))
        .map(|(cell, _)| cell)
        .collect();
    let mut shown_entries: Vec<bool> = entries
        .iter()
        .map(|g| {
            let k = key(&g.dimension, &g.value);
            g.votes > 0 && big(g.votes, &format!("{}|{k}", g.contribution_id))
        })
        .collect();
    // Complementary suppression, per segment (column).
    let mut columns: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, g) in entries.iter().enumerate() {
        if g.votes > 0 {
            columns.entry(key(&g.dimension, &g.value)).or_default().push(i);
        }
    }
    for (column, cells) in &columns {
        if !shown_overall.contains(column) {
            continue;
        }
        let hidden = cells.iter().filter(|i| !shown_entries[**i]).count();
        if hidden != 1 {
            continue;
        }
        let smallest_shown = cells
            .iter()
            .filter(|i| shown_entries[**i])
            .min_by_key(|i| (entries[**i].votes, entries[**i].contribution_id.clone()));
        match smallest_shown {
            Some(i) => shown_entries[*i] = false,
            None => {
                shown_overall.remove(column);
            }
        }
    }
    let overall = overall
        .into_iter()
        .filter(|g| shown_overall.contains(&key(&g.dimension, &g.value)))
        .collect();
    let entries = entries
        .into_iter()
        .zip(shown_entries)
        .filter_map(|(g, shown)| shown.then_some(g))
        .collect();
    (overall, entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(value: &str, voters: i64) -> Group {
        Group {
            dimension: "country".into(),
            value: value.into(),
            voters,
            votes: voters,
        }
    }

    fn entry(id: &str, value: &str, votes: i64) -> EntryGroup {
        EntryGroup {
            contribution_id: id.into(),
            dimension: "country".into(),
            value: value.into(),
            votes,
            value_sum: votes,
        }
    }

    /// Every ballot from its own network.
    fn spread(entries: &[EntryGroup]) -> Networks {
        let mut networks = Networks::default();
        let mut n = 0;
        for e in entries {
            for _ in 0..e.votes {
                n += 1;
                networks.add(
                    &e.contribution_id,
                    &[format!("{}={}", e.dimension, e.value)],
                    Some(&format!("net{n}")),
                );
            }
        }
        networks
    }

    const RULE: Disclosure = Disclosure {
        min_group: 5,
        min_networks: 5,
        interval_secs: 3600,
    };

    #[test]
    fn one_hidden_entry_row_takes_a_second_one_with_it() {
        let entries = vec![entry("a", "DE", 6), entry("b", "DE", 7), entry("c", "DE", 2)];
        let networks = spread(&entries);
        let (overall, shown) = publishable(vec![group("DE", 15)], entries, &networks, RULE);
        assert_eq!(overall.len(), 1);
        // c (2) is small; a (6), the smallest shown, goes with it: 15 - 7 = 8 is a + c together.
        let ids: Vec<&str> = shown.iter().map(|e| e.contribution_id.as_str()).collect();
        assert_eq!(ids, ["b"]);
    }

    #[test]
    fn with_no_second_entry_row_the_campaign_row_goes() {
        // Five voters told their country, one took the ballot back: the campaign row (5 voters,
        // 4 votes) would show the one entry row that is too small.
        let entries = vec![entry("c", "DE", 4)];
        let mut networks = spread(&entries);
        networks.add("c", &["country=DE".into()], Some("net-gone"));
        let mut overall = group("DE", 5);
        overall.votes = 4;
        let (overall, shown) = publishable(vec![overall], entries, &networks, RULE);
        assert!(shown.is_empty());
        assert!(overall.is_empty());
    }

    #[test]
    fn two_hidden_entry_rows_need_nothing_more() {
        let entries = vec![entry("a", "DE", 6), entry("b", "DE", 2), entry("c", "DE", 3)];
        let networks = spread(&entries);
        let (overall, shown) = publishable(vec![group("DE", 11)], entries, &networks, RULE);
        assert_eq!((overall.len(), shown.len()), (1, 1));
    }

    #[test]
    fn many_people_from_one_network_do_not_make_a_group() {
        let mut networks = Networks::default();
        for _ in 0..9 {
            networks.add("a", &["country=DE".into()], Some("attacker"));
        }
        networks.add("a", &["country=DE".into()], Some("victim"));
        let (overall, shown) =
            publishable(vec![group("DE", 10)], vec![entry("a", "DE", 10)], &networks, RULE);
        assert!(overall.is_empty() && shown.is_empty());
    }
}
