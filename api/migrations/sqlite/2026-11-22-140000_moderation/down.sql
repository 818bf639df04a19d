DROP TABLE moderation_actions;
DROP TABLE reports;
ALTER TABLE contributions DROP COLUMN moderation_reason;
