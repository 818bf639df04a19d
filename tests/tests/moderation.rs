//! Moderation: one report per person, decisions only by staff and only where they apply, a
//! reason the authors see when something is taken away, and an audit log of every decision.

use schwarm_tests::TestServer;
use schwarm_tests::api::User;
use serde_json::{Value, json};

struct World {
    server: TestServer,
    owner: User,
    moderator: User,
    author: User,
}

fn world(rules: Value) -> (World, String) {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let moderator = server.client.register("moderator");
    server.client.set_role(&owner, "acme", &moderator, "moderator");
    let author = server.client.register("author");
    let campaign = server.client.open_campaign(&owner, "acme", "Bottle", rules);
    (
        World {
            server,
            owner,
            moderator,
            author,
        },
        campaign,
    )
}

fn submit(w: &World, user: &User, campaign: &str, title: &str) -> String {
    let res = w.server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{campaign}/contributions"),
        user.token(),
        Some(&json!({"title": title})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_str().unwrap().to_owned()
}

fn moderate(w: &World, user: &User, id: &str, body: Value) -> schwarm_tests::TestResponse {
    w.server.client.call(
        "POST",
        &format!("/api/v1/contributions/{id}/moderation"),
        user.token(),
        Some(&body),
    )
}

#[test]
fn a_report_is_made_once_per_person() {
    let (w, campaign) = world(json!({}));
    let id = submit(&w, &w.author, &campaign, "Entry");
    let reporter = w.server.client.register("reporter");
    let path = format!("/api/v1/contributions/{id}/reports");
    let first = w.server.client.call(
        "POST",
        &path,
        reporter.token(),
        Some(&json!({"reason": "Copies another entry"})),
    );
    assert_eq!(first.status, 201, "{}", first.text());
    w.server
        .client
        .call("POST", &path, reporter.token(), Some(&json!({"reason": "Again"})))
        .problem(409);
    let blank = w
        .server
        .client
        .call("POST", &path, w.owner.token(), Some(&json!({"reason": " "})));
    assert_eq!(blank.problem(422)["errors"][0]["field"], "reason");
}

#[test]
fn a_moderator_hides_with_a_reason_and_restores() {
    let (w, campaign) = world(json!({}));
    let id = submit(&w, &w.author, &campaign, "Entry");
    let gallery = |w: &World| {
        w.server
            .get(&format!("/api/v1/campaigns/{campaign}/contributions"))
            .json()["items"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(gallery(&w), 1);

    let no_reason = moderate(&w, &w.moderator, &id, json!({"decision": "hide"})).problem(422);
    assert_eq!(no_reason["errors"][0]["field"], "reason");
    let hidden = moderate(
        &w,
        &w.moderator,
        &id,
        json!({"decision": "hide", "reason": "Offensive imagery"}),
    );
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    assert_eq!(hidden.json()["status"], "hidden");
    assert_eq!(gallery(&w), 0, "hidden entries leave the gallery");
    let path = format!("/api/v1/contributions/{id}");
    w.server.get(&path).problem(404);
    let seen_by_author = w.server.client.call("GET", &path, w.author.token(), None).json();
    assert_eq!(
        seen_by_author["moderation_reason"], "Offensive imagery",
        "the author learns why"
    );

    let restored = moderate(&w, &w.moderator, &id, json!({"decision": "restore"})).json();
    assert_eq!(restored["status"], "published");
    assert!(restored["moderation_reason"].is_null());
    assert_eq!(gallery(&w), 1);
    moderate(&w, &w.moderator, &id, json!({"decision": "restore"})).problem(409);

    let log = w
        .server
        .client
        .call(
            "GET",
            &format!("/api/v1/contributions/{id}/moderation"),
            w.owner.token(),
            None,
        )
        .json();
    let entries: Vec<(String, String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["decision"].as_str().unwrap().into(),
                e["from_status"].as_str().unwrap().into(),
                e["to_status"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("hide".into(), "published".into(), "hidden".into()),
            ("restore".into(), "hidden".into(), "published".into())
        ]
    );
    assert_eq!(log[0]["actor_id"], w.moderator.id.as_str());
}

#[test]
fn only_staff_moderate_and_see_the_log() {
    let (w, campaign) = world(json!({}));
    let id = submit(&w, &w.author, &campaign, "Entry");
    let juror = w.server.client.register("juror");
    w.server.client.set_role(&w.owner, "acme", &juror, "juror");
    for user in [&w.author, &juror] {
        moderate(&w, user, &id, json!({"decision": "hide", "reason": "mine"})).problem(403);
        w.server
            .client
            .call(
                "GET",
                &format!("/api/v1/contributions/{id}/moderation"),
                user.token(),
                None,
            )
            .problem(403);
        w.server
            .client
            .call(
                "GET",
                &format!("/api/v1/campaigns/{campaign}/moderation-queue"),
                user.token(),
                None,
            )
            .problem(403);
    }
    assert_eq!(
        w.server.get(&format!("/api/v1/contributions/{id}")).json()["status"],
        "published"
    );
}

#[test]
fn approval_queue_and_reported_entries_reach_the_moderators() {
    let (w, campaign) = world(json!({"require_approval": true, "max_contributions_per_member": 3}));
    let waiting = submit(&w, &w.author, &campaign, "Awaiting");
    let approved = submit(&w, &w.author, &campaign, "To approve");
    let published = moderate(&w, &w.moderator, &approved, json!({"decision": "approve"})).json();
    assert_eq!(published["status"], "published");
    assert!(published["published_at"].is_string());
    moderate(&w, &w.moderator, &approved, json!({"decision": "approve"})).problem(409);
    let rejected = submit(&w, &w.author, &campaign, "To reject");
    let refused = moderate(
        &w,
        &w.owner,
        &rejected,
        json!({"decision": "reject", "reason": "Off brief"}),
    )
    .json();
    assert_eq!(
        (refused["status"].as_str(), refused["moderation_reason"].as_str()),
        (Some("rejected"), Some("Off brief"))
    );

    for name in ["r1", "r2"] {
        let reporter = w.server.client.register(name);
        let path = format!("/api/v1/contributions/{approved}/reports");
        assert_eq!(
            w.server
                .client
                .call("POST", &path, reporter.token(), Some(&json!({"reason": "spam"})))
                .status,
            201
        );
    }
    let queue = w
        .server
        .client
        .call(
            "GET",
            &format!("/api/v1/campaigns/{campaign}/moderation-queue"),
            w.moderator.token(),
            None,
        )
        .json();
    let items: Vec<(String, i64)> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["contribution"]["id"].as_str().unwrap().to_owned(),
                item["report_count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [(approved.clone(), 2), (waiting.clone(), 0)],
        "most reported first; rejected ones are done"
    );
}
