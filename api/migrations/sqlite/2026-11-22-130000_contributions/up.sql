-- What the community submits to a campaign.
CREATE TABLE contributions (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    -- Who submitted it (always one of its authors).
    submitter_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- JSON array of strings.
    tags TEXT NOT NULL,
    -- The contribution this one remixes (same campaign); its authors are credited.
    parent_id TEXT REFERENCES contributions (id),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'published', 'rejected', 'hidden', 'withdrawn', 'shortlisted', 'winner')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
CREATE INDEX contributions_campaign ON contributions (campaign_id, status, id);
CREATE INDEX contributions_submitter ON contributions (campaign_id, submitter_id);

-- Authors and their reward shares in basis points (summing to 10000 per contribution).
CREATE TABLE contribution_authors (
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    share_bp INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    -- Co-authors accept their share; the submitter has accepted by submitting.
    accepted_at TIMESTAMP,
    PRIMARY KEY (contribution_id, user_id)
);
CREATE INDEX contribution_authors_user ON contribution_authors (user_id);
