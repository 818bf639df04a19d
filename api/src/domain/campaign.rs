//! What a campaign is and how it votes.

use crate::text_enum;

text_enum! {
    /// What the organiser did explicitly; the [`super::Phase`] adds the clock.
    pub enum CampaignStatus {
        Draft = "draft",
        Published = "published",
        Closed = "closed",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// The kind of participation a campaign asks for.
    pub enum CampaignKind {
        /// Crowd innovation: ideas.
        Idea = "idea",
        /// Design contest.
        Design = "design",
        /// Crowdfunding toward a goal.
        Funding = "funding",
        /// A job split into small tasks.
        Microtask = "microtask",
    }
}

text_enum! {
    /// How the community votes.
    pub enum VotingMethod {
        /// +1 per contribution.
        Upvote = "upvote",
        /// +1 or -1.
        Updown = "updown",
        /// 1 to 5 stars.
        Stars = "stars",
        /// Each voter spreads `vote_budget` points.
        Budget = "budget",
    }
}

text_enum! {
    /// Who may take part.
    pub enum Eligibility {
        /// Anyone signed in may take part.
        Open = "open",
        /// Only invited people may take part.
        InviteOnly = "invite_only",
    }
}
