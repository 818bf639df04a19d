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

fn report(w: &World, reporter: &User, kind: &str, id: &str, body: Value) -> Value {
    let res = w.server.client.call(
        "POST",
        &format!("/api/v1/{kind}/{id}/reports"),
        reporter.token(),
        Some(&body),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()
}

fn desk(w: &World, user: &User, campaign: &str, query: &str) -> Vec<Value> {
    let res = w.server.client.call(
        "GET",
        &format!("/api/v1/campaigns/{campaign}/reports{query}"),
        user.token(),
        None,
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["items"].as_array().unwrap().clone()
}

fn resolve(w: &World, user: &User, report: &str, body: Value) -> schwarm_tests::TestResponse {
    w.server.client.call(
        "POST",
        &format!("/api/v1/reports/{report}/resolution"),
        user.token(),
        Some(&body),
    )
}

#[test]
fn the_desk_shows_each_report_by_category_and_reason_and_a_false_one_is_kept() {
    let (w, campaign) = world(json!({}));
    let entry = submit(&w, &w.author, &campaign, "Bottle with a bee");
    let (r1, r2) = (w.server.client.register("r1"), w.server.client.register("r2"));
    let first = report(
        &w,
        &r1,
        "contributions",
        &entry,
        json!({"category": "copyright", "reason": "Copied from the Acme logo"}),
    );
    assert_eq!(first["category"], "copyright");
    // Without a category a report is `other`, as clients before the desk sent it.
    report(
        &w,
        &r2,
        "contributions",
        &entry,
        json!({"reason": "I just dislike it"}),
    );

    let open = desk(&w, &w.moderator, &campaign, "");
    let seen: Vec<(&str, &str, &str)> = open
        .iter()
        .map(|r| {
            (
                r["category"].as_str().unwrap(),
                r["reason"].as_str().unwrap(),
                r["reporter_display_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("copyright", "Copied from the Acme logo", "r1"),
            ("other", "I just dislike it", "r2")
        ],
        "oldest first, with category, the reporter's words and who reported"
    );
    assert_eq!(
        open[0]["contribution"]["title"], "Bottle with a bee",
        "the inline preview"
    );
    assert_eq!(open[0]["open_reports_on_subject"], 2);
    assert!(open[0]["resolution"].is_null());

    // Reports are the staff's business: participants neither list nor settle them.
    w.server
        .client
        .call(
            "GET",
            &format!("/api/v1/campaigns/{campaign}/reports"),
            w.author.token(),
            None,
        )
        .problem(403);
    let id = first["id"].as_str().unwrap();
    assert_eq!(
        resolve(&w, &r1, id, json!({"action": "keep"})).problem(404)["code"],
        "not_found"
    );

    // Keep: one decision settles both reports; the entry stays in the gallery.
    let kept = resolve(
        &w,
        &w.moderator,
        id,
        json!({"action": "keep", "reason": "Own drawing"}),
    )
    .json();
    assert_eq!(
        (kept["action"].as_str(), kept["resolved_reports"].as_i64()),
        (Some("keep"), Some(2))
    );
    let again = resolve(&w, &w.owner, id, json!({"action": "hide", "reason": "x"})).problem(409);
    assert_eq!(
        again["code"], "report.resolved",
        "a settled report is not settled twice"
    );
    assert!(desk(&w, &w.moderator, &campaign, "").is_empty());
    let resolved = desk(&w, &w.moderator, &campaign, "?status=resolved");
    assert_eq!(resolved.len(), 2);
    assert!(
        resolved
            .iter()
            .all(|r| r["resolution"] == "keep" && r["resolution_reason"] == "Own drawing")
    );
    let entry_now = w
        .server
        .client
        .get(&format!("/api/v1/contributions/{entry}"))
        .json();
    assert_eq!(entry_now["status"], "published");
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
    assert!(
        queue["items"].as_array().unwrap().is_empty(),
        "a kept entry leaves the queue"
    );
}

#[test]
fn hiding_from_the_desk_tells_the_author_why_and_is_in_the_entrys_audit() {
    let (w, campaign) = world(json!({}));
    let entry = submit(&w, &w.author, &campaign, "Loud bottle");
    let reporter = w.server.client.register("reporter");
    let filed = report(
        &w,
        &reporter,
        "contributions",
        &entry,
        json!({"category": "offensive", "reason": "Insults a group"}),
    );
    let id = filed["id"].as_str().unwrap();
    let missing = resolve(&w, &w.moderator, id, json!({"action": "hide"})).problem(422);
    assert_eq!(
        (missing["code"].as_str(), missing["field"].as_str()),
        (Some("field.required"), Some("reason"))
    );
    assert_eq!(
        desk(&w, &w.moderator, &campaign, "").len(),
        1,
        "a refused resolution settles nothing"
    );

    resolve(
        &w,
        &w.moderator,
        id,
        json!({"action": "hide", "reason": "Against the rules of conduct"}),
    )
    .json();
    let seen_by_author = w
        .server
        .client
        .call(
            "GET",
            &format!("/api/v1/contributions/{entry}"),
            w.author.token(),
            None,
        )
        .json();
    assert_eq!(
        (
            seen_by_author["status"].as_str(),
            seen_by_author["moderation_reason"].as_str()
        ),
        (Some("hidden"), Some("Against the rules of conduct"))
    );
    let log = w
        .server
        .client
        .call(
            "GET",
            &format!("/api/v1/contributions/{entry}/moderation"),
            w.moderator.token(),
            None,
        )
        .json();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["decision"], "hide");
    // Rejecting a reported entry from its page answers its reports too.
    let copier = w.server.client.register("copier");
    let other = submit(&w, &copier, &campaign, "Copied bottle");
    report(
        &w,
        &reporter,
        "contributions",
        &other,
        json!({"category": "copyright", "reason": "Copied"}),
    );
    moderate(
        &w,
        &w.moderator,
        &other,
        json!({"decision": "reject", "reason": "A copy"}),
    );
    assert!(
        desk(&w, &w.moderator, &campaign, "").is_empty(),
        "no open report is left behind"
    );
    let audit = desk(
        &w,
        &w.moderator,
        &campaign,
        &format!("?status=resolved&target_id={entry}"),
    );
    assert_eq!(audit.len(), 1);
    assert_eq!(
        (audit[0]["category"].as_str(), audit[0]["resolution"].as_str()),
        (Some("offensive"), Some("hide"))
    );
}

#[test]
fn a_reported_comment_is_kept_or_hidden_never_rejected() {
    let (w, campaign) = world(json!({}));
    let entry = submit(&w, &w.author, &campaign, "Entry");
    let commenter = w.server.client.register("commenter");
    let comment = w.server.client.call(
        "POST",
        &format!("/api/v1/contributions/{entry}/comments"),
        commenter.token(),
        Some(&json!({"body": "Buy cheap watches at example.org"})),
    );
    assert_eq!(comment.status, 201, "{}", comment.text());
    let comment_id = comment.json()["id"].as_str().unwrap().to_owned();
    let reporter = w.server.client.register("reporter");
    let filed = report(
        &w,
        &reporter,
        "comments",
        &comment_id,
        json!({"category": "spam", "reason": "Advert"}),
    );
    let open = desk(&w, &w.moderator, &campaign, "");
    assert_eq!(open[0]["comment"]["body"], "Buy cheap watches at example.org");
    assert_eq!(
        open[0]["contribution"]["id"],
        entry.as_str(),
        "the entry the comment is on"
    );

    let id = filed["id"].as_str().unwrap();
    let refused = resolve(
        &w,
        &w.moderator,
        id,
        json!({"action": "reject", "reason": "Spam"}),
    )
    .problem(422);
    assert_eq!(
        (refused["code"].as_str(), refused["field"].as_str()),
        (Some("report.action_not_applicable"), Some("action"))
    );
    resolve(&w, &w.moderator, id, json!({"action": "hide", "reason": "Spam"})).json();
    let thread = w
        .server
        .get(&format!("/api/v1/contributions/{entry}/comments"))
        .json();
    let shown = thread["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == comment_id.as_str())
        .cloned()
        .unwrap();
    assert!(
        shown["body"].is_null(),
        "the hidden comment's words are gone: {shown}"
    );
}

#[test]
fn parallel_resolutions_of_one_subject_settle_it_once() {
    let (w, campaign) = world(json!({}));
    let entry = submit(&w, &w.author, &campaign, "Contested");
    let ids: Vec<String> = (0..3)
        .map(|i| {
            let reporter = w.server.client.register(&format!("r{i}"));
            report(
                &w,
                &reporter,
                "contributions",
                &entry,
                json!({"category": "spam", "reason": "Spam"}),
            )["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let moderators: Vec<User> = (0..8)
        .map(|i| {
            let m = w.server.client.register(&format!("m{i}"));
            w.server.client.set_role(&w.owner, "acme", &m, "moderator");
            m
        })
        .collect();
    let barrier = std::sync::Barrier::new(moderators.len());
    let statuses: Vec<(u16, &str)> = std::thread::scope(|scope| {
        let handles: Vec<_> = moderators
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (barrier, ids, w) = (&barrier, &ids, &w);
                scope.spawn(move || {
                    let action = if i % 2 == 0 { "hide" } else { "keep" };
                    barrier.wait();
                    let res = resolve(w, m, &ids[i % 3], json!({"action": action, "reason": "Decided"}));
                    (res.status, action)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<_> = statuses.iter().filter(|(status, _)| *status == 200).collect();
    assert_eq!(
        winners.len(),
        1,
        "exactly one resolution settles the subject: {statuses:?}"
    );
    assert!(
        statuses.iter().all(|(status, _)| [200, 409].contains(status)),
        "{statuses:?}"
    );
    let resolved = desk(&w, &w.moderator, &campaign, "?status=resolved");
    assert_eq!(resolved.len(), 3);
    assert!(
        resolved.iter().all(|r| r["resolution"] == winners[0].1),
        "all settled by the one winner"
    );
    let log = w
        .server
        .client
        .call(
            "GET",
            &format!("/api/v1/contributions/{entry}/moderation"),
            w.moderator.token(),
            None,
        )
        .json();
    let hides = usize::from(winners[0].1 == "hide");
    assert_eq!(
        log.as_array().unwrap().len(),
        hides,
        "one audit entry at most: {log}"
    );
    let status = w.server.get(&format!("/api/v1/contributions/{entry}")).status;
    assert_eq!(status == 200, winners[0].1 == "keep", "hidden only if hide won");
}
