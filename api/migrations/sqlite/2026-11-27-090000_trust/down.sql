ALTER TABLE campaign_participants DROP COLUMN voter_segments;
CREATE TABLE points_ledger_old (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
    source_type TEXT NOT NULL CHECK (source_type IN ('contribution_published', 'vote_cast', 'referral_converted', 'award', 'task_approved')),
    source_id TEXT NOT NULL,
    points INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (source_type, source_id, user_id)
);
INSERT INTO points_ledger_old SELECT * FROM points_ledger WHERE source_type <> 'contribution_withdrawn';
DROP TABLE points_ledger;
ALTER TABLE points_ledger_old RENAME TO points_ledger;
CREATE INDEX points_ledger_user ON points_ledger (user_id, id);
CREATE INDEX points_ledger_campaign ON points_ledger (campaign_id, user_id);
DROP TABLE contribution_revisions;
