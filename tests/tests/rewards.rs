//! The points ledger: published contributions and votes pay the campaign's declared points,
//! each source event once per person however often it is retried, changed or repeated in
//! parallel; the balance is the ledger's sum.

use std::sync::{Arc, Barrier};

use schwarm_tests::TestServer;
use schwarm_tests::api::{User, at, shifted};
use serde_json::{Value, json};

fn rewards(server: &TestServer, user: &User) -> Value {
    server
        .client
        .call("GET", "/api/v1/me/rewards", user.token(), None)
        .json()
}

/// A campaign paying 10 points per published contribution and 2 per vote, whose submissions
/// are open now and whose voting opens at the returned instant.
fn campaign(server: &TestServer, owner: &User, rules: Value) -> (String, String) {
    let voting_open = at(3600);
    let schedule = json!({"submissions_open_at": at(-60), "submissions_close_at": voting_open,
                          "voting_open_at": voting_open, "voting_close_at": at(7200)});
    let body = json!({"kind": "idea", "title": "Points", "schedule": schedule, "rules": rules,
                      "participation_points": {"per_contribution": 10, "per_vote": 2, "per_referral": 0}});
    let made = server.client.call(
        "POST",
        "/api/v1/organizations/acme/campaigns",
        owner.token(),
        Some(&body),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let slug = made.json()["slug"].as_str().unwrap().to_owned();
    let published = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/publish"),
        owner.token(),
        None,
    );
    assert_eq!(published.status, 200);
    (slug, voting_open)
}

#[test]
fn publication_and_votes_pay_once_each() {
    let server = TestServer::start_with(
        schwarm_tests::ServerOptions::new().env("VOTE_RATE_LIMIT_PER_MINUTE", "100000"),
    );
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let (slug, voting_open) = campaign(&server, &owner, json!({"voting_method": "updown"}));
    let (ada, bob) = (server.client.register("ada"), server.client.register("bob"));
    let made = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/contributions"),
        ada.token(),
        Some(&json!({"title": "Wave"})),
    );
    let entry = made.json()["id"].as_str().unwrap().to_owned();
    let mine = rewards(&server, &ada);
    assert_eq!(mine["points_balance"], 10);
    assert_eq!(mine["ledger"][0]["source_type"], "contribution_published");
    assert_eq!(mine["ledger"][0]["source_id"], entry.as_str());

    server.set_clock(&shifted(&voting_open, 1));
    let vote = |value: i64| {
        server.client.call(
            "PUT",
            &format!("/api/v1/contributions/{entry}/vote"),
            bob.token(),
            Some(&json!({"value": value})),
        )
    };
    let barrier = Arc::new(Barrier::new(20));
    std::thread::scope(|scope| {
        for n in 0..20 {
            let (barrier, vote) = (Arc::clone(&barrier), &vote);
            scope.spawn(move || {
                barrier.wait();
                assert_eq!(vote(if n % 2 == 0 { 1 } else { -1 }).status, 200);
            });
        }
    });
    let retracted = server.client.call(
        "DELETE",
        &format!("/api/v1/contributions/{entry}/vote"),
        bob.token(),
        None,
    );
    assert_eq!(retracted.status, 204);
    assert_eq!(vote(1).status, 200);
    let bobs = rewards(&server, &bob);
    assert_eq!(
        bobs["points_balance"], 2,
        "one vote on one entry pays once: {bobs}"
    );
    assert_eq!(bobs["ledger"].as_array().unwrap().len(), 1);
    assert_eq!(bobs["ledger"][0]["source_type"], "vote_cast");
    assert_eq!(
        rewards(&server, &ada)["points_balance"],
        10,
        "votes received pay nothing"
    );
    let badges = |user: &User| -> Vec<String> {
        rewards(&server, user)["badges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(badges(&ada), ["first_contribution"]);
    assert_eq!(
        badges(&bob),
        ["top_ten_voter"],
        "one of the campaign's ten most active voters"
    );
    let standings = server
        .get(&format!("/api/v1/campaigns/{slug}/points-leaderboard"))
        .json();
    let table: Vec<(String, i64, i64)> = standings["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["display_name"].as_str().unwrap().to_owned(),
                s["points"].as_i64().unwrap(),
                s["rank"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(table, [("ada".to_owned(), 10, 1), ("bob".to_owned(), 2, 2)]);
    server
        .client
        .call("GET", "/api/v1/me/rewards", None, None)
        .problem(401);
}

#[test]
fn approval_pays_on_first_publication_only_and_the_ledger_pages_newest_first() {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let (slug, _) = campaign(
        &server,
        &owner,
        json!({"require_approval": true, "max_contributions_per_member": 3}),
    );
    let ada = server.client.register("ada");
    let mut entries = Vec::new();
    for title in ["One", "Two", "Three"] {
        let made = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/contributions"),
            ada.token(),
            Some(&json!({"title": title})),
        );
        entries.push(made.json()["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        rewards(&server, &ada)["points_balance"],
        0,
        "nothing until approved"
    );
    let decide = |entry: &str, body: Value| {
        let res = server.client.call(
            "POST",
            &format!("/api/v1/contributions/{entry}/moderation"),
            owner.token(),
            Some(&body),
        );
        assert_eq!(res.status, 200, "{}", res.text());
    };
    for entry in &entries {
        decide(entry, json!({"decision": "approve"}));
    }
    decide(&entries[0], json!({"decision": "hide", "reason": "off topic"}));
    decide(&entries[0], json!({"decision": "restore"}));
    let mine = rewards(&server, &ada);
    assert_eq!(
        mine["points_balance"], 30,
        "three publications, paid once each: {mine}"
    );

    let first = server
        .client
        .call("GET", "/api/v1/me/rewards?limit=2", ada.token(), None)
        .json();
    let sources = |page: &Value| -> Vec<String> {
        page["ledger"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["source_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        sources(&first),
        [entries[2].clone(), entries[1].clone()],
        "newest first"
    );
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = server
        .client
        .call(
            "GET",
            &format!("/api/v1/me/rewards?limit=2&cursor={cursor}"),
            ada.token(),
            None,
        )
        .json();
    assert_eq!(sources(&second), [entries[0].clone()]);
    assert_eq!(second["next_cursor"], Value::Null);
    assert_eq!(
        second["points_balance"], 30,
        "the balance is the whole ledger on every page"
    );
}
