//! Micro-tasking end to end on the real server: parallel claims never take more slots than a
//! task wants answers and expired leases give them back; consensus retires a task at the k-th
//! agreeing answer; a wrong gold answer pauses a worker with a visible reason; an import with a
//! bad row adds nothing and names the row and field; reviews need reasons, overturns pay once,
//! unreviewed answers are approved after the delay; no silent mass rejection; progress and the
//! results export match a hand count.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use schwarm_tests::api::{User, at};
use schwarm_tests::http::TestResponse;
use schwarm_tests::{ServerOptions, TestServer, eventually};
use serde_json::{Value, json};

struct Campaign {
    server: TestServer,
    owner: User,
    slug: String,
}

fn server() -> TestServer {
    TestServer::start_with(
        ServerOptions::new()
            .env("AUTH_RATE_LIMIT_PER_IP", "1000000")
            .env("MICROTASKS_SWEEP_INTERVAL_MS", "50")
            .env("DISPATCH_INTERVAL_MS", "20"),
    )
}

fn choice_form() -> Value {
    json!({"kind": "single_choice", "question": "What is in the picture?",
           "options": [{"value": "cat", "label": "A cat"}, {"value": "dog", "label": "A dog"}]})
}

impl Campaign {
    /// A published microtask campaign of `acme`, its work window open for an hour, with
    /// `settings`.
    fn open(settings: Value) -> Campaign {
        let server = server();
        let owner = server.client.register("owner");
        server.client.create_organization(&owner, "acme");
        let body = json!({
            "kind": "microtask", "title": "Pets",
            "schedule": {"submissions_open_at": at(-60), "submissions_close_at": at(3600),
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
        let campaign = Campaign { server, owner, slug };
        let set = campaign.call(
            "PUT",
            &campaign.path("task-settings"),
            &campaign.owner,
            Some(settings),
        );
        assert_eq!(set.status, 200, "{}", set.text());
        let published = campaign.call("POST", &campaign.path("publish"), &campaign.owner, None);
        assert_eq!(published.status, 200, "{}", published.text());
        campaign
    }

    fn path(&self, rest: &str) -> String {
        format!("/api/v1/campaigns/{}/{rest}", self.slug)
    }

    fn call(&self, method: &str, path: &str, user: &User, body: Option<Value>) -> TestResponse {
        self.server.client.call(method, path, user.token(), body.as_ref())
    }

    fn task(&self, body: Value) -> String {
        let made = self.call("POST", &self.path("tasks"), &self.owner, Some(body));
        assert_eq!(made.status, 201, "{}", made.text());
        made.json()["id"].as_str().unwrap().to_owned()
    }

    fn claim(&self, worker: &User, task: &str) -> Value {
        let made = self.call("POST", &format!("/api/v1/tasks/{task}/claims"), worker, None);
        assert_eq!(made.status, 201, "{}", made.text());
        made.json()
    }

    fn answer(&self, worker: &User, claim: &Value, answer: Value) -> Value {
        let id = claim["id"].as_str().unwrap();
        let done = self.call(
            "POST",
            &format!("/api/v1/claims/{id}/submission"),
            worker,
            Some(json!({"answer": answer})),
        );
        assert_eq!(done.status, 200, "{}", done.text());
        done.json()
    }

    /// Claims `task` and answers it.
    fn work(&self, worker: &User, task: &str, answer: Value) -> Value {
        let claim = self.claim(worker, task);
        self.answer(worker, &claim, answer)
    }

    fn manager_task(&self, task: &str) -> Value {
        let got = self.call("GET", &format!("/api/v1/tasks/{task}"), &self.owner, None);
        assert_eq!(got.status, 200, "{}", got.text());
        got.json()
    }

    fn review(&self, reviewer: &User, claim: &str, body: Value) -> TestResponse {
        self.call(
            "POST",
            &format!("/api/v1/claims/{claim}/review"),
            reviewer,
            Some(body),
        )
    }

    fn points(&self, user: &User) -> i64 {
        let got = self.call("GET", "/api/v1/me/rewards", user, None);
        assert_eq!(got.status, 200, "{}", got.text());
        got.json()["points_balance"].as_i64().unwrap()
    }

    fn count(&self, sql: &str) -> Vec<(String, i64)> {
        self.server.db().key_counts(sql)
    }
}

fn workers(server: &TestServer, n: usize) -> Vec<User> {
    let client = server.client.clone();
    let handles: Vec<_> = (0..2)
        .map(|half| {
            let client = client.clone();
            std::thread::spawn(move || {
                (0..n)
                    .filter(|i| i % 2 == half)
                    .map(|i| client.register(&format!("worker{i}")))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|handle| handle.join().unwrap())
        .collect()
}

/// Sends one request per worker at once (behind a barrier) and returns the statuses.
fn all_at_once(campaign: &Campaign, crowd: Vec<User>, method: &'static str, path: String) -> Vec<u16> {
    let start = Arc::new(Barrier::new(crowd.len()));
    let handles: Vec<_> = crowd
        .into_iter()
        .map(|worker| {
            let (client, start, path) = (campaign.server.client.clone(), start.clone(), path.clone());
            std::thread::spawn(move || {
                start.wait();
                client.call(method, &path, worker.token(), None).status
            })
        })
        .collect();
    handles.into_iter().map(|handle| handle.join().unwrap()).collect()
}

#[test]
fn fifty_parallel_claims_on_a_task_wanting_three_answers_hold_exactly_three_leases_until_they_expire() {
    let campaign = Campaign::open(json!({"answer_form": choice_form(), "lease_minutes": 1}));
    let task = campaign.task(json!({"payload": {"text": "Look"}, "redundancy": 3}));
    let crowd = workers(&campaign.server, 50);

    let statuses = all_at_once(
        &campaign,
        crowd.clone(),
        "POST",
        format!("/api/v1/tasks/{task}/claims"),
    );
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        47,
        "the rest find it full: {statuses:?}"
    );
    assert_eq!(campaign.manager_task(&task)["taken"], 3);
    let refused = campaign.call("POST", &format!("/api/v1/tasks/{task}/claims"), &crowd[0], None);
    let code = refused.json()["code"].clone();
    assert!(
        code == "task.full" || code == "claim.exists",
        "{}",
        refused.text()
    );

    // The leases run out: the sweep frees the three slots, once each.
    campaign.server.set_clock(&at(120));
    assert!(
        eventually(Duration::from_secs(20), || campaign.manager_task(&task)["taken"]
            == 0),
        "expired leases give their slots back: {}",
        campaign.manager_task(&task)
    );
    let expired = campaign.count("SELECT status AS key, COUNT(*) AS n FROM task_claims GROUP BY status");
    assert_eq!(expired, vec![("expired".to_owned(), 3)]);
    let events = campaign
        .count("SELECT type AS key, COUNT(*) AS n FROM events WHERE type = 'claim.expired' GROUP BY type");
    assert_eq!(
        events,
        vec![("claim.expired".to_owned(), 3)],
        "one event per lease"
    );

    // Fifty parallel `next` calls now get the three slots again, and nothing more.
    let statuses = all_at_once(&campaign, crowd, "POST", campaign.path("tasks/next"));
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 204).count(), 47, "{statuses:?}");
    assert_eq!(campaign.manager_task(&task)["taken"], 3);
}

#[test]
fn next_hands_out_by_strategy_never_twice_and_says_when_nothing_is_left() {
    let campaign = Campaign::open(json!({"answer_form": choice_form(), "strategy": "depth_first"}));
    let low = campaign.task(json!({"payload": {"text": "low"}, "redundancy": 2, "priority": 0}));
    let high = campaign.task(json!({"payload": {"text": "high"}, "redundancy": 2, "priority": 5}));
    let [ann, bob, cid] = ["ann", "bob", "cid"].map(|name| campaign.server.client.register(name));

    let next = |worker: &User| campaign.call("POST", &campaign.path("tasks/next"), worker, None);
    let first = next(&ann);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["task"]["id"], high, "the highest priority first");
    assert_eq!(
        first.json()["answer_form"]["kind"],
        "single_choice",
        "the runner gets the question"
    );
    campaign.answer(&ann, &first.json(), json!("cat"));
    let second = next(&ann);
    assert_eq!(
        second.json()["task"]["id"],
        low,
        "never a task the worker answered"
    );
    campaign.answer(&ann, &second.json(), json!("cat"));
    let done = next(&ann);
    assert_eq!(done.status, 204, "finished: {}", done.text());
    assert_eq!(done.header("retry-after"), None, "nothing will come back for ann");

    // bob holds the last slot of `high` and `low`'s last slot goes to cid: all slots held.
    let bob_claim = next(&bob);
    assert_eq!(
        bob_claim.json()["task"]["id"],
        high,
        "depth first: the task closest to done"
    );
    let cid_claim = next(&cid);
    assert_eq!(cid_claim.json()["task"]["id"], low);
    let dan = campaign.server.client.register("dan");
    let busy = next(&dan);
    assert_eq!(busy.status, 204);
    assert!(
        busy.header("retry-after").is_some(),
        "leases held by others may come back"
    );

    // Releasing gives the slot back at once.
    let id = bob_claim.json()["id"].as_str().unwrap().to_owned();
    let released = campaign.call(
        "PATCH",
        &format!("/api/v1/claims/{id}"),
        &bob,
        Some(json!({"action": "release"})),
    );
    assert_eq!(released.json()["status"], "released");
    assert_eq!(next(&dan).json()["task"]["id"], high);
    let again = campaign.call(
        "POST",
        &format!("/api/v1/claims/{id}/submission"),
        &bob,
        Some(json!({"answer": "cat"})),
    );
    assert_eq!(again.problem(409)["code"], "claim.transition");
}

#[test]
fn consensus_with_k_two_retires_a_task_at_its_second_agreeing_answer() {
    let campaign =
        Campaign::open(json!({"answer_form": choice_form(), "retirement": "consensus", "consensus_k": 2}));
    let task = campaign.task(json!({"payload": {"text": "Look"}, "redundancy": 5, "reward_points": 7}));
    let crowd = workers(&campaign.server, 4);

    campaign.work(&crowd[0], &task, json!("cat"));
    campaign.work(&crowd[1], &task, json!("dog"));
    assert_eq!(
        campaign.manager_task(&task)["state"],
        "in_progress",
        "one each: no consensus yet"
    );
    let open_lease = campaign.claim(&crowd[3], &task);
    campaign.work(&crowd[2], &task, json!("cat"));
    let retired = campaign.manager_task(&task);
    assert_eq!(retired["state"], "retired", "{retired}");
    assert_eq!(retired["retired_reason"], "consensus");
    assert_eq!(retired["result"]["answer"], "cat");
    assert_eq!(retired["result"]["agreeing"], 2);
    assert_eq!(retired["result"]["answers"], 3);
    assert_eq!(retired["result"]["agreement_percent"], 66);
    assert_eq!(retired["given_answers"].as_array().unwrap().len(), 3);
    let stranger = campaign.server.client.register("stranger");
    let late = campaign.call("POST", &format!("/api/v1/tasks/{task}/claims"), &stranger, None);
    assert_eq!(late.problem(409)["code"], "task.retired");
    // A lease open at retirement may still answer (and is paid), but the result stands.
    campaign.answer(&crowd[3], &open_lease, json!("dog"));
    let still = campaign.manager_task(&task);
    assert_eq!(still["result"]["answer"], "cat", "{still}");
    assert_eq!(still["result"]["agreeing"], 2);
    assert_eq!(still["answers"], 4);

    // Progress and the results export say the same as a hand count.
    let progress = campaign
        .call("GET", &campaign.path("task-progress"), &campaign.owner, None)
        .json();
    assert_eq!(progress["tasks"]["total"], 1);
    assert_eq!(progress["tasks"]["retired"], 1);
    assert_eq!(progress["answers"]["pending_review"], 4);
    assert_eq!(progress["answers_wanted"], 0);
    assert_eq!(progress["workers"], 4);
    let csv = campaign.call(
        "GET",
        &campaign.path("export/task-results.csv"),
        &campaign.owner,
        None,
    );
    assert_eq!(csv.status, 200);
    let text = csv.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("task_id,state,retired_reason"), "{text}");
    assert!(
        lines[1].contains(&task) && lines[1].contains(",retired,consensus,false,"),
        "{text}"
    );
    assert!(
        lines[1].contains(",4,cat,66,2,"),
        "answers, result, agreement, agreeing: {text}"
    );
    assert!(
        lines[1].contains(r#""[""cat"",""dog"",""cat"",""dog""]""#),
        "the contributing answers: {text}"
    );
    let events = campaign
        .count("SELECT type AS key, COUNT(*) AS n FROM events WHERE type = 'task.retired' GROUP BY type");
    assert_eq!(events, vec![("task.retired".to_owned(), 1)]);
    // Workers are counted in the funnel like every other kind of participation.
    let workers_counted = || {
        campaign
            .call("GET", &campaign.path("analytics"), &campaign.owner, None)
            .json()["funnel"]["workers"]
            .clone()
    };
    assert!(
        eventually(Duration::from_secs(10), || workers_counted() == 4),
        "{}",
        workers_counted()
    );
}

#[test]
fn a_wrong_gold_answer_pauses_the_worker_with_a_reason_they_see() {
    let campaign = Campaign::open(json!({
        "answer_form": choice_form(), "gold_rate_percent": 50, "min_accuracy_percent": 50, "gold_min_answers": 1,
    }));
    let gold = campaign.task(json!({"payload": {"text": "Known"}, "gold_answer": "cat"}));
    campaign.task(json!({"payload": {"text": "Unknown"}}));
    let [right, wrong] = ["right", "wrong"].map(|name| campaign.server.client.register(name));

    let tasks = campaign.call("GET", &campaign.path("tasks"), &wrong, None).json();
    assert_eq!(
        tasks["items"].as_array().unwrap().len(),
        1,
        "workers never see gold tasks: {tasks}"
    );
    assert!(tasks["items"][0]["gold"].is_null() && tasks["items"][0]["gold_answer"].is_null());
    assert_eq!(
        campaign
            .call("GET", &format!("/api/v1/tasks/{gold}"), &wrong, None)
            .status,
        404,
        "a gold task exists for a worker only once they hold it"
    );
    // Choosing tasks directly does not skip the checks `next` mixes in.
    let ordinary = tasks["items"][0]["id"].as_str().unwrap().to_owned();
    let skipped = campaign.call("POST", &format!("/api/v1/tasks/{ordinary}/claims"), &wrong, None);
    assert_eq!(skipped.problem(409)["code"], "claim.check_due");

    let good = campaign.work(&right, &gold, json!("cat"));
    assert_eq!(
        good["status"], "approved",
        "a right gold answer is approved at once: {good}"
    );
    assert_eq!(good["points"], 10);
    let bad = campaign.work(&wrong, &gold, json!("dog"));
    assert_eq!(bad["status"], "rejected", "{bad}");
    assert!(
        bad["review"]["reason"].as_str().unwrap().contains("known answer"),
        "{bad}"
    );
    for field in ["state", "taken", "answers"] {
        assert!(
            bad["task"][field].is_null(),
            "counts would give gold tasks away: {bad}"
        );
    }
    assert!(
        bad["task"]["gold"].is_null(),
        "the worker still does not see which were gold"
    );

    let paused = campaign.call("POST", &campaign.path("tasks/next"), &wrong, None);
    let problem = paused.problem(403);
    assert_eq!(problem["code"], "worker.paused");
    assert!(
        problem["params"]["reason"].as_str().unwrap().contains("0 %"),
        "{problem}"
    );
    let standing = campaign
        .call("GET", &campaign.path("task-settings"), &wrong, None)
        .json();
    assert_eq!(standing["you"]["paused"], true);
    assert_eq!(standing["you"]["gold_accuracy_percent"], 0);
    assert_eq!(
        campaign
            .call("POST", &campaign.path("tasks/next"), &right, None)
            .status,
        201,
        "a worker who answered right goes on"
    );
    let workers = campaign
        .call("GET", &campaign.path("workers"), &campaign.owner, None)
        .json();
    let listed = workers["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["user_id"] == wrong.id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(listed["paused"], true, "{workers}");

    // The organiser lets them continue.
    let resumed = campaign.call(
        "PATCH",
        &campaign.path(&format!("workers/{}", wrong.id)),
        &campaign.owner,
        Some(json!({"paused": false})),
    );
    assert_eq!(resumed.status, 200, "{}", resumed.text());
    assert_eq!(
        campaign
            .call("POST", &campaign.path("tasks/next"), &wrong, None)
            .status,
        201
    );
    assert!(
        eventually(Duration::from_secs(10), || {
            let inbox = campaign
                .call("GET", "/api/v1/me/notifications", &wrong, None)
                .json();
            let kinds: Vec<&str> = inbox["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|n| n["kind"].as_str())
                .collect();
            kinds.contains(&"worker_paused") && kinds.contains(&"answer_rejected")
        }),
        "the worker is told why"
    );
}

#[test]
fn an_import_with_one_bad_row_adds_nothing_and_names_the_row_and_field() {
    let campaign = Campaign::open(json!({"answer_form": choice_form()}));
    let rows = json!({"tasks": [
        {"payload": {"text": "one"}},
        {"payload": {"text": "two"}, "redundancy": 0},
        {"payload": {}, "gold_answer": "cow"},
    ]});
    let refused = campaign.call(
        "POST",
        &campaign.path("tasks/import"),
        &campaign.owner,
        Some(rows),
    );
    let problem = refused.problem(422);
    let errors = problem["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors.iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["tasks[1].redundancy", "tasks[2].payload", "tasks[2].gold_answer"],
        "{problem}"
    );
    assert_eq!(errors[0]["params"]["row"], 2);
    assert_eq!(errors[2]["code"], "answer.invalid");
    let total = |campaign: &Campaign| campaign.count("SELECT 'tasks' AS key, COUNT(*) AS n FROM tasks")[0].1;
    assert_eq!(total(&campaign), 0, "nothing half-imported");

    // 500 rows of CSV in one request, one of them gold.
    let mut csv = String::from("text,redundancy,reward_points,gold_answer\n");
    for n in 0..500 {
        let gold = if n == 0 { "cat" } else { "" };
        csv.push_str(&format!("\"Picture {n}, please\",3,5,{gold}\n"));
    }
    let imported = campaign.server.client.send_as(
        "POST",
        &campaign.path("tasks/import"),
        campaign.owner.token(),
        "text/csv",
        csv.as_bytes(),
    );
    assert_eq!(imported.status, 201, "{}", imported.text());
    assert_eq!(imported.json()["imported"], 500);
    assert_eq!(imported.json()["gold"], 1);
    assert_eq!(total(&campaign), 500);

    let bad_csv = "text,redundancy\nfine,3\nbad,many\n";
    let refused = campaign.server.client.send_as(
        "POST",
        &campaign.path("tasks/import"),
        campaign.owner.token(),
        "text/csv",
        bad_csv.as_bytes(),
    );
    let problem = refused.problem(422);
    assert_eq!(problem["errors"][0]["field"], "tasks[1].redundancy", "{problem}");
    assert_eq!(problem["errors"][0]["params"]["row"], 2);
    let unknown = campaign.server.client.send_as(
        "POST",
        &campaign.path("tasks/import"),
        campaign.owner.token(),
        "text/csv",
        b"texte\nhello\n",
    );
    assert_eq!(unknown.problem(422)["code"], "import.unreadable");
    assert_eq!(total(&campaign), 500, "refused imports add nothing");
}

#[test]
fn reviews_need_reasons_overturns_pay_once_and_unreviewed_answers_are_approved_after_the_delay() {
    let campaign = Campaign::open(json!({"answer_form": choice_form(), "review_delay_hours": 1}));
    let task = campaign.task(json!({"payload": {"text": "Look"}, "redundancy": 3, "reward_points": 7}));
    let crowd = workers(&campaign.server, 2);
    let first = campaign.work(&crowd[0], &task, json!("cat"));
    let second = campaign.work(&crowd[1], &task, json!("dog"));
    let first_id = first["id"].as_str().unwrap();

    let no_reason = campaign.review(&campaign.owner, first_id, json!({"decision": "rejected"}));
    assert_eq!(no_reason.problem(422)["errors"][0]["field"], "reason");
    let rejected = campaign.review(
        &campaign.owner,
        first_id,
        json!({"decision": "rejected", "reason": "Blurry answer"}),
    );
    assert_eq!(rejected.status, 200, "{}", rejected.text());
    assert_eq!(
        campaign.manager_task(&task)["taken"],
        1,
        "a rejection gives the slot back"
    );
    let mine = campaign.call("GET", "/api/v1/me/claims", &crowd[0], None).json();
    assert_eq!(mine["items"][0]["status"], "rejected");
    assert_eq!(
        mine["items"][0]["review"]["reason"], "Blurry answer",
        "the worker sees why"
    );
    assert!(mine["items"][0]["overturnable_until"].is_string());

    let overturned = campaign.review(&campaign.owner, first_id, json!({"decision": "approved"}));
    assert_eq!(overturned.status, 200, "{}", overturned.text());
    assert_eq!(overturned.json()["status"], "approved");
    assert!(overturned.json()["review"]["overturned_at"].is_string());
    let twice = campaign.review(&campaign.owner, first_id, json!({"decision": "approved"}));
    assert_eq!(twice.problem(409)["code"], "claim.transition");
    assert_eq!(campaign.points(&crowd[0]), 7, "paid once");

    // Nobody reviews the second answer: after the delay it is approved and paid by the sweep.
    campaign.server.set_clock(&at(2 * 3600));
    assert!(
        eventually(Duration::from_secs(20), || campaign.points(&crowd[1]) == 7),
        "approved automatically"
    );
    let got = campaign
        .call(
            "GET",
            &format!("/api/v1/claims/{}", second["id"].as_str().unwrap()),
            &crowd[1],
            None,
        )
        .json();
    assert_eq!(got["status"], "approved");
    assert_eq!(got["review"]["automatic"], true);
    let paid = campaign.count(
        "SELECT source_id AS key, COUNT(*) AS n FROM points_ledger WHERE source_type = 'task_approved' GROUP BY source_id",
    );
    assert_eq!(paid.len(), 2);
    assert!(paid.iter().all(|(_, n)| *n == 1), "{paid:?}");
}

#[test]
fn answers_are_checked_against_the_form_and_leases_against_the_clock() {
    let campaign = Campaign::open(json!({
        "answer_form": {"kind": "number", "question": "How many?", "min": 0, "max": 10, "integer": true},
        "lease_minutes": 1,
    }));
    let task = campaign.task(json!({"payload": {"text": "Count"}}));
    let worker = campaign.server.client.register("worker");
    let claim = campaign.claim(&worker, &task);
    let id = claim["id"].as_str().unwrap();
    for bad in [json!("three"), json!(2.5), json!(11)] {
        let refused = campaign.call(
            "POST",
            &format!("/api/v1/claims/{id}/submission"),
            &worker,
            Some(json!({"answer": bad})),
        );
        let problem = refused.problem(422);
        assert_eq!(problem["errors"][0]["field"], "answer", "{problem}");
        assert_eq!(problem["errors"][0]["code"], "answer.invalid");
    }
    let own = campaign.review(&campaign.owner, id, json!({"decision": "approved"}));
    assert_eq!(
        own.problem(409)["code"],
        "claim.transition",
        "an active lease is not reviewable"
    );
    let extended = campaign.call(
        "PATCH",
        &format!("/api/v1/claims/{id}"),
        &worker,
        Some(json!({"action": "extend"})),
    );
    assert_eq!(extended.status, 200, "{}", extended.text());

    // Past the lease, and once the sweep has marked the claim expired (every 50 ms here): a
    // late answer hears that the lease ran out, as it does before the sweep comes by.
    campaign.server.set_clock(&at(600));
    let read = || {
        campaign
            .call("GET", &format!("/api/v1/claims/{id}"), &worker, None)
            .json()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while read()["status"] != "expired" {
        assert!(std::time::Instant::now() < deadline, "never swept: {}", read());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for (method, path, body) in [
        (
            "POST",
            format!("/api/v1/claims/{id}/submission"),
            json!({"answer": 3}),
        ),
        (
            "PATCH",
            format!("/api/v1/claims/{id}"),
            json!({"action": "extend"}),
        ),
    ] {
        let late = campaign.call(method, &path, &worker, Some(body));
        assert_eq!(
            late.problem(409)["code"],
            "claim.lease_expired",
            "{method} {path}"
        );
    }
    let stranger = campaign.server.client.register("stranger");
    let hidden = campaign.call("GET", &format!("/api/v1/claims/{id}"), &stranger, None);
    assert_eq!(hidden.status, 404, "a claim is its worker's and the managers'");
    let settings_again = campaign.call(
        "PUT",
        &campaign.path("task-settings"),
        &campaign.owner,
        Some(json!({"answer_form": {"kind": "single_choice", "question": "?", "options": [{"value": "a", "label": "A"}, {"value": "a", "label": "B"}]}})),
    );
    assert_eq!(
        settings_again.problem(422)["errors"][0]["code"],
        "answer_form.duplicate_option"
    );
}

#[test]
fn a_wave_of_rejections_needs_an_owners_confirmation() {
    let campaign = Campaign::open(json!({"answer_form": choice_form(), "rejection_guard_percent": 30}));
    let manager = campaign.server.client.register("manager");
    let role = campaign
        .server
        .client
        .set_role(&campaign.owner, "acme", &manager, "manager");
    assert!(role.status < 300, "{}", role.text());
    let worker = campaign.server.client.register("worker");
    let mut claims = Vec::new();
    for n in 0..11 {
        let task = campaign.task(json!({"payload": {"text": format!("Task {n}")}, "redundancy": 1}));
        claims.push(
            campaign.work(&worker, &task, json!("cat"))["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let reject = |reviewer: &User, claim: &str, confirm: bool| {
        campaign.review(
            reviewer,
            claim,
            json!({"decision": "rejected", "reason": "Wrong", "confirm_mass_rejection": confirm}),
        )
    };
    for claim in &claims[..9] {
        assert_eq!(reject(&manager, claim, false).status, 200);
    }
    let held = reject(&manager, &claims[9], false);
    let problem = held.problem(409);
    assert_eq!(problem["code"], "review.confirmation_required");
    assert_eq!(problem["params"]["rejected"], 10);
    assert_eq!(problem["params"]["reviews"], 10);
    assert_eq!(
        reject(&manager, &claims[9], true).problem(409)["code"],
        "review.confirmation_required",
        "only an owner confirms"
    );
    assert_eq!(reject(&campaign.owner, &claims[9], false).status, 409);
    assert_eq!(
        reject(&campaign.owner, &claims[9], true).status,
        200,
        "an owner confirms"
    );
    let approved = campaign.review(&manager, &claims[10], json!({"decision": "approved"}));
    assert_eq!(approved.status, 200, "approving is never held");
}

#[test]
fn ten_thousand_tasks_import_in_one_request_and_ten_thousand_and_one_are_refused_whole() {
    let campaign = Campaign::open(json!({"answer_form": choice_form()}));
    let tasks = |n: usize| -> Value {
        json!({"tasks": (0..n).map(|i| json!({"payload": {"text": format!("Picture number {i} of the series")}, "instructions": "Look closely at the animal.", "redundancy": 3})).collect::<Vec<_>>()})
    };
    let body = serde_json::to_vec(&tasks(10_000)).unwrap();
    assert!(body.len() > 1_048_576, "larger than an ordinary request may be");
    let imported = campaign.server.client.send_as(
        "POST",
        &campaign.path("tasks/import"),
        campaign.owner.token(),
        "application/json",
        &body,
    );
    assert_eq!(imported.status, 201, "{}", imported.text());
    assert_eq!(imported.json()["imported"], 10_000);
    let too_many = serde_json::to_vec(&tasks(10_001)).unwrap();
    let refused = campaign.server.client.send_as(
        "POST",
        &campaign.path("tasks/import"),
        campaign.owner.token(),
        "application/json",
        &too_many,
    );
    assert_eq!(refused.problem(422)["errors"][0]["field"], "tasks");
    let progress = campaign
        .call("GET", &campaign.path("task-progress"), &campaign.owner, None)
        .json();
    assert_eq!(progress["tasks"]["open"], 10_000);
    assert_eq!(progress["answers_wanted"], 30_000);
}

#[test]
fn parallel_rejections_cannot_slip_past_the_guard_and_only_an_owner_moves_it() {
    let campaign = Campaign::open(json!({"answer_form": choice_form()}));
    let manager = campaign.server.client.register("manager");
    let role = campaign
        .server
        .client
        .set_role(&campaign.owner, "acme", &manager, "manager");
    assert!(role.status < 300, "{}", role.text());
    let moved = campaign.call(
        "PUT",
        &campaign.path("task-settings"),
        &manager,
        Some(json!({"answer_form": choice_form(), "rejection_guard_percent": 100})),
    );
    assert_eq!(moved.problem(403)["code"], "organization.role_insufficient");

    let worker = campaign.server.client.register("worker");
    let mut claims = Vec::new();
    for n in 0..20 {
        let task = campaign.task(json!({"payload": {"text": format!("Task {n}")}, "redundancy": 1}));
        claims.push(
            campaign.work(&worker, &task, json!("cat"))["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    for claim in &claims[..7] {
        assert_eq!(
            campaign
                .review(&manager, claim, json!({"decision": "approved"}))
                .status,
            200
        );
    }
    for claim in &claims[7..9] {
        let body = json!({"decision": "rejected", "reason": "Wrong"});
        assert_eq!(campaign.review(&manager, claim, body).status, 200);
    }
    // 2 of 9 rejected: at 30 % exactly one more rejection fits (3 of 10), however many race.
    let start = Arc::new(Barrier::new(11));
    let handles: Vec<_> = claims[9..]
        .iter()
        .map(|claim| {
            let (client, start, manager) = (campaign.server.client.clone(), start.clone(), manager.clone());
            let path = format!("/api/v1/claims/{claim}/review");
            std::thread::spawn(move || {
                start.wait();
                let body = json!({"decision": "rejected", "reason": "Wrong"});
                client.call("POST", &path, manager.token(), Some(&body)).status
            })
        })
        .collect();
    let statuses: Vec<u16> = handles.into_iter().map(|handle| handle.join().unwrap()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 10, "{statuses:?}");
}

#[test]
fn a_form_change_that_existing_gold_answers_do_not_fit_is_refused() {
    let campaign = Campaign::open(
        json!({"answer_form": {"kind": "single_choice", "question": "Stars?",
        "options": [{"value": "1", "label": "One"}, {"value": "2", "label": "Two"}]}}),
    );
    // A CSV gold answer `1` is the option "1", not the number 1.
    let imported = campaign.server.client.send_as(
        "POST",
        &campaign.path("tasks/import"),
        campaign.owner.token(),
        "text/csv",
        b"text,gold_answer\nRate this,1\n",
    );
    assert_eq!(imported.status, 201, "{}", imported.text());
    let refused = campaign.call(
        "PUT",
        &campaign.path("task-settings"),
        &campaign.owner,
        Some(json!({"answer_form": {"kind": "number", "question": "Stars?"}})),
    );
    let problem = refused.problem(422);
    assert_eq!(
        problem["errors"][0]["code"], "answer_form.incompatible",
        "{problem}"
    );
    assert_eq!(problem["errors"][0]["params"]["tasks"], 1);
    let renamed = campaign.call(
        "PUT",
        &campaign.path("task-settings"),
        &campaign.owner,
        Some(
            json!({"answer_form": {"kind": "single_choice", "question": "How many stars?",
            "options": [{"value": "1", "label": "One star"}, {"value": "2", "label": "Two stars"}]}}),
        ),
    );
    assert_eq!(
        renamed.status,
        200,
        "labels and the question may change: {}",
        renamed.text()
    );
}
