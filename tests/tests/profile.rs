//! The signed-in user's profile and public profiles: the email is shown to its owner only, and
//! research attributes exist only with consent.

use schwarm_tests::TestServer;
use serde_json::json;

#[test]
fn public_profiles_never_show_the_email() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let bob = server.client.register("bob");
    for viewer in [None, bob.token(), ada.token()] {
        let res = server
            .client
            .call("GET", &format!("/api/v1/users/{}", ada.id), viewer, None);
        assert_eq!(res.status, 200, "{}", res.text());
        let body = res.json();
        assert_eq!(body["display_name"], "ada");
        assert!(body.get("email").is_none(), "{body}");
        assert!(!res.text().contains("@example.com"), "{body}");
    }
    let me = server.client.call("GET", "/api/v1/me", ada.token(), None).json();
    assert_eq!(me["email"], "ada@example.com");
}

#[test]
fn unknown_users_are_404() {
    let server = TestServer::start();
    server
        .get("/api/v1/users/00000000-0000-7000-8000-000000000000")
        .problem(404);
    server.get("/api/v1/users/not-an-id").problem(404);
}

#[test]
fn research_attributes_come_and_go_with_consent() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let patch = |body: serde_json::Value| {
        server
            .client
            .call("PATCH", "/api/v1/me", ada.token(), Some(&body))
    };
    assert!(
        server.client.call("GET", "/api/v1/me", ada.token(), None).json()["research"].is_null(),
        "no consent yet"
    );

    let res =
        patch(json!({"research": {"country": "DE", "birth_year": 1990, "interests": ["design", "music"]}}));
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(
        res.json()["research"],
        json!({"country": "DE", "birth_year": 1990, "interests": ["design", "music"]})
    );

    let renamed = patch(json!({"display_name": "Ada L."})).json();
    assert_eq!(
        renamed["research"]["country"], "DE",
        "other updates keep the research profile"
    );

    let replaced = patch(json!({"research": {"country": "AT"}})).json();
    assert_eq!(
        replaced["research"],
        json!({"country": "AT", "birth_year": null, "interests": []}),
        "replaced whole"
    );

    let withdrawn = patch(json!({"research": null})).json();
    assert!(withdrawn["research"].is_null(), "{withdrawn}");
    let again = patch(json!({"research": {}})).json();
    assert_eq!(
        again["research"],
        json!({"country": null, "birth_year": null, "interests": []}),
        "nothing came back"
    );
}

#[test]
fn profile_updates_are_validated_and_cannot_touch_protected_fields() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let patch = |body: serde_json::Value| {
        server
            .client
            .call("PATCH", "/api/v1/me", ada.token(), Some(&body))
    };
    for (field, value) in [
        ("email", json!("evil@example.com")),
        ("id", json!("x")),
        ("research_consent", json!(true)),
    ] {
        let problem = patch(json!({ field: value })).problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    for (body, field) in [
        (json!({"display_name": "   "}), "display_name"),
        (json!({"locale": "fr"}), "locale"),
        (json!({"research": {"birth_year": 1700}}), "research.birth_year"),
        (json!({"research": {"country": "Germany"}}), "research.country"),
        (json!({"research": {"interests": [""]}}), "research.interests"),
        (json!({"research": {"shoe_size": 44}}), "research.shoe_size"),
    ] {
        let problem = patch(body.clone()).problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
    }
    assert_eq!(patch(json!([null])).problem(422)["errors"][0]["field"], "body");
    let renamed = patch(json!({"display_name": " Ada L. ", "locale": "de"})).json();
    assert_eq!(
        (renamed["display_name"].as_str(), renamed["locale"].as_str()),
        (Some("Ada L."), Some("de"))
    );
    assert_eq!(renamed["email"], "ada@example.com");
}

#[test]
fn people_are_found_by_part_of_their_name_or_their_exact_email_never_showing_it() {
    let server = TestServer::start();
    let client = &server.client;
    let register = |email: &str, name: &str| {
        let res = client.call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&json!({"email": email, "password": schwarm_tests::api::PASSWORD, "display_name": name})),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        schwarm_tests::api::session(&res.json(), email)
    };
    let bob = register("bob@example.com", "Bob");
    register("anna@example.com", "Anna Schmidt");
    let joanne = register("jo@example.com", "joanne");
    register("percent@example.com", "100% Ann");
    let search = |query: &str| client.call("GET", &format!("/api/v1/users?{query}"), bob.token(), None);
    let names = |query: &str| -> Vec<String> {
        let res = search(query);
        assert_eq!(res.status, 200, "{}", res.text());
        let found = res.json();
        assert!(
            found
                .as_array()
                .unwrap()
                .iter()
                .all(|user| user.get("email").is_none()),
            "{found}"
        );
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|user| user["display_name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names("q=ANN"),
        ["100% Ann", "Anna Schmidt", "joanne"],
        "case-insensitive, by name"
    );
    assert_eq!(
        names("q=0%25%20a"),
        ["100% Ann"],
        "a % in the text is a %, not a wildcard"
    );
    assert_eq!(names("q=_nn"), Vec::<String>::new(), "an _ in the text is an _");
    assert_eq!(names("email=%20JO@Example.com"), ["joanne"]);
    assert_eq!(names("email=nobody@example.com"), Vec::<String>::new());
    let short = search("q=a").problem(422);
    assert_eq!(
        (short["field"].as_str(), short["code"].as_str()),
        (Some("q"), Some("field.length"))
    );
    // A name that is too long is refused even when an email address would answer, and its
    // length counts the spaces that were sent.
    for query in [
        format!("email=jo@example.com&q={}", "n".repeat(81)),
        format!("q={}%20", "n".repeat(80)),
        "q=%20a%20".to_owned(),
    ] {
        let refused = search(&query).problem(422);
        assert_eq!(
            (refused["field"].as_str(), refused["code"].as_str()),
            (Some("q"), Some("field.length")),
            "{query}"
        );
    }
    assert_eq!(client.call("GET", "/api/v1/users?q=ann", None, None).status, 401);

    // A deleted account is found neither by name nor by its old address.
    let deleted = client.call(
        "DELETE",
        "/api/v1/me",
        joanne.token(),
        Some(&json!({"password": schwarm_tests::api::PASSWORD})),
    );
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    assert_eq!(names("q=deleted"), Vec::<String>::new());
    assert_eq!(names("email=jo@example.com"), Vec::<String>::new());
}
