//! Invitations to invite-only campaigns: a participation right by link or by mail, never a
//! staff role; revocable, limited in uses and time, and never over-used by parallel acceptances
//! (which matters on PostgreSQL, where the transactions really overlap).

use std::sync::{Arc, Barrier};
use std::time::Duration;

use schwarm_tests::api::{User, at};
use schwarm_tests::smtp::SmtpSink;
use schwarm_tests::{ServerOptions, TestResponse, TestServer};
use serde_json::{Value, json};

struct Org {
    server: TestServer,
    owner: User,
    /// An invite-only campaign's slug and id.
    slug: String,
    campaign_id: String,
}

fn org_with(options: ServerOptions) -> Org {
    let server = TestServer::start_with(options);
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let slug = server.client.open_campaign(
        &owner,
        "acme",
        "Members only",
        json!({"eligibility": "invite_only", "max_contributions_per_member": 5}),
    );
    let campaign_id = server.get(&format!("/api/v1/campaigns/{slug}")).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Org {
        server,
        owner,
        slug,
        campaign_id,
    }
}

impl Org {
    fn call(&self, method: &str, path: &str, user: &User, body: Option<Value>) -> TestResponse {
        self.server.client.call(method, path, user.token(), body.as_ref())
    }

    fn invite(&self, by: &User, body: Value) -> TestResponse {
        self.call("POST", "/api/v1/organizations/acme/invitations", by, Some(body))
    }

    fn accept(&self, user: &User, token: &str) -> TestResponse {
        self.call("POST", &format!("/api/v1/invitations/{token}/accept"), user, None)
    }

    fn submit(&self, user: &User, slug: &str) -> TestResponse {
        self.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/contributions"),
            user,
            Some(json!({"title": format!("Idea by {}", user.email)})),
        )
    }

    fn invitations(&self) -> Vec<Value> {
        self.call("GET", "/api/v1/organizations/acme/invitations", &self.owner, None)
            .json()["items"]
            .as_array()
            .unwrap()
            .clone()
    }
}

/// The secret at the end of an invitation link.
fn token_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().trim().to_owned()
}

#[test]
fn an_invited_participant_takes_part_but_never_becomes_staff() {
    let o = org_with(ServerOptions::new());
    let guest = o.server.client.register("guest");
    let outsider = o.server.client.register("outsider");
    let author = o.server.client.register("author");

    let created = o.invite(&o.owner, json!({"campaign_id": o.campaign_id, "max_uses": 5}));
    assert_eq!(created.status, 201, "{}", created.text());
    let invitation = created.json();
    assert_eq!(invitation["status"], "active");
    let url = invitation["url"].as_str().unwrap();
    assert!(url.contains("/invitations/inv_"), "{url}");
    let token = token_of(url);

    // Anyone with the link sees what it is for.
    let preview = o.server.get(&format!("/api/v1/invitations/{token}")).json();
    assert_eq!(
        (
            &preview["organization_slug"],
            &preview["campaign_slug"],
            &preview["status"]
        ),
        (&json!("acme"), &json!(o.slug), &json!("active"))
    );
    o.server.get("/api/v1/invitations/inv_nothing").problem(404);

    // Before accepting, the campaign refuses; after, it takes part.
    assert_eq!(
        o.submit(&guest, &o.slug).problem(403)["code"],
        "campaign.invite_only"
    );
    let accepted = o.accept(&guest, &token);
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    assert_eq!(
        (&accepted.json()["new"], &accepted.json()["campaign_slug"]),
        (&json!(true), &json!(o.slug))
    );
    assert_eq!(o.submit(&guest, &o.slug).status, 201);
    assert_eq!(
        o.submit(&outsider, &o.slug).problem(403)["code"],
        "campaign.invite_only"
    );
    // Accepting again takes no second use.
    assert_eq!(o.accept(&guest, &token).json()["new"], false);
    assert_eq!(o.invitations()[0]["uses"], 1);

    // An invitee is not staff: no member list, no organization, no moderation.
    assert!(o.accept(&author, &token).status == 200);
    let entry = o.submit(&author, &o.slug).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    o.call("GET", "/api/v1/organizations/acme/members", &guest, None)
        .problem(403);
    assert_eq!(
        o.call("GET", "/api/v1/me/organizations", &guest, None).json()["items"],
        json!([])
    );
    let hide = o.call(
        "POST",
        &format!("/api/v1/contributions/{entry}/moderation"),
        &guest,
        Some(json!({"decision": "hide", "reason": "competitor"})),
    );
    assert_eq!(hide.status, 403, "{}", hide.text());
    o.call("GET", "/api/v1/organizations/acme/invitations", &guest, None)
        .problem(403);

    // Revoked: nobody new gets in; whom it admitted stay until their right is withdrawn.
    let id = invitation["id"].as_str().unwrap();
    let revoked = o.call(
        "DELETE",
        &format!("/api/v1/organizations/acme/invitations/{id}"),
        &o.owner,
        None,
    );
    assert_eq!(revoked.status, 204);
    let refused = o.accept(&outsider, &token).problem(410);
    assert_eq!(
        (&refused["code"], &refused["params"]["reason"]),
        (&json!("invitation.unavailable"), &json!("revoked"))
    );
    assert_eq!(o.submit(&guest, &o.slug).status, 201);
    let participants = o
        .call("GET", "/api/v1/organizations/acme/participants", &o.owner, None)
        .json();
    let items = participants["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{participants}");
    let right = items.iter().find(|p| p["user_id"] == guest.id.as_str()).unwrap();
    assert_eq!(right["campaign_id"], o.campaign_id.as_str());
    let withdrawn = o.call(
        "DELETE",
        &format!(
            "/api/v1/organizations/acme/participants/{}",
            right["id"].as_str().unwrap()
        ),
        &o.owner,
        None,
    );
    assert_eq!(withdrawn.status, 204);
    assert_eq!(
        o.submit(&guest, &o.slug).problem(403)["code"],
        "campaign.invite_only"
    );
}

#[test]
fn an_organization_wide_link_admits_to_every_invite_only_campaign_and_is_checked() {
    let o = org_with(ServerOptions::new());
    let other = o.server.client.open_campaign(
        &o.owner,
        "acme",
        "Also members",
        json!({"eligibility": "invite_only"}),
    );
    let guest = o.server.client.register("guest");
    let moderator = o.server.client.register("moderator");
    assert_eq!(
        o.server
            .client
            .set_role(&o.owner, "acme", &moderator, "moderator")
            .status,
        201
    );

    // Only owners and managers invite; the campaign must be the organization's; expiry ahead.
    assert_eq!(
        o.invite(&moderator, json!({})).problem(403)["code"],
        "campaign.managers_only"
    );
    o.server.client.create_organization(&o.owner, "rival");
    let rival = o
        .server
        .client
        .open_campaign(&o.owner, "rival", "Theirs", json!({}));
    let rival_id = o.server.get(&format!("/api/v1/campaigns/{rival}")).json()["id"].clone();
    let problem = o
        .invite(&o.owner, json!({"campaign_id": rival_id, "expires_at": at(-60)}))
        .problem(422);
    let fields: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("campaign_id", "invitation.campaign_unknown"),
            ("expires_at", "field.range")
        ]
    );
    assert_eq!(
        o.invite(&o.owner, json!({"email": "a@example.com", "max_uses": 3}))
            .problem(422)["errors"][0]["field"],
        "max_uses"
    );

    let link = o.invite(&o.owner, json!({"expires_at": at(3600)})).json();
    assert_eq!(link["campaign_id"], Value::Null);
    let token = token_of(link["url"].as_str().unwrap());
    assert_eq!(o.accept(&guest, &token).status, 200);
    assert_eq!(o.submit(&guest, &o.slug).status, 201);
    assert_eq!(o.submit(&guest, &other).status, 201);

    // Past its expiry (by the server's clock) it admits nobody.
    o.server.set_clock(&at(7200));
    let late = o.server.client.register("late");
    assert_eq!(
        o.accept(&late, &token).problem(410)["params"]["reason"],
        "expired"
    );
    assert_eq!(o.invitations()[0]["status"], "expired");
}

#[test]
fn a_mailed_invitation_reaches_its_address_and_admits_one_person() {
    let Some(sink) = SmtpSink::start() else { return };
    let o = org_with(ServerOptions::new().env("SMTP_URL", sink.url.clone()));
    let created = o.invite(
        &o.owner,
        json!({"campaign_id": o.campaign_id, "email": "Ada@Example.com"}),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let invitation = created.json();
    assert_eq!(
        (
            &invitation["email"],
            &invitation["max_uses"],
            &invitation.get("url")
        ),
        (&json!("ada@example.com"), &json!(1), &None)
    );
    let mails = sink.wait_for(1, Duration::from_secs(30));
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "ada@example.com");
    assert!(mails[0].subject.contains("Members only"), "{}", mails[0].subject);
    let link = mails[0]
        .body
        .split_whitespace()
        .find(|word| word.contains("/invitations/inv_"))
        .expect("the mail carries the link");
    let token = token_of(link);

    let ada = o.server.client.register("ada");
    assert_eq!(o.accept(&ada, &token).status, 200);
    assert_eq!(o.submit(&ada, &o.slug).status, 201);
    let forwarded = o.server.client.register("forwarded");
    assert_eq!(
        o.accept(&forwarded, &token).problem(410)["params"]["reason"],
        "used_up"
    );
    // Ada opening her mail again is told she is in, not that the invitation is used up.
    let again = o.accept(&ada, &token);
    assert_eq!((again.status, &again.json()["new"]), (200, &json!(false)));
}

#[test]
fn parallel_acceptances_never_take_more_uses_than_a_link_has() {
    let o = org_with(ServerOptions::new());
    let link = o
        .invite(&o.owner, json!({"campaign_id": o.campaign_id, "max_uses": 3}))
        .json();
    let token = Arc::new(token_of(link["url"].as_str().unwrap()));
    let people: Arc<Vec<User>> = Arc::new(
        (0..12)
            .map(|i| o.server.client.register(&format!("p{i}")))
            .collect(),
    );
    let client = Arc::new(o.server.client.clone());
    let barrier = Arc::new(Barrier::new(people.len()));
    let handles: Vec<_> = (0..people.len())
        .map(|i| {
            let (people, token, client, barrier) =
                (people.clone(), token.clone(), client.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                client
                    .call(
                        "POST",
                        &format!("/api/v1/invitations/{token}/accept"),
                        people[i].token(),
                        None,
                    )
                    .status
            })
        })
        .collect();
    let mut statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [200, 200, 200, 410, 410, 410, 410, 410, 410, 410, 410, 410]
    );
    assert_eq!(o.invitations()[0]["uses"], 3);
    assert_eq!(o.invitations()[0]["status"], "used_up");
    let participants = o
        .call("GET", "/api/v1/organizations/acme/participants", &o.owner, None)
        .json();
    assert_eq!(participants["items"].as_array().unwrap().len(), 3);
}
