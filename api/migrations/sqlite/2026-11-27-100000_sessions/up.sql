-- A login session: one refresh-token family, listed to its owner with the device it signed in
-- from and revocable on its own. Access tokens name their session, so revoking it stops them at
-- once, not only when they expire.
CREATE TABLE sessions (
    -- The refresh-token family's id.
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The browser or app that signed in (its User-Agent, at most 200 characters).
    user_agent TEXT,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id, created_at);

-- The families that exist already become sessions.
INSERT INTO sessions (id, user_id, user_agent, created_at, last_used_at, revoked_at)
SELECT family_id, MIN(user_id), NULL, MIN(created_at), MAX(created_at),
       CASE WHEN COUNT(revoked_at) = COUNT(*) THEN MAX(revoked_at) END
FROM refresh_tokens GROUP BY family_id;
