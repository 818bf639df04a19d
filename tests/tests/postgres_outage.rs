//! PostgreSQL only: the server survives its database going away and coming back, also in the
//! middle of webhook deliveries. The outage is made by cutting a TCP proxy, so the PostgreSQL
//! that other tests share keeps running.

use std::collections::BTreeMap;
use std::net::ToSocketAddrs;
use std::time::Duration;

use schwarm_tests::pg_proxy::PgProxy;
use schwarm_tests::receiver::{Receiver, Reply};
use schwarm_tests::{Backend, PgTestDb, ServerOptions, TestServer, eventually, with_database};
use serde_json::json;

#[test]
fn postgres_outage_makes_ready_503_and_recovers_without_restart() {
    assert_eq!(
        Backend::current(),
        Backend::Postgres,
        "this test needs SCHWARM_TEST_BACKEND=postgres (scripts/test.sh runs it in the PostgreSQL pass)"
    );
    let db = PgTestDb::create();
    let upstream = upstream_addr(&db.url);
    let mut proxy = PgProxy::start(upstream);
    let via_proxy = with_database(
        &format!("postgres://postgres@127.0.0.1:{}/x", proxy.port()),
        db_name(&db.url),
    );
    let server = TestServer::start_with(
        ServerOptions::new()
            .default_database()
            .env("DATABASE_URL", via_proxy)
            .env("DB_POOL_SIZE", "3"),
    );
    assert_eq!(server.get("/api/v1/ready").status, 200);

    proxy.cut();
    let mut last = None;
    assert!(
        eventually(Duration::from_secs(30), || {
            let res = server.get("/api/v1/ready");
            let down = res.status == 503;
            last = Some(res);
            down
        }),
        "ready never reported the outage"
    );
    let problem = last.unwrap().problem(503);
    assert!(
        problem["detail"].as_str().unwrap().contains("database"),
        "{problem}"
    );
    assert_eq!(
        server.get("/api/v1/health").status,
        200,
        "liveness does not depend on the database"
    );

    proxy.restore();
    assert!(
        eventually(Duration::from_secs(60), || server.get("/api/v1/ready").status
            == 200),
        "ready did not recover after the database came back"
    );
}

#[test]
fn the_database_away_mid_delivery_loses_and_doubles_nothing() {
    assert_eq!(
        Backend::current(),
        Backend::Postgres,
        "run in the PostgreSQL pass"
    );
    let db = PgTestDb::create();
    let mut proxy = PgProxy::start(upstream_addr(&db.url));
    let via_proxy = with_database(
        &format!("postgres://postgres@127.0.0.1:{}/x", proxy.port()),
        db_name(&db.url),
    );
    let server = TestServer::start_with(
        ServerOptions::new()
            .default_database()
            .env("DATABASE_URL", via_proxy)
            .env("DB_POOL_SIZE", "3")
            .env("DB_TIMEOUT_SECS", "2")
            .env("JOB_LEASE_SECS", "15")
            .env("DISPATCH_INTERVAL_MS", "20")
            .env("WEBHOOK_ALLOW_HTTP", "true")
            .env("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true"),
    );
    let receiver = Receiver::start();
    let ada = server.client.register("ada");
    server.client.create_organization(&ada, "acme");
    let subscribed = server.client.call(
        "POST",
        "/api/v1/organizations/acme/webhooks",
        ada.token(),
        Some(&json!({"url": format!("{}/hook", receiver.url), "event_types": ["member.added"]})),
    );
    assert_eq!(subscribed.status, 201, "{}", subscribed.text());
    let webhook = subscribed.json()["id"].as_str().unwrap().to_owned();

    // Three events whose messages the receiver holds for 2 s; the database goes away while they
    // wait, so their answers arrive when nothing can be recorded.
    receiver.script((0..3).map(|_| Reply::Hang(Duration::from_secs(2))));
    for name in ["bea", "cem", "dan"] {
        let member = server.client.register(name);
        let res = server.client.set_role(&ada, "acme", &member, "moderator");
        assert!(res.status < 300, "{}", res.text());
    }
    assert!(
        eventually(Duration::from_secs(20), || receiver.unanswered().len() == 3),
        "three deliveries in flight"
    );
    proxy.cut();
    std::thread::sleep(Duration::from_secs(4));
    proxy.restore();

    // Every message arrives and is recorded as delivered; each is one message (one webhook-id),
    // though an answer lost with the database means that message is sent again.
    let deliveries = || {
        server
            .client
            .call(
                "GET",
                &format!("/api/v1/webhooks/{webhook}/deliveries"),
                ada.token(),
                None,
            )
            .json()["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        eventually(Duration::from_secs(90), || {
            let items = deliveries();
            items.len() == 3 && items.iter().all(|d| d["status"] == "succeeded")
        }),
        "every message delivered after the outage: {:?}",
        deliveries()
    );
    let ids: Vec<String> = deliveries()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    let received: BTreeMap<String, usize> =
        receiver
            .received()
            .iter()
            .fold(BTreeMap::new(), |mut seen, request| {
                *seen.entry(request.header("webhook-id").to_owned()).or_default() += 1;
                seen
            });
    assert_eq!(
        received.keys().cloned().collect::<Vec<_>>(),
        {
            let mut sorted = ids.clone();
            sorted.sort();
            sorted
        },
        "the receiver saw exactly the three messages"
    );
    assert!(
        received.values().all(|n| *n <= 2),
        "sent again at most once: {received:?}"
    );
    let events = server
        .client
        .call(
            "GET",
            &format!("/api/v1/webhooks/{webhook}/deliveries"),
            ada.token(),
            None,
        )
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["event_id"].as_str().unwrap().to_owned())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(events.len(), 3, "one message per event");
}

fn upstream_addr(url: &str) -> std::net::SocketAddr {
    let after_at = url
        .rsplit_once('@')
        .map_or(url.trim_start_matches("postgres://"), |(_, rest)| rest);
    let host_port = after_at.split('/').next().unwrap();
    let host_port = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    host_port.to_socket_addrs().unwrap().next().unwrap()
}

fn db_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap().split('?').next().unwrap()
}
