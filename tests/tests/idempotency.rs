//! `Idempotency-Key` on POSTs (Stripe's semantics): the same key and request get the first
//! answer again, a different request with the key is refused, parallel requests with one key
//! create one thing, keys belong to their user, and answers with secrets or without sign-in are
//! never kept.

use std::collections::BTreeSet;
use std::sync::Arc;

use schwarm_tests::TestServer;
use serde_json::json;

#[test]
fn the_same_key_and_body_replay_the_first_answer_and_a_different_body_is_refused() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let create = |key: &str, slug: &str| {
        server.client.call_with(
            "POST",
            "/api/v1/organizations",
            ada.token(),
            Some(&json!({"slug": slug, "name": "Acme"})),
            &[("idempotency-key", key)],
        )
    };
    let first = create("key-1", "acme");
    assert_eq!(first.status, 201, "{}", first.text());
    assert!(first.header("idempotent-replayed").is_none());
    let again = create("key-1", "acme");
    assert_eq!(
        again.status,
        201,
        "the stored answer, not a 409 for a taken slug: {}",
        again.text()
    );
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), first.json());
    let reused = create("key-1", "bolt").problem(422);
    assert_eq!(reused["code"], "idempotency.key_reused");
    // Without a key, the same request is simply made again.
    assert_eq!(create_without_key(&server, &ada).status, 409);
    // Errors a client caused are kept too: the same request gets the same 409.
    let conflict = create("key-2", "acme");
    assert_eq!(conflict.status, 409);
    assert_eq!(
        create("key-2", "acme").header("idempotent-replayed"),
        Some("true")
    );
    let bad = server.client.call_with(
        "POST",
        "/api/v1/organizations",
        ada.token(),
        Some(&json!({"slug": "x1", "name": "X"})),
        &[("idempotency-key", &"k".repeat(300))],
    );
    assert_eq!(bad.problem(422)["code"], "idempotency.key_invalid");
}

fn create_without_key(server: &TestServer, user: &schwarm_tests::api::User) -> schwarm_tests::TestResponse {
    server.client.call(
        "POST",
        "/api/v1/organizations",
        user.token(),
        Some(&json!({"slug": "acme", "name": "Acme"})),
    )
}

#[test]
fn keys_belong_to_their_credential() {
    let server = TestServer::start();
    let (ada, bea) = (server.client.register("ada"), server.client.register("bea"));
    for (user, slug) in [(&ada, "ada-org"), (&bea, "bea-org")] {
        let res = server.client.call_with(
            "POST",
            "/api/v1/organizations",
            user.token(),
            Some(&json!({"slug": slug, "name": "Org"})),
            &[("idempotency-key", "shared-key")],
        );
        assert_eq!(res.status, 201, "{}", res.text());
        assert!(
            res.header("idempotent-replayed").is_none(),
            "another credential's key is another key"
        );
    }
}

#[test]
fn parallel_requests_with_one_key_create_one_thing() {
    let server = Arc::new(TestServer::start());
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let slug = server.client.open_campaign(
        &ada,
        "acme",
        "Bottle",
        json!({"max_contributions_per_member": 10}),
    );
    let bea = server.client.register("bea");
    let answers: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (server, bea, slug) = (Arc::clone(&server), bea.clone(), slug.clone());
                scope.spawn(move || {
                    let res = server.client.call_with(
                        "POST",
                        &format!("/api/v1/campaigns/{slug}/contributions"),
                        bea.token(),
                        Some(&json!({"title": "Once"})),
                        &[("idempotency-key", "submit-once")],
                    );
                    let id = if res.status == 201 {
                        res.json()["id"].as_str().unwrap().to_owned()
                    } else {
                        String::new()
                    };
                    (res.status, id)
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    assert!(
        answers.iter().all(|(status, _)| *status == 201 || *status == 409),
        "{answers:?}"
    );
    let ids: BTreeSet<&String> = answers
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, id)| id)
        .collect();
    assert_eq!(
        ids.len(),
        1,
        "every success is the same contribution: {answers:?}"
    );
    let listed = server.client.call(
        "GET",
        &format!("/api/v1/campaigns/{slug}/contributions"),
        None,
        None,
    );
    assert_eq!(
        listed.json()["items"].as_array().unwrap().len(),
        1,
        "one was made"
    );
}

#[test]
fn keys_are_per_user_and_answers_with_secrets_or_without_sign_in_are_never_kept() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let create = |token: Option<&str>, key: &str| {
        server.client.call_with(
            "POST",
            "/api/v1/organizations",
            token,
            Some(&json!({"slug": "acme", "name": "Acme"})),
            &[("idempotency-key", key)],
        )
    };
    let other_credential = server.client.personal_token(&ada, &["organizations:write"]);
    assert_eq!(create(ada.token(), "org-1").status, 201);
    // The retry came with another credential of the same user (a refreshed token, a personal
    // token): the same user, so the same answer.
    let retried = create(Some(&other_credential), "org-1");
    assert_eq!(retried.status, 201, "{}", retried.text());
    assert_eq!(retried.header("idempotent-replayed"), Some("true"));

    // A personal token's secret is sent once and never stored for a replay: a retry makes a new
    // token rather than returning the old secret from the idempotency store.
    let mint = || {
        server.client.call_with(
            "POST",
            "/api/v1/me/tokens",
            ada.token(),
            Some(&json!({"name": "ci", "scopes": ["profile:read"]})),
            &[("idempotency-key", "token-1")],
        )
    };
    let (first, second) = (mint(), mint());
    assert_eq!((first.status, second.status), (201, 201), "{}", second.text());
    assert_eq!(first.header("cache-control"), Some("no-store"));
    assert!(second.header("idempotent-replayed").is_none());
    assert_ne!(first.json()["token"], second.json()["token"]);

    // Anonymous requests ignore the header: a sign-in answer (tokens) is never kept.
    let login = || {
        server.client.call_with(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(&json!({"email": "ada@example.com", "password": schwarm_tests::api::PASSWORD})),
            &[("idempotency-key", "login-1")],
        )
    };
    let (first, second) = (login(), login());
    assert_eq!((first.status, second.status), (200, 200), "{}", second.text());
    assert!(second.header("idempotent-replayed").is_none());
    assert_ne!(first.json()["refresh_token"], second.json()["refresh_token"]);
    assert_eq!(first.header("cache-control"), Some("no-store"));
}
