-- Every current vote: one per voter and contribution (the UNIQUE constraint; casting again
-- changes the row). A juror's vote counts in the jury's score, everyone else's in the public's.
CREATE TABLE votes (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    voter_id TEXT NOT NULL REFERENCES users (id),
    jury BOOLEAN NOT NULL,
    value INTEGER NOT NULL,
    -- Salted hashes of the voter's network prefix (/24, /64) and device id, for integrity
    -- checks; raw addresses are never stored.
    network_hash TEXT,
    device_hash TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Set when a manager removed the vote from the score (see vote_invalidations).
    invalidation_id TEXT,
    UNIQUE (contribution_id, voter_id)
);
CREATE INDEX votes_voter ON votes (campaign_id, voter_id);
CREATE INDEX votes_campaign ON votes (campaign_id, id);

-- Score changes not yet folded into contribution_scores. Casting appends here instead of
-- updating a counter row, so a flash crowd on one contribution never queues on a row lock;
-- a folder moves them into the scores exactly once (delete and add in one transaction).
CREATE TABLE vote_deltas (
    id TEXT PRIMARY KEY,
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    jury BOOLEAN NOT NULL,
    d_count INTEGER NOT NULL,
    d_sum INTEGER NOT NULL,
    d_positive INTEGER NOT NULL,
    d_negative INTEGER NOT NULL
);

-- Each contribution's tallies and scores, indexed for the leaderboard and the top/hot orders.
CREATE TABLE contribution_scores (
    contribution_id TEXT PRIMARY KEY REFERENCES contributions (id) ON DELETE CASCADE,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    public_count INTEGER NOT NULL DEFAULT 0,
    public_sum INTEGER NOT NULL DEFAULT 0,
    public_positive INTEGER NOT NULL DEFAULT 0,
    public_negative INTEGER NOT NULL DEFAULT 0,
    jury_count INTEGER NOT NULL DEFAULT 0,
    jury_sum INTEGER NOT NULL DEFAULT 0,
    jury_positive INTEGER NOT NULL DEFAULT 0,
    jury_negative INTEGER NOT NULL DEFAULT 0,
    public_score REAL NOT NULL DEFAULT 0,
    jury_score REAL NOT NULL DEFAULT 0,
    combined_score REAL NOT NULL DEFAULT 0,
    hot_score REAL NOT NULL DEFAULT 0
);
CREATE INDEX contribution_scores_combined ON contribution_scores (campaign_id, combined_score DESC, contribution_id);
CREATE INDEX contribution_scores_hot ON contribution_scores (campaign_id, hot_score DESC, contribution_id);
INSERT INTO contribution_scores (contribution_id, campaign_id) SELECT id, campaign_id FROM contributions;

-- Managers' decisions to take votes out of the score, kept for good.
CREATE TABLE vote_invalidations (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    vote_count INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
