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
