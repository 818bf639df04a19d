//! Wire types of votes, the leaderboard and vote integrity.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::domain::VotingMethod;
use crate::validate::not_blank;

/// A vote's value, by the campaign's method: `upvote` 1; `updown` 1 or -1; `stars` 1 to 5;
/// `budget` 1 to the points left in the voter's budget.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CastVoteRequest {
    #[schema(minimum = -1, maximum = 1000, example = 1)]
    pub value: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VoteResponse {
    pub id: String,
    pub contribution_id: String,
    pub value: i32,
    /// Cast by a juror: counts in the jury's score.
    pub jury: bool,
    /// Taken out of the score by a manager (see vote integrity).
    pub invalidated: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The signed-in voter's votes in a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyVotesResponse {
    pub voting_method: VotingMethod,
    /// Points each voter may spread (`budget` voting only).
    pub vote_budget: Option<i32>,
    /// Points still to spread (`budget` voting only).
    pub remaining_budget: Option<i32>,
    pub items: Vec<VoteResponse>,
    /// Pass as `cursor` for more votes; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// One place on a campaign's leaderboard.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderboardEntry {
    /// 1 for the first place; equal scores are ranked by the earlier submission.
    pub rank: i64,
    pub contribution_id: String,
    pub title: String,
    /// In the method's unit: votes (`upvote`), points (`budget`), Wilson lower bound (`updown`),
    /// Bayesian average stars (`stars`).
    pub public_score: f64,
    pub jury_score: f64,
    /// Both ballots mapped to 0–1 and weighed by the campaign's jury weight: the ranking.
    pub combined_score: f64,
    /// Public votes counted.
    pub vote_count: i64,
    pub jury_vote_count: i64,
}

/// What a vote-integrity flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// An author voted for their own contribution.
    SelfVote,
    /// A co-author voted for a contribution they share.
    CoAuthorVote,
    /// Several accounts created minutes before voting voted within the same hour.
    NewAccountBurst,
    /// Several voters came from one network prefix.
    SharedNetwork,
    /// Several voters used one device.
    SharedDevice,
    /// A voter voted only for one author's contributions.
    SingleAuthorVoter,
    /// Several voters arrived through one author's referral link and voted only for that
    /// author's contributions (a micro-community voting for a friend).
    ReferralRing,
}

/// A suspicion about some votes, with the reason a manager can check.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntegrityFlag {
    pub kind: FlagKind,
    /// The reason in English; clients in other languages compose theirs from `kind`, `params`
    /// and the counts of `voters` and `votes`.
    pub reason: String,
    pub params: FlagParams,
    pub voter_ids: Vec<String>,
    /// The flagged votes still counted (invalidated ones are left out).
    pub vote_ids: Vec<String>,
    /// The voters, to check who they are.
    pub voters: Vec<FlaggedVoter>,
    /// The votes, to check what they did; invalidate some or all of them by id.
    pub votes: Vec<FlaggedVote>,
}

/// What a flag's reason names besides its voters and votes.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct FlagParams {
    /// The author the votes all went to (`single_author_voter`, `referral_ring`).
    pub author_name: Option<String>,
    /// How many of a ring signed up on the visit through the link (`referral_ring`).
    pub signed_up_through_link: Option<i64>,
    /// The hour the burst happened in (`new_account_burst`).
    pub hour: Option<DateTime<Utc>>,
}

/// A voter a flag covers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlaggedVoter {
    pub id: String,
    pub display_name: String,
    pub signed_up_at: DateTime<Utc>,
}

/// A vote a flag covers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlaggedVote {
    pub id: String,
    pub voter_id: String,
    pub contribution_id: String,
    pub contribution_title: String,
    pub value: i32,
    pub cast_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvalidateVotesRequest {
    /// Votes of this campaign to take out of the score.
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_items = 1, max_items = 1000)]
    pub vote_ids: Vec<String>,
    /// Why, for the audit log.
    #[validate(length(min = 1, max = 1000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 1000, pattern = "[^\\s\\u0085]")]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidationResponse {
    pub id: String,
    /// Votes taken out of the score now (ones already out are not counted again).
    pub invalidated: i64,
    pub created_at: DateTime<Utc>,
}
