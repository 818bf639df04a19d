-- Where a campaign's audience comes from. Invitation channels and participants' referral codes
-- share one code space, so a `?via=` code alone says which source it is.
CREATE TABLE reach_sources (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('newsletter', 'community', 'social', 'partner', 'other', 'referral')),
    -- Channels have a name, referral codes a referrer.
    name TEXT,
    referrer_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (campaign_id, name),
    UNIQUE (campaign_id, referrer_id)
);
CREATE INDEX reach_sources_campaign ON reach_sources (campaign_id, kind, id);

-- Each visitor's first touch of a campaign (the source that gets the credit), and the account
-- behind the visitor once known. The visitor id is a random id the client keeps; no IP.
CREATE TABLE campaign_visitors (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    visitor_id TEXT NOT NULL,
    source_id TEXT REFERENCES reach_sources (id),
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    first_seen_at TIMESTAMP NOT NULL,
    PRIMARY KEY (campaign_id, visitor_id)
);
CREATE INDEX campaign_visitors_visitor ON campaign_visitors (visitor_id, first_seen_at);

-- One row per visitor and day: a visit counts once a day.
CREATE TABLE campaign_visits (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    PRIMARY KEY (campaign_id, day, visitor_id)
);

-- A user's journey in one campaign: the first touch that brought them and when they first took
-- each step. What the funnel counts, and what the timeline shows.
CREATE TABLE campaign_participants (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source_id TEXT REFERENCES reach_sources (id),
    first_touch_at TIMESTAMP,
    joined_at TIMESTAMP NOT NULL,
    signed_up BOOLEAN NOT NULL,
    first_vote_at TIMESTAMP,
    first_contribution_at TIMESTAMP,
    PRIMARY KEY (campaign_id, user_id)
);
CREATE INDEX campaign_participants_user ON campaign_participants (user_id, joined_at);

-- Analytics rollups, kept incrementally: an event appends deltas (no counter row for a flash
-- crowd to queue on), the folder adds them to the counters exactly once (delete and add in one
-- transaction), and a read adds the few not folded yet. A read never scans visits or votes.
CREATE TABLE insight_counters (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    -- day | source | referrer | segment | entry_segment
    scope TEXT NOT NULL,
    bucket TEXT NOT NULL,
    metric TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, scope, bucket, metric)
);
CREATE INDEX insight_counters_top ON insight_counters (campaign_id, scope, metric, value DESC);
CREATE TABLE insight_deltas (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    bucket TEXT NOT NULL,
    metric TEXT NOT NULL,
    amount INTEGER NOT NULL
);
CREATE INDEX insight_deltas_campaign ON insight_deltas (campaign_id, scope);

-- The voter's opted-in segments when the vote was cast, so that a change or retraction takes
-- back exactly what the cast added to the segment counters.
ALTER TABLE votes ADD COLUMN segments TEXT;

-- What the organiser aims for: the share of visitors who contribute, and contributions at close.
ALTER TABLE campaigns ADD COLUMN participation_target_percent REAL;
ALTER TABLE campaigns ADD COLUMN contribution_target INTEGER;
