-- The outbox: every state change appends its domain event in the transaction of the change.
-- The dispatcher takes undispatched events in id order and fans them out to notifications and
-- webhook deliveries, marking them dispatched in the same transaction (exactly once).
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    organization_id TEXT,
    campaign_id TEXT,
    actor_id TEXT,
    subject_id TEXT NOT NULL,
    data TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    dispatched_at TIMESTAMP
);
CREATE INDEX events_undispatched ON events (id) WHERE dispatched_at IS NULL;
CREATE INDEX events_organization ON events (organization_id, id);
-- Retention: dispatched events are pruned after 30 days.
CREATE INDEX events_dispatched ON events (dispatched_at) WHERE dispatched_at IS NOT NULL;

-- The job queue of all background work. Claimed with FOR UPDATE SKIP LOCKED under a lease;
-- a job whose lease ran out (its replica died) is claimed again. `unique_key` makes recurring
-- jobs singletons and enqueueing idempotent.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    unique_key TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'dead')),
    run_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    lease_token TEXT,
    lease_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_dead ON jobs (updated_at) WHERE status = 'dead';

-- In-app notifications. An unread notification of the same kind about the same subject absorbs
-- new ones (`count`): a burst of comments is one "12 new comments on X".
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    event_id TEXT NOT NULL,
    campaign_id TEXT,
    subject_id TEXT NOT NULL,
    actor_id TEXT,
    count INTEGER NOT NULL DEFAULT 1,
    data TEXT NOT NULL,
    email TEXT NOT NULL CHECK (email IN ('off', 'immediate', 'daily', 'weekly')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    emailed_at TIMESTAMP
);
CREATE UNIQUE INDEX notifications_unread_subject
    ON notifications (recipient_id, kind, subject_id) WHERE read_at IS NULL;
-- The inbox lists newest activity first (updated_at, id).
CREATE INDEX notifications_inbox ON notifications (recipient_id, updated_at, id);
CREATE INDEX notifications_read ON notifications (read_at) WHERE read_at IS NOT NULL;
CREATE INDEX notifications_unemailed ON notifications (email, updated_at) WHERE emailed_at IS NULL;

-- A user's choices per category; categories without a row use the defaults.
CREATE TABLE notification_preferences (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    in_app BOOLEAN NOT NULL,
    email TEXT NOT NULL CHECK (email IN ('off', 'immediate', 'daily', 'weekly')),
    PRIMARY KEY (user_id, category)
);

-- Mail composed in a transaction with what it reports, then sent by its own job.
CREATE TABLE emails (
    id TEXT PRIMARY KEY,
    recipient_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    unsubscribe_url TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX emails_sent ON emails (sent_at) WHERE sent_at IS NOT NULL;

-- Webhook subscriptions of an organization, and every message and attempt.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    event_types TEXT NOT NULL,
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_until TIMESTAMP,
    enabled BOOLEAN NOT NULL,
    disabled_reason TEXT,
    failing_since TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_organization ON webhooks (organization_id, id);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id TEXT,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);

CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    duration_ms INTEGER NOT NULL,
    response_snippet TEXT,
    error TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);

-- Stored answers to POSTs sent with an Idempotency-Key, per credential, for 24 hours.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER,
    headers TEXT,
    body BLOB,
    locked_until TIMESTAMP,
    -- Which claim holds the key: only that request may store its answer or free the key.
    lock_token TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- The last phase of each campaign that was announced (`campaign.phase_changed`), so every
-- transition is announced once, also after downtime. NULL: not announced yet.
ALTER TABLE campaigns ADD COLUMN announced_phase TEXT;
