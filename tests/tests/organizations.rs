//! Organizations (brands) and roles: who may do what, and an organization never loses its last
//! owner, not even to parallel requests.

use std::sync::{Arc, Barrier};

use schwarm_tests::TestServer;
use serde_json::json;

#[test]
fn the_creator_becomes_owner_and_the_profile_is_public() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let res = server.client.call(
        "POST",
        "/api/v1/organizations",
        ada.token(),
        Some(&json!({"slug": "acme", "name": "ACME", "description": "We make things", "website": "https://acme.example"})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let public = server.get("/api/v1/organizations/acme");
    assert_eq!(public.status, 200);
    assert_eq!(public.json()["name"], "ACME");
    let members = server
        .client
        .call("GET", "/api/v1/organizations/acme/members", ada.token(), None)
        .json();
    assert_eq!(members["items"][0]["user_id"], ada.id.as_str());
    assert_eq!(members["items"][0]["role"], "owner");
    server.get("/api/v1/organizations/nope").problem(404);
}

#[test]
fn slugs_are_unique_and_well_formed() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let again = server.client.call(
        "POST",
        "/api/v1/organizations",
        ada.token(),
        Some(&json!({"slug": "acme", "name": "x"})),
    );
    again.problem(409);
    for slug in ["ab", "Acme", "acme--co", "-acme", "acme co", "ac/me"] {
        let res = server.client.call(
            "POST",
            "/api/v1/organizations",
            ada.token(),
            Some(&json!({"slug": slug, "name": "x"})),
        );
        assert_eq!(res.problem(422)["errors"][0]["field"], "slug", "{slug}");
    }
}

#[test]
fn websites_are_real_addresses_served_in_canonical_form() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    for website in [
        "http://[",
        "https://a]b",
        "ftp://acme.example",
        "https://",
        "http://exa mple.org",
        "https://a\u{ff0f}b",
    ] {
        let res = server.client.call(
            "POST",
            "/api/v1/organizations",
            ada.token(),
            Some(&json!({"slug": "acme", "name": "ACME", "website": website})),
        );
        assert_eq!(res.problem(422)["errors"][0]["field"], "website", "{website}");
    }
    let created = server.client.call(
        "POST",
        "/api/v1/organizations",
        ada.token(),
        Some(&json!({"slug": "acme", "name": "ACME", "website": "https://Bücher.example/straße"})),
    );
    assert_eq!(
        created.json()["website"],
        "https://xn--bcher-kva.example/stra%C3%9Fe",
        "{}",
        created.text()
    );
    let updated = server.client.call(
        "PATCH",
        "/api/v1/organizations/acme",
        ada.token(),
        Some(&json!({"website": "HTTPS://ACME.example"})),
    );
    updated.problem(422);
    let updated = server.client.call(
        "PATCH",
        "/api/v1/organizations/acme",
        ada.token(),
        Some(&json!({"website": "https://[::1]:8080"})),
    );
    assert_eq!(updated.json()["website"], "https://[::1]:8080/");
}

#[test]
fn privileged_fields_cannot_be_assigned() {
    let server = TestServer::start();
    let (ada, eve) = (server.client.register("ada"), server.client.register("eve"));
    for (field, value) in [
        ("owner", json!(eve.id)),
        ("id", json!("x")),
        ("role", json!("owner")),
    ] {
        let mut body = json!({"slug": "acme", "name": "ACME"});
        body[field] = value;
        let problem = server
            .client
            .call("POST", "/api/v1/organizations", eve.token(), Some(&body))
            .problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    server.client.create_organization(&ada, "acme");
    for field in ["slug", "id", "created_at"] {
        let res = server.client.call(
            "PATCH",
            "/api/v1/organizations/acme",
            ada.token(),
            Some(&json!({ field: "x" })),
        );
        assert_eq!(res.problem(422)["errors"][0]["field"], field);
    }
    let member = server.client.call(
        "PUT",
        &format!("/api/v1/organizations/acme/members/{}", eve.id),
        ada.token(),
        Some(&json!({"role": "juror", "user_id": ada.id})),
    );
    member.problem(422);
    let bad_role = server.client.set_role(&ada, "acme", &eve, "admin");
    bad_role.problem(422);
}

#[test]
fn outsiders_cannot_read_members_or_change_anything() {
    let server = TestServer::start();
    let (ada, eve) = (server.client.register("ada"), server.client.register("eve"));
    server.client.create_organization(&ada, "acme");
    server
        .client
        .call("GET", "/api/v1/organizations/acme/members", eve.token(), None)
        .problem(403);
    server
        .client
        .call(
            "PATCH",
            "/api/v1/organizations/acme",
            eve.token(),
            Some(&json!({"name": "pwned"})),
        )
        .problem(403);
    server.client.set_role(&eve, "acme", &eve, "owner").problem(403);
    server
        .client
        .call(
            "DELETE",
            &format!("/api/v1/organizations/acme/members/{}", ada.id),
            eve.token(),
            None,
        )
        .problem(403);
    assert_eq!(
        server.get("/api/v1/organizations/acme").json()["name"],
        "acme brand"
    );
}

#[test]
fn roles_decide_who_manages_whom() {
    let server = TestServer::start();
    let [owner, manager, moderator, juror, newcomer] =
        ["owner", "manager", "moderator", "juror", "newcomer"].map(|name| server.client.register(name));
    server.client.create_organization(&owner, "acme");
    assert_eq!(
        server.client.set_role(&owner, "acme", &manager, "manager").status,
        201
    );
    assert_eq!(
        server
            .client
            .set_role(&manager, "acme", &moderator, "moderator")
            .status,
        201
    );
    assert_eq!(
        server.client.set_role(&manager, "acme", &juror, "juror").status,
        201
    );
    // A manager may not create managers or owners, nor touch the owner.
    server
        .client
        .set_role(&manager, "acme", &newcomer, "manager")
        .problem(403);
    server
        .client
        .set_role(&manager, "acme", &owner, "juror")
        .problem(403);
    // Moderators and jurors manage nobody and cannot edit the organization.
    server
        .client
        .set_role(&moderator, "acme", &newcomer, "juror")
        .problem(403);
    server
        .client
        .call(
            "PATCH",
            "/api/v1/organizations/acme",
            juror.token(),
            Some(&json!({"name": "x"})),
        )
        .problem(403);
    // But they see the member list, and may leave.
    let members = server
        .client
        .call(
            "GET",
            "/api/v1/organizations/acme/members?limit=2",
            juror.token(),
            None,
        )
        .json();
    assert_eq!(members["items"].as_array().unwrap().len(), 2);
    let rest = server.client.call(
        "GET",
        &format!(
            "/api/v1/organizations/acme/members?limit=2&cursor={}",
            members["next_cursor"].as_str().unwrap()
        ),
        juror.token(),
        None,
    );
    assert_eq!(
        rest.json()["items"].as_array().unwrap().len(),
        2,
        "4 members in 2 pages"
    );
    let left = server.client.call(
        "DELETE",
        &format!("/api/v1/organizations/acme/members/{}", juror.id),
        juror.token(),
        None,
    );
    assert_eq!(left.status, 204);
    // A manager edits the organization; changing a role answers 200.
    let renamed = server.client.call(
        "PATCH",
        "/api/v1/organizations/acme",
        manager.token(),
        Some(&json!({"name": "ACME 2", "website": null})),
    );
    assert_eq!(renamed.json()["name"], "ACME 2");
    let changed = server.client.set_role(&owner, "acme", &moderator, "juror");
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["role"], "juror");
}

#[test]
fn the_last_owner_can_neither_leave_nor_be_demoted() {
    let server = TestServer::start();
    let (ada, bob) = (server.client.register("ada"), server.client.register("bob"));
    server.client.create_organization(&ada, "acme");
    server.client.set_role(&ada, "acme", &ada, "manager").problem(409);
    server
        .client
        .call(
            "DELETE",
            &format!("/api/v1/organizations/acme/members/{}", ada.id),
            ada.token(),
            None,
        )
        .problem(409);
    // With a second owner, the first may step down.
    assert_eq!(server.client.set_role(&ada, "acme", &bob, "owner").status, 201);
    assert_eq!(server.client.set_role(&ada, "acme", &ada, "manager").status, 200);
}

#[test]
fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let server = TestServer::start();
    let (ada, bob) = (server.client.register("ada"), server.client.register("bob"));
    server.client.create_organization(&ada, "acme");
    assert_eq!(server.client.set_role(&ada, "acme", &bob, "owner").status, 201);
    let barrier = Arc::new(Barrier::new(2));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        [(&ada, &bob), (&bob, &ada)]
            .map(|(actor, target)| {
                let (client, barrier) = (server.client.clone(), Arc::clone(&barrier));
                scope.spawn(move || {
                    barrier.wait();
                    client.set_role(actor, "acme", target, "manager").status
                })
            })
            .map(|handle| handle.join().unwrap())
            .to_vec()
    });
    let mut sorted = statuses.clone();
    sorted.sort();
    assert!(
        sorted == [200, 403] || sorted == [200, 409],
        "one demotion wins: {statuses:?}"
    );
    let members = server
        .client
        .call("GET", "/api/v1/organizations/acme/members", ada.token(), None)
        .json();
    let owners = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "owner")
        .count();
    assert_eq!(owners, 1, "{members}");
}

#[test]
fn adding_an_unknown_user_is_404() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    for id in ["00000000-0000-7000-8000-000000000000", "nope"] {
        let res = server.client.call(
            "PUT",
            &format!("/api/v1/organizations/acme/members/{id}"),
            ada.token(),
            Some(&json!({"role": "juror"})),
        );
        res.problem(404);
    }
}

#[test]
fn single_resources_support_conditional_gets() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let first = server.get("/api/v1/organizations/acme");
    let etag = first.header("etag").expect("ETag").to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");

    let unchanged = server
        .client
        .get_with("/api/v1/organizations/acme", &[("If-None-Match", &etag)]);
    assert_eq!(unchanged.status, 304);
    assert!(unchanged.body.is_empty());
    assert_eq!(unchanged.header("etag"), Some(etag.as_str()));

    let weak = format!("W/{etag}");
    let listed = server.client.get_with(
        "/api/v1/organizations/acme",
        &[("If-None-Match", &format!("\"other\", {weak}"))],
    );
    assert_eq!(listed.status, 304, "weak comparison, lists");

    let renamed = server.client.call(
        "PATCH",
        "/api/v1/organizations/acme",
        ada.token(),
        Some(&json!({"name": "New"})),
    );
    assert_eq!(renamed.status, 200);
    let changed = server
        .client
        .get_with("/api/v1/organizations/acme", &[("If-None-Match", &etag)]);
    assert_eq!(changed.status, 200, "a change gives a new representation");
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
    assert_eq!(changed.json()["name"], "New");
}
