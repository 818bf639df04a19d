ALTER TABLE campaigns DROP COLUMN contribution_target;
ALTER TABLE campaigns DROP COLUMN participation_target_percent;
ALTER TABLE votes DROP COLUMN segments;
DROP TABLE insight_deltas;
DROP TABLE insight_counters;
DROP TABLE campaign_participants;
DROP TABLE campaign_visits;
DROP TABLE campaign_visitors;
DROP TABLE reach_sources;
