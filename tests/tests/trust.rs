//! Trust and safety: the holes a hostile participant, organiser or stranger could use, each
//! closed and attacked here (on SQLite and PostgreSQL; the parallel ones matter on PostgreSQL,
//! where transactions really overlap).

use std::sync::{Arc, Barrier};

use schwarm_tests::api::{User, at};
use schwarm_tests::{ServerOptions, TestResponse, TestServer};
use serde_json::{Value, json};

struct World {
    server: TestServer,
    owner: User,
    campaign: String,
}

/// An organization `acme` with a campaign open for submissions (and votes, if its rules say).
fn world(rules: Value) -> World {
    world_with(rules, ServerOptions::new())
}

fn world_with(rules: Value, options: ServerOptions) -> World {
    let server = TestServer::start_with(options);
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let campaign = server.client.open_campaign(&owner, "acme", "Bottle", rules);
    World {
        server,
        owner,
        campaign,
    }
}

impl World {
    fn call(&self, method: &str, path: &str, user: &User, body: Option<Value>) -> TestResponse {
        self.server.client.call(method, path, user.token(), body.as_ref())
    }

    fn submit(&self, user: &User, body: Value) -> String {
        let made = self.call(
            "POST",
            &format!("/api/v1/campaigns/{}/contributions", self.campaign),
            user,
            Some(body),
        );
        assert_eq!(made.status, 201, "{}", made.text());
        made.json()["id"].as_str().unwrap().to_owned()
    }

    fn vote(&self, user: &User, entry: &str, value: i64) -> TestResponse {
        self.call(
            "PUT",
            &format!("/api/v1/contributions/{entry}/vote"),
            user,
            Some(json!({"value": value})),
        )
    }

    fn moderate(&self, user: &User, entry: &str, body: Value) -> TestResponse {
        self.call(
            "POST",
            &format!("/api/v1/contributions/{entry}/moderation"),
            user,
            Some(body),
        )
    }

    fn gallery_ids(&self) -> Vec<String> {
        self.server
            .get(&format!("/api/v1/campaigns/{}/contributions", self.campaign))
            .json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// Runs `f` on `n` threads released together; returns the statuses.
fn in_parallel(n: usize, f: impl Fn(usize) -> u16 + Send + Sync + 'static) -> Vec<u16> {
    let f = Arc::new(f);
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let (f, barrier) = (Arc::clone(&f), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                f(i)
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

#[test]
fn an_invalidated_vote_cannot_be_retracted_and_cast_again() {
    let w = world(json!({"vote_during_submission": true}));
    let author = w.server.client.register("author");
    let entry = w.submit(&author, json!({"title": "Entry"}));
    let voter = w.server.client.register("voter");
    let cast = w.vote(&voter, &entry, 1);
    assert_eq!(cast.status, 200, "{}", cast.text());
    let vote_id = cast.json()["id"].as_str().unwrap().to_owned();
    let invalidated = w.call(
        "POST",
        &format!("/api/v1/campaigns/{}/vote-integrity/invalidate", w.campaign),
        &w.owner,
        Some(json!({"vote_ids": [vote_id], "reason": "bought"})),
    );
    assert_eq!(invalidated.json()["invalidated"], 1, "{}", invalidated.text());

    let retract = w.call(
        "DELETE",
        &format!("/api/v1/contributions/{entry}/vote"),
        &voter,
        None,
    );
    assert_eq!(retract.problem(409)["code"], "vote.invalidated");
    assert_eq!(w.vote(&voter, &entry, 1).problem(409)["code"], "vote.invalidated");

    let mine = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/votes/me", w.campaign),
        &voter,
        None,
    );
    assert_eq!(mine.json()["items"][0]["invalidated"], true, "{}", mine.text());
    let counted = w.server.db().key_counts(
        "SELECT voter_id AS key, COUNT(*) AS n FROM votes WHERE invalidation_id IS NOT NULL GROUP BY voter_id",
    );
    assert_eq!(
        counted,
        vec![(voter.id.clone(), 1)],
        "the invalidation and its audit stay"
    );
    let live = w.server.db().key_counts(
        "SELECT contribution_id AS key, COUNT(*) AS n FROM votes WHERE invalidation_id IS NULL GROUP BY contribution_id",
    );
    assert!(live.is_empty(), "nothing counts for the entry: {live:?}");
}

#[test]
fn submit_withdraw_and_submit_again_pays_for_what_stands_and_counts_it_once() {
    let mut w = world(json!({}));
    let schedule = json!({"submissions_open_at": at(-60), "submissions_close_at": at(3600),
                          "voting_open_at": at(3600), "voting_close_at": at(7200)});
    let body = json!({"kind": "idea", "title": "Points", "schedule": schedule,
                      "rules": {"max_contributions_per_member": 1},
                      "participation_points": {"per_contribution": 10, "per_vote": 0, "per_referral": 0}});
    let made = w.call(
        "POST",
        "/api/v1/organizations/acme/campaigns",
        &w.owner,
        Some(body),
    );
    w.campaign = made.json()["slug"].as_str().unwrap().to_owned();
    let published = w.call(
        "POST",
        &format!("/api/v1/campaigns/{}/publish", w.campaign),
        &w.owner,
        None,
    );
    assert_eq!(published.status, 200, "{}", published.text());
    let author = w.server.client.register("author");
    let points =
        |w: &World| w.call("GET", "/api/v1/me/rewards", &author, None).json()["points_balance"].clone();
    let first = w.submit(&author, json!({"title": "One"}));
    let earned = points(&w).as_i64().unwrap();
    assert!(earned > 0, "publishing pays");
    for round in 0..3 {
        let id = if round == 0 {
            first.clone()
        } else {
            w.submit(&author, json!({"title": "Again"}))
        };
        let gone = w.call("DELETE", &format!("/api/v1/contributions/{id}"), &author, None);
        assert_eq!(gone.status, 204, "{}", gone.text());
        assert_eq!(points(&w), 0, "a withdrawn entry gives its points back");
    }
    w.submit(&author, json!({"title": "Final"}));
    assert_eq!(
        points(&w).as_i64().unwrap(),
        earned,
        "paid once, for the entry that stands"
    );
    let analytics = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/analytics", w.campaign),
        &w.owner,
        None,
    );
    let daily = analytics.json()["daily"].clone();
    let contributions: i64 = daily
        .as_array()
        .unwrap()
        .iter()
        .map(|day| day["contributions"].as_i64().unwrap())
        .sum();
    assert_eq!(contributions, 1, "withdrawn entries leave the analytics: {daily}");
}

#[test]
fn an_approved_entry_edited_goes_back_to_review_and_keeps_its_history() {
    let w = world(json!({"require_approval": true}));
    let author = w.server.client.register("author");
    let entry = w.submit(&author, json!({"title": "A bottle", "body": "Glass"}));
    let approved = w.moderate(&w.owner, &entry, json!({"decision": "approve"}));
    assert_eq!(approved.json()["status"], "published", "{}", approved.text());
    assert_eq!(w.gallery_ids(), vec![entry.clone()]);

    // Saving the same text changes nothing of substance: it stays up.
    let same = w.call(
        "PATCH",
        &format!("/api/v1/contributions/{entry}"),
        &author,
        Some(json!({"title": "A bottle"})),
    );
    assert_eq!(same.json()["status"], "published", "{}", same.text());

    let swapped = w.call(
        "PATCH",
        &format!("/api/v1/contributions/{entry}"),
        &author,
        Some(json!({"title": "Buy cheap pills", "body": "spam"})),
    );
    assert_eq!(swapped.json()["status"], "submitted", "{}", swapped.text());
    assert!(
        w.gallery_ids().is_empty(),
        "the changed entry waits for the moderators"
    );
    let queue = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/moderation-queue", w.campaign),
        &w.owner,
        None,
    );
    assert_eq!(queue.json()["items"][0]["contribution"]["id"], entry.as_str());

    let history = w.call(
        "GET",
        &format!("/api/v1/contributions/{entry}/revisions"),
        &author,
        None,
    );
    let items = history.json()["items"].clone();
    assert_eq!(items.as_array().unwrap().len(), 1, "{items}");
    assert_eq!(
        (&items[0]["title"], &items[0]["body"]),
        (&json!("A bottle"), &json!("Glass"))
    );
    assert_eq!(items[0]["editor_id"], author.id.as_str());
}

#[test]
fn an_entry_with_votes_shows_everyone_what_it_said_before_an_edit() {
    let w = world(json!({"vote_during_submission": true}));
    let author = w.server.client.register("author");
    let entry = w.submit(&author, json!({"title": "Green bottle", "tags": ["green"]}));
    let voter = w.server.client.register("voter");
    assert_eq!(w.vote(&voter, &entry, 1).status, 200);
    let edited = w.call(
        "PATCH",
        &format!("/api/v1/contributions/{entry}"),
        &author,
        Some(json!({"title": "Red bottle", "tags": ["red"]})),
    );
    assert_eq!(edited.json()["status"], "published", "{}", edited.text());
    let history = w.server.get(&format!("/api/v1/contributions/{entry}/revisions"));
    assert_eq!(history.status, 200, "anyone who sees the entry sees its history");
    let items = history.json()["items"].clone();
    assert_eq!(
        (&items[0]["title"], &items[0]["tags"]),
        (&json!("Green bottle"), &json!(["green"]))
    );
    assert!(items[0]["replaced_at"].is_string());
}

#[test]
fn parallel_decisions_on_one_entry_move_it_once() {
    let w = Arc::new(world(json!({"require_approval": true})));
    let author = w.server.client.register("author");
    let entry = w.submit(&author, json!({"title": "Entry"}));
    let (w2, owner, id) = (Arc::clone(&w), w.owner.clone(), entry.clone());
    let statuses = in_parallel(10, move |_| {
        w2.moderate(&owner, &id, json!({"decision": "approve"})).status
    });
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(sorted, [vec![200], vec![409; 9]].concat(), "{statuses:?}");
    let log = w.call(
        "GET",
        &format!("/api/v1/contributions/{entry}/moderation"),
        &w.owner,
        None,
    );
    assert_eq!(
        log.json().as_array().unwrap().len(),
        1,
        "one decision in the log: {}",
        log.text()
    );
    let published = w.server.db().key_counts(&format!(
        "SELECT type AS key, COUNT(*) AS n FROM events WHERE subject_id = '{entry}' AND type = 'contribution.published' GROUP BY type"
    ));
    assert_eq!(published, vec![("contribution.published".to_owned(), 1)]);
}

#[test]
fn parallel_declines_of_a_co_authorship_credit_the_share_once() {
    let w = Arc::new(world(json!({})));
    let author = w.server.client.register("author");
    let co = w.server.client.register("co");
    let entry = w.submit(
        &author,
        json!({"title": "Together", "co_authors": [{"user_id": co.id, "share_bp": 4000}]}),
    );
    let (w2, co2, id) = (Arc::clone(&w), co.clone(), entry.clone());
    let statuses = in_parallel(10, move |_| {
        w2.call(
            "POST",
            &format!("/api/v1/contributions/{id}/authorship"),
            &co2,
            Some(json!({"accept": false})),
        )
        .status
    });
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    let shares = w.server.db().key_counts(&format!(
        "SELECT user_id AS key, CAST(share_bp AS BIGINT) AS n FROM contribution_authors WHERE contribution_id = '{entry}'"
    ));
    assert_eq!(
        shares,
        vec![(author.id.clone(), 10_000)],
        "the share came back once"
    );
}

#[test]
fn a_removed_juror_loses_their_ballots_and_remix_authors_cannot_vote_for_the_remix() {
    let w = world(json!({"vote_during_submission": true, "jury_weight_percent": 50}));
    let ada = w.server.client.register("ada");
    let original = w.submit(&ada, json!({"title": "Original"}));
    let bob = w.server.client.register("bob");
    let remix = w.submit(&bob, json!({"title": "Remix", "parent_id": original}));
    let refused = w.vote(&ada, &remix, 1).problem(403);
    assert_eq!(
        refused["code"], "vote.self_vote",
        "the original's authors share the remix's prize"
    );

    let juror = w.server.client.register("juror");
    let role = w.server.client.set_role(&w.owner, "acme", &juror, "juror");
    assert_eq!(role.status, 201, "{}", role.text());
    let ballot = w.vote(&juror, &original, 1);
    assert_eq!(ballot.json()["jury"], true, "{}", ballot.text());
    let removed = w.call(
        "DELETE",
        &format!("/api/v1/organizations/acme/members/{}", juror.id),
        &w.owner,
        None,
    );
    assert_eq!(removed.status, 204, "{}", removed.text());
    assert_eq!(
        w.vote(&juror, &original, 1).problem(403)["code"],
        "vote.jury_ended"
    );
    let retract = w.call(
        "DELETE",
        &format!("/api/v1/contributions/{original}/vote"),
        &juror,
        None,
    );
    assert_eq!(retract.problem(403)["code"], "vote.jury_ended");
}

#[test]
fn budget_points_on_an_entry_taken_down_return_to_the_voter() {
    let w = world(json!({"vote_during_submission": true, "voting_method": "budget", "vote_budget": 10}));
    let (ada, bob) = (w.server.client.register("ada"), w.server.client.register("bob"));
    let first = w.submit(&ada, json!({"title": "First"}));
    let second = w.submit(&bob, json!({"title": "Second"}));
    let voter = w.server.client.register("voter");
    assert_eq!(w.vote(&voter, &first, 10).status, 200);
    assert_eq!(
        w.vote(&voter, &second, 1).problem(409)["code"],
        "vote.budget_exceeded"
    );
    let hidden = w.moderate(&w.owner, &first, json!({"decision": "hide", "reason": "copied"}));
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    let mine = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/votes/me", w.campaign),
        &voter,
        None,
    );
    assert_eq!(mine.json()["remaining_budget"], 10, "{}", mine.text());
    assert_eq!(w.vote(&voter, &second, 10).status, 200);
}

#[test]
fn a_campaign_whose_voting_has_closed_cannot_be_cancelled() {
    let w = world(json!({}));
    w.server.set_clock(&at(7300));
    let cancel = w.call(
        "POST",
        &format!("/api/v1/campaigns/{}/cancel", w.campaign),
        &w.owner,
        None,
    );
    let problem = cancel.problem(409);
    assert_eq!(
        (&problem["code"], &problem["params"]["phase"]),
        (&json!("campaign.ended"), &json!("judging"))
    );
}

#[test]
fn a_stranger_with_an_organization_learns_nothing_about_consent() {
    let w = world(json!({"vote_during_submission": true}));
    let consenting = w.server.client.register("consenting");
    let given = w.call(
        "PATCH",
        "/api/v1/me",
        &consenting,
        Some(json!({"research": {"country": "DE", "birth_year": 1990, "interests": []}})),
    );
    assert_eq!(given.status, 200, "{}", given.text());
    let stranger = w.server.client.register("stranger");
    w.server.client.create_organization(&stranger, "nosy");
    let peek = |org: &str, who: &User| {
        w.call(
            "GET",
            &format!(
                "/api/v1/organizations/{org}/participants/{}/timeline",
                consenting.id
            ),
            who,
            None,
        )
    };
    let unknown = w.call(
        "GET",
        "/api/v1/organizations/nosy/participants/0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10/timeline",
        &stranger,
        None,
    );
    assert_eq!(
        peek("nosy", &stranger).problem(404),
        unknown.problem(404),
        "as for nobody"
    );
    // The organization the person took part in sees their journey.
    let author = w.server.client.register("author");
    let entry = w.submit(&author, json!({"title": "Entry"}));
    assert_eq!(w.vote(&consenting, &entry, 1).status, 200);
    assert_eq!(peek("acme", &w.owner).status, 200);
}

#[test]
fn metrics_need_their_token_and_no_label_tells_an_account_apart() {
    let off = TestServer::start();
    off.get("/api/v1/metrics").problem(401);
    off.client
        .get_with(
            "/api/v1/metrics",
            &[("Authorization", "Bearer anything-at-all-0123456")],
        )
        .problem(404);

    let token = "metrics-token-for-the-test-0123456789";
    let server = TestServer::start_with(ServerOptions::new().env("METRICS_TOKEN", token));
    server.client.register("ada");
    server
        .client
        .login("ada@example.com", "wrong password, but long")
        .problem(401);
    server
        .client
        .login("nobody@example.com", "wrong password, but long")
        .problem(401);
    assert_eq!(
        server.get("/api/v1/metrics").problem(401)["code"],
        "auth.required"
    );
    let wrong = server.client.get_with(
        "/api/v1/metrics",
        &[("Authorization", "Bearer metrics-token-for-the-test-0123456788")],
    );
    assert_eq!(wrong.problem(401)["code"], "auth.invalid_token");
    let bearer = format!("Bearer {token}");
    let metrics = server
        .client
        .get_with("/api/v1/metrics", &[("Authorization", &bearer)]);
    assert_eq!(metrics.status, 200);
    let text = metrics.text();
    assert!(
        text.contains(r#"schwarm_password_verifications_total{outcome="refused"} 2"#),
        "both refusals look alike: {text}"
    );
    assert!(!text.contains("known"), "{text}");
}

#[test]
fn exported_cells_never_run_as_formulas() {
    let w = world(json!({"max_contributions_per_member": 10}));
    let author = w.server.client.register("author");
    let titles = [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "@SUM(A1:A9)",
        "+1 great",
        "-1 bad",
        "Plain",
    ];
    for title in titles {
        w.submit(&author, json!({"title": title}));
    }
    let csv = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/export/contributions.csv", w.campaign),
        &w.owner,
        None,
    );
    assert_eq!(csv.status, 200, "{}", csv.text());
    let mut reader = csv::Reader::from_reader(csv.body.as_slice());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|name| name == "title")
        .unwrap();
    let mut cells: Vec<String> = reader
        .records()
        .map(|record| record.unwrap()[column].to_owned())
        .collect();
    cells.sort();
    let mut expected: Vec<String> = titles
        .iter()
        .map(|title| match title.starts_with(['=', '+', '-', '@']) {
            true => format!("'{title}"),
            false => (*title).to_owned(),
        })
        .collect();
    expected.sort();
    assert_eq!(cells, expected);
    for line in csv.body.split(|b| *b == b'\n') {
        for cell in line.split(|b| *b == b',') {
            let cell = cell.strip_prefix(b"\"").unwrap_or(cell);
            assert!(
                !cell.starts_with(b"=") && !cell.starts_with(b"@") && !cell.starts_with(b"+"),
                "a raw cell starts like a formula: {}",
                String::from_utf8_lossy(line)
            );
        }
    }
}

#[test]
fn one_ipv6_network_shares_one_budget_of_sign_ups() {
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("TRUST_PROXY_HEADERS", "true")
            .env("AUTH_RATE_LIMIT_PER_IP", "2"),
    );
    let register = |name: &str, address: &str| {
        let body = json!({"email": format!("{name}@example.com"), "password": schwarm_tests::api::PASSWORD,
                          "display_name": name});
        server
            .client
            .call_with(
                "POST",
                "/api/v1/auth/register",
                None,
                Some(&body),
                &[("X-Forwarded-For", address)],
            )
            .status
    };
    assert_eq!(register("a1", "2001:db8:1:2::1"), 201);
    assert_eq!(register("a2", "2001:db8:1:2:ffff::99"), 201);
    assert_eq!(
        register("a3", "2001:db8:1:2:1234:5678:9abc:def0"),
        429,
        "same /64, same budget"
    );
    assert_eq!(
        register("b1", "2001:db8:1:3::1"),
        201,
        "another network has its own"
    );
}

#[test]
fn withdrawing_research_consent_erases_the_segments_of_past_votes_everywhere() {
    let w = world_with(
        json!({"vote_during_submission": true, "max_contributions_per_member": 2}),
        ServerOptions::new()
            .env("ANALYTICS_MIN_GROUP_SIZE", "2")
            .env("ANALYTICS_MIN_NETWORKS", "1"),
    );
    let author = w.server.client.register("author");
    let (first, second) = (
        w.submit(&author, json!({"title": "First"})),
        w.submit(&author, json!({"title": "Second"})),
    );
    let voters: Vec<User> = (0..3)
        .map(|i| {
            let voter = w.server.client.register(&format!("voter{i}"));
            let profile = json!({"research": {"country": "DE", "birth_year": 1990, "interests": ["design"]}});
            assert_eq!(w.call("PATCH", "/api/v1/me", &voter, Some(profile)).status, 200);
            assert_eq!(w.vote(&voter, &first, 1).status, 200);
            assert_eq!(w.vote(&voter, &second, 1).status, 200);
            voter
        })
        .collect();
    let germany = |w: &World| {
        let analytics = w.call(
            "GET",
            &format!("/api/v1/campaigns/{}/analytics", w.campaign),
            &w.owner,
            None,
        );
        analytics.json()["segments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["dimension"] == "country" && s["value"] == "DE")
            .map(|s| (s["voters"].as_i64().unwrap(), s["votes"].as_i64().unwrap()))
    };
    assert_eq!(germany(&w), Some((3, 6)));

    let withdrawn = w.call("PATCH", "/api/v1/me", &voters[0], Some(json!({"research": null})));
    assert_eq!(withdrawn.json()["research"], Value::Null, "{}", withdrawn.text());
    assert_eq!(
        germany(&w),
        Some((2, 4)),
        "the withdrawn voter left every aggregate"
    );
    let kept = w.server.db().key_counts(&format!(
        "SELECT voter_id AS key, COUNT(*) AS n FROM votes WHERE segments IS NOT NULL AND voter_id = '{}' GROUP BY voter_id",
        voters[0].id
    ));
    assert!(kept.is_empty(), "no segments stay with the votes: {kept:?}");
    let csv = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/export/votes-by-segment.csv", w.campaign),
        &w.owner,
        None,
    );
    assert_eq!(csv.status, 200, "{}", csv.text());
    let mut reader = csv::Reader::from_reader(csv.body.as_slice());
    let de_rows: Vec<(String, String)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|row| &row[3] == "country" && &row[4] == "DE")
        .map(|row| (row[0].to_owned(), row[6].to_owned()))
        .collect();
    let expected = [("campaign", "4"), ("contribution", "2"), ("contribution", "2")];
    assert_eq!(
        de_rows,
        expected.map(|(scope, votes)| (scope.to_owned(), votes.to_owned())),
        "per entry, two German ballots remain"
    );
    // The votes themselves still count.
    let stored = w
        .server
        .db()
        .key_counts("SELECT contribution_id AS key, COUNT(*) AS n FROM votes GROUP BY contribution_id");
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|(_, n)| *n == 3), "{stored:?}");
}

#[test]
fn retractions_racing_a_withdrawal_of_consent_take_each_segment_count_back_once() {
    let w = world_with(
        json!({"vote_during_submission": true, "max_contributions_per_member": 10}),
        ServerOptions::new(),
    );
    let author = w.server.client.register("author");
    let entries: Vec<String> = (0..8)
        .map(|i| w.submit(&author, json!({"title": format!("Entry {i}")})))
        .collect();
    let voter = w.server.client.register("voter");
    // What the segment counters hold for the ballots (the server's only campaign), folded or not.
    let counted = |w: &World| -> i64 {
        let sql = "SELECT 'votes' AS key, CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM (
               SELECT value AS n FROM insight_counters WHERE scope = 'segment' AND metric = 'votes'
               UNION ALL
               SELECT amount AS n FROM insight_deltas WHERE scope = 'segment' AND metric = 'votes'
             ) AS both_halves";
        w.server.db().key_counts(sql)[0].1
    };
    for round in 0..4 {
        let profile = json!({"research": {"country": "DE", "interests": ["design"]}});
        assert_eq!(w.call("PATCH", "/api/v1/me", &voter, Some(profile)).status, 200);
        for entry in &entries {
            assert_eq!(w.vote(&voter, entry, 1).status, 200);
        }
        // Two segments (country, interest) per ballot.
        assert_eq!(
            counted(&w),
            2 * entries.len() as i64,
            "round {round}: every ballot counted"
        );
        let barrier = Barrier::new(entries.len() + 1);
        std::thread::scope(|scope| {
            for entry in &entries {
                let (w, voter, barrier) = (&w, &voter, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    let path = format!("/api/v1/contributions/{entry}/vote");
                    let taken = w.call("DELETE", &path, voter, None);
                    assert_eq!(taken.status, 204, "{}", taken.text());
                });
            }
            barrier.wait();
            let withdrawn = w.call("PATCH", "/api/v1/me", &voter, Some(json!({"research": null})));
            assert_eq!(withdrawn.status, 200, "{}", withdrawn.text());
        });
        assert_eq!(
            counted(&w),
            0,
            "round {round}: each ballot's segments were taken back once, by the retraction or the withdrawal"
        );
    }
}

/// A voter with research consent (`country` only) who votes for `entry` from `network`.
fn segment_voter(w: &World, name: &str, country: &str, entry: &str, network: &str) -> User {
    let voter = w.server.client.register(name);
    let profile = json!({"research": {"country": country}});
    assert_eq!(w.call("PATCH", "/api/v1/me", &voter, Some(profile)).status, 200);
    let cast = w.server.client.call_with(
        "PUT",
        &format!("/api/v1/contributions/{entry}/vote"),
        voter.token(),
        Some(&json!({"value": 1})),
        &[("x-forwarded-for", network)],
    );
    assert_eq!(cast.status, 200, "{}", cast.text());
    voter
}

/// An export row: scope, contribution, value, votes.
type ExportRow = (String, String, String, String);

/// The published country figures: the analytics' (value, voters, votes) and when they were
/// published, and the export's rows (scope, contribution, value, votes).
fn countries(w: &World) -> (Vec<(String, i64, i64)>, String, Vec<ExportRow>) {
    let analytics = w
        .call(
            "GET",
            &format!("/api/v1/campaigns/{}/analytics", w.campaign),
            &w.owner,
            None,
        )
        .json();
    let groups = analytics["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["dimension"] == "country")
        .map(|s| {
            (
                s["value"].as_str().unwrap().to_owned(),
                s["voters"].as_i64().unwrap(),
                s["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    let csv = w.call(
        "GET",
        &format!("/api/v1/campaigns/{}/export/votes-by-segment.csv", w.campaign),
        &w.owner,
        None,
    );
    let rows = csv::Reader::from_reader(csv.body.as_slice())
        .records()
        .map(Result::unwrap)
        .filter(|row| &row[3] == "country")
        .map(|row| {
            (
                row[0].to_owned(),
                row[1].to_owned(),
                row[4].to_owned(),
                row[6].to_owned(),
            )
        })
        .collect();
    (
        groups,
        analytics["segments_published_at"].as_str().unwrap().to_owned(),
        rows,
    )
}

#[test]
fn segment_figures_resist_subtraction_polling_and_lifting() {
    let w = world_with(
        json!({"vote_during_submission": true}),
        ServerOptions::new()
            .env("TRUST_PROXY_HEADERS", "true")
            .env("ANALYTICS_MIN_GROUP_SIZE", "3")
            .env("ANALYTICS_MIN_NETWORKS", "3")
            .env("ANALYTICS_PUBLISH_INTERVAL_SECS", "600"),
    );
    let (a_author, b_author) = (w.server.client.register("a"), w.server.client.register("b"));
    let (a, b) = (
        w.submit(&a_author, json!({"title": "A"})),
        w.submit(&b_author, json!({"title": "B"})),
    );
    // Five Germans vote for A; one, whom the organiser wants to find out about, for B.
    for i in 0..5 {
        segment_voter(&w, &format!("de{i}"), "DE", &a, &format!("10.0.{i}.1"));
    }
    segment_voter(&w, "target", "DE", &b, "10.0.9.1");
    // One French voter, and four accounts of the organiser's own from one network to lift the
    // French group over the threshold of 3 people.
    segment_voter(&w, "fr", "FR", &a, "10.0.20.1");
    for i in 0..4 {
        segment_voter(&w, &format!("sock{i}"), "FR", &a, "10.66.0.1");
    }

    let (groups, published, rows) = countries(&w);
    // Subtraction: B's single German ballot is hidden, and so is A's row, so the campaign row
    // (6) minus the shown rows tells nothing about B.
    assert_eq!(groups, [("DE".to_owned(), 6, 6)]);
    let de_entries: Vec<_> = rows
        .iter()
        .filter(|r| r.0 == "contribution" && r.2 == "DE")
        .collect();
    assert!(
        de_entries.is_empty(),
        "one hidden row would be the campaign row minus the others: {rows:?}"
    );
    assert!(
        rows.contains(&("campaign".into(), String::new(), "DE".into(), "6".into())),
        "{rows:?}"
    );
    // Lifting: five French voters, but from two networks: never shown.
    assert!(rows.iter().all(|r| r.2 != "FR"), "{rows:?}");
    assert!(groups.iter().all(|g| g.0 != "FR"));

    // Polling: one more German ballot does not move the figures, neither at once nor after the
    // interval (too few ballots changed to hide which one).
    segment_voter(&w, "de5", "DE", &a, "10.0.5.1");
    assert_eq!(countries(&w).0, groups);
    w.server.set_clock(&at(900));
    let (later, later_published, _) = countries(&w);
    assert_eq!((&later, &later_published), (&groups, &published));
    // Two more: three changed ballots, the interval passed, so the figures move, all at once.
    segment_voter(&w, "de6", "DE", &a, "10.0.6.1");
    segment_voter(&w, "de7", "DE", &a, "10.0.7.1");
    let (moved, moved_published, rows) = countries(&w);
    assert_eq!(moved, [("DE".to_owned(), 9, 9)]);
    assert_ne!(moved_published, published);
    // B's one ballot is still alone in its row, so A's row stays hidden with it.
    assert!(
        rows.iter().all(|r| !(r.0 == "contribution" && r.2 == "DE")),
        "{rows:?}"
    );
}

/// A JPEG as a phone writes it: an EXIF block with the orientation and a GPS position, an XMP
/// packet and a comment, then a 3×2 frame.
fn phone_photo() -> Vec<u8> {
    fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend_from_slice(&u16::try_from(contents.len() + 2).unwrap().to_be_bytes());
        out.extend_from_slice(contents);
        out
    }
    // TIFF, big-endian: IFD0 with the orientation (6: rotate 90°) and a GPS IFD pointer, then
    // the GPS IFD's text as an ASCII value.
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(b"GPS 52.5200N 13.4050E home of the photographer\0");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let mut jpeg = vec![0xFF, 0xD8];
    jpeg.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Creator: Jane Doe</x:xmpmeta>",
    ));
    jpeg.extend(segment(0xFE, b"taken at Jane's flat"));
    jpeg.extend(segment(0xDB, &[0; 65]));
    jpeg.extend(segment(0xC0, &[8, 0, 2, 0, 3, 1, 1, 0x11, 0]));
    jpeg.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
    jpeg.extend_from_slice(&[0x12, 0x34, 0xFF, 0xD9]);
    jpeg
}

#[test]
fn uploads_lose_their_location_and_names_but_keep_their_orientation() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let uploaded = server
        .client
        .upload(&ada, "IMG_0001.jpg", "image/jpeg", &phone_photo());
    assert_eq!(uploaded.status, 201, "{}", uploaded.text());
    let media = uploaded.json();
    assert_eq!((&media["width"], &media["height"]), (&json!(3), &json!(2)));
    let served = server.get(media["url"].as_str().unwrap()).body;
    let text = String::from_utf8_lossy(&served);
    for secret in ["GPS", "52.5200", "Jane", "xmpmeta", "flat"] {
        assert!(!text.contains(secret), "{secret} left in the stored image");
    }
    assert!(served.starts_with(&[0xFF, 0xD8]) && served.ends_with(&[0xFF, 0xD9]));
    let orientation = served.windows(2).position(|pair| pair == [0x01, 0x12]);
    assert!(
        orientation.is_some_and(|at| served[at + 9] == 6),
        "the orientation stays"
    );
    assert_eq!(media["size"].as_u64().unwrap(), served.len() as u64);
}

#[test]
fn the_images_of_a_hidden_entry_are_no_longer_served() {
    let w = world(json!({}));
    let author = w.server.client.register("author");
    let uploaded = w
        .server
        .client
        .upload(&author, "a.png", "image/png", &schwarm_tests::api::tiny_png());
    let media = uploaded.json();
    let entry = w.submit(
        &author,
        json!({"title": "With image", "media_ids": [media["id"]]}),
    );
    let url = media["url"].as_str().unwrap();
    let shown = w.server.get(url);
    assert_eq!(shown.status, 200);
    assert_eq!(
        shown.header("cache-control"),
        Some("public, max-age=300"),
        "caches let go within minutes"
    );
    let hidden = w.moderate(&w.owner, &entry, json!({"decision": "hide", "reason": "doxxing"}));
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    w.server.get(url).problem(404);
    let restored = w.moderate(&w.owner, &entry, json!({"decision": "restore"}));
    assert_eq!(restored.status, 200);
    assert_eq!(w.server.get(url).status, 200);
}

#[test]
fn uploads_stop_at_the_quota() {
    let png = schwarm_tests::api::tiny_png();
    let quota = png.len() * 2;
    let server = TestServer::start_with(ServerOptions::new().env("MEDIA_QUOTA_BYTES", quota.to_string()));
    let ada = server.client.register("ada");
    for _ in 0..2 {
        assert_eq!(server.client.upload(&ada, "a.png", "image/png", &png).status, 201);
    }
    let refused = server
        .client
        .upload(&ada, "a.png", "image/png", &png)
        .problem(409);
    assert_eq!(refused["code"], "media.quota_exceeded");
    assert_eq!(refused["params"]["quota"], quota);
    let bob = server.client.register("bob");
    assert_eq!(
        server.client.upload(&bob, "b.png", "image/png", &png).status,
        201,
        "a quota per person"
    );
}

#[test]
fn parallel_uploads_cannot_pass_the_quota_together() {
    let png = schwarm_tests::api::tiny_png();
    let quota = png.len() * 5;
    let server = Arc::new(TestServer::start_with(
        ServerOptions::new().env("MEDIA_QUOTA_BYTES", quota.to_string()),
    ));
    let ada = server.client.register("ada");
    let (uploader, user, bytes) = (Arc::clone(&server), ada.clone(), png.clone());
    let statuses = in_parallel(20, move |_| {
        uploader.client.upload(&user, "a.png", "image/png", &bytes).status
    });
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(sorted, [vec![201; 5], vec![409; 15]].concat(), "{statuses:?}");
    let stored = server.db().key_counts(&format!(
        "SELECT owner_id AS key, COUNT(*) AS n FROM media WHERE owner_id = '{}' GROUP BY owner_id",
        ada.id
    ));
    assert_eq!(
        stored,
        vec![(ada.id.clone(), 5)],
        "rows beyond the quota were rolled back"
    );
}
