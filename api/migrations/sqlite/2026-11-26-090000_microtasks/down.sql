ALTER TABLE campaign_participants DROP COLUMN first_task_at;
DROP TABLE task_workers;
DROP TABLE task_claims;
DROP TABLE tasks;
DROP TABLE task_settings;
