-- The moderation desk: a report says what kind of problem it is, and a moderator resolves it
-- (keep: the report was unfounded; hide or reject: the subject goes, with a reason its authors
-- see). Resolving settles every open report on the same subject at once.
ALTER TABLE reports ADD COLUMN category TEXT NOT NULL DEFAULT 'other' CHECK (category IN ('spam', 'offensive', 'copyright', 'off_brief', 'other'));
ALTER TABLE reports ADD COLUMN resolution TEXT CHECK (resolution IN ('keep', 'hide', 'reject'));
ALTER TABLE reports ADD COLUMN resolution_reason TEXT;
ALTER TABLE reports ADD COLUMN resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN resolved_at TIMESTAMP;
CREATE INDEX reports_desk ON reports (campaign_id, resolved_at, id);
