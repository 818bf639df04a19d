//! Scores of contributions, kept without a hot row: a vote appends a delta in its own
//! transaction ([`record_change`]); the [`fold`] adds pending deltas to each contribution's score
//! row exactly once and recomputes its scores with [`ranking`]; readers walk the score index
//! ([`standings`]) and never sum votes.

pub mod fold;
pub mod ranking;
pub(crate) mod repo;
pub mod standings;

use chrono::NaiveDateTime;

use crate::campaigns::repo::CampaignRow;
use crate::db::{DbConnection, Writer};
use crate::error::ApiError;
use crate::ids::new_id;
use ranking::Tally;
use repo::{DeltaRow, ScoreRow};

/// Records that `value_before` became `value_after` on a contribution's ballot (either may be
/// `None`: a new or a retracted vote). Nothing is appended when nothing changes.
pub fn record_change<'a>(
    to: &mut impl Writer<'a>,
    contribution_id: &str,
    jury: bool,
    value_before: Option<i32>,
    value_after: Option<i32>,
) -> Result<(), ApiError> {
    let of = |value: Option<i32>| value.map(Tally::of_vote).unwrap_or_default();
    let change = of(value_after).minus(of(value_before));
    if change == Tally::default() {
        return Ok(());
    }
    let narrow = |n: i64| i32::try_from(n).unwrap_or(0);
    repo::append_delta(
        to,
        DeltaRow {
            id: new_id(),
            contribution_id: contribution_id.to_owned(),
            jury,
            d_count: narrow(change.count),
            d_sum: narrow(change.sum),
            d_positive: narrow(change.positive),
            d_negative: narrow(change.negative),
        },
    )?;
    Ok(())
}

/// The score row of a new contribution: no votes yet, fresh for `hot`.
pub fn start(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    contribution_id: &str,
    published_at: NaiveDateTime,
) -> Result<(), ApiError> {
    let mut row = ScoreRow {
        contribution_id: contribution_id.to_owned(),
        campaign_id: campaign.id.clone(),
        public_count: 0,
        public_sum: 0,
        public_positive: 0,
        public_negative: 0,
        jury_count: 0,
        jury_sum: 0,
        jury_positive: 0,
        jury_negative: 0,
        public_score: 0.0,
        jury_score: 0.0,
        combined_score: 0.0,
        hot_score: 0.0,
    };
    rescore(&mut row, campaign, published_at);
    Ok(repo::insert_score(conn, &row)?)
}

/// Recomputes the stored scores of `row` from its tallies.
fn rescore(row: &mut ScoreRow, campaign: &CampaignRow, published_at: NaiveDateTime) {
    let method = campaign.voting_method;
    let (public, jury) = (row.public(), row.jury());
    row.public_score = ranking::method_score(method, public);
    row.jury_score = ranking::method_score(method, jury);
    row.combined_score = ranking::combined(method, public, jury, campaign.jury_weight_percent);
    row.hot_score = ranking::hot(
        method,
        public,
        published_at.and_utc().timestamp_micros() as f64 / 1e6,
    );
}
