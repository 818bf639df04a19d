//! Personal access tokens for integrations: shown once, stored hashed, scoped, revocable.

use schwarm_tests::TestServer;
use serde_json::json;

#[test]
fn the_secret_is_shown_once_and_lists_carry_only_a_prefix() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let created = server.client.call(
        "POST",
        "/api/v1/me/tokens",
        ada.token(),
        Some(&json!({"name": "CRM sync", "scopes": ["organizations:read"], "expires_in_days": 30})),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let body = created.json();
    let secret = body["token"].as_str().unwrap();
    assert!(secret.starts_with("swm_pat_") && secret.len() > 40, "{secret}");
    assert_eq!(body["token_prefix"], &secret[..12]);
    assert_eq!(body["scopes"], json!(["organizations:read"]));
    assert!(body["expires_at"].is_string());

    let list = server.client.call("GET", "/api/v1/me/tokens", ada.token(), None);
    assert_eq!(list.status, 200);
    assert!(!list.text().contains(secret), "the secret is never listed");
    let items = list.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "CRM sync");
    assert!(items[0].get("token").is_none());
}

#[test]
fn a_read_only_token_reads_but_cannot_write() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let slug = server.client.create_organization(&ada, "acme");
    let read_only = server.client.personal_token(&ada, &["organizations:read"]);

    let members = server.client.call(
        "GET",
        &format!("/api/v1/organizations/{slug}/members"),
        Some(&read_only),
        None,
    );
    assert_eq!(members.status, 200, "{}", members.text());

    let write = server.client.call(
        "PATCH",
        &format!("/api/v1/organizations/{slug}"),
        Some(&read_only),
        Some(&json!({"name": "hijacked"})),
    );
    let problem = write.problem(403);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("organizations:write"),
        "{problem}"
    );
    assert_eq!(
        write.header("www-authenticate"),
        Some(r#"Bearer error="insufficient_scope", scope="organizations:write""#)
    );
    let unchanged = server.get(&format!("/api/v1/organizations/{slug}")).json();
    assert_eq!(unchanged["name"], "acme brand");
    // Other areas are closed too.
    server
        .client
        .call("GET", "/api/v1/me", Some(&read_only), None)
        .problem(403);
}

#[test]
fn write_scope_includes_read_of_the_same_area() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let token = server.client.personal_token(&ada, &["profile:write"]);
    assert_eq!(
        server.client.call("GET", "/api/v1/me", Some(&token), None).status,
        200
    );
}

#[test]
fn tokens_cannot_manage_tokens() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let all = server
        .client
        .personal_token(&ada, &["profile:write", "organizations:write"]);
    server
        .client
        .call("GET", "/api/v1/me/tokens", Some(&all), None)
        .problem(403);
    let minted = server.client.call(
        "POST",
        "/api/v1/me/tokens",
        Some(&all),
        Some(&json!({"name": "x", "scopes": ["profile:read"]})),
    );
    minted.problem(403);
}

#[test]
fn a_revoked_token_stops_working_at_once() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let token = server.client.personal_token(&ada, &["profile:read"]);
    assert_eq!(
        server.client.call("GET", "/api/v1/me", Some(&token), None).status,
        200
    );
    let id = server
        .client
        .call("GET", "/api/v1/me/tokens", ada.token(), None)
        .json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let revoked = server
        .client
        .call("DELETE", &format!("/api/v1/me/tokens/{id}"), ada.token(), None);
    assert_eq!(revoked.status, 204);
    server
        .client
        .call("GET", "/api/v1/me", Some(&token), None)
        .problem(401);
    server
        .client
        .call("DELETE", &format!("/api/v1/me/tokens/{id}"), ada.token(), None)
        .problem(404);
}

#[test]
fn nobody_can_revoke_someone_elses_token() {
    let server = TestServer::start();
    let (ada, eve) = (server.client.register("ada"), server.client.register("eve"));
    let token = server.client.personal_token(&ada, &["profile:read"]);
    let id = server
        .client
        .call("GET", "/api/v1/me/tokens", ada.token(), None)
        .json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    server
        .client
        .call("DELETE", &format!("/api/v1/me/tokens/{id}"), eve.token(), None)
        .problem(404);
    assert_eq!(
        server.client.call("GET", "/api/v1/me", Some(&token), None).status,
        200
    );
}

#[test]
fn unknown_scopes_and_bad_input_are_422() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let create = |body| {
        server
            .client
            .call("POST", "/api/v1/me/tokens", ada.token(), Some(&body))
    };
    let problem = create(json!({"name": "x", "scopes": ["profile:read", "admin"]})).problem(422);
    assert_eq!(problem["errors"][0]["field"], "scopes[1]", "{problem}");
    assert_eq!(
        create(json!({"name": "x", "scopes": []})).problem(422)["errors"][0]["field"],
        "scopes"
    );
    assert_eq!(
        create(json!({"name": "", "scopes": ["profile:read"]})).problem(422)["errors"][0]["field"],
        "name"
    );
    let expiry = create(json!({"name": "x", "scopes": ["profile:read"], "expires_in_days": 0})).problem(422);
    assert_eq!(expiry["errors"][0]["field"], "expires_in_days");
}

#[test]
fn every_scope_works_in_a_token() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let token = server.client.personal_token(&ada, &["campaigns:write"]);
    let listed = server
        .client
        .call("GET", "/api/v1/me/tokens", ada.token(), None)
        .json();
    assert_eq!(
        listed["items"][0]["scopes"],
        json!(["campaigns:write"]),
        "stored and listed"
    );
    let created = server.client.call(
        "POST",
        "/api/v1/organizations/acme/campaigns",
        Some(&token),
        Some(&json!({"kind": "idea", "title": "By integration"})),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let slug = created.json()["slug"].as_str().unwrap().to_owned();
    let read = server
        .client
        .call("GET", &format!("/api/v1/campaigns/{slug}"), Some(&token), None);
    assert_eq!(
        read.status,
        200,
        "campaigns:write includes campaigns:read: {}",
        read.text()
    );
}
