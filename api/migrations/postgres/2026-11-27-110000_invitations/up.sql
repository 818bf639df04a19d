-- Invitations to an organization's invite-only campaigns: a participation right, kept apart from
-- the staff roles (owner, manager, moderator, juror). By email (one use, the link goes out by
-- mail) or by a link to share (optionally limited in uses and time). For one campaign, or for
-- every invite-only campaign of the organization when campaign_id is NULL.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE CASCADE,
    -- Where the invitation was mailed; NULL for a link to share.
    email TEXT,
    -- SHA-256 of the secret in the link; the secret itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    max_uses INTEGER,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at TIMESTAMP,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX invitations_organization ON invitations (organization_id, created_at);

-- Who may take part in invite-only campaigns without being staff: one row per person and
-- organization (campaign_id NULL) or campaign.
CREATE TABLE participation_grants (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invitation_id TEXT REFERENCES invitations (id) ON DELETE SET NULL,
    granted_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX participation_grants_once
    ON participation_grants (organization_id, COALESCE(campaign_id, ''), user_id);
CREATE INDEX participation_grants_user ON participation_grants (user_id);

-- The segment figures as last published: they move at most once per interval and only by at
-- least the minimum group of ballots, so polling cannot watch one vote arrive.
CREATE TABLE segment_publications (
    campaign_id TEXT PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    published_at TIMESTAMP NOT NULL,
    figures TEXT NOT NULL
);
