//! Crowdfunding end to end on the real server: tiers that never oversell under parallel pledges,
//! the settlement run twice and in parallel with one outcome and each pledge charged once, a
//! failed payment through its grace window and reminders to `dropped` (and the all-or-nothing
//! campaign failing and refunding), manual payments, keep-it-all and backer thresholds, money
//! per channel, the backer export, and every illegal move or bad amount refused with its code.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use schwarm_tests::api::{User, at};
use schwarm_tests::{ServerOptions, TestServer, eventually};
use serde_json::{Value, json};

struct Campaign {
    server: TestServer,
    owner: User,
    slug: String,
    /// The deadline (`submissions_close_at`).
    deadline: String,
}

fn server() -> TestServer {
    TestServer::start_with(
        ServerOptions::new()
            .env("SIMULATED_PAYMENTS", "true")
            .env("AUTH_RATE_LIMIT_PER_IP", "1000000")
            .env("DISPATCH_INTERVAL_MS", "20"),
    )
}

impl Campaign {
    /// A published funding campaign of `acme` whose window is open for an hour, with `funding`.
    fn open(funding: Value) -> Campaign {
        Self::open_on(server(), funding)
    }

    fn open_on(server: TestServer, funding: Value) -> Campaign {
        let owner = server.client.register("owner");
        server.client.create_organization(&owner, "acme");
        let deadline = at(3600);
        let body = json!({
            "kind": "funding", "title": "Solar lamp",
            "schedule": {"submissions_open_at": at(-60), "submissions_close_at": deadline,
                         "voting_open_at": at(3600), "voting_close_at": at(7200)},
        });
        let made = server.client.call(
            "POST",
            "/api/v1/organizations/acme/campaigns",
            owner.token(),
            Some(&body),
        );
        assert_eq!(made.status, 201, "{}", made.text());
        let slug = made.json()["slug"].as_str().unwrap().to_owned();
        let set = server.client.call(
            "PUT",
            &format!("/api/v1/campaigns/{slug}/funding"),
            owner.token(),
            Some(&funding),
        );
        assert_eq!(set.status, 200, "{}", set.text());
        let published = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/publish"),
            owner.token(),
            None,
        );
        assert_eq!(published.status, 200, "{}", published.text());
        Campaign {
            server,
            owner,
            slug,
            deadline,
        }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        user: &User,
        body: Option<Value>,
    ) -> schwarm_tests::http::TestResponse {
        self.server.client.call(method, path, user.token(), body.as_ref())
    }

    fn tier(&self, body: Value) -> String {
        let made = self.call(
            "POST",
            &format!("/api/v1/campaigns/{}/tiers", self.slug),
            &self.owner,
            Some(body),
        );
        assert_eq!(made.status, 201, "{}", made.text());
        made.json()["id"].as_str().unwrap().to_owned()
    }

    fn pledge(&self, backer: &User, body: Value) -> schwarm_tests::http::TestResponse {
        self.call(
            "POST",
            &format!("/api/v1/campaigns/{}/pledges", self.slug),
            backer,
            Some(body),
        )
    }

    fn pledged(&self, backer: &User, amount: i64, method: &str) -> String {
        let made = self.pledge(backer, json!({"amount_minor": amount, "payment_method": method}));
        assert_eq!(made.status, 201, "{}", made.text());
        made.json()["id"].as_str().unwrap().to_owned()
    }

    fn funding(&self) -> Value {
        let got = self
            .server
            .client
            .get(&format!("/api/v1/campaigns/{}/funding", self.slug));
        assert_eq!(got.status, 200, "{}", got.text());
        got.json()
    }

    fn settle(&self, dry_run: bool) -> Value {
        let run = self.call(
            "POST",
            &format!("/api/v1/campaigns/{}/funding/settle", self.slug),
            &self.owner,
            Some(json!({"dry_run": dry_run})),
        );
        assert_eq!(run.status, 200, "{}", run.text());
        run.json()
    }

    fn pledge_status(&self, backer: &User, id: &str) -> Value {
        let got = self.call("GET", &format!("/api/v1/pledges/{id}"), backer, None);
        assert_eq!(got.status, 200, "{}", got.text());
        got.json()
    }

    /// Moves the server's clock `secs` past the deadline.
    fn after_deadline(&self, secs: i64) {
        let deadline = chrono::DateTime::parse_from_rfc3339(&self.deadline).unwrap();
        let at = deadline + chrono::TimeDelta::seconds(secs);
        self.server.set_clock(&at.to_rfc3339());
    }

    /// Succeeded charges per pledge, read from the payments ledger.
    fn charges(&self) -> Vec<(String, i64)> {
        self.server.db().key_counts(
            "SELECT pledge_id AS key, COUNT(*) AS n FROM payments \
             WHERE kind = 'charge' AND outcome = 'succeeded' GROUP BY pledge_id ORDER BY pledge_id",
        )
    }

    fn notification_kinds(&self, user: &User) -> Vec<String> {
        let got = self.call("GET", "/api/v1/me/notifications", user, None);
        assert_eq!(got.status, 200, "{}", got.text());
        got.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["kind"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn all_or_nothing(goal: i64) -> Value {
    json!({"goal_minor": goal, "currency": "EUR", "model": "all_or_nothing", "provider": "simulated", "grace_days": 2})
}

fn register_many(server: &TestServer, n: usize) -> Vec<User> {
    let client = server.client.clone();
    let handles: Vec<_> = (0..2)
        .map(|half| {
            let client = client.clone();
            std::thread::spawn(move || {
                (0..n)
                    .filter(|i| i % 2 == half)
                    .map(|i| client.register(&format!("backer{i}")))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|handle| handle.join().unwrap())
        .collect()
}

#[test]
fn a_hundred_parallel_pledges_on_a_tier_of_ten_take_exactly_ten_slots() {
    let campaign = Campaign::open(all_or_nothing(100_000));
    let tier = campaign.tier(json!({"title": "Early bird", "min_amount_minor": 2500, "quantity_limit": 10}));
    let backers = register_many(&campaign.server, 100);
    let start = Arc::new(Barrier::new(backers.len()));
    let handles: Vec<_> = backers
        .into_iter()
        .map(|backer| {
            let (client, start, slug, tier) = (
                campaign.server.client.clone(),
                start.clone(),
                campaign.slug.clone(),
                tier.clone(),
            );
            std::thread::spawn(move || {
                start.wait();
                let body = json!({"tier_id": tier, "amount_minor": 2500, "payment_method": "sim_ok"});
                client.call(
                    "POST",
                    &format!("/api/v1/campaigns/{slug}/pledges"),
                    backer.token(),
                    Some(&body),
                )
            })
        })
        .collect();
    let responses: Vec<_> = handles.into_iter().map(|handle| handle.join().unwrap()).collect();
    let taken = responses.iter().filter(|response| response.status == 201).count();
    assert_eq!(taken, 10, "exactly the tier's ten slots are pledged");
    for refused in responses.iter().filter(|response| response.status != 201) {
        assert_eq!(
            refused.problem(409)["code"],
            "tier.sold_out",
            "{}",
            refused.text()
        );
    }
    let funding = campaign.funding();
    let tier = &funding["tiers"][0];
    assert_eq!(
        (tier["taken"].as_i64(), tier["remaining"].as_i64()),
        (Some(10), Some(0)),
        "{funding}"
    );
    assert_eq!(funding["totals"]["backers"], 10);
    assert_eq!(funding["totals"]["pledged_minor"], 25_000);
    assert_eq!(funding["percent_pledged"], 25);
    assert_eq!(funding["frozen"], true);
}

#[test]
fn the_settlement_decides_once_on_collected_money_however_often_and_wherever_it_runs() {
    let campaign = Campaign::open(all_or_nothing(10_000));
    let (ann, ben, cem) = (
        campaign.server.client.register("ann"),
        campaign.server.client.register("ben"),
        campaign.server.client.register("cem"),
    );
    let a = campaign.pledged(&ann, 6_000, "sim_ok");
    let b = campaign.pledged(&ben, 3_000, "sim_ok");
    let c = campaign.pledged(&cem, 2_000, "sim_charge_declined");
    // Before the deadline, nothing is collected and the run is refused.
    let early = campaign.call(
        "POST",
        &format!("/api/v1/campaigns/{}/funding/settle", campaign.slug),
        &campaign.owner,
        Some(json!({"dry_run": true})),
    );
    assert_eq!(early.problem(409)["code"], "funding.window_open");
    assert!(campaign.charges().is_empty());

    campaign.after_deadline(60);
    // A dry run reports the work and changes nothing.
    let dry = campaign.settle(true);
    assert_eq!(dry["report"]["dry_run"], true);
    assert_eq!(
        (
            dry["report"]["collected"].as_i64(),
            dry["report"]["errored"].as_i64()
        ),
        (Some(2), Some(1)),
        "{dry}"
    );
    assert_eq!(
        dry["funding"]["totals"]["collected_minor"], 0,
        "the dry run changed nothing"
    );
    assert!(campaign.charges().is_empty(), "the dry run charged nobody");

    // Three runs at once (and the recurring job beside them): each pledge is charged once.
    let start = Arc::new(Barrier::new(3));
    let handles: Vec<_> = (0..3)
        .map(|_| {
            let (client, start, slug, owner) = (
                campaign.server.client.clone(),
                start.clone(),
                campaign.slug.clone(),
                campaign.owner.clone(),
            );
            std::thread::spawn(move || {
                start.wait();
                client.call(
                    "POST",
                    &format!("/api/v1/campaigns/{slug}/funding/settle"),
                    owner.token(),
                    Some(&json!({"dry_run": false})),
                )
            })
        })
        .collect();
    let mut collected = 0;
    for handle in handles {
        let run = handle.join().unwrap();
        assert_eq!(run.status, 200, "{}", run.text());
        collected += run.json()["report"]["collected"].as_i64().unwrap();
    }
    assert!(
        collected <= 2,
        "the runs collected {collected} pledges between them"
    );
    let mut expected = vec![(a.clone(), 1), (b.clone(), 1)];
    expected.sort();
    assert_eq!(
        campaign.charges(),
        expected,
        "each good pledge charged exactly once"
    );
    let funding = campaign.funding();
    assert_eq!(funding["totals"]["collected_minor"], 9_000, "{funding}");
    assert_eq!(funding["totals"]["pledged_minor"], 11_000);
    assert_eq!(
        funding["outcome"],
        Value::Null,
        "9000 of 10000 collected and one payment in grace: undecided"
    );
    assert_eq!(campaign.pledge_status(&cem, &c)["status"], "errored");
    assert!(
        eventually(Duration::from_secs(10), || campaign
            .notification_kinds(&cem)
            .contains(&"payment_failed".to_owned())),
        "the backer whose payment failed is told"
    );

    // The backer fixes the payment: collected at once; the next run decides funded.
    let fixed = campaign.call(
        "PATCH",
        &format!("/api/v1/pledges/{c}"),
        &cem,
        Some(json!({"payment_method": "sim_ok"})),
    );
    assert_eq!(fixed.status, 200, "{}", fixed.text());
    assert_eq!(fixed.json()["status"], "collected");
    let run = campaign.settle(false);
    assert_eq!(run["report"]["decided"], "funded", "{run}");
    assert_eq!(run["funding"]["totals"]["collected_minor"], 11_000);
    assert_eq!(run["funding"]["percent_collected"], 110);

    // Again: nothing changes.
    let again = campaign.settle(false);
    for count in [
        "collected",
        "errored",
        "dropped",
        "refunded",
        "released",
        "reminded",
    ] {
        assert_eq!(again["report"][count], 0, "{again}");
    }
    assert_eq!(again["report"]["decided"], Value::Null);
    assert_eq!(campaign.charges().iter().map(|(_, n)| n).sum::<i64>(), 3);
    assert!(
        eventually(Duration::from_secs(10), || campaign
            .notification_kinds(&ann)
            .contains(&"funding_decided".to_owned())),
        "backers hear that the campaign is funded"
    );
}

#[test]
fn a_failed_payment_goes_through_grace_and_reminders_to_dropped_and_the_campaign_fails() {
    let campaign = Campaign::open(all_or_nothing(10_000));
    let (ann, ben) = (
        campaign.server.client.register("ann"),
        campaign.server.client.register("ben"),
    );
    let tier = campaign.tier(json!({"title": "Lamp", "min_amount_minor": 5_000, "quantity_limit": 5}));
    let a = campaign.pledged(&ann, 6_000, "sim_ok");
    let made = campaign.pledge(
        &ben,
        json!({"tier_id": tier, "amount_minor": 5_000, "payment_method": "sim_charge_declined"}),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let b = made.json()["id"].as_str().unwrap().to_owned();

    campaign.after_deadline(60);
    let first = campaign.settle(false);
    assert_eq!(first["report"]["errored"], 1, "{first}");
    let errored = campaign.pledge_status(&ben, &b);
    assert_eq!(errored["status"], "errored");
    assert!(errored["grace_until"].is_string());
    assert_eq!(errored["payments"][0]["outcome"], "failed");

    // A day later: a reminder, once however often the settlement runs.
    campaign.after_deadline(60 + 86_400 + 60);
    assert_eq!(campaign.settle(false)["report"]["reminded"], 1);
    assert_eq!(campaign.settle(false)["report"]["reminded"], 0);

    // After the grace window (2 days): dropped, below the goal, failed, and Ann refunded.
    campaign.after_deadline(60 + 2 * 86_400 + 60);
    let last = campaign.settle(false);
    assert_eq!(last["report"]["dropped"], 1, "{last}");
    assert_eq!(last["report"]["decided"], "failed");
    assert_eq!(last["report"]["refunded"], 1);
    let totals = &last["funding"]["totals"];
    assert_eq!(
        (
            totals["collected_minor"].as_i64(),
            totals["refunded_minor"].as_i64(),
            totals["dropped_minor"].as_i64()
        ),
        (Some(0), Some(6_000), Some(5_000)),
        "{totals}"
    );
    assert_eq!(last["funding"]["outcome"], "failed");
    assert_eq!(
        last["funding"]["tiers"][0]["taken"], 0,
        "the dropped pledge's slot is free again"
    );
    let refunded = campaign.pledge_status(&ann, &a);
    assert_eq!(refunded["status"], "refunded");
    let kinds: Vec<&str> = refunded["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["charge", "refund"]);
    assert_eq!(campaign.pledge_status(&ben, &b)["status"], "dropped");
    assert!(
        eventually(Duration::from_secs(10), || {
            campaign
                .notification_kinds(&ben)
                .contains(&"pledge_dropped".to_owned())
                && campaign
                    .notification_kinds(&ann)
                    .contains(&"funding_decided".to_owned())
        }),
        "ben: {:?}, ann: {:?}\n{}",
        campaign.notification_kinds(&ben),
        campaign.notification_kinds(&ann),
        campaign.server.logs().join("\n")
    );
    // Nothing more happens on a rerun.
    let again = campaign.settle(false);
    assert_eq!(again["report"]["refunded"], 0, "{again}");
    assert_eq!(again["funding"]["totals"]["refunded_minor"], 6_000);
}

#[test]
fn manual_payments_keep_it_all_and_backer_thresholds_follow_their_rules() {
    // Manual: nothing is charged; the organiser records the transfer.
    let manual = Campaign::open(
        json!({"goal_minor": 5_000, "currency": "EUR", "model": "all_or_nothing", "provider": "manual"}),
    );
    let ann = manual.server.client.register("ann");
    let bad = manual.pledge(&ann, json!({"amount_minor": 5_000, "payment_method": "sim_ok"}));
    assert_eq!(bad.problem(422)["errors"][0]["code"], "payment.method_invalid");
    let p = manual.pledged(&ann, 5_000, "bank_transfer");
    manual.after_deadline(60);
    assert_eq!(manual.settle(false)["report"]["awaiting_transfer"], 1);
    assert_eq!(manual.pledge_status(&ann, &p)["status"], "collecting");
    let wrong = manual.call(
        "POST",
        &format!("/api/v1/pledges/{p}/payments"),
        &manual.owner,
        Some(json!({"amount_minor": 4_999})),
    );
    assert_eq!(wrong.problem(422)["errors"][0]["code"], "payment.amount_mismatch");
    let by_backer = manual.call(
        "POST",
        &format!("/api/v1/pledges/{p}/payments"),
        &ann,
        Some(json!({"amount_minor": 5_000})),
    );
    assert_eq!(by_backer.problem(403)["code"], "campaign.managers_only");
    let paid = manual.call(
        "POST",
        &format!("/api/v1/pledges/{p}/payments"),
        &manual.owner,
        Some(json!({"amount_minor": 5_000, "reference": "SEPA 4711"})),
    );
    assert_eq!(paid.status, 201, "{}", paid.text());
    assert_eq!(paid.json()["status"], "collected");
    assert_eq!(manual.settle(false)["report"]["decided"], "funded");

    // Keep-it-all: collected when pledged.
    let keep = Campaign::open(
        json!({"goal_minor": 50_000, "currency": "JPY", "model": "keep_it_all", "provider": "simulated"}),
    );
    let bob = keep.server.client.register("bob");
    let made = keep.pledge(&bob, json!({"amount_minor": 700, "payment_method": "sim_ok"}));
    assert_eq!(made.status, 201, "{}", made.text());
    assert_eq!(made.json()["status"], "collected");
    assert_eq!(keep.funding()["currency_digits"], 0);
    let cancel = keep.call(
        "DELETE",
        &format!("/api/v1/pledges/{}", made.json()["id"].as_str().unwrap()),
        &bob,
        None,
    );
    assert_eq!(cancel.problem(409)["code"], "pledge.transition");
    keep.after_deadline(60);
    assert_eq!(
        keep.settle(false)["report"]["decided"],
        "funded",
        "keep-it-all keeps what was collected"
    );

    // Backer threshold: funded at two paying backers, whatever the sum.
    let threshold = Campaign::open(
        json!({"goal_minor": 1_000_000, "currency": "EUR", "model": "backer_threshold", "backer_goal": 2, "provider": "simulated"}),
    );
    for name in ["cat", "dan"] {
        let backer = threshold.server.client.register(name);
        threshold.pledged(&backer, 100, "sim_ok");
    }
    threshold.after_deadline(60);
    assert_eq!(threshold.settle(false)["report"]["decided"], "funded");
}

#[test]
fn the_report_says_which_channel_brought_which_money_and_the_export_is_safe() {
    let campaign = Campaign::open(all_or_nothing(10_000));
    let channel = campaign.call(
        "POST",
        &format!("/api/v1/campaigns/{}/channels", campaign.slug),
        &campaign.owner,
        Some(json!({"name": "Newsletter", "kind": "newsletter"})),
    );
    assert_eq!(channel.status, 201, "{}", channel.text());
    let (channel_id, code) = (
        channel.json()["id"].as_str().unwrap().to_owned(),
        channel.json()["code"].as_str().unwrap().to_owned(),
    );
    // Eve arrives through the newsletter and signs up there; Fox comes directly.
    let visitor = "visitor-eve-0001";
    let visit = campaign.server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{}/visits", campaign.slug),
        None,
        Some(&json!({"visitor_id": visitor, "via": code})),
    );
    assert_eq!(visit.status, 200, "{}", visit.text());
    let signed_up = campaign.server.client.call(
        "POST",
        "/api/v1/auth/register",
        None,
        Some(
            &json!({"email": "eve@example.com", "password": schwarm_tests::api::PASSWORD,
                     "display_name": "=HYPERLINK(\"http://evil\")"}),
        ),
    );
    assert_eq!(signed_up.status, 201, "{}", signed_up.text());
    let eve = schwarm_tests::api::session(&signed_up.json(), "eve@example.com");
    let linked = campaign.server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{}/visits", campaign.slug),
        eve.token(),
        Some(&json!({"visitor_id": visitor})),
    );
    assert_eq!(linked.status, 200, "{}", linked.text());
    let fox = campaign.server.client.register("fox");
    campaign.pledged(&eve, 4_000, "sim_ok");
    campaign.pledged(&fox, 1_500, "sim_ok");

    let report = campaign.call(
        "GET",
        &format!("/api/v1/campaigns/{}/funding/report", campaign.slug),
        &campaign.owner,
        None,
    );
    assert_eq!(report.status, 200, "{}", report.text());
    let by_channel: Vec<(String, i64)> = report.json()["by_channel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| {
            (
                group["key"].as_str().unwrap().to_owned(),
                group["pledged_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut expected = vec![(channel_id, 4_000), ("direct".to_owned(), 1_500)];
    expected.sort();
    let mut got = by_channel;
    got.sort();
    assert_eq!(got, expected);

    let csv = campaign.call(
        "GET",
        &format!("/api/v1/campaigns/{}/export/backers.csv", campaign.slug),
        &campaign.owner,
        None,
    );
    assert_eq!(csv.status, 200);
    assert!(csv.content_type().starts_with("text/csv"));
    let text = csv.text();
    assert!(text.starts_with("pledge_id,backer_id,backer_name,"), "{text}");
    assert!(
        text.contains("'=HYPERLINK"),
        "a formula-like name is defused: {text}"
    );
    assert_eq!(text.lines().count(), 3);
    let outsider = campaign.call(
        "GET",
        &format!("/api/v1/campaigns/{}/backers", campaign.slug),
        &fox,
        None,
    );
    assert_eq!(outsider.status, 403);
    let mine = campaign.call("GET", "/api/v1/me/pledges", &fox, None);
    assert_eq!(mine.json()["items"].as_array().unwrap().len(), 1);
}

#[test]
fn illegal_moves_and_bad_money_are_refused_with_their_codes() {
    let server = TestServer::start_with(ServerOptions::new().env("AUTH_RATE_LIMIT_PER_IP", "1000000"));
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let make = |kind: &str| {
        let body = json!({"kind": kind, "title": "Lamp",
            "schedule": {"submissions_open_at": at(-60), "submissions_close_at": at(3600),
                         "voting_open_at": at(3600), "voting_close_at": at(7200)}});
        let made = server.client.call(
            "POST",
            "/api/v1/organizations/acme/campaigns",
            owner.token(),
            Some(&body),
        );
        made.json()["slug"].as_str().unwrap().to_owned()
    };
    let idea = make("idea");
    let wrong = server.client.call(
        "GET",
        &format!("/api/v1/campaigns/{idea}/funding"),
        owner.token(),
        None,
    );
    assert_eq!(wrong.problem(409)["code"], "funding.wrong_kind");
    let slug = make("funding");
    let put = |body: Value| {
        server.client.call(
            "PUT",
            &format!("/api/v1/campaigns/{slug}/funding"),
            owner.token(),
            Some(&body),
        )
    };
    let field_code = |response: schwarm_tests::http::TestResponse| {
        let problem = response.problem(422);
        (
            problem["errors"][0]["field"].as_str().unwrap().to_owned(),
            problem["errors"][0]["code"].as_str().unwrap().to_owned(),
        )
    };
    let base = |overrides: Value| {
        let mut body =
            json!({"goal_minor": 10_000, "currency": "EUR", "model": "all_or_nothing", "provider": "manual"});
        for (key, value) in overrides.as_object().unwrap() {
            body[key] = value.clone();
        }
        body
    };
    for (overrides, field, code) in [
        (json!({"currency": "EURO"}), "currency", "currency.unknown"),
        (json!({"currency": "eur"}), "currency", "currency.unknown"),
        (json!({"goal_minor": -5}), "goal_minor", "field.range"),
        (
            json!({"goal_minor": 1_000_000_000_000_000_i64}),
            "goal_minor",
            "field.range",
        ),
        (json!({"goal_minor": 10.5}), "goal_minor", "field.type"),
        (
            json!({"model": "backer_threshold"}),
            "backer_goal",
            "funding.backer_goal_missing",
        ),
        (
            json!({"backer_goal": 3}),
            "backer_goal",
            "funding.backer_goal_unexpected",
        ),
        (
            json!({"provider": "simulated"}),
            "provider",
            "funding.simulated_payments_off",
        ),
        (
            json!({"stretch_goals": [{"amount_minor": 9_000, "title": "More"}]}),
            "stretch_goals[0].amount_minor",
            "funding.stretch_goal_order",
        ),
    ] {
        assert_eq!(
            field_code(put(base(overrides.clone()))),
            (field.to_owned(), code.to_owned()),
            "{overrides}"
        );
    }
    let funding_missing = server.client.call(
        "GET",
        &format!("/api/v1/campaigns/{slug}/funding"),
        owner.token(),
        None,
    );
    assert_eq!(funding_missing.problem(409)["code"], "funding.not_configured");
    assert_eq!(put(base(json!({}))).status, 200);
    assert_eq!(
        server
            .client
            .call(
                "POST",
                &format!("/api/v1/campaigns/{slug}/publish"),
                owner.token(),
                None
            )
            .status,
        200
    );

    let tier = |body: Value| {
        server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/tiers"),
            owner.token(),
            Some(&body),
        )
    };
    let backwards = tier(
        json!({"title": "Odd", "min_amount_minor": 100, "available_from": at(600), "available_until": at(300)}),
    );
    assert_eq!(
        field_code(backwards),
        ("available_until".to_owned(), "tier.window_order".to_owned())
    );
    // Exactly YYYY-MM: a date parser alone would take the spaces, signs and one-digit months.
    for month in [
        "2027-13", "2027-00", "2027- 3", " 202-03", "+202-03", "-202-03", "2027-3 ",
    ] {
        assert_eq!(
            field_code(tier(
                json!({"title": "Odd", "min_amount_minor": 100, "estimated_delivery": month})
            )),
            ("estimated_delivery".to_owned(), "field.format".to_owned()),
            "{month:?}"
        );
    }
    let later =
        tier(json!({"title": "Later", "min_amount_minor": 100, "available_from": at(1800)})).json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let lamp = tier(json!({"title": "Lamp", "min_amount_minor": 2_000, "quantity_limit": 3})).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let ann = server.client.register("ann");
    let pledge = |body: Value| {
        server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/pledges"),
            ann.token(),
            Some(&body),
        )
    };
    assert_eq!(
        field_code(pledge(
            json!({"tier_id": lamp, "amount_minor": 1_999, "payment_method": "invoice"})
        )),
        ("amount_minor".to_owned(), "pledge.below_minimum".to_owned())
    );
    assert_eq!(
        field_code(pledge(json!({"amount_minor": 0, "payment_method": "invoice"}))),
        ("amount_minor".to_owned(), "field.range".to_owned())
    );
    assert_eq!(
        field_code(pledge(
            json!({"tier_id": "nope", "amount_minor": 100, "payment_method": "invoice"})
        )),
        ("tier_id".to_owned(), "tier.unknown".to_owned())
    );
    assert_eq!(
        pledge(json!({"tier_id": later, "amount_minor": 100, "payment_method": "invoice"})).problem(409)["code"],
        "tier.unavailable"
    );
    let made = pledge(json!({"tier_id": lamp, "amount_minor": 2_000, "payment_method": "invoice"}));
    assert_eq!(made.status, 201, "{}", made.text());
    let id = made.json()["id"].as_str().unwrap().to_owned();
    let again = pledge(json!({"amount_minor": 100, "payment_method": "invoice"})).problem(409);
    assert_eq!(
        (again["code"].as_str(), again["params"]["pledge_id"].as_str()),
        (Some("pledge.exists"), Some(id.as_str()))
    );
    assert_eq!(
        put(base(json!({"goal_minor": 1}))).problem(409)["code"],
        "funding.frozen"
    );
    let lower = server.client.call(
        "PATCH",
        &format!("/api/v1/tiers/{lamp}"),
        owner.token(),
        Some(&json!({"quantity_limit": 0})),
    );
    assert_eq!(lower.problem(422)["errors"][0]["field"], "quantity_limit");
    // Ben and Cem take two more slots: the limit cannot drop to 2, nor the tier go.
    for name in ["ben", "cem"] {
        let backer = server.client.register(name);
        let made = server.client.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/pledges"),
            backer.token(),
            Some(&json!({"tier_id": lamp, "amount_minor": 2_000, "payment_method": "invoice"})),
        );
        assert_eq!(made.status, 201, "{}", made.text());
    }
    let lowered = server.client.call(
        "PATCH",
        &format!("/api/v1/tiers/{lamp}"),
        owner.token(),
        Some(&json!({"quantity_limit": 2})),
    );
    assert_eq!(lowered.problem(409)["params"]["taken"], 3);
    let raised = server.client.call(
        "PATCH",
        &format!("/api/v1/tiers/{lamp}"),
        owner.token(),
        Some(&json!({"quantity_limit": 4})),
    );
    assert_eq!(raised.json()["remaining"], 1);
    let gone = server
        .client
        .call("DELETE", &format!("/api/v1/tiers/{lamp}"), owner.token(), None);
    assert_eq!(gone.problem(409)["code"], "tier.has_pledges");
    assert_eq!(
        server
            .client
            .call("DELETE", &format!("/api/v1/tiers/{later}"), owner.token(), None)
            .status,
        204
    );

    // A cancelled pledge cannot be cancelled again, nor changed, nor paid.
    let cancelled = server
        .client
        .call("DELETE", &format!("/api/v1/pledges/{id}"), ann.token(), None);
    assert_eq!(cancelled.json()["status"], "cancelled");
    let twice = server
        .client
        .call("DELETE", &format!("/api/v1/pledges/{id}"), ann.token(), None)
        .problem(409);
    assert_eq!(
        (twice["params"]["from"].as_str(), twice["params"]["to"].as_str()),
        (Some("cancelled"), Some("cancelled"))
    );
    let revived = server.client.call(
        "PATCH",
        &format!("/api/v1/pledges/{id}"),
        ann.token(),
        Some(&json!({"amount_minor": 3_000})),
    );
    assert_eq!(revived.problem(409)["code"], "pledge.transition");
    let simulated = server.client.call(
        "POST",
        &format!("/api/v1/pledges/{id}/payments"),
        owner.token(),
        Some(&json!({"amount_minor": 2_000})),
    );
    assert_eq!(simulated.problem(409)["code"], "pledge.transition");

    // After the deadline the window is closed for new pledges and changes.
    let dan = server.client.register("dan");
    server.set_clock(&at(3700));
    let late = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/pledges"),
        dan.token(),
        Some(&json!({"amount_minor": 100, "payment_method": "invoice"})),
    );
    let late = late.problem(409);
    assert_eq!(
        (late["code"].as_str(), late["params"]["phase"].as_str()),
        (Some("pledge.window_closed"), Some("voting"))
    );
}

#[test]
fn simulated_payments_are_refused_by_the_manual_path_and_declined_methods_pledge_nothing() {
    let campaign = Campaign::open(all_or_nothing(10_000));
    let ann = campaign.server.client.register("ann");
    let declined = campaign.pledge(
        &ann,
        json!({"amount_minor": 100, "payment_method": "sim_declined"}),
    );
    assert_eq!(declined.problem(422)["errors"][0]["code"], "payment.declined");
    assert_eq!(campaign.funding()["totals"]["backers"], 0, "nothing was pledged");
    // A method that needs confirming: pending until the backer gives one that works.
    let pending = campaign.pledge(
        &ann,
        json!({"amount_minor": 100, "payment_method": "sim_action_required"}),
    );
    assert_eq!(pending.json()["status"], "pending");
    let id = pending.json()["id"].as_str().unwrap().to_owned();
    let manual = campaign.call(
        "POST",
        &format!("/api/v1/pledges/{id}/payments"),
        &campaign.owner,
        Some(json!({"amount_minor": 100})),
    );
    assert_eq!(manual.problem(409)["code"], "payment.not_manual");
    let confirmed = campaign.call(
        "PATCH",
        &format!("/api/v1/pledges/{id}"),
        &ann,
        Some(json!({"payment_method": "sim_ok", "amount_minor": 250})),
    );
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    assert_eq!(
        (
            confirmed.json()["status"].as_str(),
            confirmed.json()["amount_minor"].as_i64()
        ),
        (Some("active"), Some(250))
    );
    // Another user sees no such pledge.
    let bob = campaign.server.client.register("bob");
    assert_eq!(
        campaign
            .call("GET", &format!("/api/v1/pledges/{id}"), &bob, None)
            .status,
        404
    );
}

#[test]
fn the_recurring_job_settles_by_itself_after_the_deadline() {
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("SIMULATED_PAYMENTS", "true")
            .env("FUNDING_SETTLE_INTERVAL_MS", "50"),
    );
    let campaign = Campaign::open_on(server, all_or_nothing(1_000));
    let ann = campaign.server.client.register("ann");
    let pledge = campaign.pledged(&ann, 1_000, "sim_ok");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        campaign.pledge_status(&ann, &pledge)["status"],
        "active",
        "nothing moves before the deadline"
    );
    campaign.after_deadline(1);
    assert!(
        eventually(Duration::from_secs(10), || campaign.funding()["outcome"]
            == "funded"),
        "the job collected and decided: {}",
        campaign.funding()
    );
    assert_eq!(campaign.pledge_status(&ann, &pledge)["status"], "collected");
    assert_eq!(campaign.charges(), vec![(pledge, 1)]);
}

#[test]
fn parallel_changes_of_one_pledge_move_its_tier_slot_exactly_once_each() {
    let campaign = Campaign::open(all_or_nothing(100_000));
    let (a, b) = (
        campaign.tier(json!({"title": "A", "min_amount_minor": 1_000, "quantity_limit": 5})),
        campaign.tier(json!({"title": "B", "min_amount_minor": 1_000, "quantity_limit": 5})),
    );
    let ann = campaign.server.client.register("ann");
    let made = campaign.pledge(
        &ann,
        json!({"tier_id": a, "amount_minor": 1_000, "payment_method": "sim_ok"}),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let id = made.json()["id"].as_str().unwrap().to_owned();
    // Twenty changes at once, half to B and half back to A.
    let start = Arc::new(Barrier::new(20));
    let handles: Vec<_> = (0..20)
        .map(|n| {
            let (client, start, ann, id) = (
                campaign.server.client.clone(),
                start.clone(),
                ann.clone(),
                id.clone(),
            );
            let tier = if n % 2 == 0 { b.clone() } else { a.clone() };
            std::thread::spawn(move || {
                start.wait();
                let body = json!({"tier_id": tier, "amount_minor": 1_000 + n});
                client.call(
                    "PATCH",
                    &format!("/api/v1/pledges/{id}"),
                    ann.token(),
                    Some(&body),
                )
            })
        })
        .collect();
    for handle in handles {
        let changed = handle.join().unwrap();
        assert_eq!(changed.status, 200, "{}", changed.text());
    }
    let pledge = campaign.pledge_status(&ann, &id);
    let funding = campaign.funding();
    let taken: Vec<(String, i64)> = funding["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tier| {
            (
                tier["id"].as_str().unwrap().to_owned(),
                tier["taken"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, i64)> = taken
        .iter()
        .map(|(tier, _)| (tier.clone(), i64::from(pledge["tier_id"] == tier.as_str())))
        .collect();
    assert_eq!(taken, expected, "one slot, on the tier the pledge names");
}
