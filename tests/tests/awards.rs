//! Awards: finalizing a campaign with a tie, co-authors, a remix, invalidated votes and a hidden
//! entry gives exactly the hand-computed table below, every minor unit accounted for; finalizing
//! in parallel creates one set; statuses move as declared and approval pays points once.

use std::collections::BTreeMap;
use std::sync::{Arc, Barrier};

use schwarm_tests::api::{User, at, shifted};
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::{Value, json};

/// One split: recipient, reason, amount in minor units, points.
type Split = (&'static str, String, i64, i64);
/// entry → (rank, amount, points, splits)
type AwardTable = BTreeMap<&'static str, (i64, i64, i64, Vec<Split>)>;

struct Contest {
    server: TestServer,
    owner: User,
    slug: String,
    voting_close: String,
    users: BTreeMap<&'static str, User>,
    entries: BTreeMap<&'static str, String>,
}

/// Tiers: rank 1 wins 1000.00 EUR and 50 points; ranks 2–3 win 200.01 EUR and 11 points each.
/// Remixes credit 20% to the remixed entry's authors.
///
/// | entry | authors                 | votes                      | rank |
/// | E1    | ada                     | 3                          | 1–2 (tie) |
/// | E2    | bob 70% + cat 30%       | 3                          | 1–2 (tie) |
/// | E3    | dan, remix of E1        | 2                          | 3    |
/// | E4    | eve                     | 5, then hidden: not ranked |      |
/// | E5    | fay                     | 2, invalidated → 0         | 4    |
fn contest() -> Contest {
    let server = TestServer::start_with(ServerOptions::new().env("VOTE_RATE_LIMIT_PER_MINUTE", "100000"));
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let (submissions_open, voting_open, voting_close) = (at(-7200), at(-60), at(3600));
    let body = json!({
        "kind": "design", "title": "Bottle",
        "schedule": {"submissions_open_at": submissions_open, "submissions_close_at": voting_open,
                     "voting_open_at": voting_open, "voting_close_at": voting_close},
        "rules": {"remix_credit_percent": 20},
        "prize_tiers": [
            {"rank_from": 1, "rank_to": 1, "title": "Gold", "amount_minor": 100_000, "currency": "EUR", "points": 50},
            {"rank_from": 2, "rank_to": 3, "title": "Silver", "amount_minor": 20_001, "currency": "EUR", "points": 11}
        ]
    });
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
    assert_eq!(published.status, 200, "{}", published.text());

    let mut users = BTreeMap::new();
    for name in [
        "ada", "bob", "cat", "dan", "eve", "fay", "v1", "v2", "v3", "v4", "v5",
    ] {
        users.insert(name, server.client.register(name));
    }
    server.set_clock(&shifted(&submissions_open, 1));
    let mut entries = BTreeMap::new();
    let submit = |author: &str, body: Value| {
        let res = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/contributions"),
            users[author].token(),
            Some(&body),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()["id"].as_str().unwrap().to_owned()
    };
    entries.insert("E1", submit("ada", json!({"title": "E1"})));
    entries.insert(
        "E2",
        submit(
            "bob",
            json!({"title": "E2", "co_authors": [{"user_id": users["cat"].id, "share_bp": 3000}]}),
        ),
    );
    entries.insert(
        "E3",
        submit("dan", json!({"title": "E3", "parent_id": entries["E1"]})),
    );
    entries.insert("E4", submit("eve", json!({"title": "E4"})));
    entries.insert("E5", submit("fay", json!({"title": "E5"})));
    let accepted = server.client.call(
        "POST",
        &format!("/api/v1/contributions/{}/authorship", entries["E2"]),
        users["cat"].token(),
        Some(&json!({"accept": true})),
    );
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    server.release_clock();

    for (entry, voters) in [
        ("E1", &["v1", "v2", "v3"][..]),
        ("E2", &["v1", "v2", "v3"]),
        ("E3", &["v1", "v2"]),
        ("E4", &["v1", "v2", "v3", "v4", "v5"]),
        ("E5", &["v4", "v5"]),
    ] {
        for voter in voters {
            let res = server.client.call(
                "PUT",
                &format!("/api/v1/contributions/{}/vote", entries[entry]),
                users[voter].token(),
                Some(&json!({"value": 1})),
            );
            assert_eq!(res.status, 200, "{}", res.text());
        }
    }
    let hidden = server.client.call(
        "POST",
        &format!("/api/v1/contributions/{}/moderation", entries["E4"]),
        owner.token(),
        Some(&json!({"decision": "hide", "reason": "copied"})),
    );
    assert_eq!(hidden.status, 200);
    let mut e5_votes = Vec::new();
    for voter in ["v4", "v5"] {
        let mine = server
            .client
            .call(
                "GET",
                &format!("/api/v1/campaigns/{slug}/votes/me"),
                users[voter].token(),
                None,
            )
            .json();
        for vote in mine["items"].as_array().unwrap() {
            if vote["contribution_id"] == entries["E5"].as_str() {
                e5_votes.push(vote["id"].clone());
            }
        }
    }
    let invalidated = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/vote-integrity/invalidate"),
        owner.token(),
        Some(&json!({"vote_ids": e5_votes, "reason": "one household"})),
    );
    assert_eq!(invalidated.json()["invalidated"], 2);
    Contest {
        server,
        owner,
        slug,
        voting_close,
        users,
        entries,
    }
}

impl Contest {
    fn finalize(&self) -> schwarm_tests::TestResponse {
        self.server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{}/awards/finalize", self.slug),
            self.owner.token(),
            None,
        )
    }

    fn name_of(&self, user_id: &str) -> &'static str {
        self.users
            .iter()
            .find(|(_, user)| user.id == user_id)
            .map(|(name, _)| *name)
            .unwrap()
    }

    fn entry_of(&self, id: &str) -> &'static str {
        self.entries
            .iter()
            .find(|(_, entry)| *entry == id)
            .map(|(name, _)| *name)
            .unwrap()
    }

    /// entry → (rank, amount, points, [(recipient, reason, amount, points)])
    fn table(&self, awards: &Value) -> AwardTable {
        awards
            .as_array()
            .unwrap()
            .iter()
            .map(|award| {
                let splits = award["splits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        (
                            self.name_of(s["user_id"].as_str().unwrap()),
                            s["reason"].as_str().unwrap().to_owned(),
                            s["amount_minor"].as_i64().unwrap(),
                            s["points"].as_i64().unwrap(),
                        )
                    })
                    .collect();
                (
                    self.entry_of(award["contribution_id"].as_str().unwrap()),
                    (
                        award["rank"].as_i64().unwrap(),
                        award["amount_minor"].as_i64().unwrap(),
                        award["points"].as_i64().unwrap(),
                        splits,
                    ),
                )
            })
            .collect()
    }
}

#[test]
fn finalizing_gives_the_hand_computed_table_exactly_once_even_in_parallel() {
    let c = contest();
    c.finalize().problem(409);
    let preview_path = format!("/api/v1/campaigns/{}/awards/preview", c.slug);
    let preview = || c.server.client.call("GET", &preview_path, c.owner.token(), None);
    assert_eq!(preview().problem(409)["code"], "campaign.voting_not_over");
    c.server.set_clock(&c.voting_close);
    let previewed = preview().json();
    let list_path = format!("/api/v1/campaigns/{}/awards", c.slug);
    assert_eq!(
        c.server
            .client
            .call("GET", &list_path, c.owner.token(), None)
            .json(),
        json!([]),
        "a preview creates nothing"
    );
    c.server
        .client
        .call("GET", &preview_path, c.users["ada"].token(), None)
        .problem(403);

    let barrier = Arc::new(Barrier::new(4));
    let results: Vec<(u16, Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (barrier, c) = (Arc::clone(&barrier), &c);
                scope.spawn(move || {
                    barrier.wait();
                    let res = c.finalize();
                    (res.status, res.json())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut statuses: Vec<u16> = results.iter().map(|(status, _)| *status).collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [200, 200, 200, 201],
        "one call creates, the others find the same set"
    );
    let awards = &results[0].1;
    for (_, other) in &results {
        assert_eq!(other, awards, "every call answers the same awards");
    }

    let s = |name, reason: &str, amount, points| (name, reason.to_owned(), amount, points);
    let expected = BTreeMap::from([
        // E1 and E2 tie for ranks 1–2: they share 1000.00 + 200.01 and 50 + 11 points; the odd
        // cent and point go to E1, submitted first.
        ("E1", (1, 60_001, 31, vec![s("ada", "author", 60_001, 31)])),
        (
            "E2",
            (
                1,
                60_000,
                30,
                vec![s("bob", "author", 42_000, 21), s("cat", "author", 18_000, 9)],
            ),
        ),
        // E3 wins Silver alone; 20% goes to the authors of E1, which it remixes.
        (
            "E3",
            (
                3,
                20_001,
                11,
                vec![s("dan", "author", 16_001, 9), s("ada", "remix_parent", 4_000, 2)],
            ),
        ),
    ]);
    let mut table = c.table(awards);
    for (_, (_, _, _, splits)) in table.iter_mut() {
        splits.sort_by_key(|split| std::cmp::Reverse(split.2));
    }
    assert_eq!(table, expected, "{awards}");
    let mut previewed_table = c.table(&previewed);
    for (_, (_, _, _, splits)) in previewed_table.iter_mut() {
        splits.sort_by_key(|split| std::cmp::Reverse(split.2));
    }
    assert_eq!(
        previewed_table, table,
        "the preview showed exactly what finalizing made"
    );
    let paid: i64 = table
        .values()
        .flat_map(|(_, _, _, splits)| splits.iter().map(|s| s.2))
        .sum();
    assert_eq!(
        paid,
        100_000 + 2 * 20_001,
        "every cent of the prize pool, no more"
    );
    assert!(
        awards
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["currency"] == "EUR" && a["status"] == "pending")
    );
}

#[test]
fn winners_go_public_at_close_and_statuses_move_with_points_paid_once() {
    let c = contest();
    c.server.set_clock(&c.voting_close);
    assert_eq!(c.finalize().status, 201);
    let list = format!("/api/v1/campaigns/{}/awards", c.slug);
    c.server.get(&list).problem(403);
    assert_eq!(
        c.server.client.call("GET", &list, c.owner.token(), None).status,
        200,
        "managers see them at once"
    );
    let closed = c.server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{}/close", c.slug),
        c.owner.token(),
        None,
    );
    assert_eq!(closed.status, 200, "{}", closed.text());
    let awards = c.server.get(&list).json();
    assert_eq!(awards.as_array().unwrap().len(), 3, "public once closed");
    let award_of = |entry: &str| {
        awards
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["contribution_id"] == c.entries[entry].as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (e1, e3) = (award_of("E1"), award_of("E3"));
    let change = |award: &str, status: &str| {
        c.server.client.call(
            "PATCH",
            &format!("/api/v1/awards/{award}"),
            c.owner.token(),
            Some(&json!({"status": status, "note": "checked"})),
        )
    };
    change(&e1, "paid").problem(409);
    c.server
        .client
        .call(
            "PATCH",
            &format!("/api/v1/awards/{e1}"),
            c.users["ada"].token(),
            Some(&json!({"status": "approved"})),
        )
        .problem(403);
    assert_eq!(change(&e1, "approved").json()["status"], "approved");
    assert_eq!(change(&e1, "paid").json()["status"], "paid");
    change(&e1, "cancelled").problem(409);
    assert_eq!(change(&e3, "approved").status, 200);
    let balance = |name: &str| {
        c.server
            .client
            .call("GET", "/api/v1/me/rewards", c.users[name].token(), None)
            .json()
    };
    // ada: 31 (E1) + 2 (E3's remix credit); dan: 9.
    assert_eq!(balance("ada")["points_balance"], 33);
    assert_eq!(balance("dan")["points_balance"], 9);
    assert_eq!(change(&e3, "cancelled").json()["status"], "cancelled");
    assert_eq!(
        balance("ada")["points_balance"],
        31,
        "a cancelled award takes its points back"
    );
    assert_eq!(balance("dan")["points_balance"], 0);
    let ada = balance("ada");
    let mine: Vec<&str> = ada["awards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(mine.len(), 2, "ada has a part in E1's and E3's awards: {ada}");
    assert!(mine.contains(&"paid") && mine.contains(&"cancelled"));
    assert_eq!(balance("eve")["awards"], json!([]), "a hidden entry never wins");

    // The public sees the winners standing, not how payments stand; recipients see theirs.
    let public = c.server.get(&list).json();
    let seen: Vec<(&str, &Value)> = public
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (c.entry_of(a["contribution_id"].as_str().unwrap()), &a["status"]))
        .collect();
    assert_eq!(
        seen,
        [("E1", &Value::Null), ("E2", &Value::Null)],
        "a cancelled award is no win: {public}"
    );
    let as_ada = c
        .server
        .client
        .call("GET", &list, c.users["ada"].token(), None)
        .json();
    assert_eq!(
        as_ada[0]["status"], "paid",
        "a recipient sees the payment of their award"
    );
    assert!(as_ada[1]["status"].is_null(), "but not of others'");
    let as_owner = c.server.client.call("GET", &list, c.owner.token(), None).json();
    assert_eq!(
        as_owner.as_array().unwrap().len(),
        3,
        "the organiser sees every award"
    );
    let kinds: Vec<String> = ada["badges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["first_win"], "an approved award earns the badge: {ada}");
}

#[test]
fn a_guaranteed_prize_goes_to_everyone_who_took_part_when_the_brand_cancels() {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let schedule = json!({"submissions_open_at": at(-60), "submissions_close_at": at(3600),
                          "voting_open_at": at(3600), "voting_close_at": at(7200)});
    let tiers = json!([
        {"rank_from": 1, "rank_to": 1, "title": "Gold", "amount_minor": 10_000, "currency": "EUR", "points": 10},
        {"rank_from": 2, "rank_to": 3, "title": "Silver", "amount_minor": 5_000, "currency": "EUR", "points": 3}
    ]);
    let campaign = |title: &str, guaranteed: bool| {
        let body = json!({"kind": "design", "title": title, "schedule": schedule, "prize_tiers": tiers,
                          "rules": {"guaranteed_prize": guaranteed}});
        let made = server.client.call(
            "POST",
            "/api/v1/organizations/acme/campaigns",
            owner.token(),
            Some(&body),
        );
        assert_eq!(made.status, 201, "{}", made.text());
        let slug = made.json()["slug"].as_str().unwrap().to_owned();
        assert_eq!(
            server
                .client
                .call(
                    "POST",
                    &format!("/api/v1/campaigns/{slug}/publish"),
                    owner.token(),
                    None
                )
                .status,
            200
        );
        slug
    };
    let (promised, plain) = (campaign("Promised", true), campaign("Plain", false));
    let (ada, bob, cat, dan) = (
        server.client.register("ada"),
        server.client.register("bob"),
        server.client.register("cat"),
        server.client.register("dan"),
    );
    let submit = |slug: &str, user: &User, body: Value| {
        let res = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/contributions"),
            user.token(),
            Some(&body),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()["id"].as_str().unwrap().to_owned()
    };
    let e1 = submit(&promised, &ada, json!({"title": "E1"}));
    let e2 = submit(
        &promised,
        &bob,
        json!({"title": "E2", "co_authors": [{"user_id": cat.id, "share_bp": 3000}]}),
    );
    let e3 = submit(&promised, &dan, json!({"title": "E3"}));
    submit(&plain, &ada, json!({"title": "P1"}));
    let accepted = server.client.call(
        "POST",
        &format!("/api/v1/contributions/{e2}/authorship"),
        cat.token(),
        Some(&json!({"accept": true})),
    );
    assert_eq!(accepted.status, 200);
    for slug in [&promised, &plain] {
        assert_eq!(
            server
                .client
                .call(
                    "POST",
                    &format!("/api/v1/campaigns/{slug}/cancel"),
                    owner.token(),
                    None
                )
                .status,
            200
        );
    }
    let finalize = |slug: &str| {
        server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/awards/finalize"),
            owner.token(),
            None,
        )
    };
    let refused = finalize(&plain).problem(409);
    assert!(
        refused["detail"].as_str().unwrap().contains("guaranteed"),
        "{refused}"
    );

    let awards = finalize(&promised);
    assert_eq!(awards.status, 201, "{}", awards.text());
    let awards = awards.json();
    let by_entry = |id: &str| {
        awards
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["contribution_id"] == id)
            .unwrap()
            .clone()
    };
    // The pool: 100.00 + 2 × 50.00 and 10 + 2 × 3 points, shared by three entries, the odd cent
    // and point going to the earlier submissions.
    assert_eq!(
        (
            by_entry(&e1)["amount_minor"].as_i64(),
            by_entry(&e1)["points"].as_i64()
        ),
        (Some(6_667), Some(6))
    );
    assert_eq!(
        (
            by_entry(&e2)["amount_minor"].as_i64(),
            by_entry(&e2)["points"].as_i64()
        ),
        (Some(6_667), Some(5))
    );
    assert_eq!(
        (
            by_entry(&e3)["amount_minor"].as_i64(),
            by_entry(&e3)["points"].as_i64()
        ),
        (Some(6_666), Some(5))
    );
    let splits: Vec<(i64, i64)> = by_entry(&e2)["splits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["amount_minor"].as_i64().unwrap(), s["points"].as_i64().unwrap()))
        .collect();
    assert_eq!(splits, [(4_667, 4), (2_000, 1)], "bob 70%, cat 30%, exactly");
    let total: i64 = awards
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["amount_minor"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 20_000);
}
