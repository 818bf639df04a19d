DROP TABLE comments;
ALTER TABLE campaigns DROP COLUMN cover_media_id;
DROP TABLE contribution_media;
DROP TABLE media;
