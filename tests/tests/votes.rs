//! Votes: never lost or double counted under parallel requests, budgets that hold, scores that
//! equal a recount of the votes, the campaign's rules, hidden tallies that leak nowhere, and
//! integrity flags with their reasons.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Barrier};

use schwarm_tests::api::{PASSWORD, User, at, session, shifted};
use schwarm_tests::{Backend, METRICS_TOKEN, ServerOptions, TestResponse, TestServer};
use serde_json::{Value, json};

/// Public `(count, sum)` per contribution id.
type Tallies = BTreeMap<String, (i64, i64)>;

struct Voting {
    server: TestServer,
    owner: User,
    campaign: String,
    /// Contribution ids in submission order.
    entries: Vec<String>,
    authors: Vec<User>,
    voting_close: String,
}

/// A campaign with `rules` and `entries` contributions by as many authors, whose voting phase
/// runs now: the entries are submitted on a clock set back into its submission phase, then the
/// clock runs again, so votes and sign-ups share the real time (as integrity checks expect).
fn voting(rules: Value, entries: usize, options: ServerOptions) -> Voting {
    let server = TestServer::start_with(options.env("VOTE_RATE_LIMIT_PER_MINUTE", "100000"));
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let (submissions_open, voting_open, voting_close) = (at(-7200), at(-60), at(3600));
    let schedule = json!({"submissions_open_at": submissions_open, "submissions_close_at": voting_open,
                          "voting_open_at": voting_open, "voting_close_at": voting_close});
    let campaign = server
        .client
        .campaign_with_schedule(&owner, "acme", "Bottle", rules, schedule);
    server.set_clock(&shifted(&submissions_open, 1));
    let mut ids = Vec::new();
    let mut authors = Vec::new();
    for n in 0..entries {
        let author = server.client.register(&format!("author{n}"));
        let made = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{campaign}/contributions"),
            author.token(),
            Some(&json!({"title": format!("Entry {n}")})),
        );
        assert_eq!(made.status, 201, "{}", made.text());
        ids.push(made.json()["id"].as_str().unwrap().to_owned());
        authors.push(author);
    }
    server.release_clock();
    Voting {
        server,
        owner,
        campaign,
        entries: ids,
        authors,
        voting_close,
    }
}

impl Voting {
    fn vote(&self, user: &User, entry: &str, value: i64) -> TestResponse {
        self.server.client.call(
            "PUT",
            &format!("/api/v1/contributions/{entry}/vote"),
            user.token(),
            Some(&json!({"value": value})),
        )
    }

    fn retract(&self, user: &User, entry: &str) -> TestResponse {
        self.server.client.call(
            "DELETE",
            &format!("/api/v1/contributions/{entry}/vote"),
            user.token(),
            None,
        )
    }

    fn leaderboard(&self, user: Option<&User>) -> TestResponse {
        self.server.client.call(
            "GET",
            &format!("/api/v1/campaigns/{}/leaderboard?limit=100", self.campaign),
            user.and_then(User::token),
            None,
        )
    }

    /// The folded public tallies `(count, sum)` per contribution, and the same recounted from
    /// the votes table (invalidated votes excluded).
    fn stored_and_recounted(&self) -> (Tallies, Tallies) {
        let mut db = self.server.db();
        db.wait_for_folded_scores();
        let pairs = |db: &mut schwarm_tests::db::TestDb, count: &str, sum: &str| {
            let counts: HashMap<String, i64> = db.key_counts(count).into_iter().collect();
            db.key_counts(sum)
                .into_iter()
                .map(|(key, total)| (key.clone(), (counts.get(&key).copied().unwrap_or(0), total)))
                .filter(|(_, tally)| *tally != (0, 0))
                .collect::<BTreeMap<_, _>>()
        };
        let stored = pairs(
            &mut db,
            "SELECT contribution_id AS key, public_count AS n FROM contribution_scores",
            "SELECT contribution_id AS key, public_sum AS n FROM contribution_scores",
        );
        let live = "FROM votes WHERE invalidation_id IS NULL AND jury = false GROUP BY contribution_id";
        let recounted = pairs(
            &mut db,
            &format!("SELECT contribution_id AS key, COUNT(*) AS n {live}"),
            &format!("SELECT contribution_id AS key, CAST(SUM(value) AS BIGINT) AS n {live}"),
        );
        let (every_column, every_column_recounted) = every_tally_column(&mut db);
        assert_eq!(
            every_column, every_column_recounted,
            "every folded tally column (public and jury: count, sum, above and below zero) \
             equals the recount"
        );
        (stored, recounted)
    }
}

/// Per contribution, its eight folded tally columns (public, then jury: count, sum, votes above
/// zero, votes below zero) as stored, and the same recounted from the votes table (invalidated
/// votes excluded). Entries whose eight are all zero are left out of both.
fn every_tally_column(
    db: &mut schwarm_tests::db::TestDb,
) -> (BTreeMap<String, [i64; 8]>, BTreeMap<String, [i64; 8]>) {
    let mut gather = |queries: Vec<String>| {
        let mut by_entry: BTreeMap<String, [i64; 8]> = BTreeMap::new();
        for (column, query) in queries.iter().enumerate() {
            for (key, n) in db.key_counts(query) {
                by_entry.entry(key).or_default()[column] = n;
            }
        }
        by_entry.retain(|_, tallies| tallies.iter().any(|&n| n != 0));
        by_entry
    };
    let mut stored_queries = Vec::new();
    let mut recount_queries = Vec::new();
    for (ballot, jury) in [("public", false), ("jury", true)] {
        for column in ["count", "sum", "positive", "negative"] {
            stored_queries.push(format!(
                "SELECT contribution_id AS key, {ballot}_{column} AS n FROM contribution_scores"
            ));
        }
        for measure in [
            "COUNT(*)",
            "SUM(value)",
            "SUM(CASE WHEN value > 0 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN value < 0 THEN 1 ELSE 0 END)",
        ] {
            recount_queries.push(format!(
                "SELECT contribution_id AS key, CAST({measure} AS BIGINT) AS n FROM votes \
                 WHERE invalidation_id IS NULL AND jury = {jury} GROUP BY contribution_id"
            ));
        }
    }
    (gather(stored_queries), gather(recount_queries))
}

fn voters(server: &TestServer, n: usize) -> Vec<User> {
    (0..n)
        .map(|i| server.client.register(&format!("voter{i}")))
        .collect()
}

#[test]
fn a_voters_later_votes_take_six_statements_their_checks_locks_and_writes_in_three() {
    let entries = 21;
    let w = voting(
        json!({"voting_method": "updown"}),
        entries,
        ServerOptions::new().counting_statements(),
    );
    let voter = w.server.client.register("voter");
    // The first vote in a campaign also makes the voter a participant: more statements.
    assert_eq!(w.vote(&voter, &w.entries[0], 1).status, 200);
    let per_vote = |value: i64| {
        let sent = w.server.statements_of(|| {
            for entry in &w.entries[1..] {
                let cast = w.vote(&voter, entry, value);
                assert_eq!(cast.status, 200, "{}", cast.text());
                assert_eq!(cast.json()["value"], value);
            }
        });
        sent / (entries - 1) as f64
    };
    let (new, changed) = (per_vote(1), per_vote(-1));
    // The session check; BEGIN; the entry with its campaign and what the voter is to it, taking
    // the ballot and profile locks as it is read (PostgreSQL only; SQLite's writers queue); the
    // voter's ballot, profile and first vote; the writes; COMMIT. The writes are the ballot, its
    // score delta, on a new ballot the day's count, and the event: one statement on PostgreSQL,
    // one each on SQLite (in-process: no round trip to save). Before, a new ballot took ten on
    // PostgreSQL (the locks a statement of their own, the writes one by one) and fourteen before
    // that. The job queue's statements are counted apart; the margin is for the pings of
    // connections that sat idle (a few statements in 20 to 30).
    let (expected_new, expected_changed) = match Backend::current() {
        Backend::Postgres => (6.0, 6.0),
        Backend::Sqlite => (9.0, 8.0),
    };
    assert!(
        (expected_new - 1.0..expected_new + 1.5).contains(&new),
        "a new ballot took {new} statements, {expected_new} by design"
    );
    assert!(
        (expected_changed - 1.0..expected_changed + 1.5).contains(&changed),
        "a changed ballot took {changed} statements, {expected_changed} by design"
    );
    let ballots = w.server.db().key_counts(
        "SELECT CAST(value AS TEXT) AS key, COUNT(*) AS n FROM votes GROUP BY value ORDER BY value",
    );
    assert_eq!(
        ballots,
        [("-1".to_owned(), entries as i64 - 1), ("1".to_owned(), 1)],
        "one ballot per entry, as last cast"
    );
}

#[test]
fn two_hundred_parallel_identical_votes_count_once() {
    let v = voting(json!({}), 1, ServerOptions::new());
    let voter = v.server.client.register("eager");
    let barrier = Arc::new(Barrier::new(200));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..200)
            .map(|_| {
                let barrier = Arc::clone(&barrier);
                let (v, voter) = (&v, &voter);
                scope.spawn(move || {
                    barrier.wait();
                    v.vote(voter, &v.entries[0], 1).status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        statuses.iter().all(|&s| s == 200),
        "every cast is acknowledged: {statuses:?}"
    );
    let mut db = v.server.db();
    let rows = db.key_counts("SELECT voter_id AS key, COUNT(*) AS n FROM votes GROUP BY voter_id");
    assert_eq!(rows, [(voter.id.clone(), 1)], "exactly one row");
    let (stored, recounted) = v.stored_and_recounted();
    assert_eq!(
        stored,
        BTreeMap::from([(v.entries[0].clone(), (1, 1))]),
        "score +1"
    );
    assert_eq!(stored, recounted);
    let board = v.leaderboard(None).json();
    assert_eq!(board["items"][0]["vote_count"], 1);
    assert_eq!(board["items"][0]["public_score"], 1.0);
}

#[test]
fn a_budget_holds_under_parallel_spending() {
    let v = voting(
        json!({"voting_method": "budget", "vote_budget": 10}),
        12,
        ServerOptions::new(),
    );
    let voter = v.server.client.register("spender");
    let barrier = Arc::new(Barrier::new(v.entries.len()));
    let accepted: i64 = std::thread::scope(|scope| {
        let handles: Vec<_> = v
            .entries
            .iter()
            .map(|entry| {
                let barrier = Arc::clone(&barrier);
                let (v, voter) = (&v, &voter);
                scope.spawn(move || {
                    barrier.wait();
                    let res = v.vote(voter, entry, 3);
                    assert!([200, 409].contains(&res.status), "{}", res.text());
                    i64::from(res.status == 200) * 3
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(
        accepted, 9,
        "three votes of 3 fit a budget of 10, a fourth does not"
    );
    let mine = v
        .server
        .client
        .call(
            "GET",
            &format!("/api/v1/campaigns/{}/votes/me", v.campaign),
            voter.token(),
            None,
        )
        .json();
    assert_eq!(mine["remaining_budget"], 1);
    assert_eq!(mine["items"].as_array().unwrap().len(), 3);
    let spent_on: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|vote| vote["contribution_id"].as_str().unwrap())
        .collect();
    let fresh = v
        .entries
        .iter()
        .find(|entry| !spent_on.contains(&entry.as_str()))
        .unwrap();
    let over = v.vote(&voter, fresh, 2).problem(409);
    assert!(
        over["detail"].as_str().unwrap().contains("1 of your 10"),
        "{over}"
    );
    let first_spent = mine["items"][0]["contribution_id"].as_str().unwrap();
    assert_eq!(
        v.vote(&voter, first_spent, 4).status,
        200,
        "changing a vote reuses its points"
    );
}

#[test]
fn a_flash_crowd_of_casts_and_retractions_loses_and_doubles_nothing() {
    let v = voting(json!({"voting_method": "updown"}), 4, ServerOptions::new());
    let crowd = voters(&v.server, 24);
    // Each voter works through a fixed script of casts, changes and retractions; since one
    // voter's requests are sequential, its last acknowledged request is its final state.
    let finals: Vec<BTreeMap<String, Option<i64>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = crowd
            .iter()
            .enumerate()
            .map(|(n, voter)| {
                let v = &v;
                scope.spawn(move || {
                    let mut last = BTreeMap::new();
                    for step in 0..12 {
                        let entry = &v.entries[(n + step) % 4];
                        let (res, state) = match (n + step) % 5 {
                            0 => (v.retract(voter, entry), None),
                            1 | 3 => (v.vote(voter, entry, -1), Some(-1)),
                            _ => (v.vote(voter, entry, 1), Some(1)),
                        };
                        assert!(res.status == 200 || res.status == 204, "{}", res.text());
                        last.insert(entry.clone(), state);
                    }
                    last
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut db = v.server.db();
    for (voter, last) in crowd.iter().zip(&finals) {
        for (entry, state) in last {
            let stored = db.key_counts(&format!(
                "SELECT voter_id AS key, CAST(value AS BIGINT) AS n FROM votes \
                 WHERE voter_id = '{}' AND contribution_id = '{entry}'",
                voter.id
            ));
            let expected: Vec<(String, i64)> =
                state.map(|value| (voter.id.clone(), value)).into_iter().collect();
            assert_eq!(stored, expected, "the last acknowledged request decides, once");
        }
    }
    let (stored, recounted) = v.stored_and_recounted();
    assert_eq!(stored, recounted, "every stored score equals the recount");
    assert!(!stored.is_empty());
}

#[test]
fn the_campaign_rules_decide_who_votes_what_and_when() {
    let v = voting(
        json!({"voting_method": "stars", "jury_weight_percent": 50}),
        2,
        ServerOptions::new(),
    );
    let (ada, juror) = (v.server.client.register("ada"), v.server.client.register("juror"));
    assert_eq!(
        v.server.client.set_role(&v.owner, "acme", &juror, "juror").status,
        201
    );
    let (first, second) = (&v.entries[0], &v.entries[1]);
    for bad in [0, 6, -1] {
        assert_eq!(
            v.vote(&ada, first, bad).problem(422)["errors"][0]["field"],
            "value"
        );
    }
    let own = v.vote(&v.authors[0], first, 5).problem(403);
    assert!(own["detail"].as_str().unwrap().contains("own"), "{own}");
    v.server
        .client
        .call(
            "PUT",
            &format!("/api/v1/contributions/{first}/vote"),
            None,
            Some(&json!({"value": 3})),
        )
        .problem(401);

    assert_eq!(v.vote(&ada, first, 5).status, 200);
    assert_eq!(v.vote(&ada, second, 2).status, 200);
    let jury_vote = v.vote(&juror, second, 5);
    assert_eq!(
        jury_vote.json()["jury"],
        true,
        "a juror votes on the jury's ballot"
    );
    // Folded: every tally column, the jury's too, equals the recount (checked inside).
    let (stored, recounted) = v.stored_and_recounted();
    assert_eq!(stored, recounted);
    let board = v.leaderboard(None).json();
    let row = |id: &str| {
        board["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["contribution_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row(first)["vote_count"], 1);
    assert_eq!(row(second)["jury_vote_count"], 1);
    assert_eq!(row(second)["vote_count"], 1);
    // Stars: (5·3 + value) / (5 + 1) on each ballot; combined = half of each, mapped to 0–1.
    let stars = |sum: f64, n: f64| (15.0 + sum) / (5.0 + n);
    let combined = |public: f64, jury: f64| 0.5 * (public - 1.0) / 4.0 + 0.5 * (jury - 1.0) / 4.0;
    let close = |a: &Value, b: f64| (a.as_f64().unwrap() - b).abs() < 1e-9;
    assert!(close(&row(first)["public_score"], stars(5.0, 1.0)));
    assert!(close(
        &row(second)["combined_score"],
        combined(stars(2.0, 1.0), stars(5.0, 1.0))
    ));
    // No jury vote yet: the jury's ballot stands at the prior, 3 stars, so the first entry's
    // 5 public stars still outweigh the second's 2 public and 5 jury stars.
    assert!(close(
        &row(first)["combined_score"],
        combined(stars(5.0, 1.0), 3.0)
    ));
    assert!(combined(stars(5.0, 1.0), 3.0) > combined(stars(2.0, 1.0), stars(5.0, 1.0)));
    assert_eq!(
        board["items"][0]["contribution_id"],
        first.as_str(),
        "ranked by the combined score"
    );
    assert_eq!(board["items"][0]["rank"], 1);

    v.server.set_clock(&v.voting_close);
    let late = v.vote(&ada, first, 4).problem(409);
    assert!(late["detail"].as_str().unwrap().contains("not open"), "{late}");
    v.retract(&ada, first).problem(409);
}

#[test]
fn hidden_tallies_leak_through_no_endpoint_until_voting_closes() {
    let v = voting(json!({"hide_tallies": true}), 3, ServerOptions::new());
    let (ada, juror) = (v.server.client.register("ada"), v.server.client.register("juror"));
    assert_eq!(
        v.server.client.set_role(&v.owner, "acme", &juror, "juror").status,
        201
    );
    assert_eq!(v.vote(&ada, &v.entries[2], 1).status, 200);
    let gallery = |sort: &str, user: Option<&User>| {
        v.server.client.call(
            "GET",
            &format!("/api/v1/campaigns/{}/contributions?sort={sort}", v.campaign),
            user.and_then(User::token),
            None,
        )
    };
    for viewer in [None, Some(&ada), Some(&juror)] {
        v.leaderboard(viewer).problem(403);
        gallery("top", viewer).problem(403);
        gallery("hot", viewer).problem(403);
        let newest = gallery("new", viewer);
        assert_eq!(newest.status, 200);
        let text = newest.text();
        assert!(
            !text.contains("score") && !text.contains("vote_count"),
            "no tallies in the gallery: {text}"
        );
        let entry = v.server.client.call(
            "GET",
            &format!("/api/v1/contributions/{}", v.entries[2]),
            viewer.and_then(User::token),
            None,
        );
        assert!(!entry.text().contains("score"), "no tallies on an entry");
    }
    let mine = v.server.client.call(
        "GET",
        &format!("/api/v1/campaigns/{}/votes/me", v.campaign),
        ada.token(),
        None,
    );
    assert!(
        !mine.text().contains("score") && !mine.text().contains("count"),
        "{}",
        mine.text()
    );
    assert_eq!(v.leaderboard(Some(&v.owner)).status, 200, "managers always see");
    v.server.db().wait_for_folded_scores();
    v.server.set_clock(&v.voting_close);
    let after = v.leaderboard(None).json();
    assert_eq!(
        after["items"][0]["contribution_id"],
        v.entries[2].as_str(),
        "visible once voting closes"
    );
    assert_eq!(
        gallery("top", None).json()["items"][0]["id"],
        v.entries[2].as_str()
    );
}

#[test]
fn the_leaderboard_pages_by_rank_with_ties_to_the_earlier_entry() {
    // Counting statements, with the fold running at its usual pace (the counter counts the
    // requests' statements apart from the job queue's).
    let v = voting(
        json!({}),
        7,
        ServerOptions::new().env("METRICS_TOKEN", METRICS_TOKEN),
    );
    let crowd = voters(&v.server, 3);
    // Votes per entry: 0, 1, 2, 3, 1, 2, 0 → ranks 3, then the 2s, then the 1s, then the 0s.
    for (index, votes) in [0, 1, 2, 3, 1, 2, 0].into_iter().enumerate() {
        for voter in &crowd[..votes] {
            assert_eq!(v.vote(voter, &v.entries[index], 1).status, 200);
        }
    }
    v.server.db().wait_for_folded_scores();
    let mut order = Vec::new();
    let mut ranks = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    let sent = v.server.statements_of(|| {
        loop {
            let page = v
                .server
                .get(&format!(
                    "/api/v1/campaigns/{}/leaderboard?limit=2&cursor={cursor}",
                    v.campaign
                ))
                .json();
            pages += 1;
            for item in page["items"].as_array().unwrap() {
                let index = v
                    .entries
                    .iter()
                    .position(|id| item["contribution_id"] == id.as_str())
                    .unwrap();
                assert_eq!(item["title"], format!("Entry {index}"), "{item}");
                order.push(index);
                ranks.push(item["rank"].as_i64().unwrap());
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => break,
            }
        }
    });
    assert_eq!(order, [3, 2, 5, 1, 4, 0, 6]);
    assert_eq!(ranks, [1, 2, 3, 4, 5, 6, 7]);
    // An anonymous page: the campaign, then the ranking with each entry's title, read from the
    // row the ranking joins anyway for the entry's status (a third statement fetched the titles
    // before). The margin is for the pings of connections that sat idle.
    let per_page = sent / f64::from(pages);
    assert!(
        (2.0..3.0).contains(&per_page),
        "a leaderboard page took {per_page} statements, 2 by design"
    );
}

#[test]
fn four_fresh_accounts_on_one_device_are_flagged_with_reasons_and_can_be_invalidated() {
    let v = voting(json!({"allow_self_vote": true}), 2, ServerOptions::new());
    let crowd = voters(&v.server, 4);
    for voter in &crowd {
        for entry in &v.entries[..1] {
            let res = v.server.client.call_with(
                "PUT",
                &format!("/api/v1/contributions/{entry}/vote"),
                voter.token(),
                Some(&json!({"value": 1})),
                &[("x-device-id", "the-same-phone")],
            );
            assert_eq!(res.status, 200, "{}", res.text());
        }
    }
    let own = v.vote(&v.authors[1], &v.entries[1], 1);
    assert_eq!(own.status, 200, "this campaign allows self-votes");
    let integrity = format!("/api/v1/campaigns/{}/vote-integrity", v.campaign);
    v.server
        .client
        .call("GET", &integrity, crowd[0].token(), None)
        .problem(403);
    let flags = v
        .server
        .client
        .call("GET", &integrity, v.owner.token(), None)
        .json();
    let kinds: Vec<&str> = flags
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "new_account_burst",
        "shared_network",
        "shared_device",
        "self_vote",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {flags}");
    }
    let device = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "shared_device")
        .unwrap();
    assert_eq!(device["voter_ids"].as_array().unwrap().len(), 4);
    assert!(
        device["reason"].as_str().unwrap().contains("4 voters"),
        "{device}"
    );
    let burst = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "new_account_burst")
        .unwrap();
    assert!(
        burst["reason"]
            .as_str()
            .unwrap()
            .contains("minutes of signing up"),
        "{burst}"
    );

    let flagged: Vec<Value> = device["vote_ids"].as_array().unwrap().clone();
    let invalidate = format!("{integrity}/invalidate");
    let body = json!({"vote_ids": flagged, "reason": "one phone, four accounts"});
    let done = v
        .server
        .client
        .call("POST", &invalidate, v.owner.token(), Some(&body));
    assert_eq!(done.status, 201, "{}", done.text());
    assert_eq!(done.json()["invalidated"], 4);
    let again = v
        .server
        .client
        .call("POST", &invalidate, v.owner.token(), Some(&body));
    assert_eq!(again.json()["invalidated"], 0, "nothing is taken out twice");
    let unknown = json!({"vote_ids": ["0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10"], "reason": "?"});
    let refused = v
        .server
        .client
        .call("POST", &invalidate, v.owner.token(), Some(&unknown))
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "vote_ids[0]");

    let (stored, recounted) = v.stored_and_recounted();
    assert_eq!(stored, recounted);
    assert_eq!(
        stored.get(&v.entries[0]),
        None,
        "the flagged votes left the score"
    );
    let remaining = v
        .server
        .client
        .call("GET", &integrity, v.owner.token(), None)
        .json();
    assert!(
        !remaining.to_string().contains("shared_device"),
        "invalidated votes are not flagged again"
    );
}

#[test]
fn a_micro_community_voting_once_each_for_a_friend_through_their_link_is_flagged() {
    let v = voting(json!({}), 2, ServerOptions::new());
    let friend = &v.authors[0];
    let referral = v.server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{}/referrals", v.campaign),
        friend.token(),
        None,
    );
    assert_eq!(referral.status, 201, "{}", referral.text());
    let code = referral.json()["code"].as_str().unwrap().to_owned();
    // Arrive through the link (a visit with it), sign up on that visit, vote once.
    let through_link = |name: &str| {
        let visitor = format!("visitor-of-{name}");
        let visit = v.server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{}/visits", v.campaign),
            None,
            Some(&json!({"visitor_id": visitor, "via": code})),
        );
        assert_eq!(visit.status, 200, "{}", visit.text());
        let email = format!("{name}@example.com");
        let res = v.server.client.call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&json!({"email": email, "password": PASSWORD, "display_name": name, "via": code, "visitor_id": visitor})),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        session(&res.json(), &email)
    };
    let ring: Vec<User> = ["kim", "lou", "max"]
        .iter()
        .map(|name| through_link(name))
        .collect();
    for member in &ring {
        assert_eq!(v.vote(member, &v.entries[0], 1).status, 200);
    }
    // Came through the link but voted for someone else: no part of the ring.
    let fair = through_link("ned");
    assert_eq!(v.vote(&fair, &v.entries[1], 1).status, 200);
    // Voted for the friend without the link: nothing to say about it.
    let stranger = v.server.client.register("stranger");
    assert_eq!(v.vote(&stranger, &v.entries[0], 1).status, 200);

    let integrity = format!("/api/v1/campaigns/{}/vote-integrity", v.campaign);
    let flags = v
        .server
        .client
        .call("GET", &integrity, v.owner.token(), None)
        .json();
    let rings: Vec<&Value> = flags
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "referral_ring")
        .collect();
    assert_eq!(rings.len(), 1, "{flags}");
    let flag = rings[0];
    let mut voters: Vec<&str> = flag["voter_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    voters.sort_unstable();
    let mut expected: Vec<&str> = ring.iter().map(|member| member.id.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(voters, expected);
    let reason = flag["reason"].as_str().unwrap();
    assert!(
        reason.contains("author0's referral link") && reason.contains("3 of them signed up"),
        "{reason}"
    );
    // The drill-down: who they are and what they did.
    let mut names: Vec<&str> = flag["voters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|voter| voter["display_name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["kim", "lou", "max"]);
    let votes = flag["votes"].as_array().unwrap();
    assert_eq!(votes.len(), 3);
    assert!(
        votes
            .iter()
            .all(|vote| vote["contribution_title"] == "Entry 0" && vote["value"] == 1),
        "{flag}"
    );

    let done = v.server.client.call(
        "POST",
        &format!("{integrity}/invalidate"),
        v.owner.token(),
        Some(&json!({"vote_ids": flag["vote_ids"], "reason": "friends of the author, through the author's link"})),
    );
    assert_eq!(done.json()["invalidated"], 3);
    let after = v
        .server
        .client
        .call("GET", &integrity, v.owner.token(), None)
        .json();
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["kind"] != "referral_ring"),
        "invalidated votes raise no flag: {after}"
    );
}
