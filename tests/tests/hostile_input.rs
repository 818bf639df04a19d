//! Input that once made PostgreSQL fail (found by schemathesis): NUL characters in bodies, paths
//! and queries are replaced or refused clearly, never a 500; cursors the server never issued are
//! refused naming `cursor`.

use schwarm_tests::TestServer;
use serde_json::json;

#[test]
fn nul_characters_in_body_strings_become_replacement_characters() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let res = server.client.call(
        "POST",
        "/api/v1/me/tokens",
        ada.token(),
        Some(&json!({"name": "WA\u{0}X", "scopes": ["profile:read"]})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(res.json()["name"], "WA\u{FFFD}X");
    let nested = server.client.call(
        "PATCH",
        "/api/v1/me",
        ada.token(),
        Some(&json!({"research": {"interests": ["ok", "x\u{0}y"]}})),
    );
    assert_eq!(
        nested.json()["research"]["interests"],
        json!(["ok", "x\u{FFFD}y"])
    );
    // Stored and compared alike: the same password with its NUL signs in again.
    let res = server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(&json!({"email": "nul@example.com", "password": "long enough\u{0} password", "display_name": "N"})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(
        server
            .client
            .login("nul@example.com", "long enough\u{0} password")
            .status,
        200
    );
}

#[test]
fn nul_in_the_path_names_nothing_and_in_the_query_is_replaced() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    server.get("/api/v1/organizations/ac%00me").problem(404);
    let query = server.get("/api/v1/campaigns?organization=ac%00me&q=x%00");
    assert_eq!(query.status, 200, "{}", query.text());
    assert!(query.json()["items"].as_array().unwrap().is_empty());
}

#[test]
fn forged_altered_and_foreign_cursors_are_refused_naming_the_cursor() {
    use base64::Engine;
    let server = TestServer::start();
    let ada = server.client.register("ada");
    for slug in ["acme", "bolt"] {
        server.client.create_organization(&ada, slug);
    }
    for name in ["bea", "cyd"] {
        let member = server.client.register(name);
        server.client.set_role(&ada, "acme", &member, "juror");
    }
    let members = |query: &str| {
        server.client.call(
            "GET",
            &format!("/api/v1/organizations/acme/members{query}"),
            ada.token(),
            None,
        )
    };
    let first = members("?limit=1");
    assert_eq!(first.status, 200, "{}", first.text());
    let cursor = first.json()["next_cursor"].as_str().unwrap().to_owned();
    let second = members(&format!("?limit=1&cursor={cursor}"));
    assert_eq!(
        second.status,
        200,
        "an issued cursor continues the list: {}",
        second.text()
    );
    assert_ne!(first.json()["items"][0], second.json()["items"][0]);

    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("not-a-cursor");
    let mut altered = cursor.clone().into_bytes();
    let last = altered.len() - 1;
    altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    for bad in [
        forged.as_str(),
        "AAAA",
        &cursor[..cursor.len() - 3],
        altered.as_str(),
    ] {
        let problem = members(&format!("?limit=1&cursor={bad}")).problem(422);
        assert_eq!(problem["code"], "cursor.invalid", "{bad}: {problem}");
        assert_eq!(problem["field"], "cursor", "{problem}");
    }
    // A cursor belongs to its list: the same position in another organization's members is
    // refused, so a stale client learns it instead of paging something else.
    let foreign = server.client.call(
        "GET",
        &format!("/api/v1/organizations/bolt/members?limit=1&cursor={cursor}"),
        ada.token(),
        None,
    );
    assert_eq!(foreign.problem(422)["code"], "cursor.invalid");
}
