-- Micro-tasking: a microtask campaign's answer form and rules, its tasks, the workers' claims
-- (leases on a task's slots, then answers and their reviews) and each worker's record on gold
-- tasks.

-- One row per microtask campaign: the answer form every task shares and the campaign's rules.
CREATE TABLE task_settings (
    campaign_id TEXT PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    -- JSON: {"kind": "single_choice", "options": [...]} and the like (see AnswerForm).
    answer_form TEXT NOT NULL,
    strategy TEXT NOT NULL CHECK (strategy IN ('depth_first', 'breadth_first', 'random')),
    lease_seconds INTEGER NOT NULL CHECK (lease_seconds BETWEEN 60 AND 86400),
    review_delay_hours INTEGER NOT NULL CHECK (review_delay_hours BETWEEN 1 AND 720),
    retirement TEXT NOT NULL CHECK (retirement IN ('count', 'consensus', 'never')),
    consensus_k INTEGER CHECK (consensus_k IS NULL OR consensus_k >= 2),
    gold_rate_percent INTEGER NOT NULL CHECK (gold_rate_percent BETWEEN 0 AND 50),
    min_accuracy_percent INTEGER CHECK (min_accuracy_percent IS NULL OR min_accuracy_percent BETWEEN 1 AND 100),
    gold_min_answers INTEGER NOT NULL CHECK (gold_min_answers BETWEEN 1 AND 100),
    rejection_guard_percent INTEGER NOT NULL CHECK (rejection_guard_percent BETWEEN 1 AND 100),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A small piece of work. `taken` counts the slots held (live leases and answers that count)
-- and a claim takes one with a conditional update `WHERE taken < redundancy`, so parallel
-- claimants never get more than `redundancy` slots. Gold tasks (a known `gold_answer`) are
-- answered once by every worker and take no slots.
CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    -- JSON: {"text"?, "image"? (a media id), "link"?}
    payload TEXT NOT NULL,
    instructions TEXT NOT NULL,
    redundancy INTEGER NOT NULL CHECK (redundancy BETWEEN 1 AND 100),
    reward_points INTEGER NOT NULL CHECK (reward_points BETWEEN 0 AND 10000),
    priority INTEGER NOT NULL,
    gold_answer TEXT,
    taken INTEGER NOT NULL CHECK (taken >= 0),
    -- answers that count (submitted or approved)
    answers INTEGER NOT NULL CHECK (answers >= 0),
    retired_at TIMESTAMP,
    retired_reason TEXT CHECK (retired_reason IN ('count', 'consensus')),
    -- the consensus so far: the answer of the largest agreeing group, its share in basis points
    -- and the size of that group
    result_answer TEXT,
    agreement_bp INTEGER,
    agreeing INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tasks_campaign ON tasks (campaign_id, id);
CREATE INDEX tasks_queue ON tasks (campaign_id, retired_at, priority, taken);

-- A worker's lease on one slot of a task, and then their answer and its review.
CREATE TABLE task_claims (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('active', 'released', 'expired', 'submitted', 'approved', 'rejected')),
    gold BOOLEAN NOT NULL,
    lease_expires_at TIMESTAMP NOT NULL,
    answer TEXT,
    submitted_at TIMESTAMP,
    auto_approve_at TIMESTAMP,
    gold_correct BOOLEAN,
    reviewed_at TIMESTAMP,
    -- NULL with a review: approved automatically (the delay passed, or a gold answer checked)
    reviewed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    review_reason TEXT,
    overturned_at TIMESTAMP,
    points INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- A worker takes a task once (a released or expired lease may be taken again).
CREATE UNIQUE INDEX task_claims_once ON task_claims (task_id, worker_id)
    WHERE status IN ('active', 'submitted', 'approved', 'rejected');
CREATE INDEX task_claims_lease ON task_claims (status, lease_expires_at);
CREATE INDEX task_claims_auto_approve ON task_claims (status, auto_approve_at);
CREATE INDEX task_claims_worker ON task_claims (worker_id, created_at, id);
CREATE INDEX task_claims_campaign ON task_claims (campaign_id, status, submitted_at, id);
CREATE INDEX task_claims_task ON task_claims (task_id, status);
CREATE INDEX task_claims_reviews ON task_claims (campaign_id, reviewed_at);

-- A worker's record in a campaign: answers to gold tasks and whether they are paused.
CREATE TABLE task_workers (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    gold_answered INTEGER NOT NULL CHECK (gold_answered >= 0),
    gold_correct INTEGER NOT NULL CHECK (gold_correct >= 0),
    paused_at TIMESTAMP,
    paused_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (campaign_id, worker_id)
);

-- A worker's first answer is a step of their journey like a first vote or pledge.
ALTER TABLE campaign_participants ADD COLUMN first_task_at TIMESTAMP;
