-- A brand's call to its community, with its schedule, rules and prizes.
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('idea', 'design', 'funding', 'microtask')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    brief TEXT NOT NULL,
    -- draft -> published -> closed, or cancelled; the phase is derived from this and the clock.
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'cancelled')),
    submissions_open_at TIMESTAMP,
    submissions_close_at TIMESTAMP,
    voting_open_at TIMESTAMP,
    voting_close_at TIMESTAMP,
    max_contributions_per_member INTEGER NOT NULL,
    voting_method TEXT NOT NULL CHECK (voting_method IN ('upvote', 'updown', 'stars', 'budget')),
    -- Points each voter may spread (budget voting only).
    vote_budget INTEGER,
    vote_during_submission BOOLEAN NOT NULL,
    allow_self_vote BOOLEAN NOT NULL,
    hide_tallies BOOLEAN NOT NULL,
    jury_weight_percent INTEGER NOT NULL CHECK (jury_weight_percent BETWEEN 0 AND 100),
    eligibility TEXT NOT NULL CHECK (eligibility IN ('open', 'invite_only')),
    require_approval BOOLEAN NOT NULL,
    points_per_contribution INTEGER NOT NULL,
    points_per_vote INTEGER NOT NULL,
    points_per_referral INTEGER NOT NULL,
    published_at TIMESTAMP,
    closed_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_organization ON campaigns (organization_id);
CREATE INDEX campaigns_status_voting_close ON campaigns (status, voting_close_at, id);

-- Prize tiers by final rank: ranks rank_from..rank_to (inclusive) each win amount_minor.
CREATE TABLE campaign_prize_tiers (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    rank_from INTEGER NOT NULL,
    rank_to INTEGER NOT NULL,
    title TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    points INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, position)
);
