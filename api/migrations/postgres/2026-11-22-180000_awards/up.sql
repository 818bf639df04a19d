-- The share of a remix's award that goes to the authors of the entry it remixes.
ALTER TABLE campaigns ADD COLUMN remix_credit_percent INTEGER NOT NULL DEFAULT 0 CHECK (remix_credit_percent BETWEEN 0 AND 50);

-- Prizes given to contributions from the final ranking; one per contribution and campaign.
CREATE TABLE awards (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    -- The best rank of the contribution's tie group.
    rank INTEGER NOT NULL,
    title TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'paid', 'cancelled')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (campaign_id, contribution_id)
);

-- Who receives what of an award: its authors by their shares, and the remixed entry's authors.
CREATE TABLE award_splits (
    award_id TEXT NOT NULL REFERENCES awards (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL CHECK (reason IN ('author', 'remix_parent')),
    amount_minor BIGINT NOT NULL,
    points INTEGER NOT NULL,
    PRIMARY KEY (award_id, user_id, reason)
);
CREATE INDEX award_splits_user ON award_splits (user_id);

-- Every status change of an award, kept for good.
CREATE TABLE award_events (
    id TEXT PRIMARY KEY,
    award_id TEXT NOT NULL REFERENCES awards (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES users (id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX award_events_award ON award_events (award_id, id);
