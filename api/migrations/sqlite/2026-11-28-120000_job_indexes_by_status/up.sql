-- The server's SQLite is built with SQLITE_ENABLE_QPSG (.cargo/config.toml): a plan no longer
-- depends on bound values, so a partial index `WHERE status = 'queued'` cannot serve the job
-- queue's `status = ?`. Indexes that lead with the status serve it for every bound value.
DROP INDEX jobs_due;
DROP INDEX jobs_leased;
DROP INDEX jobs_dead;
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_leased ON jobs (status, lease_until);
CREATE INDEX jobs_dead ON jobs (status, updated_at);
