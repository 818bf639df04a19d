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

/// Every shape of route refuses a signed-out session's access token, and changes nothing for it.
#[test]
fn a_signed_out_sessions_token_is_refused_by_every_kind_of_route_and_changes_nothing() {
    let server = TestServer::start();
    let laptop = server.client.register("ada");
    let phone = sign_in(&server, &laptop.email, PASSWORD, "Phone/1.0");
    let organization = server.client.create_organization(&laptop, "brand");
    let campaign = server
        .client
        .open_campaign(&laptop, &organization, "Logo", json!({}));
    let campaign_path = format!("/api/v1/campaigns/{campaign}");
    assert_eq!(
        server
            .client
            .call("GET", &campaign_path, phone.token(), None)
            .status,
        200
    );
    let done = server
        .client
        .call("DELETE", "/api/v1/me/sessions", laptop.token(), None);
    assert_eq!(done.json()["signed_out"], 1, "{}", done.text());

    let refused = |method: &str, path: &str, body: Option<Value>| {
        let res = server.client.call(method, path, phone.token(), body.as_ref());
        assert_eq!(res.problem(401)["code"], "auth.invalid_token", "{method} {path}");
    };
    // A write, a read that would answer anonymous callers too, a session-only route, a route with
    // several steps (a token that can write needs the password) and one that runs before the
    // database (an upload).
    let entry = json!({"title": "Fox", "body": "A fox in the snow."});
    refused("POST", &format!("{campaign_path}/contributions"), Some(entry));
    refused(
        "POST",
        "/api/v1/organizations",
        Some(json!({"slug": "phone-brand", "name": "Phone brand"})),
    );
    refused("GET", &campaign_path, None);
    refused("GET", &format!("{campaign_path}/contributions"), None);
    refused("GET", "/api/v1/me/sessions", None);
    let token = json!({"name": "ci", "scopes": ["campaigns:write"], "password": PASSWORD});
    refused("POST", "/api/v1/me/tokens", Some(token));
    let upload = server
        .client
        .upload(&phone, "a.png", "image/png", &schwarm_tests::api::tiny_png());
    assert_eq!(upload.problem(401)["code"], "auth.invalid_token");

    // Nothing was written for it.
    let entries = server.client.call(
        "GET",
        &format!("{campaign_path}/contributions"),
        laptop.token(),
        None,
    );
    assert_eq!(entries.json()["items"], json!([]), "{}", entries.text());
    server
        .client
        .call("GET", "/api/v1/organizations/phone-brand", laptop.token(), None)
        .problem(404);
    let tokens = server
        .client
        .call("GET", "/api/v1/me/tokens", laptop.token(), None);
    assert_eq!(tokens.json()["items"], json!([]), "{}", tokens.text());
    // Anonymous readers still read, and the laptop's session stands.
    assert_eq!(server.client.call("GET", &campaign_path, None, None).status, 200);
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

#[test]
fn the_export_holds_everything_about_me_and_nothing_about_others_or_secrets() {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let campaign = server.client.open_campaign(
        &owner,
        "acme",
        "Bottle",
        json!({"vote_during_submission": true, "max_contributions_per_member": 3}),
    );
    let ada = server.client.register("ada");
    let bob = server.client.register("bob");
    let submit = |user: &User, title: &str| {
        let made = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{campaign}/contributions"),
            user.token(),
            Some(&json!({"title": title})),
        );
        assert_eq!(made.status, 201, "{}", made.text());
        made.json()["id"].as_str().unwrap().to_owned()
    };
    let mine = submit(&ada, "Ada's bottle");
    let theirs = submit(&bob, "Bob's bottle");
    let voted = server.client.call(
        "PUT",
        &format!("/api/v1/contributions/{theirs}/vote"),
        ada.token(),
        Some(&json!({"value": 1})),
    );
    assert_eq!(voted.status, 200, "{}", voted.text());
    let commented = server.client.call(
        "POST",
        &format!("/api/v1/contributions/{theirs}/comments"),
        ada.token(),
        Some(&json!({"body": "Love the cork"})),
    );
    assert_eq!(commented.status, 201, "{}", commented.text());
    server.client.personal_token(&ada, &["profile:read"]);
    assert_eq!(
        server
            .client
            .upload(&ada, "a.png", "image/png", &schwarm_tests::api::tiny_png())
            .status,
        201
    );

    let res = server.client.call("GET", "/api/v1/me/export", ada.token(), None);
    assert_eq!(res.status, 200, "{}", res.text());
    assert!(
        res.header("content-disposition")
            .is_some_and(|d| d.contains("attachment"))
    );
    let export = res.json();
    assert_eq!(export["profile"]["email"], ada.email.as_str());
    let titles: Vec<&str> = export["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Ada's bottle"], "mine only");
    assert_eq!(export["contributions"][0]["id"], mine.as_str());
    assert_eq!(export["votes"][0]["contribution_id"], theirs.as_str());
    assert_eq!(export["comments"][0]["body"], "Love the cork");
    assert_eq!(export["uploads"].as_array().unwrap().len(), 1);
    assert_eq!(export["personal_access_tokens"].as_array().unwrap().len(), 1);
    assert_eq!(export["sessions"].as_array().unwrap().len(), 1);
    assert!(!export["participations"].as_array().unwrap().is_empty());
    for section in [
        "pledges",
        "task_answers",
        "award_shares",
        "reports",
        "memberships",
    ] {
        assert!(export[section].is_array(), "{section} is there, empty");
    }
    let text = export.to_string();
    for secret in [
        "password_hash",
        "token_hash",
        "argon2",
        "network_hash",
        "Bob's bottle",
    ] {
        assert!(!text.contains(secret), "{secret} must not be in the export");
    }
    server
        .client
        .call("GET", "/api/v1/me/export", None, None)
        .problem(401);
}

#[test]
fn deleting_my_account_erases_me_and_keeps_what_others_built_on() {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let campaign =
        server
            .client
            .open_campaign(&owner, "acme", "Bottle", json!({"vote_during_submission": true}));
    let ada = server.client.register("ada");
    let made = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{campaign}/contributions"),
        ada.token(),
        Some(&json!({"title": "Ada's bottle"})),
    );
    let entry = made.json()["id"].as_str().unwrap().to_owned();
    let bob = server.client.register("bob");
    let vote = server.client.call(
        "PUT",
        &format!("/api/v1/contributions/{entry}/vote"),
        bob.token(),
        Some(&json!({"value": 1})),
    );
    assert_eq!(vote.status, 200, "{}", vote.text());
    let other_device = sign_in(&server, &ada.email, PASSWORD, "Tablet/2");
    let delete = |user: &User, password: &str| {
        server.client.call(
            "DELETE",
            "/api/v1/me",
            user.token(),
            Some(&json!({"password": password})),
        )
    };

    assert_eq!(
        delete(&ada, "not my password!").problem(422)["errors"][0]["code"],
        "password.incorrect"
    );
    let last_owner = delete(&owner, PASSWORD).problem(409);
    assert_eq!(
        (&last_owner["code"], &last_owner["params"]["organization"]),
        (&json!("organization.last_owner"), &json!("acme"))
    );

    assert_eq!(delete(&ada, PASSWORD).status, 204);
    assert_eq!(me_status(&server, &ada), 401, "every session ends");
    assert_eq!(me_status(&server, &other_device), 401);
    server.client.login(&ada.email, PASSWORD).problem(401);
    let profile = server.get(&format!("/api/v1/users/{}", ada.id)).json();
    assert_eq!(profile["display_name"], "Deleted user");
    assert!(!profile.to_string().contains("ada@"), "{profile}");
    let shown = server.get(&format!("/api/v1/contributions/{entry}"));
    assert_eq!(shown.status, 200, "the entry others voted for stays");
    assert_eq!(shown.json()["authors"][0]["display_name"], "Deleted user");
    // Neither her address nor her name: a bare "ada" also turns up inside random hex ids.
    assert!(!shown.text().contains(&ada.email), "{}", shown.text());
    assert!(
        shown.json()["authors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|author| author["display_name"] == "Deleted user"),
        "{}",
        shown.text()
    );
    assert_eq!(me_status(&server, &bob), 200, "nobody else changes");
    let bobs = server
        .client
        .call("GET", "/api/v1/me/export", bob.token(), None)
        .json();
    assert_eq!(
        bobs["votes"][0]["contribution_id"],
        entry.as_str(),
        "bob's vote stands"
    );
    // The address is free for a new account.
    let again = server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(&json!({"email": ada.email, "password": PASSWORD, "display_name": "Ada again"})),
    );
    assert_eq!(again.status, 201, "{}", again.text());
}
