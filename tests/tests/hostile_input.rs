//! Input that once made PostgreSQL fail (found by schemathesis): NUL characters in bodies, paths,
//! queries and cursors are replaced or refused clearly, never a 500.

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
fn a_cursor_decoding_to_nul_bytes_is_just_a_position() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    // "AAAA" is base64url for three zero bytes.
    let res = server.client.call(
        "GET",
        "/api/v1/organizations/acme/members?cursor=AAAA",
        ada.token(),
        None,
    );
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(
        res.json()["items"].as_array().unwrap().len(),
        1,
        "every id sorts after the empty position"
    );
}
