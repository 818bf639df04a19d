//! The reviewer's walk-through of accounts and organizations, end to end, checking on the way
//! that no response shows an email to anyone but its owner, nor any hash or stored secret.

use schwarm_tests::TestResponse;
use schwarm_tests::TestServer;
use schwarm_tests::api::{PASSWORD, User, session};
use serde_json::json;

/// Every response of the walk-through, with who asked.
struct Seen(Vec<(String, String, TestResponse)>);

impl Seen {
    fn keep(&mut self, viewer: &User, label: &str, res: TestResponse) -> TestResponse {
        self.0.push((label.to_owned(), viewer.email.clone(), res.clone()));
        res
    }
}

#[test]
fn two_users_an_organization_rotating_sessions_and_a_read_only_token() {
    let server = TestServer::start();
    let client = &server.client;
    let mut seen = Seen(Vec::new());
    let ada = client.register("ada");
    let bob = client.register("bob");

    let org = json!({"slug": "acme", "name": "ACME"});
    seen.keep(
        &ada,
        "create organization",
        client.call("POST", "/api/v1/organizations", ada.token(), Some(&org)),
    );
    let added = seen.keep(
        &ada,
        "add moderator",
        client.set_role(&ada, "acme", &bob, "moderator"),
    );
    assert_eq!(added.status, 201);
    for viewer in [&ada, &bob] {
        let members = client.call("GET", "/api/v1/organizations/acme/members", viewer.token(), None);
        assert_eq!(seen.keep(viewer, "members", members).status, 200);
    }
    seen.keep(
        &ada,
        "bob's public profile",
        client.get(&format!("/api/v1/users/{}", bob.id)),
    );

    let first = seen.keep(&ada, "refresh 1", client.refresh(&ada.refresh_token));
    let second_session = session(&first.json(), &ada.email);
    let second = seen.keep(&ada, "refresh 2", client.refresh(&second_session.refresh_token));
    assert_eq!(second.status, 200);
    seen.keep(&ada, "replay", client.refresh(&ada.refresh_token))
        .problem(401);
    let newest = session(&second.json(), &ada.email);
    seen.keep(&ada, "family gone", client.refresh(&newest.refresh_token))
        .problem(401);

    let fresh = session(&client.login(&ada.email, PASSWORD).json(), &ada.email);
    let read_only = client.personal_token(&fresh, &["organizations:read"]);
    let write = client.call(
        "PATCH",
        "/api/v1/organizations/acme",
        Some(&read_only),
        Some(&json!({"name": "x"})),
    );
    seen.keep(&ada, "write with read-only token", write).problem(403);
    seen.keep(
        &ada,
        "tokens",
        client.call("GET", "/api/v1/me/tokens", fresh.token(), None),
    );

    for (label, viewer, res) in &seen.0 {
        let text = res.text();
        assert!(!text.contains("$argon2"), "{label} leaks a password hash: {text}");
        assert!(!text.contains(&read_only), "{label} leaks a token secret: {text}");
        for email in [&ada.email, &bob.email]
            .into_iter()
            .filter(|email| *email != viewer)
        {
            assert!(
                !text.contains(email.as_str()),
                "{label} shows {email} to {viewer}: {text}"
            );
        }
        let digest_shaped = text
            .as_bytes()
            .windows(64)
            .any(|w| w.iter().all(u8::is_ascii_hexdigit));
        assert!(
            !digest_shaped,
            "{label} contains something shaped like a SHA-256 digest: {text}"
        );
    }
}
