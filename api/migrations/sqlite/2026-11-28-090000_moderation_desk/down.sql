DROP INDEX reports_desk;
ALTER TABLE reports DROP COLUMN resolved_at;
ALTER TABLE reports DROP COLUMN resolved_by;
ALTER TABLE reports DROP COLUMN resolution_reason;
ALTER TABLE reports DROP COLUMN resolution;
ALTER TABLE reports DROP COLUMN category;
