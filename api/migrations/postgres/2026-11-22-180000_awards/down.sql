DROP TABLE award_events;
DROP TABLE award_splits;
DROP TABLE awards;
ALTER TABLE campaigns DROP COLUMN remix_credit_percent;
