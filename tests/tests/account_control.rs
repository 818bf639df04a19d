//! People's control of their sign-ins: the sessions list, signing one or all others out (their
//! access tokens stop at once, not when they expire), changing the password, and a password
//! before a token that can change things is minted.

use schwarm_tests::TestServer;
use schwarm_tests::api::{PASSWORD, User, session};
use serde_json::{Value, json};

/// Signs `email` in again from a device named `agent`: a second session.
fn sign_in(server: &TestServer, email: &str, password: &str, agent: &str) -> User {
    let body = json!({"email": email, "password": password});
    let res = server.client.call_with(
        "POST",
        "/api/v1/auth/login",
        None,
        Some(&body),
        &[("User-Agent", agent)],
    );
    assert_eq!(res.status, 200, "{}", res.text());
    session(&res.json(), email)
}

fn sessions(server: &TestServer, user: &User) -> Value {
    let res = server
        .client
        .call("GET", "/api/v1/me/sessions", user.token(), None);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

fn me_status(server: &TestServer, user: &User) -> u16 {
    server.client.call("GET", "/api/v1/me", user.token(), None).status
}

#[test]
fn a_session_signed_out_elsewhere_stops_at_once_with_its_tokens() {
    let server = TestServer::start();
    let laptop = server.client.register("ada");
    let phone = sign_in(&server, &laptop.email, PASSWORD, "Phone/1.0");
    let list = sessions(&server, &laptop);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let on_phone = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["user_agent"] == "Phone/1.0")
        .unwrap()
        .clone();
    assert_eq!(on_phone["current"], false);
    assert_eq!(
        list.as_array()
            .unwrap()
            .iter()
            .filter(|s| s["current"] == true)
            .count(),
        1
    );

    assert_eq!(me_status(&server, &phone), 200);
    let path = format!("/api/v1/me/sessions/{}", on_phone["id"].as_str().unwrap());
    assert_eq!(
        server.client.call("DELETE", &path, laptop.token(), None).status,
        204
    );
    assert_eq!(
        me_status(&server, &phone),
        401,
        "its access token stopped, minutes before expiry"
    );
    server.client.refresh(&phone.refresh_token).problem(401);
    assert_eq!(me_status(&server, &laptop), 200, "the other session stands");
    server
        .client
        .call("DELETE", &path, laptop.token(), None)
        .problem(404);
    // Nobody ends another person's session.
    let eve = server.client.register("eve");
    let laptop_session = sessions(&server, &laptop)[0]["id"].as_str().unwrap().to_owned();
    server
        .client
        .call(
            "DELETE",
            &format!("/api/v1/me/sessions/{laptop_session}"),
            eve.token(),
            None,
        )
        .problem(404);
    assert_eq!(me_status(&server, &laptop), 200);
}

#[test]
fn signing_out_everywhere_else_keeps_only_this_session() {
    let server = TestServer::start();
    let here = server.client.register("ada");
    let others: Vec<User> = (0..2)
        .map(|i| sign_in(&server, &here.email, PASSWORD, &format!("Device/{i}")))
        .collect();
    let done = server
        .client
        .call("DELETE", "/api/v1/me/sessions", here.token(), None);
    assert_eq!(done.json()["signed_out"], 2, "{}", done.text());
    for other in &others {
        assert_eq!(me_status(&server, other), 401);
        server.client.refresh(&other.refresh_token).problem(401);
    }
    assert_eq!(me_status(&server, &here), 200);
    assert_eq!(sessions(&server, &here).as_array().unwrap().len(), 1);
}

#[test]
fn changing_the_password_needs_the_old_one_and_signs_out_every_other_session() {
    let server = TestServer::start();
    let here = server.client.register("ada");
    let thief = sign_in(&server, &here.email, PASSWORD, "Thief/1.0");
    let change = |current: &str, new: &str| {
        server.client.call(
            "POST",
            "/api/v1/me/password",
            here.token(),
            Some(&json!({"current_password": current, "new_password": new})),
        )
    };
    let wrong = change("not my password at all", "a brand new passphrase").problem(422);
    assert_eq!(
        (&wrong["errors"][0]["field"], &wrong["errors"][0]["code"]),
        (&json!("current_password"), &json!("password.incorrect"))
    );
    let is_email = change(PASSWORD, &here.email).problem(422);
    assert_eq!(
        (&is_email["errors"][0]["field"], &is_email["errors"][0]["code"]),
        (&json!("new_password"), &json!("password.is_email"))
    );
    assert_eq!(me_status(&server, &thief), 200, "refusals change nothing");

    assert_eq!(change(PASSWORD, "a brand new passphrase").status, 204);
    assert_eq!(
        me_status(&server, &thief),
        401,
        "the other session is out at once"
    );
    server.client.refresh(&thief.refresh_token).problem(401);
    assert_eq!(me_status(&server, &here), 200, "this session stays");
    server.client.login(&here.email, PASSWORD).problem(401);
    assert_eq!(
        server.client.login(&here.email, "a brand new passphrase").status,
        200
    );
}

#[test]
fn a_token_that_can_change_things_needs_the_password_and_tokens_cannot_manage_sessions() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let mint = |body: Value| {
        server
            .client
            .call("POST", "/api/v1/me/tokens", ada.token(), Some(&body))
    };
    let missing = mint(json!({"name": "ci", "scopes": ["votes:write"]})).problem(422);
    assert_eq!(
        (&missing["errors"][0]["field"], &missing["errors"][0]["code"]),
        (&json!("password"), &json!("field.required"))
    );
    let wrong =
        mint(json!({"name": "ci", "scopes": ["votes:write"], "password": "wrong password!"})).problem(422);
    assert_eq!(wrong["errors"][0]["code"], "password.incorrect");
    assert_eq!(
        mint(json!({"name": "ci", "scopes": ["votes:write"], "password": PASSWORD})).status,
        201
    );
    let read_only = mint(json!({"name": "dashboard", "scopes": ["profile:read"]}));
    assert_eq!(
        read_only.status,
        201,
        "reading needs no password: {}",
        read_only.text()
    );

    let token = read_only.json()["token"].as_str().unwrap().to_owned();
    for (method, path) in [("GET", "/api/v1/me/sessions"), ("DELETE", "/api/v1/me/sessions")] {
        server.client.call(method, path, Some(&token), None).problem(403);
    }
    assert_eq!(me_status(&server, &ada), 200);
}
