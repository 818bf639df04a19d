-- Seeds reach and insight data (issue #7) into the board campaign (bench_id(2, 2)) after
-- seed_pg.sql: 100k participants, 1M visitors with one visit each over 30 days, 5 channels and
-- 2,000 referral codes, and the analytics counters exactly as the folder would have left them
-- (aggregated from those rows with the service's bucket and metric names). The board
-- campaign's 1M votes are already there. Variables (psql -v): participants, visitors.
\set ON_ERROR_STOP on

-- 7 participants, 8 sources. Every fifth participant consented to research.
INSERT INTO users (id, email, password_hash, display_name, locale, research_consent, country,
    birth_year, interests, created_at, updated_at)
SELECT bench_id(7, n), 'p' || n || '@bench.invalid', '!', 'Participant ' || n, 'en', n % 5 = 0,
    CASE WHEN n % 5 = 0 THEN (ARRAY['DE','FR','AT','CH','NL','IT','ES','PL'])[1 + n % 8] END,
    CASE WHEN n % 5 = 0 THEN 1950 + n % 55 END,
    CASE WHEN n % 5 = 0 THEN '["design","sport"]' END,
    bench_now() - interval '30 days', bench_now() - interval '30 days'
FROM generate_series(1, :participants) n;

INSERT INTO reach_sources (id, campaign_id, code, kind, name, referrer_id, created_at)
SELECT bench_id(8, n), bench_id(2, 2), 'chan' || n, kind, 'Channel ' || n, NULL, bench_now() - interval '31 days'
FROM (VALUES (1, 'newsletter'), (2, 'community'), (3, 'social'), (4, 'partner'), (5, 'other')) c(n, kind)
UNION ALL
SELECT bench_id(8, 100 + n), bench_id(2, 2), 'ref' || n, 'referral', NULL, bench_id(7, n), bench_now() - interval '31 days'
FROM generate_series(1, least(2000, :participants)) n;

-- Visitor n: half through the channels, a tenth through referral codes, the rest direct; the
-- first :participants visitors are the participants.
CREATE TEMP TABLE seed_visitors AS
SELECT n, 'visitor-' || n AS visitor_id,
    CASE WHEN n % 10 < 5 THEN bench_id(8, 1 + n % 5) WHEN n % 10 = 5 THEN bench_id(8, 101 + n % least(2000, :participants)) END AS source_id,
    bench_now() - interval '30 days' + (n % 30) * interval '1 day' + (n % 86400) * interval '1 second' AS seen_at
FROM generate_series(1, :visitors) n;
INSERT INTO campaign_visitors (campaign_id, visitor_id, source_id, user_id, first_seen_at)
SELECT bench_id(2, 2), visitor_id, source_id, CASE WHEN n <= :participants THEN bench_id(7, n) END, seen_at
FROM seed_visitors;
INSERT INTO campaign_visits (campaign_id, day, visitor_id)
SELECT bench_id(2, 2), to_char(seen_at, 'YYYY-MM-DD'), visitor_id FROM seed_visitors;

-- Participants: half signed up here, three in four voted, one in fifty contributed.
INSERT INTO campaign_participants (campaign_id, user_id, source_id, first_touch_at, joined_at,
    signed_up, first_vote_at, first_contribution_at)
SELECT bench_id(2, 2), bench_id(7, n), source_id, seen_at, seen_at + interval '1 minute', n % 2 = 0,
    CASE WHEN n % 4 <> 0 THEN seen_at + interval '2 minutes' END,
    CASE WHEN n % 50 = 0 THEN seen_at + interval '3 minutes' END
FROM seed_visitors WHERE n <= :participants;

-- The counters: (scope, bucket, metric, value), as the service names them.
CREATE TEMP TABLE seed_steps AS
SELECT source_id, to_char(seen_at, 'YYYY-MM-DD') AS day, 'visitors' AS metric FROM seed_visitors
UNION ALL SELECT source_id, to_char(joined_at, 'YYYY-MM-DD'), 'registered' FROM campaign_participants
UNION ALL SELECT source_id, to_char(joined_at, 'YYYY-MM-DD'), 'sign_ups' FROM campaign_participants WHERE signed_up
UNION ALL SELECT source_id, to_char(first_vote_at, 'YYYY-MM-DD'), 'voters' FROM campaign_participants WHERE first_vote_at IS NOT NULL
UNION ALL SELECT source_id, to_char(first_contribution_at, 'YYYY-MM-DD'), 'contributors' FROM campaign_participants WHERE first_contribution_at IS NOT NULL
UNION ALL SELECT source_id, to_char(least(first_vote_at, first_contribution_at), 'YYYY-MM-DD'), 'participants'
  FROM campaign_participants WHERE coalesce(first_vote_at, first_contribution_at) IS NOT NULL
UNION ALL SELECT source_id, to_char(least(first_vote_at, first_contribution_at), 'YYYY-MM-DD'), 'conversions'
  FROM campaign_participants WHERE coalesce(first_vote_at, first_contribution_at) IS NOT NULL AND source_id >= bench_id(8, 100);
INSERT INTO insight_counters (campaign_id, scope, bucket, metric, value)
SELECT bench_id(2, 2), 'day', day, metric, count(*) FROM seed_steps GROUP BY day, metric
UNION ALL
SELECT bench_id(2, 2), 'day', day, 'visits', count(*) FROM campaign_visits WHERE campaign_id = bench_id(2, 2) GROUP BY day
UNION ALL
SELECT bench_id(2, 2), 'day', to_char(created_at, 'YYYY-MM-DD'), 'votes', count(*) FROM votes WHERE campaign_id = bench_id(2, 2) GROUP BY 3
UNION ALL
SELECT bench_id(2, 2), 'day', to_char(created_at, 'YYYY-MM-DD'), 'contributions', count(*) FROM contributions WHERE campaign_id = bench_id(2, 2) GROUP BY 3
UNION ALL
SELECT bench_id(2, 2), 'source',
    CASE WHEN source_id IS NULL THEN 'direct' WHEN source_id >= bench_id(8, 100) THEN 'referral' ELSE source_id END,
    metric, count(*) FROM seed_steps GROUP BY 3, metric
UNION ALL
SELECT bench_id(2, 2), 'referrer', source_id, metric, count(*) FROM seed_steps WHERE source_id >= bench_id(8, 100) GROUP BY source_id, metric;

-- Segments of the consenting voters (country, age band, two interests), ten votes each, and
-- their votes on contributions: three segments on every contribution.
INSERT INTO insight_counters (campaign_id, scope, bucket, metric, value)
SELECT bench_id(2, 2), 'segment', key, metric, sum(amount) FROM (
    SELECT unnest(ARRAY['country=' || u.country, 'age_band=' || (1950 + n % 55)::text, 'interest=design', 'interest=sport']) AS key,
           m.metric, m.amount
    FROM generate_series(5, :participants, 5) n
    JOIN users u ON u.id = bench_id(7, n)
    CROSS JOIN (VALUES ('voters', 1), ('votes', 10)) m(metric, amount)
    WHERE n % 4 <> 0) s
GROUP BY key, metric;
INSERT INTO insight_counters (campaign_id, scope, bucket, metric, value)
SELECT bench_id(2, 2), 'entry_segment', c.id || '|' || k.key, m.metric, m.amount
FROM contributions c
CROSS JOIN (VALUES ('country=DE'), ('age_band=25-34'), ('interest=design')) k(key)
CROSS JOIN (VALUES ('votes', 6), ('value_sum', 4)) m(metric, amount)
WHERE c.campaign_id = bench_id(2, 2);

VACUUM ANALYZE;
