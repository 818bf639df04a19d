//! PostgreSQL only: the server survives its database going away and coming back. The outage is
//! made by cutting a TCP proxy, so the PostgreSQL that other tests share keeps running.

use std::net::ToSocketAddrs;
use std::time::Duration;

use schwarm_tests::pg_proxy::PgProxy;
use schwarm_tests::{Backend, PgTestDb, ServerOptions, TestServer, eventually, with_database};

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
