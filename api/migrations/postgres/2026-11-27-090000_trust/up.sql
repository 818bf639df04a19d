-- Trust and safety: what an entry said before each edit once the public could see it, and a
-- ledger source that takes a withdrawn entry's publication points back.

CREATE TABLE contribution_revisions (
    id TEXT PRIMARY KEY,
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- JSON array, as in contributions.tags.
    tags TEXT NOT NULL,
    -- JSON array of the media ids shown then.
    media_ids TEXT NOT NULL,
    editor_id TEXT NOT NULL REFERENCES users (id),
    -- When this version was replaced.
    replaced_at TIMESTAMP NOT NULL
);
CREATE INDEX contribution_revisions_of ON contribution_revisions (contribution_id, id);

ALTER TABLE points_ledger DROP CONSTRAINT points_ledger_source_type_check;
ALTER TABLE points_ledger ADD CONSTRAINT points_ledger_source_type_check CHECK (source_type IN
    ('contribution_published', 'contribution_withdrawn', 'vote_cast', 'referral_converted', 'award', 'task_approved'));

-- The segments a voter was counted under as a voter of the campaign (at their first vote), so
-- that withdrawing research consent takes exactly those back out.
ALTER TABLE campaign_participants ADD COLUMN voter_segments TEXT;
UPDATE campaign_participants SET voter_segments = (
    SELECT votes.segments FROM votes
    WHERE votes.campaign_id = campaign_participants.campaign_id
      AND votes.voter_id = campaign_participants.user_id
    ORDER BY votes.created_at LIMIT 1
) WHERE first_vote_at IS NOT NULL;
