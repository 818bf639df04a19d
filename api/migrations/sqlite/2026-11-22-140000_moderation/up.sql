-- The reason of the latest moderation decision, shown to the contribution's authors.
ALTER TABLE contributions ADD COLUMN moderation_reason TEXT;

-- Flags raised by participants; one per person and target.
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    target_type TEXT NOT NULL CHECK (target_type IN ('contribution', 'comment')),
    target_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    reporter_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (target_type, target_id, reporter_id)
);
CREATE INDEX reports_campaign ON reports (campaign_id, target_type, target_id);

-- Every moderation decision, kept for good (the audit log).
CREATE TABLE moderation_actions (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES users (id),
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'hide', 'restore')),
    reason TEXT,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX moderation_actions_contribution ON moderation_actions (contribution_id, id);
