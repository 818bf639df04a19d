-- Uploaded images. The bytes live in the media store (a folder or a bucket) under the id;
-- this row says what they are and whose.
CREATE TABLE media (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users (id),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    -- Hex SHA-256 of the bytes: the ETag, and a check against a store that lost or changed them.
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX media_owner ON media (owner_id, id);

-- The images of a contribution, in the order its authors chose.
CREATE TABLE contribution_media (
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    media_id TEXT NOT NULL REFERENCES media (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, media_id)
);

ALTER TABLE campaigns ADD COLUMN cover_media_id TEXT REFERENCES media (id);

-- Comments on contributions, threaded one level: a reply's parent is a top-level comment.
-- thread_id is the top-level comment's id (its own for a top-level comment), so ordering by
-- (thread_id, id) lists each thread together, oldest first, and pages by a keyset.
CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    thread_id TEXT NOT NULL,
    parent_id TEXT REFERENCES comments (id),
    -- NULL once deleted: the place in the thread stays, the words go.
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    deleted_by TEXT REFERENCES users (id)
);
CREATE INDEX comments_thread ON comments (contribution_id, thread_id, id);
