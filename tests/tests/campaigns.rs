//! Campaigns: drafts stay private, publishing needs a sound schedule, the phase follows the
//! clock, rules freeze when submissions open, and discovery pages stay stable.
use schwarm_tests::TestServer;
use schwarm_tests::api::{User, at, shifted};
use serde_json::{Value, json};

/// Submissions open now for an hour, voting the hour after.
fn running_schedule() -> Value {
    json!({"submissions_open_at": at(-60), "submissions_close_at": at(3600), "voting_open_at": at(3600), "voting_close_at": at(7200)})
}

fn setup() -> (TestServer, User) {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    (server, owner)
}

fn create(server: &TestServer, user: &User, body: Value) -> schwarm_tests::TestResponse {
    create_in(server, user, "acme", body)
}

fn create_in(
    server: &TestServer,
    user: &User,
    organization: &str,
    body: Value,
) -> schwarm_tests::TestResponse {
    let path = format!("/api/v1/organizations/{organization}/campaigns");
    server.client.call("POST", &path, user.token(), Some(&body))
}

fn publish(server: &TestServer, user: &User, key: &str) -> schwarm_tests::TestResponse {
    server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{key}/publish"),
        user.token(),
        None,
    )
}

#[test]
fn slugs_spell_german_titles_out_and_stay_unique() {
    let (server, owner) = setup();
    let slugs: Vec<String> = [
        "Ideen für unser Café",
        "Ideen für unser Café",
        "Größer & schöner 🎉",
    ]
    .into_iter()
    .map(|title| {
        let res = create(&server, &owner, json!({"kind": "idea", "title": title}));
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()["slug"].as_str().unwrap().to_owned()
    })
    .collect();
    assert_eq!(
        slugs,
        [
            "ideen-fuer-unser-cafe",
            "ideen-fuer-unser-cafe-2",
            "groesser-schoener"
        ]
    );
}

#[test]
fn a_draft_is_private_until_published() {
    let (server, owner) = setup();
    let juror = server.client.register("juror");
    assert_eq!(
        server.client.set_role(&owner, "acme", &juror, "juror").status,
        201
    );
    let res = create(
        &server,
        &owner,
        json!({"kind": "design", "title": "Summer Bottle 2026!", "schedule": running_schedule()}),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let draft = res.json();
    assert_eq!(
        (draft["slug"].as_str(), draft["phase"].as_str()),
        (Some("summer-bottle-2026"), Some("draft"))
    );
    assert_eq!(draft["organization"], "acme");
    assert_eq!(
        draft["organization_name"], "acme brand",
        "the brand as people know it"
    );
    assert_eq!(
        draft["rules"]["max_contributions_per_member"], 1,
        "defaults are filled in"
    );

    for viewer in [None, juror.token()] {
        server
            .client
            .call("GET", "/api/v1/campaigns/summer-bottle-2026", viewer, None)
            .problem(404);
    }
    assert!(
        server.get("/api/v1/campaigns").json()["items"]
            .as_array()
            .unwrap()
            .is_empty(),
        "drafts are not listed"
    );
    assert_eq!(
        server
            .client
            .call("GET", "/api/v1/campaigns/summer-bottle-2026", owner.token(), None)
            .status,
        200
    );

    let published = publish(&server, &owner, "summer-bottle-2026");
    assert_eq!(published.status, 200, "{}", published.text());
    assert_eq!(published.json()["phase"], "submission");
    assert!(published.json()["published_at"].is_string());
    let public = server.get(&format!("/api/v1/campaigns/{}", draft["id"].as_str().unwrap()));
    assert_eq!(
        public.json()["slug"],
        "summer-bottle-2026",
        "found by id as well as slug"
    );
    publish(&server, &owner, "summer-bottle-2026").problem(409);
}

#[test]
fn only_owners_and_managers_run_campaigns() {
    let (server, owner) = setup();
    let (manager, moderator, outsider) = (
        server.client.register("manager"),
        server.client.register("moderator"),
        server.client.register("outsider"),
    );
    server.client.set_role(&owner, "acme", &manager, "manager");
    server.client.set_role(&owner, "acme", &moderator, "moderator");
    let body = json!({"kind": "idea", "title": "Ideas", "schedule": running_schedule()});
    create(&server, &moderator, body.clone()).problem(403);
    create(&server, &outsider, body.clone()).problem(403);
    let made = create(&server, &manager, body);
    assert_eq!(made.status, 201);
    let path = format!("/api/v1/campaigns/{}", made.json()["slug"].as_str().unwrap());
    let rename = json!({"title": "Renamed"});
    let patch = |user: &User| server.client.call("PATCH", &path, user.token(), Some(&rename));
    // A draft does not exist for anyone but owners and managers.
    patch(&moderator).problem(404);
    patch(&outsider).problem(404);
    assert_eq!(
        server
            .client
            .call("POST", &format!("{path}/publish"), manager.token(), None)
            .status,
        200
    );
    // Published, it exists for all, but only owners and managers change it.
    patch(&moderator).problem(403);
    patch(&outsider).problem(403);
    server
        .client
        .call("POST", &format!("{path}/cancel"), moderator.token(), None)
        .problem(403);
    assert_eq!(patch(&owner).json()["title"], "Renamed");
}

#[test]
fn publishing_needs_a_sound_schedule_and_rules() {
    let (server, owner) = setup();
    let without = create(&server, &owner, json!({"kind": "idea", "title": "No schedule"})).json();
    let problem = publish(&server, &owner, without["slug"].as_str().unwrap()).problem(422);
    assert_eq!(problem["errors"][0]["field"], "schedule");

    let ended = json!({"submissions_open_at": at(-7200), "submissions_close_at": at(-3600), "voting_open_at": at(-3600), "voting_close_at": at(-60)});
    let past = create(
        &server,
        &owner,
        json!({"kind": "idea", "title": "Past", "schedule": ended}),
    )
    .json();
    let problem = publish(&server, &owner, past["slug"].as_str().unwrap()).problem(422);
    assert_eq!(problem["errors"][0]["field"], "schedule.voting_close_at");

    for (body, field) in [
        (
            json!({"schedule": {"submissions_open_at": at(100), "submissions_close_at": at(50), "voting_open_at": at(200), "voting_close_at": at(300)}}),
            "schedule.submissions_close_at",
        ),
        (
            json!({"schedule": {"submissions_open_at": at(100), "submissions_close_at": at(200), "voting_open_at": at(150), "voting_close_at": at(300)}}),
            "schedule.voting_open_at",
        ),
        (json!({"rules": {"voting_method": "budget"}}), "rules.vote_budget"),
        (
            json!({"rules": {"voting_method": "stars", "vote_budget": 10}}),
            "rules.vote_budget",
        ),
        (
            json!({"rules": {"jury_weight_percent": 101}}),
            "rules.jury_weight_percent",
        ),
        (
            json!({"prize_tiers": [{"rank_from": 1, "rank_to": 2, "title": "A", "amount_minor": 100, "currency": "EUR"}, {"rank_from": 2, "rank_to": 3, "title": "B", "amount_minor": 50, "currency": "EUR"}]}),
            "prize_tiers[1].rank_from",
        ),
        (
            json!({"prize_tiers": [{"rank_from": 1, "rank_to": 1, "title": "A", "amount_minor": 100, "currency": "euro"}]}),
            "prize_tiers[0].currency",
        ),
        (
            json!({"prize_tiers": [{"rank_from": 1, "rank_to": 1, "title": "A", "amount_minor": 1.5, "currency": "EUR"}]}),
            "prize_tiers[0].amount_minor",
        ),
        (json!({"status": "published"}), "status"),
    ] {
        let mut request = json!({"kind": "design", "title": "Checked"});
        request
            .as_object_mut()
            .unwrap()
            .extend(body.as_object().unwrap().clone());
        let problem = create(&server, &owner, request).problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
}

#[test]
fn rules_and_prizes_freeze_once_submissions_open() {
    let (server, owner) = setup();
    let tiers = json!([{"rank_from": 1, "rank_to": 1, "title": "First", "amount_minor": 50000, "currency": "EUR", "points": 100}]);
    let body =
        json!({"kind": "design", "title": "Frozen", "schedule": running_schedule(), "prize_tiers": tiers});
    let slug = create(&server, &owner, body).json()["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/campaigns/{slug}");
    // While a draft, everything may change.
    let changed = server.client.call(
        "PATCH",
        &path,
        owner.token(),
        Some(&json!({"rules": {"max_contributions_per_member": 3}})),
    );
    assert_eq!(changed.json()["rules"]["max_contributions_per_member"], 3);
    assert_eq!(
        changed.json()["prize_tiers"][0]["amount_minor"],
        50000,
        "tiers kept"
    );
    publish(&server, &owner, &slug);
    for frozen in [
        json!({"rules": {"max_contributions_per_member": 9}}),
        json!({"prize_tiers": []}),
        json!({"schedule": running_schedule()}),
        json!({"participation_points": {"per_vote": 5}}),
    ] {
        server
            .client
            .call("PATCH", &path, owner.token(), Some(&frozen))
            .problem(409);
    }
    let texts = server.client.call(
        "PATCH",
        &path,
        owner.token(),
        Some(&json!({"summary": "Now with details"})),
    );
    assert_eq!(texts.status, 200);
    assert_eq!(texts.json()["rules"]["max_contributions_per_member"], 3);
}

#[test]
fn the_lifecycle_ends_by_close_after_voting_or_by_cancel() {
    let (server, owner) = setup();
    let voting_close = at(7200);
    let quick = json!({"submissions_open_at": at(-60), "submissions_close_at": at(3600), "voting_open_at": at(3600), "voting_close_at": voting_close});
    let slug = create(
        &server,
        &owner,
        json!({"kind": "idea", "title": "Quick", "schedule": quick}),
    )
    .json()["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(publish(&server, &owner, &slug).status, 200);
    server
        .client
        .call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/close"),
            owner.token(),
            None,
        )
        .problem(409);
    server
        .client
        .call(
            "DELETE",
            &format!("/api/v1/campaigns/{slug}"),
            owner.token(),
            None,
        )
        .problem(409);
    server.set_clock(&shifted(&voting_close, -1));
    assert_eq!(
        server.get(&format!("/api/v1/campaigns/{slug}")).json()["phase"],
        "voting"
    );
    server.set_clock(&voting_close);
    assert_eq!(
        server.get(&format!("/api/v1/campaigns/{slug}")).json()["phase"],
        "judging",
        "the clock moved it"
    );
    let closed = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/close"),
        owner.token(),
        None,
    );
    assert_eq!(closed.json()["phase"], "closed");
    server
        .client
        .call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/cancel"),
            owner.token(),
            None,
        )
        .problem(409);

    server.release_clock();
    let other = create(
        &server,
        &owner,
        json!({"kind": "idea", "title": "Other", "schedule": running_schedule()}),
    )
    .json();
    let other_slug = other["slug"].as_str().unwrap();
    server
        .client
        .call(
            "POST",
            &format!("/api/v1/campaigns/{other_slug}/cancel"),
            owner.token(),
            None,
        )
        .problem(409);
    publish(&server, &owner, other_slug);
    let cancelled = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{other_slug}/cancel"),
        owner.token(),
        None,
    );
    assert_eq!(cancelled.json()["phase"], "cancelled");

    let draft = create(&server, &owner, json!({"kind": "idea", "title": "Scrap"})).json();
    let draft_path = format!("/api/v1/campaigns/{}", draft["slug"].as_str().unwrap());
    assert_eq!(
        server
            .client
            .call("DELETE", &draft_path, owner.token(), None)
            .status,
        204
    );
    server
        .client
        .call("GET", &draft_path, owner.token(), None)
        .problem(404);
}

#[test]
fn discovery_filters_and_pages_stably_while_campaigns_arrive() {
    let (server, owner) = setup();
    let other_owner = server.client.register("other");
    server.client.create_organization(&other_owner, "globex");
    let scheduled = json!({"submissions_open_at": at(3600), "submissions_close_at": at(7200), "voting_open_at": at(7200), "voting_close_at": at(9000)});
    for (title, kind, schedule) in [
        ("Bottle design", "design", running_schedule()),
        ("Label design", "design", running_schedule()),
        ("Snack ideas", "idea", running_schedule()),
        ("Future flavours", "idea", scheduled),
        ("Bottle caps 100%", "design", running_schedule()),
    ] {
        let slug = create(
            &server,
            &owner,
            json!({"kind": kind, "title": title, "schedule": schedule}),
        )
        .json()["slug"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(publish(&server, &owner, &slug).status, 200);
    }
    let titles = |res: Value| -> Vec<String> {
        res["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(server.get("/api/v1/campaigns?kind=idea").json()),
        ["Future flavours", "Snack ideas"]
    );
    assert_eq!(
        titles(server.get("/api/v1/campaigns?phase=scheduled").json()),
        ["Future flavours"]
    );
    assert_eq!(
        server.get("/api/v1/campaigns?phase=submission").json()["items"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        titles(server.get("/api/v1/campaigns?q=BOTTLE").json()),
        ["Bottle caps 100%", "Bottle design"]
    );
    assert_eq!(
        titles(server.get("/api/v1/campaigns?q=100%25").json()),
        ["Bottle caps 100%"],
        "% is literal"
    );
    assert!(
        server.get("/api/v1/campaigns?organization=globex").json()["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        server.get("/api/v1/campaigns?organization=nobody").json()["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let drafts = server.get("/api/v1/campaigns?phase=draft").json();
    assert!(
        drafts["items"].as_array().unwrap().is_empty(),
        "drafts are never listed"
    );
    assert_eq!(
        server.get("/api/v1/campaigns?cursor=").json()["items"]
            .as_array()
            .unwrap()
            .len(),
        5,
        "empty cursor = start"
    );
    server.get("/api/v1/campaigns?phase=someday").problem(422);

    // Newest first, two per page; a campaign published meanwhile does not shift later pages.
    let first = server.get("/api/v1/campaigns?limit=2").json();
    assert_eq!(titles(first.clone()), ["Bottle caps 100%", "Future flavours"]);
    let slug = create_in(
        &server,
        &other_owner,
        "globex",
        json!({"kind": "idea", "title": "Late arrival", "schedule": running_schedule()}),
    )
    .json()["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/publish"),
        other_owner.token(),
        None,
    );
    let mut seen = titles(first.clone());
    let mut cursor = first["next_cursor"].as_str().map(str::to_owned);
    while let Some(next) = cursor {
        let page = server
            .get(&format!("/api/v1/campaigns?limit=2&cursor={next}"))
            .json();
        seen.extend(titles(page.clone()));
        cursor = page["next_cursor"].as_str().map(str::to_owned);
    }
    assert_eq!(
        seen,
        [
            "Bottle caps 100%",
            "Future flavours",
            "Snack ideas",
            "Label design",
            "Bottle design"
        ]
    );

    // Closing soon: earliest voting close first, paged too.
    let soon = server.get("/api/v1/campaigns?sort=closing_soon&limit=5").json();
    let closes: Vec<&str> = soon["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["schedule"]["voting_close_at"].as_str().unwrap())
        .collect();
    let mut sorted = closes.clone();
    sorted.sort();
    assert_eq!(closes, sorted);
    let rest = server
        .get(&format!(
            "/api/v1/campaigns?sort=closing_soon&limit=5&cursor={}",
            soon["next_cursor"].as_str().unwrap()
        ))
        .json();
    assert_eq!(
        rest["items"].as_array().unwrap().len(),
        1,
        "6 campaigns in pages of 5"
    );
}

#[test]
fn a_brand_lists_its_drafts_and_everyone_else_sees_only_public_campaigns() {
    let (server, owner) = setup();
    let juror = server.client.register("juror");
    assert_eq!(
        server.client.set_role(&owner, "acme", &juror, "juror").status,
        201
    );
    create(&server, &owner, json!({"kind": "idea", "title": "Secret draft"}));
    let live = create(
        &server,
        &owner,
        json!({"kind": "idea", "title": "Live", "schedule": running_schedule()}),
    );
    let live_slug = live.json()["slug"].as_str().unwrap().to_owned();
    assert_eq!(publish(&server, &owner, &live_slug).status, 200);
    let titles = |user: Option<&User>, query: &str| -> Vec<String> {
        let page = server
            .client
            .call(
                "GET",
                &format!("/api/v1/campaigns?{query}"),
                user.and_then(User::token),
                None,
            )
            .json();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(Some(&owner), "organization=acme"),
        ["Live", "Secret draft"]
    );
    assert_eq!(
        titles(Some(&owner), "organization=acme&phase=draft"),
        ["Secret draft"]
    );
    assert_eq!(
        titles(Some(&owner), ""),
        ["Live"],
        "drafts only when listing the brand"
    );
    assert_eq!(
        titles(Some(&juror), "organization=acme"),
        ["Live"],
        "jurors do not manage"
    );
    assert_eq!(
        titles(None, "organization=acme&phase=draft"),
        Vec::<String>::new()
    );

    let mine = server
        .client
        .call("GET", "/api/v1/me/organizations", juror.token(), None)
        .json();
    assert_eq!(mine["items"][0]["organization"]["slug"], "acme");
    assert_eq!(mine["items"][0]["role"], "juror");
    let outsider = server.client.register("outsider");
    let none = server
        .client
        .call("GET", "/api/v1/me/organizations", outsider.token(), None)
        .json();
    assert_eq!(none["items"], json!([]));
}
