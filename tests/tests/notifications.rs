//! Notifications end to end: who hears about what (resolved from events), bursts gathered into
//! one, the inbox and its settings, and mail through a real SMTP server (aiosmtpd on loopback):
//! at once in the recipient's language with one-click unsubscribe, or in the next digest.

use std::time::Duration;

use schwarm_tests::api::{User, shifted};
use schwarm_tests::smtp::SmtpSink;
use schwarm_tests::{ServerOptions, TestServer, eventually};
use serde_json::{Value, json};

fn server(smtp: Option<&SmtpSink>) -> TestServer {
    let mut options = ServerOptions::new()
        .env("DISPATCH_INTERVAL_MS", "50")
        .env("EMAIL_COALESCE_SECS", "0")
        .env("PUBLIC_URL", "https://schwarm.example");
    if let Some(sink) = smtp {
        options = options.env("SMTP_URL", sink.url.clone());
    }
    TestServer::start_with(options)
}

fn inbox(server: &TestServer, user: &User, query: &str) -> Vec<Value> {
    let res = server.client.call(
        "GET",
        &format!("/api/v1/me/notifications{query}"),
        user.token(),
        None,
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["items"].as_array().unwrap().clone()
}

fn wait_inbox(server: &TestServer, user: &User, check: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    assert!(
        eventually(Duration::from_secs(10), || check(&inbox(server, user, ""))),
        "inbox never matched: {:?}",
        inbox(server, user, "")
    );
    inbox(server, user, "")
}

fn call(server: &TestServer, method: &str, user: &User, path: &str, body: Value) -> Value {
    let res = server.client.call(method, path, user.token(), Some(&body));
    assert!(res.status < 300, "{method} {path}: {} {}", res.status, res.text());
    res.json()
}

#[test]
fn authors_hear_about_their_entry_and_a_burst_of_comments_is_one_notification() {
    let server = server(None);
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let slug = server
        .client
        .open_campaign(&ada, "acme", "Bottle", json!({"require_approval": true}));
    let bea = server.client.register("bea");
    let cyd = server.client.register("cyd");
    let entry = call(
        &server,
        "POST",
        &bea,
        &format!("/api/v1/campaigns/{slug}/contributions"),
        json!({
            "title": "Wave", "co_authors": [{"user_id": cyd.id, "share_bp": 2000}]
        }),
    );
    let entry_id = entry["id"].as_str().unwrap().to_owned();

    // The organiser is told an entry waits; the named co-author is asked to answer.
    let waiting = wait_inbox(&server, &ada, |items| {
        items.iter().any(|n| n["kind"] == "entries_waiting")
    });
    assert_eq!(waiting[0]["data"]["campaign_title"], "Bottle");
    wait_inbox(&server, &cyd, |items| {
        items.iter().any(|n| n["kind"] == "co_author_invited")
    });
    assert!(
        inbox(&server, &bea, "").is_empty(),
        "nobody is told what they did themselves"
    );

    call(
        &server,
        "POST",
        &ada,
        &format!("/api/v1/contributions/{entry_id}/moderation"),
        json!({"decision": "approve"}),
    );
    let published = wait_inbox(&server, &bea, |items| {
        items.iter().any(|n| n["kind"] == "contribution_published")
    });
    assert_eq!(published[0]["subject_id"], entry_id.as_str());
    assert_eq!(published[0]["category"], "my_contributions");

    let dan = server.client.register("dan");
    for text in ["Nice", "Really nice", "Best one"] {
        call(
            &server,
            "POST",
            &dan,
            &format!("/api/v1/contributions/{entry_id}/comments"),
            json!({"body": text}),
        );
    }
    let items = wait_inbox(&server, &bea, |items| {
        items
            .iter()
            .any(|n| n["kind"] == "comment_received" && n["count"] == 3)
    });
    assert_eq!(
        items.iter().filter(|n| n["kind"] == "comment_received").count(),
        1,
        "three comments, one notification: {items:?}"
    );

    let unread = server
        .client
        .call("GET", "/api/v1/me/notifications/unread", bea.token(), None)
        .json();
    assert_eq!(unread["total"], 2);
    assert_eq!(unread["by_kind"]["comment_received"], 1);
    let comments_id = items.iter().find(|n| n["kind"] == "comment_received").unwrap()["id"].clone();
    let marked = call(
        &server,
        "POST",
        &bea,
        "/api/v1/me/notifications/read",
        json!({"ids": [comments_id]}),
    );
    assert_eq!(marked["marked"], 1);
    assert_eq!(inbox(&server, &bea, "?unread_only=true").len(), 1);
    // Someone else's ids change nothing.
    let foreign = call(
        &server,
        "POST",
        &ada,
        "/api/v1/me/notifications/read",
        json!({"ids": [comments_id]}),
    );
    assert_eq!(foreign["marked"], 0);

    // A comment after reading starts a new notification.
    call(
        &server,
        "POST",
        &dan,
        &format!("/api/v1/contributions/{entry_id}/comments"),
        json!({"body": "One more"}),
    );
    wait_inbox(&server, &bea, |items| {
        items.iter().filter(|n| n["kind"] == "comment_received").count() == 2
    });
    assert_eq!(
        call(
            &server,
            "POST",
            &bea,
            "/api/v1/me/notifications/read",
            json!({"all": true})
        )["marked"],
        2
    );
    // An empty request marks nothing; it is not an error.
    assert_eq!(
        call(&server, "POST", &bea, "/api/v1/me/notifications/read", json!({}))["marked"],
        0
    );
}

#[test]
fn settings_switch_categories_off_and_participants_hear_when_voting_opens() {
    let server = server(None);
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let t0 = "2031-06-01T10:00:00Z";
    let hour = 3_600_000_000;
    server.set_clock(t0);
    let schedule = json!({
        "submissions_open_at": shifted(t0, -hour), "submissions_close_at": shifted(t0, hour),
        "voting_open_at": shifted(t0, hour), "voting_close_at": shifted(t0, 2 * hour),
    });
    let slug = server
        .client
        .campaign_with_schedule(&ada, "acme", "Bottle", json!({}), schedule);
    let (bea, cyd) = (server.client.register("bea"), server.client.register("cyd"));

    let defaults = server
        .client
        .call("GET", "/api/v1/me/notification-settings", cyd.token(), None)
        .json();
    let news = defaults["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "campaign_news")
        .unwrap()
        .clone();
    assert_eq!(
        news,
        json!({"category": "campaign_news", "in_app": true, "email": "daily"})
    );
    let changed = call(
        &server,
        "PUT",
        &cyd,
        "/api/v1/me/notification-settings",
        json!({
            "categories": [{"category": "campaign_news", "in_app": false, "email": "off"}]
        }),
    );
    assert_eq!(
        changed["categories"].as_array().unwrap().len(),
        9,
        "every category is listed"
    );
    let problem = server
        .client
        .call(
            "PUT",
            "/api/v1/me/notification-settings",
            cyd.token(),
            Some(&json!({"categories": [
                {"category": "comments", "in_app": true, "email": "off"},
                {"category": "comments", "in_app": false, "email": "off"}
            ]})),
        )
        .problem(422);
    assert_eq!(
        (problem["code"].as_str(), problem["field"].as_str()),
        (Some("field.duplicate"), Some("categories[1].category"))
    );

    for user in [&bea, &cyd] {
        call(
            &server,
            "POST",
            user,
            &format!("/api/v1/campaigns/{slug}/contributions"),
            json!({"title": "Mine"}),
        );
    }
    server.set_clock(&shifted(t0, hour + 1));
    wait_inbox(&server, &bea, |items| {
        items.iter().any(|n| n["kind"] == "voting_opened")
    });
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        inbox(&server, &cyd, "")
            .iter()
            .all(|n| n["kind"] != "voting_opened"),
        "cyd switched campaign news off"
    );
}

#[test]
fn mail_goes_through_smtp_in_the_recipients_language_with_one_click_unsubscribe_and_digests() {
    let Some(sink) = SmtpSink::start() else { return };
    let server = server(Some(&sink));
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let slug = server
        .client
        .open_campaign(&ada, "acme", "Sommerflasche", json!({"require_approval": true}));
    let bea = server.client.register("bea");
    call(&server, "PATCH", &bea, "/api/v1/me", json!({"locale": "de"}));
    let entry = call(
        &server,
        "POST",
        &bea,
        &format!("/api/v1/campaigns/{slug}/contributions"),
        json!({"title": "Welle"}),
    );
    let entry_id = entry["id"].as_str().unwrap().to_owned();
    call(
        &server,
        "POST",
        &ada,
        &format!("/api/v1/contributions/{entry_id}/moderation"),
        json!({
            "decision": "reject", "reason": "Zu nah an einer Marke"
        }),
    );

    // Immediate: the organiser (English) about the waiting entry, the author (German) about
    // the rejection.
    let mails = sink.wait_for(2, Duration::from_secs(20));
    let to_bea = mails
        .iter()
        .find(|m| m.to.contains("bea@example.com"))
        .expect("a mail to bea");
    assert!(to_bea.subject.contains("abgelehnt"), "{}", to_bea.subject);
    assert!(to_bea.body.contains("Hallo bea"), "{}", to_bea.body);
    assert!(to_bea.body.contains("Zu nah an einer Marke"), "{}", to_bea.body);
    assert!(
        to_bea.body.contains("https://schwarm.example/unsubscribe?token="),
        "{}",
        to_bea.body
    );
    assert_eq!(to_bea.list_unsubscribe_post, "List-Unsubscribe=One-Click");
    let unsubscribe = to_bea
        .list_unsubscribe
        .trim_matches(|c| c == '<' || c == '>')
        .strip_prefix("https://schwarm.example")
        .expect("an absolute link on the public address")
        .to_owned();
    let to_ada = mails
        .iter()
        .find(|m| m.to.contains("ada@example.com"))
        .expect("a mail to ada");
    assert!(
        to_ada.subject.contains("waits for moderation"),
        "{}",
        to_ada.subject
    );
    assert!(to_ada.message_id.contains("@schwarm"), "{}", to_ada.message_id);

    // Comments are digest news by default: nothing until the next digest hour.
    let dan = server.client.register("dan");
    let approved = server.client.call(
        "POST",
        &format!("/api/v1/contributions/{entry_id}/moderation"),
        ada.token(),
        Some(&json!({"decision": "restore"})),
    );
    assert_eq!(approved.status, 200, "{}", approved.text());
    for text in ["Schön", "Sehr schön"] {
        call(
            &server,
            "POST",
            &dan,
            &format!("/api/v1/contributions/{entry_id}/comments"),
            json!({"body": text}),
        );
    }
    let before = sink.wait_for(3, Duration::from_secs(10)).len();
    std::thread::sleep(Duration::from_secs(3));
    let mails = sink.messages();
    assert_eq!(mails.len(), before, "no comment mail before the digest");
    assert!(mails.iter().all(|m| !m.subject.contains("Zusammenfassung")));
    // The next morning the daily digest gathers both comments into one line, in German.
    let tomorrow = (chrono::Utc::now() + chrono::TimeDelta::days(1)).date_naive();
    server.set_clock(&format!("{tomorrow}T07:30:00Z"));
    // Well within the minute a parked digest job waits by itself: its wake-up check finds it.
    let mails = sink.wait_for(before + 1, Duration::from_secs(20));
    let digest = mails
        .iter()
        .find(|m| m.subject.contains("tägliche Zusammenfassung"))
        .unwrap_or_else(|| {
            panic!(
                "no digest: {:?}",
                mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
            )
        });
    assert!(
        digest.body.contains("2 neue Kommentare zu „Welle“"),
        "{}",
        digest.body
    );
    // Running again sends nothing new.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(sink.messages().len(), mails.len(), "a digest goes once");

    // Switching comment mail off holds for news already waiting for the next digest.
    call(
        &server,
        "POST",
        &dan,
        &format!("/api/v1/contributions/{entry_id}/comments"),
        json!({"body": "Noch einer"}),
    );
    wait_inbox(&server, &bea, |items| {
        items
            .iter()
            .any(|n| n["kind"] == "comment_received" && n["count"] == 3)
    });
    call(
        &server,
        "PUT",
        &bea,
        "/api/v1/me/notification-settings",
        json!({"categories": [{"category": "comments", "in_app": true, "email": "off"}]}),
    );
    // The next digest comes (voting has opened by then: campaign news), without the comments.
    let day_after = tomorrow + chrono::TimeDelta::days(1);
    server.set_clock(&format!("{day_after}T07:30:00Z"));
    let later = sink.wait_for(mails.len() + 1, Duration::from_secs(20));
    let next_digest = &later[mails.len()..];
    assert!(
        next_digest
            .iter()
            .any(|m| m.subject.contains("Zusammenfassung") && m.body.contains("Abstimmung")),
        "{next_digest:?}"
    );
    assert!(
        next_digest.iter().all(|m| !m.body.contains("Kommentar")),
        "no mail for a category switched off: {next_digest:?}"
    );

    // One click stops bea's mail of that category; a forged link does nothing.
    let res = server.client.call("POST", &unsubscribe, None, None);
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.json()["email"], "off");
    let forged = format!("{}x", unsubscribe);
    server.client.call("POST", &forged, None, None).problem(404);
    let settings = server
        .client
        .call("GET", "/api/v1/me/notification-settings", bea.token(), None)
        .json();
    let mine = settings["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "my_contributions")
        .unwrap()
        .clone();
    assert_eq!(mine["email"], "off");
    assert_eq!(mine["in_app"], true, "the inbox keeps it");
}

#[test]
fn without_smtp_mail_is_written_as_files_under_the_data_dir() {
    let server = server(None);
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let slug = server
        .client
        .open_campaign(&ada, "acme", "Bottle", json!({"require_approval": true}));
    let bea = server.client.register("bea");
    call(
        &server,
        "POST",
        &bea,
        &format!("/api/v1/campaigns/{slug}/contributions"),
        json!({"title": "Wave"}),
    );
    let dir = server.work_dir.path().join("data/mail");
    let news = || -> Vec<schwarm_tests::smtp::Mail> {
        std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
                    .map(|raw| schwarm_tests::smtp::parse(&raw))
                    .filter(|mail| !mail.confirms_address())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(eventually(Duration::from_secs(20), || !news().is_empty()));
    let mail = news().remove(0);
    assert!(mail.to.contains("ada@example.com"));
    assert!(mail.subject.contains("waits for moderation"), "{}", mail.subject);
}
