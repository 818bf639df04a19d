-- SQLite only (its job indexes no longer filter on a status; see the SQLite migration of the
-- same name). PostgreSQL plans a prepared statement's bound status as before: nothing changes.
SELECT 1;
