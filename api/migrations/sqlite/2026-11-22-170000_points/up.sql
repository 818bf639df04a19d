-- Points earned, append only: a balance is a sum, never a counter without history. Each source
-- event pays each person once (the UNIQUE constraint), however often it is retried.
CREATE TABLE points_ledger (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
    source_type TEXT NOT NULL CHECK (source_type IN ('contribution_published', 'vote_cast', 'referral_converted', 'award', 'task_approved')),
    -- The event's own id: the contribution published, the contribution voted for, ...
    source_id TEXT NOT NULL,
    points INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (source_type, source_id, user_id)
);
CREATE INDEX points_ledger_user ON points_ledger (user_id, id);
CREATE INDEX points_ledger_campaign ON points_ledger (campaign_id, user_id);
