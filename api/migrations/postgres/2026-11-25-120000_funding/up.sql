-- Crowdfunding: a funding campaign's goal and model, its backer tiers, the backers' pledges and
-- every movement of money (the payments ledger both built-in providers write).

-- One row per funding campaign. Goal, currency, model and provider freeze at the first pledge
-- (`frozen_at`); the settlement decides `outcome` once, on collected money.
CREATE TABLE campaign_funding (
    campaign_id TEXT PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    goal_minor BIGINT NOT NULL CHECK (goal_minor > 0),
    currency TEXT NOT NULL,
    model TEXT NOT NULL CHECK (model IN ('all_or_nothing', 'keep_it_all', 'backer_threshold')),
    -- backer_threshold: funded at this many backers whose money was collected.
    backer_goal INTEGER CHECK (backer_goal IS NULL OR backer_goal > 0),
    provider TEXT NOT NULL CHECK (provider IN ('manual', 'simulated')),
    grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 30),
    -- JSON: [{"amount_minor": 500000, "title": "..."}], non-binding, shown on the progress bar.
    stretch_goals TEXT NOT NULL,
    frozen_at TIMESTAMP,
    collection_started_at TIMESTAMP,
    outcome TEXT CHECK (outcome IN ('funded', 'failed', 'cancelled')),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX campaign_funding_undecided ON campaign_funding (outcome, campaign_id);

-- What a backer gets for a minimum amount. `taken` counts the open pledges on the tier and can
-- never pass `quantity_limit`: the pledge takes its slot with a conditional update.
CREATE TABLE funding_tiers (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    min_amount_minor BIGINT NOT NULL CHECK (min_amount_minor > 0),
    quantity_limit INTEGER CHECK (quantity_limit IS NULL OR quantity_limit > 0),
    taken INTEGER NOT NULL CHECK (taken >= 0 AND (quantity_limit IS NULL OR taken <= quantity_limit)),
    available_from TIMESTAMP,
    available_until TIMESTAMP,
    -- `YYYY-MM`: when the backers should have what they pledged for.
    estimated_delivery TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX funding_tiers_campaign ON funding_tiers (campaign_id, min_amount_minor, id);

-- A backer's promise. One open pledge per backer and campaign (the partial unique index); the
-- first touch that brought the backer is kept for the money-per-channel analytics.
CREATE TABLE pledges (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    backer_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tier_id TEXT REFERENCES funding_tiers (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'collecting', 'collected', 'errored', 'dropped', 'refunded', 'cancelled')),
    provider TEXT NOT NULL CHECK (provider IN ('manual', 'simulated')),
    payment_method TEXT NOT NULL,
    source_id TEXT REFERENCES reach_sources (id),
    -- errored or awaiting money: dropped after this instant.
    grace_until TIMESTAMP,
    reminders INTEGER NOT NULL,
    reminded_at TIMESTAMP,
    failure TEXT,
    collected_at TIMESTAMP,
    ended_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pledges_one_open ON pledges (campaign_id, backer_id)
    WHERE status IN ('pending', 'active', 'collecting', 'collected', 'errored');
CREATE INDEX pledges_campaign_status ON pledges (campaign_id, status, id);
CREATE INDEX pledges_campaign_created ON pledges (campaign_id, created_at, id);
CREATE INDEX pledges_backer ON pledges (backer_id, created_at, id);

-- Every charge and refund, as the provider answered it. The idempotency key makes a retried
-- collection (a re-run, a second replica) find the first answer instead of charging twice.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    pledge_id TEXT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('charge', 'refund')),
    idempotency_key TEXT NOT NULL UNIQUE,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    provider TEXT NOT NULL CHECK (provider IN ('manual', 'simulated')),
    outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'action_required')),
    failure TEXT,
    reference TEXT,
    recorded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX payments_pledge ON payments (pledge_id, created_at);

-- A backer's first pledge is a step of their journey like a first vote.
ALTER TABLE campaign_participants ADD COLUMN first_pledge_at TIMESTAMP;
