DROP TABLE personal_access_tokens;
DROP TABLE refresh_tokens;
DROP TABLE users;
