-- Seeds the benchmark database (PostgreSQL) after the server has run its migrations.
-- Variables (psql -v): vote_contribs, board_contribs, board_votes, seed_voters.
--
-- Everything is inserted with SQL because the API only takes submissions during a campaign's
-- submission phase and votes during its voting phase; seeding through it would take hours.
-- Rows follow the schema exactly as the service writes them: UUID-shaped ids (the API answers
-- 404 without a query for ids that do not parse as UUIDs), timestamps in UTC, a
-- contribution_authors row per contribution, a contribution_scores row per contribution.
\set ON_ERROR_STOP on

-- A UUID-shaped id that sorts by n within a kind, like the server's time-ordered UUIDv7:
-- 1 users, 2 campaigns, 3 vote-campaign contributions, 4 board contributions, 5 seed voters.
CREATE OR REPLACE FUNCTION bench_id(kind int, n bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT lpad(to_hex(kind), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0') $$;

-- A time-ordered UUIDv7 as text (PostgreSQL 15 has no uuidv7()): the pgbench script inserts
-- with it so index locality matches the server's Uuid::now_v7().
CREATE OR REPLACE FUNCTION bench_uuid7() RETURNS text
LANGUAGE sql VOLATILE AS
$$ SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
       substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
       FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid::text $$;

-- The Wilson lower bound exactly as api/src/votes/ranking.rs computes it (updown's score).
CREATE OR REPLACE FUNCTION bench_wilson(pos bigint, n bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n <= 0 THEN 0::float8 ELSE greatest(0::float8, least(1::float8,
    ((p + z*z/(2*n)) - z*sqrt((p*(1-p) + z*z/(4*n))/n)) / (1 + z*z/n))) END
  FROM (SELECT 1.959963984540054::float8 AS z,
               least(greatest(pos, 0), n)::float8 / nullif(n, 0)::float8 AS p) k $$;

-- Utc "now" as the server's NaiveDateTime sees it.
CREATE OR REPLACE FUNCTION bench_now() RETURNS timestamp LANGUAGE sql STABLE AS
$$ SELECT date_trunc('milliseconds', now() AT TIME ZONE 'utc') $$;

INSERT INTO users (id, email, password_hash, display_name, locale, created_at, updated_at)
SELECT bench_id(1, 0), 'author@bench.invalid', '!', 'Bench author', 'en', bench_now(), bench_now()
UNION ALL
-- Voters that only SQL uses (pgbench, the seeded 1M votes); they never sign in.
SELECT bench_id(5, n), 'seed' || n || '@bench.invalid', '!', 'Seed voter ' || n, 'en', bench_now(), bench_now()
FROM generate_series(1, :seed_voters) n;

INSERT INTO organizations (id, slug, name, created_at, updated_at)
VALUES (bench_id(1, 1), 'bench-org', 'Bench org', bench_now(), bench_now());
INSERT INTO organization_members (organization_id, user_id, role, created_at, updated_at)
VALUES (bench_id(1, 1), bench_id(1, 0), 'owner', bench_now(), bench_now());

-- Two campaigns in their voting phase (submissions closed, voting open for a week), updown
-- voting (so a repeated vote can flip +1/-1 and still change the tally), open to everyone,
-- tallies visible, authors may not vote for themselves (the service checks authorship then).
INSERT INTO campaigns (id, organization_id, slug, kind, title, summary, brief, status,
    submissions_open_at, submissions_close_at, voting_open_at, voting_close_at,
    max_contributions_per_member, voting_method, vote_budget, vote_during_submission,
    allow_self_vote, hide_tallies, jury_weight_percent, eligibility, require_approval,
    points_per_contribution, points_per_vote, points_per_referral, published_at, created_at, updated_at)
SELECT bench_id(2, n), bench_id(1, 1), slug, 'idea', title, 'Benchmark', 'Benchmark', 'published',
    bench_now() - interval '3 days', bench_now() - interval '2 days',
    bench_now() - interval '1 day', bench_now() + interval '7 days',
    1000000, 'updown', NULL, false, false, false, 0, 'open', false, 0, 0, 0,
    bench_now() - interval '3 days', bench_now() - interval '4 days', bench_now() - interval '3 days'
FROM (VALUES (1, 'bench-votes', 'Vote load'), (2, 'bench-board', 'Leaderboard and gallery')) c(n, slug, title);

-- Contributions: kind 3 in the vote campaign, kind 4 in the board campaign. Ids grow with n,
-- so "newest" (id DESC) is n DESC, as with the server's UUIDv7 ids.
INSERT INTO contributions (id, campaign_id, submitter_id, title, body, tags, status,
    created_at, updated_at, published_at)
SELECT bench_id(k.kind, n), bench_id(2, k.campaign), bench_id(1, 0), 'Entry ' || n,
    'A benchmark entry.', '[]', 'published',
    bench_now() - interval '2 days' + n * interval '1 ms',
    bench_now() - interval '2 days' + n * interval '1 ms',
    bench_now() - interval '2 days' + n * interval '1 ms'
FROM (VALUES (3, 1, :vote_contribs), (4, 2, :board_contribs)) k(kind, campaign, total),
     generate_series(1, k.total) n;
INSERT INTO contribution_authors (contribution_id, user_id, share_bp, accepted_at)
SELECT id, submitter_id, 10000, created_at FROM contributions;

-- The 1M votes of the board campaign: contribution n gets (n * 7919) % 21 votes (0..20, mean
-- 10, so a spread of scores), from distinct seed voters; one in four is a downvote.
INSERT INTO votes (id, campaign_id, contribution_id, voter_id, jury, value, created_at, updated_at)
SELECT bench_id(6, (n - 1) * 1000 + j), bench_id(2, 2), bench_id(4, n),
       bench_id(5, 1 + (n + j) % :seed_voters), false,
       CASE WHEN (n + j) % 4 = 0 THEN -1 ELSE 1 END,
       bench_now() - interval '1 day', bench_now() - interval '1 day'
FROM generate_series(1, :board_contribs) n,
     LATERAL generate_series(1, ((n::bigint * 7919) % 21)::int * :board_votes / (10 * :board_contribs)) j;

-- Scores: the folded tallies of those votes, scored as ranking.rs does for updown with jury
-- weight 0 (combined = public = Wilson lower bound; hot = sign(net)·log10(max(|net|,1)) +
-- published_at/45000). Vote-campaign contributions start at zero, as scores::start leaves them.
INSERT INTO contribution_scores (contribution_id, campaign_id, public_count, public_sum,
    public_positive, public_negative, public_score, combined_score, hot_score)
SELECT c.id, c.campaign_id, coalesce(t.cnt, 0), coalesce(t.total, 0), coalesce(t.pos, 0), coalesce(t.neg, 0),
    bench_wilson(coalesce(t.pos, 0), coalesce(t.pos, 0) + coalesce(t.neg, 0)),
    bench_wilson(coalesce(t.pos, 0), coalesce(t.pos, 0) + coalesce(t.neg, 0)),
    sign(coalesce(t.total, 0)) * log(greatest(abs(coalesce(t.total, 0)), 1)::numeric)::float8
      + extract(epoch FROM c.published_at)::float8 / 45000
FROM contributions c
LEFT JOIN (SELECT contribution_id, count(*) cnt, sum(value) total,
                  count(*) FILTER (WHERE value > 0) pos, count(*) FILTER (WHERE value < 0) neg
           FROM votes GROUP BY contribution_id) t ON t.contribution_id = c.id;

VACUUM ANALYZE;
