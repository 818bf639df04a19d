-- Seeds the SQLite benchmark database with the vote campaign only (same ids and shape as
-- seed_pg.sql; see there why). run.sh prepends the `users` rows copied from PostgreSQL, so the
-- access tokens registered there (same JWT_SECRET) act for the same user ids here.
-- Parameter: :vote_contribs.
.bail on
BEGIN;
INSERT INTO users (id, email, password_hash, display_name, locale, created_at, updated_at)
VALUES ('00000001-0000-7000-8000-000000000000', 'author@bench.invalid', '!', 'Bench author', 'en',
        strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'));
INSERT INTO organizations (id, slug, name, created_at, updated_at)
VALUES ('00000001-0000-7000-8000-000000000001', 'bench-org', 'Bench org',
        strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'));
INSERT INTO organization_members (organization_id, user_id, role, created_at, updated_at)
VALUES ('00000001-0000-7000-8000-000000000001', '00000001-0000-7000-8000-000000000000', 'owner',
        strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'));
INSERT INTO campaigns (id, organization_id, slug, kind, title, summary, brief, status,
    submissions_open_at, submissions_close_at, voting_open_at, voting_close_at,
    max_contributions_per_member, voting_method, vote_budget, vote_during_submission,
    allow_self_vote, hide_tallies, jury_weight_percent, eligibility, require_approval,
    points_per_contribution, points_per_vote, points_per_referral, published_at, created_at, updated_at)
VALUES ('00000002-0000-7000-8000-000000000001', '00000001-0000-7000-8000-000000000001',
    'bench-votes', 'idea', 'Vote load', 'Benchmark', 'Benchmark', 'published',
    strftime('%Y-%m-%d %H:%M:%f', 'now', '-3 days'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 days'),
    strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 days'), strftime('%Y-%m-%d %H:%M:%f', 'now', '+7 days'),
    1000000, 'updown', NULL, 0, 0, 0, 0, 'open', 0, 0, 0, 0,
    strftime('%Y-%m-%d %H:%M:%f', 'now', '-3 days'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-4 days'),
    strftime('%Y-%m-%d %H:%M:%f', 'now', '-3 days'));
WITH RECURSIVE n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < :vote_contribs)
INSERT INTO contributions (id, campaign_id, submitter_id, title, body, tags, status,
    created_at, updated_at, published_at)
SELECT printf('%08x-0000-7000-8000-%012x', 3, n), '00000002-0000-7000-8000-000000000001',
    '00000001-0000-7000-8000-000000000000', 'Entry ' || n, 'A benchmark entry.', '[]', 'published',
    strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 days'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 days'),
    strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 days')
FROM n;
INSERT INTO contribution_authors (contribution_id, user_id, share_bp, accepted_at)
SELECT id, submitter_id, 10000, created_at FROM contributions;
-- Zero tallies, as scores::start leaves a new contribution (hot = published_at / 45000).
INSERT INTO contribution_scores (contribution_id, campaign_id, hot_score)
SELECT id, campaign_id, CAST(strftime('%s', published_at) AS REAL) / 45000 FROM contributions;
COMMIT;
