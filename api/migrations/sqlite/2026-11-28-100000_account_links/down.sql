DROP TABLE account_links;
ALTER TABLE users DROP COLUMN email_verified_at;
