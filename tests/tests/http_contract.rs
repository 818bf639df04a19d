//! The HTTP conventions every client relies on: probes, problem+json errors, request ids,
//! metrics, and the docs UI.

use schwarm_tests::http::raw_request;
use schwarm_tests::{Backend, ServerOptions, TestServer};
use serde_json::json;

#[test]
fn health_answers_ok_with_the_version() {
    let server = TestServer::start();
    let res = server.get("/api/v1/health");
    assert_eq!(res.status, 200);
    assert_eq!(res.content_type(), "application/json");
    let body = res.json();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn ready_reports_the_backend_in_use() {
    let server = TestServer::start();
    let res = server.get("/api/v1/ready");
    assert_eq!(res.status, 200, "{}", res.text());
    let expected = match Backend::current() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(res.json()["database"], expected);
}

#[test]
fn head_is_answered_wherever_get_is_without_a_body() {
    let server = TestServer::start();
    let get = server.get("/api/v1/health");
    let head = raw_request(server.addr(), "HEAD /api/v1/health HTTP/1.1\r\nHost: test");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("application/json"));
    assert!(head.body.is_empty(), "HEAD has no body: {:?}", head.text());
    assert!(
        schwarm_tests::eventually(std::time::Duration::from_secs(5), || {
            server
                .logs()
                .iter()
                .any(|line| line.contains("method=HEAD path=/api/v1/health status=200"))
        }),
        "the access log records the method the client sent"
    );
    assert_eq!(get.status, 200);
}

/// One `key=value` line per request: what operators grep for and log tools parse.
#[test]
fn the_access_log_line_names_the_request_its_answer_and_its_id() {
    let server = TestServer::start();
    let ok = raw_request(
        server.addr(),
        "GET /api/v1/health HTTP/1.1\r\nHost: test\r\nX-Request-Id: log-ok-1",
    );
    let missing = raw_request(
        server.addr(),
        "GET /api/v1/nope HTTP/1.1\r\nHost: test\r\nX-Request-Id: log-404-1",
    );
    assert_eq!((ok.status, missing.status), (200, 404));
    // The line of the request with this id: its method, path and status, and its body's bytes.
    let line_for = |id: &str, request: &str, body: &[u8]| {
        let mut found = None;
        schwarm_tests::eventually(std::time::Duration::from_secs(5), || {
            found = server
                .logs()
                .into_iter()
                .find(|line| line.ends_with(&format!(" request_id={id}")));
            found.is_some()
        });
        let line = found.unwrap_or_else(|| panic!("no access log line for {id}: {:?}", server.logs()));
        assert!(line.contains(request), "{line}");
        assert!(line.contains(&format!(" bytes={} ", body.len())), "{line}");
        line
    };
    let ok_line = line_for(
        "log-ok-1",
        "method=GET path=/api/v1/health status=200 latency_ms=",
        &ok.body,
    );
    let latency: f64 = field(&ok_line, "latency_ms")
        .parse()
        .expect("latency is a number");
    assert!(latency > 0.0, "{ok_line}");
    line_for(
        "log-404-1",
        "method=GET path=/api/v1/nope status=404 ",
        &missing.body,
    );
}

fn field<'a>(line: &'a str, key: &str) -> &'a str {
    let start = line
        .find(&format!(" {key}="))
        .map(|at| at + key.len() + 2)
        .expect(key);
    line[start..].split(' ').next().unwrap_or_default()
}

#[test]
fn unknown_api_route_is_a_404_problem() {
    let server = TestServer::start();
    let body = server.get("/api/v1/no-such-thing").problem(404);
    assert_eq!(body["detail"], "no route matches GET /api/v1/no-such-thing");
}

#[test]
fn unknown_route_outside_the_api_is_a_404_problem_without_an_spa() {
    let server = TestServer::start();
    server.get("/no-such-page").problem(404);
}

#[test]
fn wrong_method_is_a_405_problem_with_allow() {
    let server = TestServer::start();
    let res = server
        .client
        .send("DELETE", "/api/v1/health", "application/json", b"");
    let body = res.problem(405);
    assert_eq!(res.header("allow"), Some("GET, HEAD"));
    assert!(body["detail"].as_str().unwrap().contains("DELETE"), "{body}");
    let res = server
        .client
        .send("POST", "/api/v1/ready", "application/json", b"{}");
    res.problem(405);
}

/// The server matches a request only against the routes of its first segment and length
/// (`http::register::GroupedRoutes`); which route answers must not change with that.
#[test]
fn a_path_finds_its_route_as_actix_would_match_it() {
    let server = TestServer::start();
    // An unreserved character may come percent-encoded, in the first segment too.
    assert_eq!(server.get("/api/v1/heal%74h").status, 200);
    server.get("/api/v1/m%65").problem(401);
    // One more segment, or one fewer, is another path.
    server.get("/api/v1/health/").problem(404);
    server.get("/api/v1/contributions/1/vote/x").problem(404);
    // A path of a group with many routes, asked with a method it does not serve: 405 naming the
    // methods of that path only.
    let res = server
        .client
        .send("PATCH", "/api/v1/contributions/1/vote", "application/json", b"{}");
    res.problem(405);
    let allow = res.header("allow").unwrap_or_default().to_owned();
    let mut methods: Vec<&str> = allow.split(", ").collect();
    methods.sort_unstable();
    assert_eq!(methods, ["DELETE", "PUT"], "{allow}");
}

#[test]
fn a_query_parameter_it_cannot_read_is_a_422_naming_that_parameter() {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let campaign = server.client.open_campaign(&owner, "acme", "Bottle", json!({}));
    let problem = server
        .get(&format!(
            "/api/v1/campaigns/{campaign}/contributions?limit=5&sort=newest"
        ))
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "sort", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "field.type", "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`new`"),
        "it says what the parameter takes: {problem}"
    );
    // The paging parameters, a handler's own ones and the ones of a signed-in list, each
    // beside a good parameter: the field is the one that failed, whatever serde's message
    // quotes (or does not).
    let contributions = format!("/api/v1/campaigns/{campaign}/contributions");
    let cases = [
        ("/api/v1/campaigns?limit=abc".to_owned(), "limit"),
        ("/api/v1/campaigns?cursor=x&limit=2.5".to_owned(), "limit"),
        ("/api/v1/campaigns?kind=idea&phase=later".to_owned(), "phase"),
        (format!("{contributions}?sort=new&limit=lots"), "limit"),
        (
            "/api/v1/me/notifications?kind=voting_opened&unread_only=maybe".to_owned(),
            "unread_only",
        ),
        (
            "/api/v1/me/notifications?unread_only=true&kind=newest".to_owned(),
            "kind",
        ),
    ];
    for (path, field) in cases {
        let res = server.client.call("GET", &path, owner.token(), None);
        let problem = res.problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{path}: {problem}");
        assert_eq!(problem["code"], "field.type", "{path}: {problem}");
    }
}

#[test]
fn oversized_body_is_a_413_problem_before_it_is_read() {
    let server = TestServer::start_with(schwarm_tests::ServerOptions::new().env("MAX_BODY_BYTES", "4096"));
    // Declares a large body and never sends it: the server must answer without waiting for it.
    let res = raw_request(
        server.addr(),
        "POST /api/v1/health HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 5000000",
    );
    let body = res.problem(413);
    assert!(body["detail"].as_str().unwrap().contains("4096"), "{body}");
    // A body under the limit is not refused for its size.
    let small = server
        .client
        .send("POST", "/api/v1/health", "application/json", &[b' '; 100]);
    assert_eq!(small.status, 405);
}

#[test]
fn request_id_is_echoed_or_generated_and_logged() {
    let server = TestServer::start();
    let echoed = server
        .client
        .get_with("/api/v1/health", &[("X-Request-Id", "trace-abc-123")]);
    assert_eq!(echoed.header("x-request-id"), Some("trace-abc-123"));

    let generated = server.get("/api/v1/health");
    let id = generated.header("x-request-id").expect("generated id").to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");

    let unsafe_id = server
        .client
        .get_with("/api/v1/health", &[("X-Request-Id", "x\" admin=true")]);
    assert_ne!(unsafe_id.header("x-request-id"), Some("x\" admin=true"));

    // Errors carry the id too, so a user's report can be traced.
    let problem = server.get("/api/v1/missing");
    assert!(problem.header("x-request-id").is_some());

    assert!(
        schwarm_tests::eventually(std::time::Duration::from_secs(5), || server.logs().iter().any(
            |line| {
                line.contains("method=GET")
                    && line.contains("path=/api/v1/health")
                    && line.contains("status=200")
                    && line.contains("latency_ms=")
                    && line.contains("request_id=trace-abc-123")
            }
        )),
        "no access log line for the request; log:\n{}",
        server.logs().join("\n")
    );
}

#[test]
fn every_response_carries_the_security_headers() {
    let server = TestServer::start();
    for res in [
        server.get("/api/v1/health"),
        server.get("/api/v1/nope"),
        server.get("/docs/"),
    ] {
        assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(res.header("x-frame-options"), Some("DENY"));
        assert_eq!(
            res.header("referrer-policy"),
            Some("strict-origin-when-cross-origin")
        );
        let policy = res.header("content-security-policy").unwrap_or_default();
        for directive in [
            "default-src 'self'",
            "script-src 'self';",
            "img-src 'self' data: blob:",
            "object-src 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{directive} in {policy}");
        }
        assert!(
            res.header("permissions-policy")
                .is_some_and(|p| p.contains("camera=()") && p.contains("geolocation=()"))
        );
        assert_eq!(
            res.header("strict-transport-security"),
            None,
            "plain HTTP: no HSTS"
        );
    }
    let https = TestServer::start_with(ServerOptions::new().env("PUBLIC_URL", "https://schwarm.example"));
    assert_eq!(
        https.get("/api/v1/health").header("strict-transport-security"),
        Some("max-age=31536000; includeSubDomains")
    );
    let tuned = TestServer::start_with(
        ServerOptions::new()
            .env("PUBLIC_URL", "https://schwarm.example")
            .env("HSTS_MAX_AGE_SECS", "0"),
    );
    assert_eq!(
        tuned.get("/api/v1/health").header("strict-transport-security"),
        None
    );
}

#[test]
fn metrics_count_requests_by_route_and_status_and_show_the_pool() {
    let token = schwarm_tests::METRICS_TOKEN;
    let server = TestServer::start_with(
        ServerOptions::new()
            .env("METRICS_TOKEN", token)
            .env("DB_POOL_SIZE", "7"),
    );
    for _ in 0..3 {
        assert_eq!(server.get("/api/v1/health").status, 200);
    }
    server.get("/api/v1/random-probe-1").problem(404);
    server.get("/api/v1/random-probe-2").problem(404);
    let bearer = format!("Bearer {token}");
    let res = server
        .client
        .get_with("/api/v1/metrics", &[("Authorization", &bearer)]);
    assert_eq!(res.status, 200);
    assert!(
        res.content_type().starts_with("text/plain"),
        "{}",
        res.content_type()
    );
    let text = res.text();
    assert!(
        text.contains(
            r#"schwarm_http_requests_total{endpoint="/api/v1/health",method="GET",status="200"} 3"#
        ),
        "{text}"
    );
    assert!(
        text.contains("schwarm_http_requests_duration_seconds_bucket{endpoint=\"/api/v1/health\""),
        "{text}"
    );
    assert!(
        !text.contains("random-probe"),
        "unmatched paths must not become labels:\n{text}"
    );
    assert!(text.contains("schwarm_db_pool_max_connections 7"), "{text}");
    assert!(text.contains("schwarm_db_pool_connections "), "{text}");

    // Every statement sent to the database is counted: the readiness probe's `SELECT 1` as a
    // request's, the job queue's (it polls from the start) apart.
    let probes = 20;
    let per_probe = server.statements_of(|| {
        for _ in 0..probes {
            assert_eq!(server.get("/api/v1/ready").status, 200);
        }
    }) / f64::from(probes);
    assert!(
        (0.5..1.5).contains(&per_probe),
        "a probe is one SELECT 1 (and a ping when its connection sat idle): {per_probe}"
    );
    let background = text
        .lines()
        .find_map(|line| line.strip_prefix("schwarm_db_statements_total{origin=\"background\"} "))
        .and_then(|value| value.trim().parse::<u64>().ok());
    assert!(background.is_some_and(|n| n > 0), "{text}");
}

#[test]
fn docs_ui_is_served_offline() {
    let server = TestServer::start();
    let redirect = schwarm_tests::http::raw_request(server.addr(), "GET /docs HTTP/1.1\r\nHost: test");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("location"), Some("/docs/"));
    let page = server.get("/docs/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("swagger-ui"), "{}", page.text());
    let initializer = server.get("/docs/swagger-initializer.js");
    assert!(
        initializer.text().contains("/api/v1/openapi.json"),
        "{}",
        initializer.text()
    );
    let bundle = server.get("/docs/swagger-ui-bundle.js");
    assert_eq!(bundle.status, 200);
    assert!(bundle.body.len() > 100_000, "the UI is vendored into the binary");
}
