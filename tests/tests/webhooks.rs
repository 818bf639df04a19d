//! Webhooks end to end against a real HTTP receiver on loopback: every event of a campaign run
//! arrives once, signed per Standard Webhooks (verified with the independent `standardwebhooks`
//! crate), failures are retried with the same message id, hangs and redirects block nothing,
//! the SSRF guard refuses internal targets, rotation signs with both secrets, an endpoint gets
//! nothing from before it subscribed, and an endpoint that keeps failing is disabled and its
//! owners are told.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use schwarm_tests::api::{User, shifted};
use schwarm_tests::receiver::{Received, Receiver, Reply};
use schwarm_tests::{ServerOptions, TestServer, eventually};
use serde_json::{Value, json};

/// A server whose webhooks may call the loopback receiver, dispatching fast.
fn server(extra: &[(&str, &str)]) -> TestServer {
    let mut options = ServerOptions::new()
        .env("WEBHOOK_ALLOW_HTTP", "true")
        .env("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
        .env("DISPATCH_INTERVAL_MS", "50")
        .env("SCORE_FOLD_INTERVAL_MS", "50");
    for (key, value) in extra {
        options = options.env(key, *value);
    }
    TestServer::start_with(options)
}

/// Subscribes `url` for the organization; returns the endpoint's id and secret.
fn subscribe(server: &TestServer, owner: &User, organization: &str, body: Value) -> (String, String) {
    let res = server.client.call(
        "POST",
        &format!("/api/v1/organizations/{organization}/webhooks"),
        owner.token(),
        Some(&body),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let created = res.json();
    assert!(created["secret"].as_str().unwrap().starts_with("whsec_"));
    (
        created["id"].as_str().unwrap().to_owned(),
        created["secret"].as_str().unwrap().to_owned(),
    )
}

/// Verifies a received message with the independent Standard Webhooks implementation.
fn verify(received: &Received, secret: &str) -> Result<(), String> {
    let mut headers = http::HeaderMap::new();
    for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        headers.insert(
            name,
            received.header(name).parse().map_err(|_| format!("no {name}"))?,
        );
    }
    standardwebhooks::Webhook::new(secret)
        .map_err(|err| err.to_string())?
        .verify(received.body.as_bytes(), &headers)
        .map_err(|err| err.to_string())
}

/// The endpoint's first (newest) message, or `null` before there is one.
fn newest(server: &TestServer, owner: &User, webhook: &str) -> Value {
    deliveries(server, owner, webhook)
        .first()
        .cloned()
        .unwrap_or(Value::Null)
}

fn deliveries(server: &TestServer, owner: &User, webhook: &str) -> Vec<Value> {
    let res = server.client.call(
        "GET",
        &format!("/api/v1/webhooks/{webhook}/deliveries"),
        owner.token(),
        None,
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["items"].as_array().unwrap().clone()
}

fn post(server: &TestServer, user: &User, path: &str, body: Option<Value>) -> Value {
    let res = server.client.call("POST", path, user.token(), body.as_ref());
    assert!(res.status < 300, "POST {path}: {} {}", res.status, res.text());
    if res.text().is_empty() {
        Value::Null
    } else {
        res.json()
    }
}

/// `user` upvotes the contribution `entry`.
fn vote(server: &TestServer, user: &User, entry: &str) -> schwarm_tests::TestResponse {
    server.client.call(
        "PUT",
        &format!("/api/v1/contributions/{entry}/vote"),
        user.token(),
        Some(&json!({"value": 1})),
    )
}

#[test]
fn a_campaign_run_through_its_phases_delivers_every_event_once_signed_and_verifiable() {
    let server = server(&[]);
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let organization = server.client.get("/api/v1/organizations/acme").json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (webhook, secret) = subscribe(
        &server,
        &ada,
        "acme",
        json!({"url": format!("{}/hook", receiver.url)}),
    );

    let t0 = "2031-03-01T10:00:00Z";
    let hour = 3_600_000_000;
    server.set_clock(t0);
    let schedule = json!({
        "submissions_open_at": shifted(t0, hour), "submissions_close_at": shifted(t0, 2 * hour),
        "voting_open_at": shifted(t0, 3 * hour), "voting_close_at": shifted(t0, 4 * hour),
    });
    let slug = server
        .client
        .campaign_with_schedule(&ada, "acme", "Bottle", json!({}), schedule);
    server.set_clock(&shifted(t0, hour + 1));
    let bea = server.client.register("bea");
    let entry = post(
        &server,
        &bea,
        &format!("/api/v1/campaigns/{slug}/contributions"),
        Some(json!({"title": "Wave"})),
    );
    let entry_id = entry["id"].as_str().unwrap().to_owned();
    // Two boundaries passed while nobody looked: both transitions are announced, in order.
    server.set_clock(&shifted(t0, 3 * hour + 1));
    let cyd = server.client.register("cyd");
    assert!(eventually(Duration::from_secs(10), || {
        vote(&server, &cyd, &entry_id).status == 200
    }));
    post(
        &server,
        &cyd,
        &format!("/api/v1/contributions/{entry_id}/comments"),
        Some(json!({"body": "Lovely"})),
    );
    server.set_clock(&shifted(t0, 4 * hour + 1));
    assert!(eventually(Duration::from_secs(10), || {
        server
            .client
            .call(
                "POST",
                &format!("/api/v1/campaigns/{slug}/awards/finalize"),
                ada.token(),
                None,
            )
            .status
            < 300
    }));
    post(&server, &ada, &format!("/api/v1/campaigns/{slug}/close"), None);

    // Everything recorded for the organization is dispatched, then delivered.
    let mut db = server.db();
    let stored = |db: &mut schwarm_tests::db::TestDb| {
        db.key_counts(&format!(
            "SELECT id AS key, CAST(CASE WHEN dispatched_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS n \
             FROM events WHERE organization_id = '{organization}'"
        ))
    };
    assert!(eventually(Duration::from_secs(20), || stored(&mut db)
        .iter()
        .all(|(_, done)| *done == 1)));
    let event_ids: BTreeSet<String> = stored(&mut db).into_iter().map(|(id, _)| id).collect();
    let received = receiver.wait_for(event_ids.len(), Duration::from_secs(20));
    assert!(eventually(Duration::from_secs(5), || receiver.received().len()
        >= event_ids.len()));
    std::thread::sleep(Duration::from_millis(500));
    let received = if receiver.received().len() > received.len() {
        receiver.received()
    } else {
        received
    };

    let delivered: Vec<String> = received
        .iter()
        .map(|message| message.json()["data"]["event_id"].as_str().unwrap().to_owned())
        .collect();
    let unique: BTreeSet<String> = delivered.iter().cloned().collect();
    assert_eq!(delivered.len(), unique.len(), "no event is delivered twice");
    assert_eq!(unique, event_ids, "every event of the organization is delivered");
    let message_ids: BTreeSet<&str> = received.iter().map(|m| m.header("webhook-id")).collect();
    assert_eq!(message_ids.len(), received.len(), "one webhook-id per message");

    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    for message in &received {
        verify(message, &secret).unwrap_or_else(|err| panic!("signature: {err}: {}", message.body));
        assert_eq!(message.header("content-type"), "application/json");
        let body = message.json();
        assert_eq!(body["data"]["version"], 1);
        assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
        *types
            .entry(body["type"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    for expected in [
        "campaign.published",
        "contribution.submitted",
        "contribution.published",
        "vote.cast",
        "comment.created",
        "awards.finalized",
        "campaign.closed",
    ] {
        assert!(types.contains_key(expected), "{expected} missing from {types:?}");
    }
    // Deliveries run in parallel, so the order of arrival is not the order of events.
    let mut phases: Vec<(String, String, String)> = received
        .iter()
        .map(Received::json)
        .filter(|body| body["type"] == "campaign.phase_changed")
        .map(|body| {
            (
                body["data"]["begins_at"].as_str().unwrap().to_owned(),
                body["data"]["from"].as_str().unwrap().to_owned(),
                body["data"]["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    phases.sort();
    let phases: Vec<(String, String)> = phases.into_iter().map(|(_, from, to)| (from, to)).collect();
    let expected: Vec<(String, String)> = [
        ("scheduled", "submission"),
        ("submission", "review"),
        ("review", "voting"),
        ("voting", "judging"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(phases, expected, "each transition once, in order");

    // The delivery log says the same.
    let log = deliveries(&server, &ada, &webhook);
    assert_eq!(log.len(), received.len());
    assert!(
        log.iter()
            .all(|d| d["status"] == "succeeded" && d["attempts"] == 1),
        "{log:?}"
    );
    assert!(log.iter().all(|d| d["attempt_log"][0]["status_code"] == 200));
}

#[test]
fn a_failing_receiver_gets_the_same_message_again_on_the_schedule() {
    let server = server(&[]);
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let (webhook, secret) = subscribe(&server, &ada, "acme", json!({"url": receiver.url}));
    receiver.script([Reply::RetryAfter(503, 1)]);
    server.client.open_campaign(&ada, "acme", "Bottle", json!({}));
    let received = receiver.wait_for(2, Duration::from_secs(20));
    assert_eq!(received.len(), 2, "a failure, then success");
    assert_eq!(received[0].json()["type"], "campaign.published");
    let ids: BTreeSet<&str> = received.iter().map(|m| m.header("webhook-id")).collect();
    assert_eq!(ids.len(), 1, "every attempt carries the same webhook-id");
    let message_id = newest(&server, &ada, &webhook)["id"].as_str().unwrap().to_owned();
    assert_eq!(ids.iter().next().unwrap(), &message_id);
    for message in &received {
        verify(message, &secret).unwrap();
    }
    // The schedule starts at 5 s (±20 %); a Retry-After shorter than that does not shorten it.
    let gap = received[1].at - received[0].at;
    assert!(gap >= Duration::from_millis(3900), "first retry after {gap:?}");
    assert!(eventually(Duration::from_secs(5), || {
        newest(&server, &ada, &webhook)["status"] == "succeeded"
    }));
    let delivery = &newest(&server, &ada, &webhook);
    assert_eq!(delivery["attempts"], 2);
    let codes: Vec<&Value> = delivery["attempt_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["status_code"])
        .collect();
    assert_eq!(codes, [&json!(503), &json!(200)]);
    assert_eq!(
        delivery["attempt_log"][0]["response"], "busy",
        "the answer's start is logged"
    );
}

#[test]
fn hangs_redirects_and_dropped_connections_fail_alone_and_block_nothing() {
    let server = server(&[]);
    let (slow, quick) = (Receiver::start(), Receiver::start());
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let (hanging, _) = subscribe(&server, &ada, "acme", json!({"url": slow.url}));
    let (redirecting, _) = subscribe(&server, &ada, "acme", json!({"url": format!("{}/a", quick.url)}));
    slow.script([Reply::Hang(Duration::from_secs(14))]);
    quick.script([Reply::Redirect(format!("{}/elsewhere", quick.url)), Reply::Close]);
    // One event, a message to each endpoint.
    server.client.open_campaign(&ada, "acme", "Bottle", json!({}));
    // The redirect is answered and not followed, while the other endpoint still hangs.
    assert!(eventually(Duration::from_secs(5), || {
        newest(&server, &ada, &redirecting)["attempt_log"][0]["status_code"] == 302
    }));
    assert!(
        quick.received().iter().all(|m| m.path == "/a"),
        "a redirect is never followed"
    );
    // The hang ends in a timeout after 10 s: logged without a status, and retried later.
    assert!(eventually(Duration::from_secs(20), || {
        let log = newest(&server, &ada, &hanging);
        log["attempts"] == 1 && log["status"] == "pending"
    }));
    let attempt = &newest(&server, &ada, &hanging)["attempt_log"][0];
    assert!(attempt["status_code"].is_null(), "{attempt}");
    assert!(
        attempt["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{attempt}"
    );
    assert!(attempt["duration_ms"].as_i64().unwrap() >= 9_000, "{attempt}");
    // The redirecting endpoint's retry met a dropped connection: a failure with an error.
    assert!(eventually(Duration::from_secs(15), || {
        newest(&server, &ada, &redirecting)["attempts"] == 2
    }));
    let retry = &newest(&server, &ada, &redirecting)["attempt_log"][1];
    assert!(
        retry["status_code"].is_null() && retry["error"].is_string(),
        "{retry}"
    );
}

#[test]
fn internal_targets_and_bad_subscriptions_are_refused_naming_the_field() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    server.client.create_organization(&ada, "other");
    let foreign = server.client.open_campaign(&ada, "other", "Elsewhere", json!({}));
    let create = |body: Value| {
        server.client.call(
            "POST",
            "/api/v1/organizations/acme/webhooks",
            ada.token(),
            Some(&body),
        )
    };
    for (url, code) in [
        ("https://127.0.0.1/hook", "webhook.target_forbidden"),
        ("https://[::1]/hook", "webhook.target_forbidden"),
        ("https://[::ffff:10.0.0.7]/hook", "webhook.target_forbidden"),
        (
            "https://169.254.169.254/latest/meta-data",
            "webhook.target_forbidden",
        ),
        ("https://localhost:8080/hook", "webhook.target_forbidden"),
        ("http://hooks.example.com/hook", "webhook.https_required"),
        ("https://user:pw@hooks.example.com/hook", "field.format"),
        ("not a url", "field.format"),
    ] {
        let problem = create(json!({"url": url})).problem(422);
        assert_eq!(
            (problem["code"].as_str(), problem["field"].as_str()),
            (Some(code), Some("url")),
            "{url}"
        );
    }
    let problem =
        create(json!({"url": "https://hooks.example.com", "event_types": ["vote.nonsense"]})).problem(422);
    assert_eq!(problem["field"], "event_types[0]", "{problem}");
    let problem = create(json!({"url": "https://hooks.example.com", "campaign": foreign})).problem(422);
    assert_eq!(problem["code"], "webhook.campaign_foreign");
    // A stranger learns nothing about the organization's endpoints.
    let (id, _) = subscribe(
        &server,
        &ada,
        "acme",
        json!({"url": "https://hooks.example.com/x"}),
    );
    let eve = server.client.register("eve");
    server
        .client
        .call("GET", &format!("/api/v1/webhooks/{id}"), eve.token(), None)
        .problem(404);
    server
        .client
        .call("GET", "/api/v1/organizations/acme/webhooks", eve.token(), None)
        .problem(403);
}

#[test]
fn a_target_allowed_when_saved_is_checked_again_at_delivery() {
    let db = schwarm_tests::TestDatabase::fresh();
    let receiver = Receiver::start();
    let open = TestServer::start_with(
        ServerOptions::new()
            .default_database()
            .env("DATABASE_URL", db.url.clone())
            .env("WEBHOOK_ALLOW_HTTP", "true")
            .env("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true"),
    );
    let ada = open.client.register("ada");
    open.client.create_organization(&ada, "acme");
    let (webhook, _) = subscribe(&open, &ada, "acme", json!({"url": receiver.url}));
    drop(open);
    // The operator closes private targets: the saved endpoint may not reach loopback any more.
    let strict = TestServer::start_with(
        ServerOptions::new()
            .default_database()
            .env("DATABASE_URL", db.url.clone())
            .env("WEBHOOK_ALLOW_HTTP", "true"),
    );
    let ada = schwarm_tests::api::session(
        &strict
            .client
            .login("ada@example.com", schwarm_tests::api::PASSWORD)
            .json(),
        "ada@example.com",
    );
    post(&strict, &ada, &format!("/api/v1/webhooks/{webhook}/ping"), None);
    assert!(eventually(Duration::from_secs(10), || {
        newest(&strict, &ada, &webhook)["attempts"] == 1
    }));
    let attempt = &newest(&strict, &ada, &webhook)["attempt_log"][0];
    assert!(
        attempt["error"].as_str().unwrap().contains("blocked"),
        "{attempt}"
    );
    assert!(
        receiver.received().is_empty(),
        "nothing reached the internal address"
    );
}

#[test]
fn after_a_rotation_both_secrets_sign_and_filters_choose_what_arrives() {
    let server = server(&[]);
    let (votes_only, everything) = (Receiver::start(), Receiver::start());
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let first = server
        .client
        .open_campaign(&ada, "acme", "First", json!({"vote_during_submission": true}));
    let second = server
        .client
        .open_campaign(&ada, "acme", "Second", json!({"vote_during_submission": true}));
    let (filtered, _) = subscribe(
        &server,
        &ada,
        "acme",
        json!({"url": votes_only.url, "event_types": ["vote.cast"], "campaign": first}),
    );
    let (all, old_secret) = subscribe(&server, &ada, "acme", json!({"url": everything.url}));
    let rotated = post(
        &server,
        &ada,
        &format!("/api/v1/webhooks/{all}/rotate-secret"),
        None,
    );
    let new_secret = rotated["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, old_secret);
    assert!(rotated["previous_secret_valid_until"].is_string());

    let bea = server.client.register("bea");
    let mut entries = Vec::new();
    for slug in [&first, &second] {
        let entry = post(
            &server,
            &bea,
            &format!("/api/v1/campaigns/{slug}/contributions"),
            Some(json!({"title": "Entry"})),
        );
        entries.push(entry["id"].as_str().unwrap().to_owned());
    }
    let cyd = server.client.register("cyd");
    for entry in &entries {
        let res = vote(&server, &cyd, entry);
        assert_eq!(res.status, 200, "{}", res.text());
    }
    let got = votes_only.wait_for(1, Duration::from_secs(10));
    std::thread::sleep(Duration::from_secs(1));
    let arrived: Vec<(String, String)> = votes_only
        .received()
        .iter()
        .map(|message| (message.header("webhook-id").to_owned(), message.body.clone()))
        .collect();
    assert_eq!(arrived.len(), 1, "only the first campaign's vote: {arrived:#?}");
    assert_eq!(got[0].json()["type"], "vote.cast");
    assert_eq!(got[0].json()["data"]["contribution_id"], entries[0].as_str());

    // The campaigns were published before the endpoint existed: what arrives is what followed.
    let messages = everything.wait_for(6, Duration::from_secs(10));
    let types: BTreeMap<String, usize> = messages.iter().fold(BTreeMap::new(), |mut types, message| {
        *types
            .entry(message.json()["type"].as_str().unwrap().to_owned())
            .or_default() += 1;
        types
    });
    let expected = [
        ("contribution.published", 2),
        ("contribution.submitted", 2),
        ("vote.cast", 2),
    ];
    assert_eq!(
        types,
        expected.map(|(name, n)| (name.to_owned(), n)).into(),
        "{messages:#?}"
    );
    for message in &messages {
        assert_eq!(
            message.header("webhook-signature").split(' ').count(),
            2,
            "both secrets sign"
        );
        verify(message, &new_secret).unwrap_or_else(|err| panic!("new secret: {err}: {message:?}"));
        verify(message, &old_secret).unwrap_or_else(|err| panic!("old secret: {err}: {message:?}"));
    }
    let _ = filtered;
}

#[test]
fn an_endpoint_gets_no_event_from_before_it_subscribed_even_one_dispatched_after() {
    let server = server(&[]);
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let slug = server.client.open_campaign(&ada, "acme", "Launch", json!({}));
    let mut db = server.db();
    let undispatched =
        "SELECT type AS key, COUNT(*) AS n FROM events WHERE dispatched_at IS NULL GROUP BY type";
    assert!(eventually(Duration::from_secs(10), || db
        .key_counts(undispatched)
        .is_empty()));
    let (webhook, _) = subscribe(&server, &ada, "acme", json!({"url": receiver.url}));
    // As if the dispatcher had been slow: the publication, older than the endpoint, is
    // dispatched after the endpoint was created.
    let late = db.execute("UPDATE events SET dispatched_at = NULL WHERE type = 'campaign.published'");
    assert_eq!(late, 1);
    let bea = server.client.register("bea");
    post(
        &server,
        &bea,
        &format!("/api/v1/campaigns/{slug}/contributions"),
        Some(json!({"title": "Entry"})),
    );
    // Events are dispatched in order, each with its messages in one transaction: once the
    // newer events are dispatched, the older one's messages would be queued too.
    assert!(eventually(Duration::from_secs(10), || db
        .key_counts(undispatched)
        .is_empty()));
    let mut queued: Vec<String> = deliveries(&server, &ada, &webhook)
        .iter()
        .map(|message| message["event_type"].as_str().unwrap().to_owned())
        .collect();
    queued.sort();
    assert_eq!(queued, ["contribution.published", "contribution.submitted"]);
    let arrived = receiver.wait_for(2, Duration::from_secs(10));
    assert_eq!(arrived.len(), 2, "{arrived:#?}");
}

#[test]
fn an_endpoint_that_keeps_failing_is_disabled_and_its_owners_are_told() {
    let server = server(&[("WEBHOOK_DISABLE_AFTER_HOURS", "0")]);
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let (webhook, _) = subscribe(&server, &ada, "acme", json!({"url": receiver.url}));
    // A failing test by hand (a ping) neither starts nor lengthens the streak.
    receiver.script([Reply::Status(500), Reply::Status(500)]);
    post(&server, &ada, &format!("/api/v1/webhooks/{webhook}/ping"), None);
    assert!(eventually(Duration::from_secs(10), || {
        newest(&server, &ada, &webhook)["status"] == "failed"
    }));
    let endpoint = server
        .client
        .call("GET", &format!("/api/v1/webhooks/{webhook}"), ada.token(), None)
        .json();
    assert_eq!(
        (endpoint["enabled"].clone(), endpoint["failing_since"].clone()),
        (json!(true), Value::Null)
    );
    // A real event whose delivery fails starts it (and with no grace configured, ends it).
    let bea = server.client.register("bea");
    assert!(server.client.set_role(&ada, "acme", &bea, "moderator").status < 300);
    assert!(eventually(Duration::from_secs(10), || {
        server
            .client
            .call("GET", &format!("/api/v1/webhooks/{webhook}"), ada.token(), None)
            .json()["enabled"]
            == false
    }));
    let endpoint = server
        .client
        .call("GET", &format!("/api/v1/webhooks/{webhook}"), ada.token(), None)
        .json();
    assert_eq!(endpoint["disabled_reason"], "failing");
    assert!(endpoint["failing_since"].is_string());
    assert!(eventually(Duration::from_secs(10), || {
        let inbox = server
            .client
            .call("GET", "/api/v1/me/notifications", ada.token(), None)
            .json();
        inbox["items"].as_array().unwrap().iter().any(|n| {
            n["kind"] == "webhook_disabled"
                && n["subject_id"] == webhook.as_str()
                && n["data"]["organization_slug"] == "acme"
        })
    }));
    // By hand, a message still goes to a disabled endpoint (to test a fix); enabling it again
    // starts the streak over.
    let delivery = newest(&server, &ada, &webhook)["id"].as_str().unwrap().to_owned();
    let res = server.client.call(
        "POST",
        &format!("/api/v1/webhooks/{webhook}/deliveries/{delivery}/redeliver"),
        ada.token(),
        None,
    );
    assert_eq!(res.status, 202, "{}", res.text());
    // The ping, the failed event, and now the redelivery.
    assert_eq!(receiver.wait_for(3, Duration::from_secs(10)).len(), 3);
    assert!(eventually(Duration::from_secs(5), || {
        newest(&server, &ada, &webhook)["status"] == "succeeded"
    }));
    let enabled = server.client.call(
        "PATCH",
        &format!("/api/v1/webhooks/{webhook}"),
        ada.token(),
        Some(&json!({"enabled": true})),
    );
    assert_eq!(enabled.json()["enabled"], true);
    assert!(enabled.json()["failing_since"].is_null());
    assert!(enabled.json()["disabled_reason"].is_null());
    // A manager switching it off is told apart from failures.
    let disabled = server.client.call(
        "PATCH",
        &format!("/api/v1/webhooks/{webhook}"),
        ada.token(),
        Some(&json!({"enabled": false})),
    );
    assert_eq!(
        disabled.json()["disabled_reason"],
        "manager",
        "{}",
        disabled.text()
    );
}

#[test]
fn an_answer_with_control_bytes_is_logged_and_counts() {
    let server = server(&[]);
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let (webhook, _) = subscribe(&server, &ada, "acme", json!({"url": receiver.url}));
    // PostgreSQL refuses NUL in text: the log keeps the answer readable instead of failing (and
    // sending the message again and again).
    receiver.script([Reply::Body(200, "ok\0\u{1b}[31m done".into())]);
    post(&server, &ada, &format!("/api/v1/webhooks/{webhook}/ping"), None);
    assert!(eventually(Duration::from_secs(10), || {
        newest(&server, &ada, &webhook)["status"] == "succeeded"
    }));
    let logged = newest(&server, &ada, &webhook)["attempt_log"][0]["response"].clone();
    assert_eq!(logged, "ok\u{fffd}\u{fffd}[31m done");
    assert_eq!(receiver.received().len(), 1, "sent once");
}

#[test]
fn parallel_subscriptions_stop_at_the_limit() {
    let server = server(&[]);
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..24)
            .map(|n| {
                let (server, ada) = (&server, &ada);
                scope.spawn(move || {
                    server
                        .client
                        .call(
                            "POST",
                            "/api/v1/organizations/acme/webhooks",
                            ada.token(),
                            Some(&json!({"url": format!("http://127.0.0.1:9/hook{n}")})),
                        )
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 20, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 4, "{statuses:?}");
    let listed = server.client.call(
        "GET",
        "/api/v1/organizations/acme/webhooks?limit=100",
        ada.token(),
        None,
    );
    assert_eq!(listed.json()["items"].as_array().unwrap().len(), 20);
}

/// An idle server parks its recurring jobs that poll for work (the folds, the dispatcher, the
/// announcer, the mail composers): each is queued a minute ahead and not written at all while
/// nothing happens (before, each ran and was rescheduled every interval, two write transactions
/// a run). A vote wakes the folds and the dispatcher: its score and analytics are folded and its
/// event delivered long before a parked job would run by itself.
#[test]
fn an_idle_server_parks_its_folds_and_dispatcher_and_a_vote_wakes_them() {
    let server = server(&[]);
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    subscribe(&server, &ada, "acme", json!({"url": receiver.url}));
    let slug = server
        .client
        .open_campaign(&ada, "acme", "Launch", json!({"vote_during_submission": true}));
    let bea = server.client.register("bea");
    let entry = post(
        &server,
        &bea,
        &format!("/api/v1/campaigns/{slug}/contributions"),
        Some(json!({"title": "Entry"})),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut db = server.db();
    let jobs = "SELECT kind || '|' || status || '|' || CAST(run_at AS TEXT) || '|' || CAST(updated_at AS TEXT) AS key, \
                COUNT(*) AS n FROM jobs WHERE kind IN ('scores.fold', 'counters.fold', 'events.dispatch', \
                'campaigns.announce_phases', 'mail.compose_immediate', 'mail.compose_digests') \
                GROUP BY kind, status, run_at, updated_at ORDER BY kind";
    let parked_a_minute_ahead = |rows: &[(String, i64)]| {
        rows.len() == 6
            && rows.iter().all(|(row, _)| {
                let [_, status, run_at, updated_at] = row.split('|').collect::<Vec<_>>()[..] else {
                    return false;
                };
                let at =
                    |text: &str| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").unwrap();
                status == "queued" && at(run_at) - at(updated_at) >= chrono::TimeDelta::seconds(50)
            })
    };
    // The folds and the dispatcher run every 50 ms while they have work; idle, all six are
    // parked and none of their rows changes for a second (twenty of those intervals).
    let mut parked = Vec::new();
    let idle = eventually(Duration::from_secs(20), || {
        let before = db.key_counts(jobs);
        std::thread::sleep(Duration::from_secs(1));
        parked = db.key_counts(jobs);
        before == parked && parked_a_minute_ahead(&parked)
    });
    assert!(idle, "not parked, or rewritten while idle: {parked:?}");

    let carl = server.client.register("carl");
    let res = vote(&server, &carl, &entry);
    assert_eq!(res.status, 200, "{}", res.text());
    let pending = "SELECT 'votes' AS key, COUNT(*) AS n FROM vote_deltas \
                   UNION ALL SELECT 'analytics', COUNT(*) FROM insight_deltas \
                   UNION ALL SELECT 'events', COUNT(*) FROM events WHERE dispatched_at IS NULL";
    let votes_delivered = || {
        receiver
            .received()
            .iter()
            .filter(|message| message.json()["type"] == "vote.cast")
            .count()
    };
    let mut left = Vec::new();
    let woken = eventually(Duration::from_secs(10), || {
        left = db.key_counts(pending);
        left.iter().all(|(_, n)| *n == 0) && votes_delivered() > 0
    });
    assert!(
        woken,
        "after the vote, pending: {left:?}, vote events delivered: {}",
        votes_delivered()
    );
    assert_eq!(votes_delivered(), 1);
    // The folds and the dispatcher ran (their rows were rewritten), woken by what the vote left.
    let after = db.key_counts(jobs);
    for kind in ["scores.fold", "counters.fold", "events.dispatch"] {
        let row = |rows: &[(String, i64)]| rows.iter().find(|(row, _)| row.starts_with(kind)).cloned();
        assert_ne!(row(&after), row(&parked), "{kind} ran after the vote");
    }

    // The clock passes the end of submissions: the parked announcer wakes and announces it.
    let announced = "SELECT type AS key, COUNT(*) AS n FROM events \
                     WHERE type = 'campaign.phase_changed' GROUP BY type";
    assert!(db.key_counts(announced).is_empty());
    server.set_clock(&schwarm_tests::api::at(3660));
    assert!(
        eventually(Duration::from_secs(10), || !db.key_counts(announced).is_empty()),
        "the phase change was not announced"
    );
}
