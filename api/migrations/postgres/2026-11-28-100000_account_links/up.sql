-- Links mailed to an account's holder: a password reset (valid one hour) or the confirmation of
-- the address (valid seven days). The server keeps only the SHA-256 of the secret in the link;
-- each link works once. `email` is the address it went to: a confirmation confirms that address.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
CREATE TABLE account_links (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX account_links_user ON account_links (user_id, purpose, created_at);
