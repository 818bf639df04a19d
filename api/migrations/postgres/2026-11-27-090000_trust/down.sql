ALTER TABLE campaign_participants DROP COLUMN voter_segments;
DELETE FROM points_ledger WHERE source_type = 'contribution_withdrawn';
ALTER TABLE points_ledger DROP CONSTRAINT points_ledger_source_type_check;
ALTER TABLE points_ledger ADD CONSTRAINT points_ledger_source_type_check CHECK (source_type IN
    ('contribution_published', 'vote_cast', 'referral_converted', 'award', 'task_approved'));
DROP TABLE contribution_revisions;
