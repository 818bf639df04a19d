//! Accounts and sessions: registration rules, login without user enumeration, refresh-token
//! rotation with theft detection, logout, and rate limits on guessing.

use std::sync::{Arc, Barrier};

use schwarm_tests::api::{PASSWORD, session};
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::json;

#[test]
fn register_returns_the_user_and_a_session() {
    let server = TestServer::start();
    let res = server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(&json!({"email": "  Ada@Example.COM ", "password": PASSWORD, "display_name": "Ada", "via": "newsletter-1"})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let body = res.json();
    assert_eq!(body["user"]["email"], "ada@example.com", "stored normalised");
    assert_eq!(body["user"]["display_name"], "Ada");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert!(body["refresh_token"].as_str().unwrap().starts_with("srt_"));
    assert!(!res.text().contains("argon2"), "no password hash in the response");
    let me = server
        .client
        .call("GET", "/api/v1/me", body["access_token"].as_str(), None);
    assert_eq!(me.json()["id"], body["user"]["id"]);
}

#[test]
fn an_email_address_counts_its_spaces_towards_its_254_characters() {
    let server = TestServer::start();
    let register = |email: &str| {
        server.client.call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&json!({"email": email, "password": PASSWORD, "display_name": "Long"})),
        )
    };
    let domain = format!("{}.{}.{}.com", "b".repeat(63), "c".repeat(63), "d".repeat(57));
    let longest = format!("{}@{domain}", "a".repeat(64));
    assert_eq!(longest.len(), 254);
    let padded = register(&format!("{longest} ")).problem(422);
    assert_eq!(
        (padded["field"].as_str(), padded["code"].as_str()),
        (Some("email"), Some("field.length"))
    );
    assert_eq!(
        register(&longest).status,
        201,
        "the same address unpadded is taken"
    );
}

#[test]
fn emails_are_unique_regardless_of_case() {
    let server = TestServer::start();
    server.client.register("ada");
    let res = server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(&json!({"email": "ADA@example.com", "password": PASSWORD, "display_name": "Ada 2"})),
    );
    res.problem(409);
}

#[test]
fn weak_passwords_are_refused_naming_the_field() {
    let server = TestServer::start();
    for password in ["short", "ada@example.com", "ADA@EXAMPLE.COM"] {
        let res = server.client.call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&json!({"email": "ada@example.com", "password": password, "display_name": "Ada"})),
        );
        let problem = res.problem(422);
        assert_eq!(problem["errors"][0]["field"], "password", "{password}: {problem}");
    }
}

#[test]
fn register_refuses_privileged_or_unknown_fields() {
    let server = TestServer::start();
    for (field, value) in [
        ("role", json!("owner")),
        ("id", json!("00000000-0000-7000-8000-000000000000")),
        ("research", json!({"country": "DE"})),
    ] {
        let mut body = json!({"email": "eve@example.com", "password": PASSWORD, "display_name": "Eve"});
        body[field] = value;
        let problem = server
            .client
            .call("POST", "/api/v1/auth/register", None, Some(&body))
            .problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    let invalid = server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(&json!({"email": "not-an-email", "password": PASSWORD, "display_name": " "})),
    );
    let problem = invalid.problem(422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["display_name", "email"], "{problem}");
}

#[test]
fn login_does_not_tell_unknown_emails_from_wrong_passwords() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let ok = server.client.login("ADA@example.com", PASSWORD);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["user"]["id"], ada.id.as_str());

    let wrong_password = server.client.login("ada@example.com", "not the password at all");
    let unknown_email = server.client.login("nobody@example.com", PASSWORD);
    let (a, b) = (wrong_password.problem(401), unknown_email.problem(401));
    assert_eq!(a, b, "identical answers");
}

/// A password, and its hash as the server made them before new hashes took 12 MiB x 3: argon2id
/// with 19 MiB x 2.
const FORMER_PASSWORD: &str = "former-settings-password";
const FORMER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$JXbsuTN0mYSt+9PxoDF25g$J5V+ZOKUfif2UmZFm3Mn8oHDESBiOhHrD4VH+z9maS4";

/// Registers ada, gives her account [`FORMER_HASH`], and returns a reader of her stored hash.
fn ada_with_the_former_hash(server: &TestServer) -> impl FnMut() -> String {
    server.client.register("ada");
    let mut db = server.db();
    let planted = db.execute(&format!(
        "UPDATE users SET password_hash = '{FORMER_HASH}' WHERE email = 'ada@example.com'"
    ));
    assert_eq!(planted, 1);
    move || {
        db.key_counts(
            "SELECT password_hash AS key, CAST(0 AS BIGINT) AS n FROM users WHERE email = 'ada@example.com'",
        )[0]
        .0
        .clone()
    }
}

/// Ada's stored hash now has today's settings, is of the same password (she signs in with it),
/// and that sign-in replaces it no more.
fn assert_upgraded_once(server: &TestServer, stored: &mut impl FnMut() -> String) {
    let upgraded = stored();
    assert!(
        upgraded.starts_with("$argon2id$v=19$m=12288,t=3,p=1$"),
        "{upgraded}"
    );
    let again = server.client.login("ada@example.com", FORMER_PASSWORD);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(stored(), upgraded, "replaced once");
}

#[test]
fn signing_in_replaces_a_hash_made_with_the_former_settings() {
    let server = TestServer::start();
    let mut stored = ada_with_the_former_hash(&server);

    // A wrong password proves nothing: the hash stays.
    server.client.login("ada@example.com", PASSWORD).problem(401);
    assert_eq!(stored(), FORMER_HASH);

    let signed_in = server.client.login("ada@example.com", FORMER_PASSWORD);
    assert_eq!(
        signed_in.status,
        200,
        "the former hash verifies: {}",
        signed_in.text()
    );
    assert_upgraded_once(&server, &mut stored);
}

#[test]
fn parallel_sign_ins_with_a_former_hash_all_succeed_and_leave_one_new_hash() {
    const CLIENTS: usize = 4; // within the per-account sign-in limit (10 a minute)
    let server = TestServer::start();
    let mut stored = ada_with_the_former_hash(&server);
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (client, barrier) = (server.client.clone(), Arc::clone(&barrier));
                scope.spawn(move || {
                    barrier.wait();
                    client.login("ada@example.com", FORMER_PASSWORD).status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, vec![200; CLIENTS], "every sign-in proves the password");
    // However the parallel swaps interleaved, what they left is a hash of the same password with
    // today's settings.
    assert_upgraded_once(&server, &mut stored);
}

#[test]
fn refresh_rotates_and_a_replayed_token_revokes_the_whole_family() {
    let server = TestServer::start();
    let ada = server.client.register("ada");

    let first = server.client.refresh(&ada.refresh_token);
    assert_eq!(first.status, 200, "{}", first.text());
    let second_session = session(&first.json(), &ada.email);
    assert_ne!(second_session.refresh_token, ada.refresh_token, "rotated");
    let second = server.client.refresh(&second_session.refresh_token);
    assert_eq!(second.status, 200, "{}", second.text());
    let third_session = session(&second.json(), &ada.email);
    // New access tokens work.
    assert_eq!(
        server
            .client
            .call("GET", "/api/v1/me", third_session.token(), None)
            .status,
        200
    );

    // The first refresh token again: theft detection.
    let replay = server.client.refresh(&ada.refresh_token).problem(401);
    assert!(
        replay["detail"].as_str().unwrap().contains("already used"),
        "{replay}"
    );
    // ... and the newest token of the family is dead too.
    server.client.refresh(&third_session.refresh_token).problem(401);
    // Another session of the same user is untouched.
    let other = session(&server.client.login(&ada.email, PASSWORD).json(), &ada.email);
    assert_eq!(server.client.refresh(&other.refresh_token).status, 200);
}

#[test]
fn parallel_refreshes_with_one_token_let_exactly_one_succeed() {
    const CLIENTS: usize = 8;
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (client, barrier, token) = (
                    server.client.clone(),
                    Arc::clone(&barrier),
                    ada.refresh_token.clone(),
                );
                scope.spawn(move || {
                    barrier.wait();
                    client.refresh(&token).status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 1, "{statuses:?}");
    assert_eq!(
        statuses.iter().filter(|&&s| s == 401).count(),
        CLIENTS - 1,
        "{statuses:?}"
    );
}

#[test]
fn logout_revokes_the_session() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let rotated = session(&server.client.refresh(&ada.refresh_token).json(), &ada.email);
    let res = server.client.call(
        "POST",
        "/api/v1/auth/logout",
        None,
        Some(&json!({"refresh_token": rotated.refresh_token})),
    );
    assert_eq!(res.status, 204, "{}", res.text());
    server.client.refresh(&rotated.refresh_token).problem(401);
    // Logging out twice, or with an unknown token, is fine.
    let again = server.client.call(
        "POST",
        "/api/v1/auth/logout",
        None,
        Some(&json!({"refresh_token": "srt_unknown"})),
    );
    assert_eq!(again.status, 204);
}

#[test]
fn login_brute_force_is_stopped_without_locking_out_others() {
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("AUTH_RATE_LIMIT_PER_ACCOUNT", "5")
            .env("AUTH_RATE_LIMIT_PER_IP", "1000"),
    );
    let victim = server.client.register("victim");
    let bystander = server.client.register("bystander");
    let mut statuses = Vec::new();
    for attempt in 0..8 {
        statuses.push(
            server
                .client
                .login(&victim.email, &format!("guess number {attempt}"))
                .status,
        );
    }
    assert_eq!(&statuses[..5], [401; 5], "{statuses:?}");
    assert!(statuses[5..].iter().all(|&s| s == 429), "{statuses:?}");
    let limited = server.client.login(&victim.email, PASSWORD);
    limited.problem(429);
    let retry_after: u64 = limited
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    // Someone else logs in from the same address as usual.
    assert_eq!(server.client.login(&bystander.email, PASSWORD).status, 200);
}

#[test]
fn registration_floods_from_one_address_are_limited() {
    let server = TestServer::start_with(ServerOptions::new().env("AUTH_RATE_LIMIT_PER_IP", "3"));
    for i in 0..3 {
        server.client.register(&format!("user{i}"));
    }
    let res = server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(&json!({"email": "one-more@example.com", "password": PASSWORD, "display_name": "x"})),
    );
    res.problem(429);
    assert!(res.header("retry-after").is_some());
}

#[test]
fn the_winner_of_a_parallel_refresh_keeps_a_working_session() {
    const CLIENTS: usize = 4;
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let responses: Vec<schwarm_tests::TestResponse> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (client, barrier, token) = (
                    server.client.clone(),
                    Arc::clone(&barrier),
                    ada.refresh_token.clone(),
                );
                scope.spawn(move || {
                    barrier.wait();
                    client.refresh(&token)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winner = responses
        .iter()
        .find(|res| res.status == 200)
        .expect("one refresh won");
    let newest = session(&winner.json(), &ada.email);
    let next = server.client.refresh(&newest.refresh_token);
    assert_eq!(
        next.status,
        200,
        "the losers did not revoke the winner's session: {}",
        next.text()
    );
}

#[test]
fn a_replay_right_after_rotation_is_refused_without_signing_out() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let rotated = session(&server.client.refresh(&ada.refresh_token).json(), &ada.email);
    // Presented again at once, while its successor is unused: the client's own retry.
    let retry = server.client.refresh(&ada.refresh_token).problem(401);
    assert!(retry["detail"].as_str().unwrap().contains("newest"), "{retry}");
    let newer = server.client.refresh(&rotated.refresh_token);
    assert_eq!(newer.status, 200, "the session survived: {}", newer.text());
    // Once the session has moved on, the same replay is theft: the whole family goes.
    server.client.refresh(&ada.refresh_token).problem(401);
    let newest = session(&newer.json(), &ada.email);
    server.client.refresh(&newest.refresh_token).problem(401);
}

#[test]
fn logout_with_any_token_of_the_session_ends_all_of_it() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let rotated = session(&server.client.refresh(&ada.refresh_token).json(), &ada.email);
    // Logging out with the original (already used) token still ends the session.
    let res = server.client.call(
        "POST",
        "/api/v1/auth/logout",
        None,
        Some(&json!({"refresh_token": ada.refresh_token})),
    );
    assert_eq!(res.status, 204);
    server.client.refresh(&rotated.refresh_token).problem(401);
}

#[test]
fn refresh_is_limited_per_address_and_per_account() {
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("AUTH_RATE_LIMIT_PER_IP", "1000")
            .env("AUTH_RATE_LIMIT_PER_ACCOUNT", "3"),
    );
    let ada = server.client.register("ada");
    let mut token = ada.refresh_token.clone();
    for _ in 0..3 {
        let res = server.client.refresh(&token);
        assert_eq!(res.status, 200, "{}", res.text());
        token = session(&res.json(), &ada.email).refresh_token;
    }
    let limited = server.client.refresh(&token);
    limited.problem(429);
    assert!(limited.header("retry-after").is_some());
    // The account's limit is its own: another user refreshes as usual.
    let bob = server.client.register("bob");
    assert_eq!(server.client.refresh(&bob.refresh_token).status, 200);

    let per_ip = TestServer::start_with(ServerOptions::new().env("AUTH_RATE_LIMIT_PER_IP", "2"));
    for _ in 0..2 {
        per_ip.client.refresh("srt_unknown").problem(401);
    }
    per_ip.client.refresh("srt_unknown").problem(429);
}

#[test]
fn an_unknown_email_costs_a_password_verification_like_a_known_one() {
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
    let bearer = format!("Bearer {token}");
    let metrics = server
        .client
        .get_with("/api/v1/metrics", &[("Authorization", &bearer)])
        .text();
    assert!(
        metrics.contains(r#"schwarm_password_verifications_total{outcome="refused"} 2"#),
        "one verification each, and the two look alike: {metrics}"
    );
}

#[test]
fn behind_a_proxy_only_the_address_it_saw_counts() {
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("TRUST_PROXY_HEADERS", "true")
            .env("AUTH_RATE_LIMIT_PER_IP", "2"),
    );
    let register = |name: &str, forwarded_for: &str| {
        let body =
            json!({"email": format!("{name}@example.com"), "password": PASSWORD, "display_name": name});
        let headers = [
            ("X-Forwarded-For", forwarded_for),
            ("Forwarded", "for=198.51.100.99"),
        ];
        server
            .client
            .call_with("POST", "/api/v1/auth/register", None, Some(&body), &headers)
            .status
    };
    // A client forging earlier entries is still the address the proxy appended last.
    assert_eq!(register("a1", "10.0.0.1, 203.0.113.7"), 201);
    assert_eq!(register("a2", "10.0.0.2, 203.0.113.7"), 201);
    assert_eq!(register("a3", "10.0.0.3, 203.0.113.7"), 429);
    // A different client behind the same proxy has its own budget.
    assert_eq!(register("b1", "203.0.113.8"), 201);
}

#[test]
fn a_sign_up_burst_beyond_the_hashing_limit_waits_its_turn_and_every_sign_up_succeeds() {
    // 23 MiB holds one argon2 hash (12 MiB), not two: the eight parallel sign-ups are hashed one
    // after another.
    let server = TestServer::start_with(ServerOptions::new().env("PASSWORD_HASHING_MEMORY_MB", "23"));
    assert!(
        server
            .logs()
            .iter()
            .any(|line| line.contains("password hashing: 1 at once (23 MiB budget)")),
        "{:?}",
        server.logs()
    );
    let barrier = Arc::new(Barrier::new(8));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (barrier, server) = (Arc::clone(&barrier), &server);
                scope.spawn(move || {
                    barrier.wait();
                    let email = format!("burst{i}@example.com");
                    let body =
                        json!({"email": email, "password": PASSWORD, "display_name": format!("Burst {i}")});
                    server
                        .client
                        .call("POST", "/api/v1/auth/register", None, Some(&body))
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, vec![201; 8], "queued, never refused");
    for i in 0..8 {
        let res = server.client.login(&format!("burst{i}@example.com"), PASSWORD);
        assert_eq!(
            res.status, 200,
            "burst{i} signs in with the password hashed in the queue"
        );
    }
}
