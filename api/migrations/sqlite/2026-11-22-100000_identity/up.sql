-- Accounts and the credentials that act for them.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- Normalised (trimmed, lower-case) so that uniqueness is case-insensitive.
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    locale TEXT NOT NULL,
    -- Market-research attributes are kept only while research_consent is true.
    research_consent BOOLEAN NOT NULL DEFAULT FALSE,
    country TEXT,
    birth_year INTEGER,
    interests TEXT,
    -- The invitation code (channel or referral) the account signed up through, if any.
    signup_via TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Opaque refresh tokens, stored as SHA-256 hashes; each rotation adds a row to the family.
CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    -- The token this one was exchanged for: tells a client's own parallel refresh (successor
    -- unused) from a replay after the session moved on (successor used).
    replaced_by TEXT,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Long-lived scoped tokens for integrations, stored as SHA-256 hashes.
CREATE TABLE personal_access_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    -- The first characters of the secret, shown in lists so the owner can tell tokens apart.
    token_prefix TEXT NOT NULL,
    -- Space-separated scopes, e.g. "profile:read organizations:write".
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX personal_access_tokens_user ON personal_access_tokens (user_id, id);
