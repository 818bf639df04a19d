//! Comments: threaded one level and listed in thread order across pages; only on published
//! entries of running campaigns; deleted by their author or a moderator, keeping their place;
//! reported once per person and listed for moderators.

use schwarm_tests::TestServer;
use schwarm_tests::api::User;
use serde_json::{Value, json};

struct Setup {
    server: TestServer,
    owner: User,
    campaign: String,
    contribution: String,
}

fn setup() -> Setup {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let campaign = server.client.open_campaign(&owner, "acme", "Bottle", json!({}));
    let submitter = server.client.register("submitter");
    let made = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{campaign}/contributions"),
        submitter.token(),
        Some(&json!({"title": "Wave"})),
    );
    let contribution = made.json()["id"].as_str().unwrap().to_owned();
    Setup {
        server,
        owner,
        campaign,
        contribution,
    }
}

impl Setup {
    fn comment(&self, user: &User, body: Value) -> schwarm_tests::TestResponse {
        self.server.client.call(
            "POST",
            &format!("/api/v1/contributions/{}/comments", self.contribution),
            user.token(),
            Some(&body),
        )
    }

    fn post(&self, user: &User, text: &str, parent: Option<&str>) -> String {
        let res = self.comment(user, json!({"body": text, "parent_id": parent}));
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()["id"].as_str().unwrap().to_owned()
    }

    /// Every comment's body (or `-` once deleted), following the cursor page by page.
    fn thread(&self, limit: usize) -> Vec<String> {
        let mut bodies = Vec::new();
        let mut cursor = String::new();
        loop {
            let page = self
                .server
                .get(&format!(
                    "/api/v1/contributions/{}/comments?limit={limit}&cursor={cursor}",
                    self.contribution
                ))
                .json();
            for item in page["items"].as_array().unwrap() {
                bodies.push(item["body"].as_str().unwrap_or("-").to_owned());
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => return bodies,
            }
        }
    }
}

#[test]
fn replies_follow_their_comment_in_thread_order_across_pages() {
    let s = setup();
    let (ada, bob) = (s.server.client.register("ada"), s.server.client.register("bob"));
    let a = s.post(&ada, "A", None);
    let b = s.post(&bob, "B", None);
    s.post(&bob, "A1", Some(&a));
    s.post(&ada, "B1", Some(&b));
    let a2 = s.post(&ada, "A2", Some(&a));
    for limit in [1, 2, 100] {
        assert_eq!(s.thread(limit), ["A", "A1", "A2", "B", "B1"], "limit {limit}");
    }
    let deeper = s
        .comment(&bob, json!({"body": "A2a", "parent_id": a2}))
        .problem(422);
    assert_eq!(deeper["errors"][0]["field"], "parent_id");
    let elsewhere = s.comment(
        &bob,
        json!({"body": "?", "parent_id": "0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10"}),
    );
    assert_eq!(elsewhere.problem(422)["errors"][0]["field"], "parent_id");
    let blank = s.comment(&bob, json!({"body": " \u{85} "})).problem(422);
    assert_eq!(blank["errors"][0]["field"], "body");
    let listed = s
        .server
        .get(&format!("/api/v1/contributions/{}/comments", s.contribution))
        .json();
    assert_eq!(listed["items"][1]["parent_id"], a.as_str());
    assert_eq!(listed["items"][1]["author_display_name"], "bob");
}

#[test]
fn the_author_or_a_moderator_deletes_and_the_place_stays() {
    let s = setup();
    let (ada, bob, moderator) = (
        s.server.client.register("ada"),
        s.server.client.register("bob"),
        s.server.client.register("moderator"),
    );
    assert_eq!(
        s.server
            .client
            .set_role(&s.owner, "acme", &moderator, "moderator")
            .status,
        201
    );
    let first = s.post(&ada, "first", None);
    let second = s.post(&ada, "second", None);
    s.post(&bob, "reply", Some(&first));
    let delete = |user: &User, id: &str| {
        s.server
            .client
            .call("DELETE", &format!("/api/v1/comments/{id}"), user.token(), None)
    };
    delete(&bob, &first).problem(403);
    assert_eq!(delete(&moderator, &first).status, 204);
    assert_eq!(delete(&ada, &second).status, 204);
    assert_eq!(
        delete(&ada, &second).status,
        204,
        "deleting again changes nothing"
    );
    assert_eq!(
        s.thread(10),
        ["-", "reply", "-"],
        "deleted comments keep their place"
    );
    let listed = s
        .server
        .get(&format!("/api/v1/contributions/{}/comments", s.contribution))
        .json();
    assert!(listed["items"][0]["deleted_at"].is_string());
    let reply = s.comment(&bob, json!({"body": "still answerable", "parent_id": first}));
    assert_eq!(reply.status, 201, "a thread outlives its first comment");
    delete(&bob, "not-an-id").problem(404);
    s.server
        .client
        .call("DELETE", &format!("/api/v1/comments/{first}"), None, None)
        .problem(401);
}

#[test]
fn comments_need_a_published_entry_and_a_running_campaign() {
    let s = setup();
    let ada = s.server.client.register("ada");
    s.server
        .client
        .call(
            "POST",
            &format!("/api/v1/contributions/{}/comments", s.contribution),
            None,
            Some(&json!({"body": "anonymous"})),
        )
        .problem(401);
    let hidden = s.server.client.call(
        "POST",
        &format!("/api/v1/contributions/{}/moderation", s.contribution),
        s.owner.token(),
        Some(&json!({"decision": "hide", "reason": "off topic"})),
    );
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    s.comment(&ada, json!({"body": "on a hidden entry"})).problem(404);
    let restored = s.server.client.call(
        "POST",
        &format!("/api/v1/contributions/{}/moderation", s.contribution),
        s.owner.token(),
        Some(&json!({"decision": "restore"})),
    );
    assert_eq!(restored.status, 200);
    s.post(&ada, "while it runs", None);
    let cancelled = s.server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{}/cancel", s.campaign),
        s.owner.token(),
        None,
    );
    assert_eq!(cancelled.status, 200);
    let closed = s.comment(&ada, json!({"body": "after the end"})).problem(409);
    assert!(closed["detail"].as_str().unwrap().contains("ended"), "{closed}");
    assert_eq!(s.thread(10), ["while it runs"], "the conversation stays readable");
}

#[test]
fn comments_are_reported_once_and_listed_for_moderators() {
    let s = setup();
    let (ada, bob, eve) = (
        s.server.client.register("ada"),
        s.server.client.register("bob"),
        s.server.client.register("eve"),
    );
    let rude = s.post(&eve, "rude", None);
    let mild = s.post(&eve, "mild", None);
    let report = |user: &User, id: &str| {
        s.server.client.call(
            "POST",
            &format!("/api/v1/comments/{id}/reports"),
            user.token(),
            Some(&json!({"reason": "insulting"})),
        )
    };
    let first = report(&ada, &rude);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["target_type"], "comment");
    assert_eq!(first.json()["target_id"], rude.as_str());
    report(&ada, &rude).problem(409);
    assert_eq!(report(&bob, &rude).status, 201);
    assert_eq!(report(&bob, &mild).status, 201);

    let listing = format!("/api/v1/campaigns/{}/reported-comments", s.campaign);
    s.server
        .client
        .call("GET", &listing, ada.token(), None)
        .problem(403);
    let queue = s
        .server
        .client
        .call("GET", &listing, s.owner.token(), None)
        .json();
    let counts: Vec<(String, i64)> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["comment"]["body"].as_str().unwrap().to_owned(),
                item["report_count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("rude".to_owned(), 2), ("mild".to_owned(), 1)],
        "most reported first"
    );

    let deleted = s.server.client.call(
        "DELETE",
        &format!("/api/v1/comments/{rude}"),
        s.owner.token(),
        None,
    );
    assert_eq!(deleted.status, 204);
    let queue = s
        .server
        .client
        .call("GET", &listing, s.owner.token(), None)
        .json();
    assert_eq!(
        queue["items"].as_array().unwrap().len(),
        1,
        "a deleted comment leaves the list"
    );
    report(&s.owner, &rude).problem(409);
}
