//! Reach and insight on a scripted campaign with known traffic: 1,000 visitors over three
//! channels and a referral code, known sign-ups, votes and contributions per source. Every
//! funnel number, rate, k-factor and projection is compared with its hand-computed value, the
//! small segment never shows, and the CSV exports parse and agree with the API.

use std::collections::HashMap;

use schwarm_tests::api::{User, session, shifted};
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

struct Script {
    server: TestServer,
    owner: User,
    slug: String,
    /// Channel ids by name.
    channels: HashMap<String, String>,
    referrer: User,
    /// The entry everybody votes for.
    favourite: String,
}

fn server() -> TestServer {
    TestServer::start_with(
        ServerOptions::new()
            .env("VISIT_RATE_LIMIT_PER_MINUTE", "1000000")
            .env("AUTH_RATE_LIMIT_PER_IP", "1000000")
            .env("VOTE_RATE_LIMIT_PER_MINUTE", "1000000")
            // Voters come from their own networks (segments need people from several).
            .env("TRUST_PROXY_HEADERS", "true"),
    )
}

/// A network of the voter's own, as a proxy in front of the server would report it.
fn network_of(user: &User) -> String {
    let n = user
        .email
        .bytes()
        .fold(17u32, |acc, b| acc.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("10.{}.{}.7", (n >> 8) & 255, n & 255)
}

fn call(
    server: &TestServer,
    method: &str,
    path: &str,
    user: Option<&User>,
    body: Option<Value>,
) -> schwarm_tests::http::TestResponse {
    server
        .client
        .call(method, path, user.and_then(User::token), body.as_ref())
}

fn visit(server: &TestServer, slug: &str, visitor: &str, via: Option<&str>) -> Value {
    let res = call(
        server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/visits"),
        None,
        Some(json!({"visitor_id": visitor, "via": via})),
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

/// The campaign's analytics as `manager` sees them.
fn analytics(server: &TestServer, slug: &str, manager: &User) -> Value {
    call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/analytics"),
        Some(manager),
        None,
    )
    .json()
}

fn sign_up(server: &TestServer, name: &str, via: Option<&str>, visitor: Option<&str>) -> User {
    let email = format!("{name}@example.com");
    let res = call(
        server,
        "POST",
        "/api/v1/auth/register",
        None,
        Some(
            json!({"email": email, "password": PASSWORD, "display_name": name, "via": via, "visitor_id": visitor}),
        ),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    session(&res.json(), &email)
}

fn vote(server: &TestServer, user: &User, entry: &str) {
    let res = server.client.call_with(
        "PUT",
        &format!("/api/v1/contributions/{entry}/vote"),
        user.token(),
        Some(&json!({"value": 1})),
        &[("x-forwarded-for", &network_of(user))],
    );
    assert_eq!(res.status, 200, "{}", res.text());
}

fn contribute(server: &TestServer, slug: &str, user: &User) -> String {
    let res = call(
        server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/contributions"),
        Some(user),
        Some(json!({"title": format!("Idea by {}", user.email)})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_str().unwrap().to_owned()
}

/// Runs the scripted traffic; the domain clock stands a quarter into the four-day submission
/// window, so the projection of 12 contributions is 48.
fn run_script() -> Script {
    let server = server();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let open =
        (chrono::Utc::now() - chrono::TimeDelta::days(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let day = 86_400_000_000_i64;
    server.set_clock(&shifted(&open, day));
    let schedule = json!({"submissions_open_at": open, "submissions_close_at": shifted(&open, 4 * day),
                          "voting_open_at": shifted(&open, 4 * day), "voting_close_at": shifted(&open, 5 * day)});
    let rules = json!({"vote_during_submission": true, "participation_target_percent": 2.0, "contribution_target": 40});
    let body = json!({"kind": "idea", "title": "Scripted", "schedule": schedule, "rules": rules,
                      "participation_points": {"per_contribution": 0, "per_vote": 0, "per_referral": 5}});
    let made = call(
        &server,
        "POST",
        "/api/v1/organizations/acme/campaigns",
        Some(&owner),
        Some(body),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let slug = made.json()["slug"].as_str().unwrap().to_owned();
    assert_eq!(
        call(
            &server,
            "POST",
            &format!("/api/v1/campaigns/{slug}/publish"),
            Some(&owner),
            None
        )
        .status,
        200
    );

    let mut channels = HashMap::new();
    let mut codes = HashMap::new();
    for (name, kind) in [
        ("Spring newsletter", "newsletter"),
        ("design forum X", "community"),
        ("Instagram", "social"),
    ] {
        let res = call(
            &server,
            "POST",
            &format!("/api/v1/campaigns/{slug}/channels"),
            Some(&owner),
            Some(json!({"name": name, "kind": kind})),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        let channel = res.json();
        assert_eq!(
            channel["link"],
            format!("/c/{slug}?via={}", channel["code"].as_str().unwrap())
        );
        channels.insert(name.to_owned(), channel["id"].as_str().unwrap().to_owned());
        codes.insert(name, channel["code"].as_str().unwrap().to_owned());
    }
    // The referrer is a member who came directly; their code brings 10 visitors.
    let referrer = server.client.register("referrer");
    let referral = call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/referrals"),
        Some(&referrer),
        None,
    );
    assert_eq!(referral.status, 201, "{}", referral.text());
    let referral_code = referral.json()["code"].as_str().unwrap().to_owned();
    let again = call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/referrals"),
        Some(&referrer),
        None,
    );
    assert_eq!(
        (again.status, again.json()["code"].as_str()),
        (200, Some(referral_code.as_str()))
    );

    let traffic = [
        ("Spring newsletter", 500, codes["Spring newsletter"].clone()),
        ("design forum X", 300, codes["design forum X"].clone()),
        ("Instagram", 190, codes["Instagram"].clone()),
        ("referral", 10, referral_code.clone()),
    ];
    for (source, visitors, code) in &traffic {
        for i in 0..*visitors {
            let first = visit(
                &server,
                &slug,
                &format!("{}-{i:04}", source.replace(' ', "_")),
                Some(code),
            );
            assert_eq!(
                (&first["first_touch"], &first["counted"], &first["via_recognized"]),
                (&json!(true), &json!(true), &json!(true))
            );
        }
    }
    // Returning the same day, even through another channel, changes nothing.
    for i in 0..100 {
        let again = visit(
            &server,
            &slug,
            &format!("Spring_newsletter-{i:04}"),
            Some(&codes["Instagram"]),
        );
        assert_eq!(
            (&again["first_touch"], &again["counted"]),
            (&json!(false), &json!(false))
        );
    }

    // Sign-ups: newsletter 20 (visitor id only), forum 40 (code and visitor id), Instagram 5, referral 4.
    let mut people: HashMap<&str, Vec<User>> = HashMap::new();
    for (source, count, code) in [
        ("Spring newsletter", 20, None),
        ("design forum X", 40, Some(codes["design forum X"].as_str())),
        ("Instagram", 5, None),
        ("referral", 4, Some(referral_code.as_str())),
    ] {
        for i in 0..count {
            let visitor = format!("{}-{i:04}", source.replace(' ', "_"));
            let name = format!("{}{i}", source.replace(' ', "").to_lowercase());
            people
                .entry(source)
                .or_default()
                .push(sign_up(&server, &name, code, Some(&visitor)));
        }
    }
    // Contributors: newsletter 2, forum 9, referral 1; the forum's first entry is the favourite.
    let forum = &people["design forum X"];
    let favourite = contribute(&server, &slug, &forum[0]);
    for user in forum
        .iter()
        .skip(1)
        .take(8)
        .chain(people["Spring newsletter"].iter().take(2))
        .chain(people["referral"].iter().take(1))
    {
        contribute(&server, &slug, user);
    }
    // Ten forum voters tell their segments: 6 from Germany, 4 from France (too few to show).
    for (i, user) in forum.iter().skip(9).take(10).enumerate() {
        let country = if i < 6 { "DE" } else { "FR" };
        let res = call(
            &server,
            "PATCH",
            "/api/v1/me",
            Some(user),
            Some(json!({"research": {"country": country, "birth_year": 1990, "interests": [" Design "]}})),
        );
        assert_eq!(res.status, 200, "{}", res.text());
    }
    // Voters: newsletter 10, forum 25, Instagram 2, referral 3 (one of them the referral
    // contributor), and the referrer.
    let voters = people["Spring newsletter"]
        .iter()
        .skip(2)
        .take(10)
        .chain(forum.iter().skip(9).take(25))
        .chain(people["Instagram"].iter().take(2))
        .chain(people["referral"].iter().take(3))
        .chain([&referrer]);
    for user in voters {
        vote(&server, user, &favourite);
    }
    Script {
        server,
        owner,
        slug,
        channels,
        referrer,
        favourite,
    }
}

fn source<'a>(analytics: &'a Value, kind: &str, name: Option<&str>) -> &'a Value {
    analytics["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"]["kind"] == kind && name.is_none_or(|name| s["source"]["name"] == name))
        .unwrap_or_else(|| panic!("no source {kind} {name:?}"))
}

fn funnel(source: &Value) -> [i64; 6] {
    let f = &source["funnel"];
    [
        "visitors",
        "registered",
        "sign_ups",
        "voters",
        "contributors",
        "participants",
    ]
    .map(|k| f[k].as_i64().unwrap())
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn a_scripted_campaign_gives_the_hand_computed_numbers_and_exports() {
    let script = run_script();
    let (server, slug) = (&script.server, &script.slug);
    let res = call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/analytics"),
        Some(&script.owner),
        None,
    );
    assert_eq!(res.status, 200, "{}", res.text());
    let analytics = res.json();

    assert_eq!(
        funnel(source(&analytics, "newsletter", Some("Spring newsletter"))),
        [500, 20, 20, 10, 2, 12]
    );
    assert_eq!(
        funnel(source(&analytics, "community", Some("design forum X"))),
        [300, 40, 40, 25, 9, 34]
    );
    assert_eq!(
        funnel(source(&analytics, "social", Some("Instagram"))),
        [190, 5, 5, 2, 0, 2]
    );
    assert_eq!(funnel(source(&analytics, "referral", None)), [10, 4, 4, 3, 1, 3]);
    assert_eq!(funnel(source(&analytics, "direct", None)), [0, 1, 0, 1, 0, 1]);
    let total = &analytics["funnel"];
    assert_eq!(
        [
            "visitors",
            "registered",
            "sign_ups",
            "voters",
            "contributors",
            "participants"
        ]
        .map(|k| total[k].as_i64().unwrap()),
        [1000, 70, 69, 41, 12, 52]
    );
    // Rates: 12 of 1,000 visitors contributed (1.2%: above the 1% rule, below the 2% target).
    assert!(
        close(&analytics["rates"]["contribution_rate"], 0.012),
        "{}",
        analytics["rates"]
    );
    assert!(close(
        &analytics["rates"]["contributors_per_participant"],
        12.0 / 52.0
    ));
    assert!(close(&analytics["rates"]["voter_rate"], 0.041));
    assert!(close(&analytics["baseline_rate"], 0.01));
    assert!(close(&analytics["target_rate"], 0.02));
    assert!(close(
        &source(&analytics, "community", Some("design forum X"))["rates"]["contribution_rate"],
        0.03
    ));
    assert!(close(
        &source(&analytics, "newsletter", None)["rates"]["contribution_rate"],
        0.004
    ));
    // Referrals: 3 invitees took part, of 52 participants.
    assert_eq!(analytics["referrals"]["conversions"], 3);
    assert!(close(&analytics["referrals"]["k_factor"], 3.0 / 52.0));
    assert!(close(&analytics["referrals"]["referral_share"], 3.0 / 52.0));
    let top = &analytics["referrals"]["top_referrers"][0];
    assert_eq!(
        (
            &top["user_id"],
            &top["visitors"],
            &top["sign_ups"],
            &top["conversions"]
        ),
        (&json!(script.referrer.id), &json!(10), &json!(4), &json!(3))
    );
    // One day of traffic.
    let daily = analytics["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 1);
    assert_eq!(
        ["visits", "new_visitors", "sign_ups", "votes", "contributions"]
            .map(|k| daily[0][k].as_i64().unwrap()),
        [1000, 1000, 69, 41, 12]
    );
    // A quarter of the window gave 12 contributions: 48 at close, past the target of 40.
    let projection = &analytics["projection"];
    assert!(close(&projection["elapsed"], 0.25), "{projection}");
    assert!(close(&projection["projected_at_close"], 48.0));
    assert_eq!(
        (&projection["target"], &projection["will_reach_target"]),
        (&json!(40), &json!(true))
    );
    // The plain answers.
    let summary = &analytics["summary"];
    assert_eq!(
        summary["best_channel"]["channel_id"],
        script.channels["design forum X"].as_str()
    );
    assert_eq!(
        (
            &summary["beats_baseline"],
            &summary["meets_target"],
            &summary["will_reach_critical_mass"]
        ),
        (&json!(true), &json!(false), &json!(true))
    );
    // Segments: 6 Germans show, 4 French never do.
    assert_eq!(analytics["min_group_size"], 5);
    let segments: Vec<(String, String, i64, i64)> = analytics["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["dimension"].as_str().unwrap().into(),
                s["value"].as_str().unwrap().into(),
                s["voters"].as_i64().unwrap(),
                s["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        segments,
        vec![
            ("country".into(), "DE".into(), 6, 6),
            ("age_band".into(), "35-44".into(), 10, 10),
            ("interest".into(), "design".into(), 10, 10),
        ]
    );
    // The referrer earned the campaign's 5 referral points per converted invitee, once each.
    let rewards = call(server, "GET", "/api/v1/me/rewards", Some(&script.referrer), None).json();
    assert_eq!(rewards["points_balance"], 15, "{rewards}");

    // The exports parse with a standard CSV reader and agree with the API.
    let segments_csv = call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/export/votes-by-segment.csv"),
        Some(&script.owner),
        None,
    );
    assert_eq!(segments_csv.status, 200);
    assert!(
        segments_csv.content_type().starts_with("text/csv"),
        "{}",
        segments_csv.content_type()
    );
    let segments_text = segments_csv.text();
    let mut reader = csv::Reader::from_reader(segments_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "scope",
            "contribution_id",
            "contribution_title",
            "dimension",
            "segment",
            "voters",
            "votes",
            "mean_value"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(
        rows.iter().all(|row| row[4] != "FR"),
        "a group of 4 leaked: {rows:?}"
    );
    let row_of = |scope: &str, segment: &str| {
        rows.iter()
            .find(|r| r[0] == scope && r[4] == segment)
            .cloned()
            .unwrap()
    };
    assert_eq!(row_of("campaign", "DE")[5..7], ["6", "6"]);
    let favourite_de = row_of("contribution", "DE");
    assert_eq!(
        (
            &favourite_de[1],
            &favourite_de[5],
            &favourite_de[6],
            &favourite_de[7]
        ),
        (
            &script.favourite,
            &"6".to_owned(),
            &"6".to_owned(),
            &"1.0000".to_owned()
        )
    );
    assert!(favourite_de[2].starts_with("Idea by"));

    server.db().wait_for_folded_scores();
    let leaderboard = call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/leaderboard?limit=100"),
        Some(&script.owner),
        None,
    )
    .json();
    let contributions_csv = call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/export/contributions.csv"),
        Some(&script.owner),
        None,
    );
    assert_eq!(contributions_csv.status, 200);
    assert!(
        contributions_csv
            .header("content-disposition")
            .unwrap()
            .contains(&format!("{slug}-contributions.csv"))
    );
    let contributions_text = contributions_csv.text();
    // The export streams its body: the access log counts the bytes that were sent.
    let request_id = contributions_csv.header("x-request-id").unwrap().to_owned();
    let logged_bytes = format!(" bytes={} request_id={request_id}", contributions_csv.body.len());
    assert!(
        schwarm_tests::eventually(std::time::Duration::from_secs(5), || server
            .logs()
            .iter()
            .any(|line| line.ends_with(&logged_bytes))),
        "no access log line ending with {logged_bytes:?}"
    );
    let mut reader = csv::Reader::from_reader(contributions_text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 12);
    for (record, entry) in records.iter().zip(leaderboard["items"].as_array().unwrap()) {
        assert_eq!(record[0], entry["rank"].to_string());
        assert_eq!(&record[1], entry["contribution_id"].as_str().unwrap());
        assert_eq!(&record[2], entry["title"].as_str().unwrap());
        assert_eq!(record[8], entry["vote_count"].to_string());
    }
    assert_eq!(
        (&records[0][1], &records[0][8]),
        (script.favourite.as_str(), "41")
    );
}

#[test]
fn timelines_show_the_journey_to_the_participant_and_to_managers_with_consent() {
    let script = run_script();
    let (server, slug) = (&script.server, &script.slug);
    // A forum voter who told their segments (research consent), and a newsletter voter who did not.
    let forum_voter = server.client.login("designforumx9@example.com", PASSWORD).json();
    let forum_voter = session(&forum_voter, "designforumx9@example.com");
    let timeline = call(server, "GET", "/api/v1/me/timeline", Some(&forum_voter), None).json();
    let entry = &timeline["items"][0];
    assert_eq!(entry["campaign"]["slug"], slug.as_str());
    assert_eq!(
        (&entry["came_through"]["kind"], &entry["came_through"]["name"]),
        (&json!("community"), &json!("design forum X"))
    );
    assert_eq!(
        (&entry["signed_up_here"], &entry["votes"], &entry["contributions"]),
        (&json!(true), &json!(1), &json!(0))
    );
    assert!(
        entry["first_touch_at"].is_string()
            && entry["first_vote_at"].is_string()
            && entry["first_contribution_at"].is_null()
    );

    let path = |user: &User| format!("/api/v1/organizations/acme/participants/{}/timeline", user.id);
    let seen = call(server, "GET", &path(&forum_voter), Some(&script.owner), None);
    assert_eq!(seen.status, 200, "{}", seen.text());
    assert_eq!(seen.json()["items"][0]["campaign"]["slug"], slug.as_str());
    let newsletter_voter = session(
        &server
            .client
            .login("springnewsletter5@example.com", PASSWORD)
            .json(),
        "springnewsletter5@example.com",
    );
    call(server, "GET", &path(&newsletter_voter), Some(&script.owner), None).problem(404);
    // Only the organization's managers; analytics likewise.
    call(server, "GET", &path(&forum_voter), Some(&newsletter_voter), None).problem(403);
    call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/analytics"),
        Some(&newsletter_voter),
        None,
    )
    .problem(403);
    call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/export/contributions.csv"),
        Some(&newsletter_voter),
        None,
    )
    .problem(403);
    call(
        server,
        "GET",
        &format!("/api/v1/campaigns/{slug}/channels"),
        Some(&newsletter_voter),
        None,
    )
    .problem(403);
}

#[test]
fn parallel_identical_visits_count_once() {
    let server = server();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let slug = server.client.open_campaign(&owner, "acme", "Visits", json!({}));
    let channel = call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/channels"),
        Some(&owner),
        Some(json!({"name": "Forum", "kind": "community"})),
    )
    .json();
    let code = channel["code"].as_str().unwrap();
    let results: Vec<Value> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..16)
            .map(|_| scope.spawn(|| visit(&server, &slug, "same-visitor-1", Some(code))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r["first_touch"] == true).count(), 1);
    assert_eq!(results.iter().filter(|r| r["counted"] == true).count(), 1);
    let analytics = analytics(&server, &slug, &owner);
    assert_eq!(
        (&analytics["funnel"]["visitors"], &analytics["daily"][0]["visits"]),
        (&json!(1), &json!(1))
    );
    // The channel brought a visitor but no contributor yet: it is not the best of anything.
    assert!(
        analytics["summary"]["best_channel"].is_null(),
        "{}",
        analytics["summary"]
    );
}

/// The analytics add the pending deltas to the folded counters. A fold that commits while they
/// are read must not make a visit vanish: read as two statements, one fold between them once
/// counted a visit neither folded nor pending. Visits pour in while the folder runs every 10 ms
/// and a reader watches the daily visits: they only ever grow, and end at the number made.
#[test]
fn counted_visits_never_dip_while_the_folder_runs() {
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("VISIT_RATE_LIMIT_PER_MINUTE", "1000000")
            .env("SCORE_FOLD_INTERVAL_MS", "10"),
    );
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let slug = server.client.open_campaign(&owner, "acme", "Visits", json!({}));
    let daily_visits = || -> i64 {
        let analytics = analytics(&server, &slug, &owner);
        analytics["daily"]
            .as_array()
            .unwrap()
            .iter()
            .map(|day| day["visits"].as_i64().unwrap())
            .sum()
    };
    const WRITERS: usize = 4;
    const EACH: usize = 40;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let seen: Vec<i64> = std::thread::scope(|scope| {
        for writer in 0..WRITERS {
            let (server, slug, done) = (&server, &slug, &done);
            scope.spawn(move || {
                for n in 0..EACH {
                    let counted = visit(server, slug, &format!("visitor-{writer}-{n:04}"), None);
                    assert_eq!(counted["counted"], true);
                }
                done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        let mut seen = Vec::new();
        while done.load(std::sync::atomic::Ordering::SeqCst) < WRITERS {
            seen.push(daily_visits());
        }
        seen
    });
    for pair in seen.windows(2) {
        assert!(
            pair[1] >= pair[0],
            "the daily visits went from {} down to {}: {seen:?}",
            pair[0],
            pair[1]
        );
    }
    assert_eq!(daily_visits(), i64::try_from(WRITERS * EACH).unwrap());
}

#[test]
fn visits_are_validated_rate_limited_and_never_lost_to_an_unknown_code() {
    let server = TestServer::start_with(ServerOptions::new().env("VISIT_RATE_LIMIT_PER_MINUTE", "3"));
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let slug = server.client.open_campaign(&owner, "acme", "Visits", json!({}));
    let bad = call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/visits"),
        None,
        Some(json!({"visitor_id": "short"})),
    );
    assert_eq!(bad.problem(422)["errors"][0]["field"], "visitor_id");
    let unknown = visit(&server, &slug, "visitor-unknown-code", Some("nosuchcode"));
    assert_eq!(
        (&unknown["counted"], &unknown["via_recognized"]),
        (&json!(true), &json!(false))
    );
    call(
        &server,
        "POST",
        "/api/v1/campaigns/no-such-campaign/visits",
        None,
        Some(json!({"visitor_id": "visitor-0001"})),
    )
    .problem(404);
    let limited = call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/visits"),
        None,
        Some(json!({"visitor_id": "visitor-0002"})),
    );
    assert_eq!(limited.status, 429, "{}", limited.text());
    assert!(limited.header("retry-after").is_some());
    // Channel names are unique within a campaign.
    let channel = json!({"name": "Forum", "kind": "community"});
    assert_eq!(
        call(
            &server,
            "POST",
            &format!("/api/v1/campaigns/{slug}/channels"),
            Some(&owner),
            Some(channel.clone())
        )
        .status,
        201
    );
    call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/channels"),
        Some(&owner),
        Some(channel),
    )
    .problem(409);
    let bad_kind = call(
        &server,
        "POST",
        &format!("/api/v1/campaigns/{slug}/channels"),
        Some(&owner),
        Some(json!({"name": "X", "kind": "tv"})),
    );
    assert_eq!(bad_kind.problem(422)["errors"][0]["field"], "kind");
}
