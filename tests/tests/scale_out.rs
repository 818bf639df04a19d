//! Three replicas on one PostgreSQL, one of them killed (SIGKILL) mid-run: votes from a flash
//! crowd spread over the replicas are folded exactly once (stored scores equal the votes after
//! every round, with the fold running every 10 ms), every event is dispatched once and reaches
//! the webhook receiver under one message id, every phase change is announced once, bursts of
//! comments become one notification with the exact count, and media uploaded through one
//! replica are served by the others from a shared S3 bucket (moto on loopback). A funding
//! campaign's settlement, run by the job on every replica and by managers through all three at
//! once while one is killed, charges each pledge once and decides one outcome.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use schwarm_tests::api::{User, shifted, tiny_png};
use schwarm_tests::receiver::{Receiver, Reply};
use schwarm_tests::s3::S3Server;
use schwarm_tests::{ServerOptions, TestDatabase, TestServer, eventually};
use serde_json::{Value, json};

const SECRET: &str = "scale-out-test-secret-of-at-least-32-bytes";

struct Cluster {
    replicas: Vec<Option<TestServer>>,
    db: TestDatabase,
}

impl Cluster {
    fn start(n: usize, s3: Option<&S3Server>, extra: &[(&str, &str)]) -> Cluster {
        let db = TestDatabase::fresh();
        let replicas = (0..n)
            .map(|_| {
                let mut options = ServerOptions::new()
                    .default_database()
                    .env("DATABASE_URL", db.url.clone())
                    .env("JWT_SECRET", SECRET)
                    .env("SCORE_FOLD_INTERVAL_MS", "10")
                    .env("DISPATCH_INTERVAL_MS", "20")
                    .env("JOB_LEASE_SECS", "15")
                    .env("WEBHOOK_ALLOW_HTTP", "true")
                    .env("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
                    .env("AUTH_RATE_LIMIT_PER_IP", "1000000")
                    .env("VOTE_RATE_LIMIT_PER_MINUTE", "1000000");
                for (key, value) in extra {
                    options = options.env(key, *value);
                }
                for (key, value) in s3.map(S3Server::env).unwrap_or_default() {
                    options = options.env(key, value);
                }
                Some(TestServer::start_with(options))
            })
            .collect();
        Cluster { replicas, db }
    }

    /// A live replica, chosen round robin by `n`.
    fn any(&self, n: usize) -> &TestServer {
        let live: Vec<&TestServer> = self.replicas.iter().flatten().collect();
        live[n % live.len()]
    }

    fn set_clock(&self, instant: &str) {
        for replica in self.replicas.iter().flatten() {
            replica.set_clock(instant);
        }
    }

    fn db(&self) -> schwarm_tests::db::TestDb {
        schwarm_tests::db::TestDb::connect(&self.db.url)
    }
}

fn ok(res: &schwarm_tests::TestResponse, what: &str) -> Value {
    assert!(res.status < 300, "{what}: {} {}", res.status, res.text());
    if res.text().is_empty() {
        Value::Null
    } else {
        res.json()
    }
}

/// One round of a flash crowd: every voter casts, changes and retracts on the entries through
/// the replicas `via` picks; returns nothing, the database is the judge.
fn flash_crowd(cluster: &Cluster, crowd: &[User], entries: &[String], round: usize, via: &[usize]) {
    std::thread::scope(|scope| {
        for (n, voter) in crowd.iter().enumerate() {
            let via = via[(n + round) % via.len()];
            let server = cluster.any(via);
            scope.spawn(move || {
                for step in 0..6 {
                    let entry = &entries[(n + step + round) % entries.len()];
                    let path = format!("/api/v1/contributions/{entry}/vote");
                    let res = match (n + step + round) % 4 {
                        0 => server.client.call("DELETE", &path, voter.token(), None),
                        1 => server
                            .client
                            .call("PUT", &path, voter.token(), Some(&json!({"value": -1}))),
                        _ => server
                            .client
                            .call("PUT", &path, voter.token(), Some(&json!({"value": 1}))),
                    };
                    assert!(res.status == 200 || res.status == 204, "{}", res.text());
                }
            });
        }
    });
}

type Tallies = BTreeMap<String, (i64, i64)>;

fn stored_and_recounted(cluster: &Cluster) -> (Tallies, Tallies) {
    let mut db = cluster.db();
    db.wait_for_folded_scores();
    let pairs = |db: &mut schwarm_tests::db::TestDb, count: &str, sum: &str| -> Tallies {
        let counts: HashMap<String, i64> = db.key_counts(count).into_iter().collect();
        db.key_counts(sum)
            .into_iter()
            .map(|(key, total)| (key.clone(), (counts.get(&key).copied().unwrap_or(0), total)))
            .filter(|(_, tally)| *tally != (0, 0))
            .collect()
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
    (stored, recounted)
}

#[test]
fn three_replicas_one_killed_lose_and_double_nothing() {
    let s3 = S3Server::start("schwarm-scale-out");
    let mut cluster = Cluster::start(3, s3.as_ref(), &[]);
    let receiver = Receiver::start();
    let ada = cluster.any(0).client.register("ada");
    cluster.any(0).client.create_organization(&ada, "acme");
    let organization = ok(
        &cluster
            .any(1)
            .client
            .call("GET", "/api/v1/organizations/acme", None, None),
        "org",
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let webhook = ok(
        &cluster.any(1).client.call(
            "POST",
            "/api/v1/organizations/acme/webhooks",
            ada.token(),
            Some(&json!({"url": format!("{}/hook", receiver.url)})),
        ),
        "subscribe",
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Media through one replica, served by the others from the shared bucket.
    if s3.is_some() {
        let uploaded = cluster
            .any(0)
            .client
            .upload(&ada, "dot.png", "image/png", &tiny_png());
        let media = ok(&uploaded, "upload")["id"].as_str().unwrap().to_owned();
        for n in [1, 2] {
            let served = cluster.any(n).client.get(&format!("/api/v1/media/{media}"));
            assert_eq!(served.status, 200, "replica {n}: {}", served.text());
            assert_eq!(served.body, tiny_png(), "replica {n} serves the same bytes");
        }
    }

    let t0 = "2032-02-01T10:00:00Z";
    let hour = 3_600_000_000;
    cluster.set_clock(t0);
    let schedule = json!({
        "submissions_open_at": shifted(t0, -hour), "submissions_close_at": shifted(t0, hour),
        "voting_open_at": shifted(t0, hour), "voting_close_at": shifted(t0, 2 * hour),
    });
    let slug = cluster.any(2).client.campaign_with_schedule(
        &ada,
        "acme",
        "Flash",
        json!({"voting_method": "updown", "vote_during_submission": true, "max_contributions_per_member": 1}),
        schedule,
    );
    let mut entries = Vec::new();
    for n in 0..4 {
        let author = cluster.any(n).client.register(&format!("author{n}"));
        let entry = ok(
            &cluster.any(n + 1).client.call(
                "POST",
                &format!("/api/v1/campaigns/{slug}/contributions"),
                author.token(),
                Some(&json!({"title": format!("Entry {n}")})),
            ),
            "submit",
        );
        entries.push(entry["id"].as_str().unwrap().to_owned());
    }
    let crowd: Vec<User> = (0..30)
        .map(|n| cluster.any(n).client.register(&format!("voter{n}")))
        .collect();

    flash_crowd(&cluster, &crowd, &entries, 0, &[0, 1, 2]);
    let (stored, recounted) = stored_and_recounted(&cluster);
    assert_eq!(stored, recounted, "round 1: stored scores equal the votes");

    // Round 2 through two replicas while the third dies mid-run, with deliveries in flight: the
    // receiver holds its answers for 3 s, and the kill waits until it holds a request that
    // replica 1 sent.
    receiver.identify_senders(cluster.replicas.iter().flatten().map(TestServer::pid));
    receiver.script((0..60).map(|_| Reply::Hang(Duration::from_secs(3))));
    let doomed = cluster.replicas[1].as_ref().unwrap().pid();
    let held_from_doomed = |younger_than: Duration| -> BTreeSet<String> {
        receiver
            .unanswered()
            .into_iter()
            .filter(|request| request.sender == Some(doomed) && request.at.elapsed() < younger_than)
            .map(|request| request.header("webhook-id").to_owned())
            .collect()
    };
    let mut cut = BTreeSet::new();
    std::thread::scope(|scope| {
        let crowd_run = scope.spawn(|| flash_crowd(&cluster, &crowd, &entries, 1, &[0, 2]));
        std::thread::sleep(Duration::from_millis(300));
        // Comments burst in meanwhile: one notification for the author, with the exact count.
        for (n, commenter) in crowd.iter().take(5).enumerate() {
            let res = cluster.any(if n % 2 == 0 { 0 } else { 2 }).client.call(
                "POST",
                &format!("/api/v1/contributions/{}/comments", entries[0]),
                commenter.token(),
                Some(&json!({"body": format!("comment {n}")})),
            );
            ok(&res, "comment");
        }
        // Fresh ones, so that they are still held (3 s) when the kill has landed.
        assert!(
            eventually(Duration::from_secs(20), || !held_from_doomed(
                Duration::from_secs(1)
            )
            .is_empty()),
            "replica 1 never had a delivery in flight"
        );
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &doomed.to_string()])
            .status();
        assert!(killed.is_ok_and(|status| status.success()), "SIGKILL replica 1");
        cut = held_from_doomed(Duration::from_secs(3600));
        eprintln!("replica 1 killed with {} deliveries in flight", cut.len());
        crowd_run.join().unwrap();
    });
    // Reaps the dead process.
    cluster.replicas[1].as_mut().unwrap().kill();
    cluster.replicas[1] = None;
    let (stored, recounted) = stored_and_recounted(&cluster);
    assert_eq!(stored, recounted, "round 2: stored scores equal the votes");
    flash_crowd(&cluster, &crowd, &entries, 2, &[0, 1]);
    let (stored, recounted) = stored_and_recounted(&cluster);
    assert_eq!(stored, recounted, "round 3: stored scores equal the votes");

    // The clock moves every live replica into voting, then judging.
    cluster.set_clock(&shifted(t0, hour + 1));
    std::thread::sleep(Duration::from_secs(2));
    cluster.set_clock(&shifted(t0, 2 * hour + 1));

    let mut db = cluster.db();
    let undispatched = |db: &mut schwarm_tests::db::TestDb| {
        db.key_counts("SELECT 'n' AS key, COUNT(*) AS n FROM events WHERE dispatched_at IS NULL")[0].1
    };
    assert!(
        eventually(Duration::from_secs(60), || {
            let phases = db.key_counts(&format!(
                "SELECT data AS key, CAST(1 AS BIGINT) AS n FROM events \
                 WHERE type = 'campaign.phase_changed' AND organization_id = '{organization}'"
            ));
            phases.len() >= 2 && undispatched(&mut db) == 0
        }),
        "everything is dispatched"
    );
    let phases: Vec<(String, String)> = db
        .key_counts(&format!(
            "SELECT data AS key, CAST(1 AS BIGINT) AS n FROM events \
             WHERE type = 'campaign.phase_changed' AND organization_id = '{organization}' ORDER BY id"
        ))
        .into_iter()
        .map(|(data, _)| {
            let data: Value = serde_json::from_str(&data).unwrap();
            (
                data["from"].as_str().unwrap().to_owned(),
                data["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        phases,
        [
            ("submission".to_owned(), "voting".to_owned()),
            ("voting".to_owned(), "judging".to_owned())
        ],
        "each transition announced once by the cluster"
    );

    // Every event has exactly one message for the endpoint, and every message arrived.
    let events: BTreeSet<String> = db
        .key_counts(&format!(
            "SELECT id AS key, CAST(1 AS BIGINT) AS n FROM events WHERE organization_id = '{organization}'"
        ))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let messages: BTreeMap<String, i64> = db
        .key_counts(&format!(
            "SELECT event_id AS key, COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = '{webhook}' GROUP BY event_id"
        ))
        .into_iter()
        .collect();
    assert_eq!(
        messages.keys().cloned().collect::<BTreeSet<_>>(),
        events,
        "a message per event"
    );
    assert!(
        messages.values().all(|n| *n == 1),
        "never two messages for one event"
    );
    let delivered = || db_messages_succeeded(&cluster, &webhook);
    assert!(
        eventually(Duration::from_secs(60), delivered),
        "every message delivered"
    );
    let received: BTreeMap<String, usize> =
        receiver.received().iter().fold(BTreeMap::new(), |mut seen, m| {
            *seen.entry(m.header("webhook-id").to_owned()).or_default() += 1;
            seen
        });
    let event_ids: BTreeSet<String> = receiver
        .received()
        .iter()
        .map(|m| m.json()["data"]["event_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(event_ids, events, "the receiver saw every event");
    assert_eq!(received.len(), events.len(), "one webhook-id per event");
    // At least once: what the dead replica had in flight came again from a live replica once
    // its lease ran out; a message comes twice only when the dead replica sent it first.
    assert!(!cut.is_empty(), "the kill cut deliveries");
    let repeated: BTreeSet<String> = received
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| id.clone())
        .collect();
    assert!(cut.is_subset(&repeated), "cut: {cut:?}, sent again: {repeated:?}");
    for id in &repeated {
        let senders: Vec<Option<u32>> = receiver
            .received()
            .iter()
            .filter(|request| request.header("webhook-id") == id)
            .map(|request| request.sender)
            .collect();
        // The receiver names a sender by the process holding the connection's socket. A replica
        // SIGKILLed between sending and that lookup has no /proc entry any more, so an unnamed
        // first sender is the dead one: a live replica, waiting for its answer, is always found.
        assert!(
            senders[0] == Some(doomed) || senders[0].is_none(),
            "{id}: sent twice, first by a live replica: {senders:?}"
        );
        assert!(
            senders[1..]
                .iter()
                .all(|sender| sender.is_some() && *sender != Some(doomed)),
            "{id}: {senders:?}"
        );
        assert_eq!(senders.len(), 2, "{id}: taken over once");
    }

    // The burst of comments: one unread notification with the exact count.
    let author0 = cluster
        .any(0)
        .client
        .login("author0@example.com", schwarm_tests::api::PASSWORD);
    let author0 = schwarm_tests::api::session(&author0.json(), "author0@example.com");
    let inbox = ok(
        &cluster
            .any(0)
            .client
            .call("GET", "/api/v1/me/notifications", author0.token(), None),
        "inbox",
    );
    let comments: Vec<&Value> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "comment_received")
        .collect();
    assert_eq!(comments.len(), 1, "{inbox}");
    assert_eq!(comments[0]["count"], 5, "each comment counted once");
    let (stored, recounted) = stored_and_recounted(&cluster);
    assert_eq!(stored, recounted);
}

fn db_messages_succeeded(cluster: &Cluster, webhook: &str) -> bool {
    cluster
        .db()
        .key_counts(&format!(
            "SELECT status AS key, COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = '{webhook}' GROUP BY status"
        ))
        .iter()
        .all(|(status, _)| status == "succeeded")
}

#[test]
fn the_funding_settlement_on_three_replicas_one_killed_charges_each_pledge_once() {
    let mut cluster = Cluster::start(
        3,
        None,
        &[
            ("SIMULATED_PAYMENTS", "true"),
            ("FUNDING_SETTLE_INTERVAL_MS", "20"),
        ],
    );
    let owner = cluster.any(0).client.register("owner");
    cluster.any(0).client.create_organization(&owner, "acme");
    let deadline = schwarm_tests::api::at(3600);
    let body = json!({
        "kind": "funding", "title": "Lamp",
        "schedule": {"submissions_open_at": schwarm_tests::api::at(-60), "submissions_close_at": deadline,
                     "voting_open_at": shifted(&deadline, 3_600_000_000), "voting_close_at": shifted(&deadline, 7_200_000_000)},
    });
    let campaign = ok(
        &cluster.any(0).client.call(
            "POST",
            "/api/v1/organizations/acme/campaigns",
            owner.token(),
            Some(&body),
        ),
        "create",
    );
    let slug = campaign["slug"].as_str().unwrap().to_owned();
    let funding =
        json!({"goal_minor": 50_000, "currency": "EUR", "model": "all_or_nothing", "provider": "simulated"});
    ok(
        &cluster.any(1).client.call(
            "PUT",
            &format!("/api/v1/campaigns/{slug}/funding"),
            owner.token(),
            Some(&funding),
        ),
        "funding",
    );
    ok(
        &cluster.any(2).client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/publish"),
            owner.token(),
            None,
        ),
        "publish",
    );
    // 60 backers through all replicas, 1000 each; every sixth card is declined at collection.
    let backers: Vec<User> = (0..60)
        .map(|n| cluster.any(n).client.register(&format!("backer{n}")))
        .collect();
    std::thread::scope(|scope| {
        for (n, backer) in backers.iter().enumerate() {
            let server = cluster.any(n);
            let slug = &slug;
            scope.spawn(move || {
                let method = if n % 6 == 0 {
                    "sim_charge_declined"
                } else {
                    "sim_ok"
                };
                let body = json!({"amount_minor": 1_000, "payment_method": method});
                ok(
                    &server.client.call(
                        "POST",
                        &format!("/api/v1/campaigns/{slug}/pledges"),
                        backer.token(),
                        Some(&body),
                    ),
                    "pledge",
                );
            });
        }
    });

    // Past the deadline: every replica's job and three manager runs at once; replica 0 dies.
    cluster.set_clock(&shifted(&deadline, 1_000_000));
    let doomed = cluster.any(0).pid();
    std::thread::scope(|scope| {
        for via in 0..3 {
            let server = cluster.any(via);
            let (slug, owner) = (&slug, &owner);
            scope.spawn(move || {
                let path = format!("/api/v1/campaigns/{slug}/funding/settle");
                // Replica 0 may die under this request: any answer (or none) is fine here.
                let run = server.client.try_call(
                    "POST",
                    &path,
                    owner.token(),
                    Some(&json!({"dry_run": false})),
                    &[],
                );
                if let Ok(run) = run {
                    assert!(run.status == 200 || run.status >= 500, "{}", run.text());
                }
            });
        }
        std::thread::sleep(Duration::from_millis(30));
        let killed = std::process::Command::new("kill")
            .args(["-9", &doomed.to_string()])
            .status();
        assert!(killed.is_ok_and(|status| status.success()), "SIGKILL replica 0");
    });
    cluster.replicas[0] = None;

    let funding_now = || {
        ok(
            &cluster
                .any(0)
                .client
                .call("GET", &format!("/api/v1/campaigns/{slug}/funding"), None, None),
            "funding",
        )
    };
    assert!(
        eventually(
            Duration::from_secs(60),
            || funding_now()["totals"]["collected_backers"] == 50
        ),
        "the survivors collect everything: {}",
        funding_now()
    );
    let mut db = cluster.db();
    let charges = db.key_counts(
        "SELECT pledge_id AS key, COUNT(*) AS n FROM payments WHERE kind = 'charge' AND outcome = 'succeeded' GROUP BY pledge_id",
    );
    assert_eq!(charges.len(), 50, "every good pledge charged");
    assert!(charges.iter().all(|(_, n)| *n == 1), "and each once: {charges:?}");
    let failed = db.key_counts(
        "SELECT pledge_id AS key, COUNT(*) AS n FROM payments WHERE outcome = 'failed' GROUP BY pledge_id",
    );
    assert_eq!(failed.len(), 10);
    assert!(
        failed.iter().all(|(_, n)| *n == 1),
        "each declined card tried once: {failed:?}"
    );
    let now = funding_now();
    assert_eq!(now["totals"]["collected_minor"], 50_000);
    assert_eq!(now["outcome"], "funded", "{now}");
    let decided = db.key_counts("SELECT type AS key, COUNT(*) AS n FROM events WHERE type IN ('campaign.funded', 'campaign.failed') GROUP BY type");
    assert_eq!(
        decided,
        vec![("campaign.funded".to_owned(), 1)],
        "one outcome, announced once"
    );
}

#[test]
fn the_microtask_sweep_on_three_replicas_one_killed_expires_each_lease_and_pays_each_answer_once() {
    let mut cluster = Cluster::start(3, None, &[("MICROTASKS_SWEEP_INTERVAL_MS", "20")]);
    let owner = cluster.any(0).client.register("owner");
    cluster.any(0).client.create_organization(&owner, "acme");
    let close = schwarm_tests::api::at(3 * 86_400);
    let body = json!({
        "kind": "microtask", "title": "Pets",
        "schedule": {"submissions_open_at": schwarm_tests::api::at(-60), "submissions_close_at": close,
                     "voting_open_at": shifted(&close, 3_600_000_000), "voting_close_at": shifted(&close, 7_200_000_000)},
    });
    let campaign = ok(
        &cluster.any(0).client.call(
            "POST",
            "/api/v1/organizations/acme/campaigns",
            owner.token(),
            Some(&body),
        ),
        "create",
    );
    let slug = campaign["slug"].as_str().unwrap().to_owned();
    let settings = json!({"lease_minutes": 1, "review_delay_hours": 1, "answer_form": {
        "kind": "single_choice", "question": "Cat or dog?",
        "options": [{"value": "cat", "label": "Cat"}, {"value": "dog", "label": "Dog"}]}});
    ok(
        &cluster.any(1).client.call(
            "PUT",
            &format!("/api/v1/campaigns/{slug}/task-settings"),
            owner.token(),
            Some(&settings),
        ),
        "settings",
    );
    let tasks: Vec<Value> = (0..40)
        .map(|n| json!({"payload": {"text": format!("Picture {n}")}, "redundancy": 2, "reward_points": 3}))
        .collect();
    let imported = cluster.any(2).client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/tasks/import"),
        owner.token(),
        Some(&json!({"tasks": tasks})),
    );
    assert_eq!(imported.status, 201, "{}", imported.text());
    ok(
        &cluster.any(0).client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/publish"),
            owner.token(),
            None,
        ),
        "publish",
    );
    // 30 workers through all replicas: each takes two tasks, answers the first and leaves the
    // second's lease to run out.
    let crowd: Vec<User> = (0..30)
        .map(|n| cluster.any(n).client.register(&format!("worker{n}")))
        .collect();
    std::thread::scope(|scope| {
        for (n, worker) in crowd.iter().enumerate() {
            let server = cluster.any(n);
            let slug = &slug;
            scope.spawn(move || {
                let next = |what| {
                    ok(
                        &server.client.call(
                            "POST",
                            &format!("/api/v1/campaigns/{slug}/tasks/next"),
                            worker.token(),
                            None,
                        ),
                        what,
                    )
                };
                let answered = next("claim");
                next("second claim");
                let id = answered["id"].as_str().unwrap();
                ok(
                    &server.client.call(
                        "POST",
                        &format!("/api/v1/claims/{id}/submission"),
                        worker.token(),
                        Some(&json!({"answer": "cat"})),
                    ),
                    "answer",
                );
            });
        }
    });

    // Past the leases and the review delay: all three sweep at once, and replica 0 dies.
    cluster.set_clock(&schwarm_tests::api::at(2 * 3600));
    std::thread::sleep(Duration::from_millis(30));
    let killed = std::process::Command::new("kill")
        .args(["-9", &cluster.any(0).pid().to_string()])
        .status();
    assert!(killed.is_ok_and(|status| status.success()), "SIGKILL replica 0");
    cluster.replicas[0] = None;

    let mut db = cluster.db();
    let states = |db: &mut schwarm_tests::db::TestDb| {
        db.key_counts("SELECT status AS key, COUNT(*) AS n FROM task_claims GROUP BY status ORDER BY status")
    };
    assert!(
        eventually(Duration::from_secs(60), || states(&mut db)
            == vec![("approved".to_owned(), 30), ("expired".to_owned(), 30)]),
        "the survivors finish the sweep: {:?}",
        states(&mut db)
    );
    let paid = db.key_counts("SELECT source_id AS key, COUNT(*) AS n FROM points_ledger WHERE source_type = 'task_approved' GROUP BY source_id");
    assert_eq!(paid.len(), 30, "every answer paid");
    assert!(paid.iter().all(|(_, n)| *n == 1), "and each once: {paid:?}");
    let events = db.key_counts(
        "SELECT type AS key, COUNT(*) AS n FROM events WHERE type IN ('claim.expired', 'claim.approved') GROUP BY type ORDER BY type",
    );
    assert_eq!(
        events,
        vec![
            ("claim.approved".to_owned(), 30),
            ("claim.expired".to_owned(), 30)
        ],
        "one event per effect"
    );
    let taken = db.key_counts("SELECT 'taken' AS key, CAST(SUM(taken) AS BIGINT) AS n FROM tasks");
    assert_eq!(
        taken,
        vec![("taken".to_owned(), 30)],
        "only the 30 answers hold slots"
    );
}
