DROP INDEX jobs_due;
DROP INDEX jobs_leased;
DROP INDEX jobs_dead;
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_dead ON jobs (updated_at) WHERE status = 'dead';
