//! Browsers may call the API from the origins in `CORS_ORIGINS` only; refusals keep the API's
//! problem+json shape.

use schwarm_tests::http::raw_request;
use schwarm_tests::{ServerOptions, TestServer};

fn preflight(server: &TestServer, origin: &str) -> schwarm_tests::TestResponse {
    raw_request(
        server.addr(),
        &format!(
            "OPTIONS /api/v1/me HTTP/1.1\r\nHost: test\r\nOrigin: {origin}\r\n\
             Access-Control-Request-Method: PATCH\r\nAccess-Control-Request-Headers: authorization, content-type"
        ),
    )
}

#[test]
fn configured_origins_may_call_the_api() {
    let server = TestServer::start_with(ServerOptions::new().env("CORS_ORIGINS", "https://app.example.com"));
    let allowed = preflight(&server, "https://app.example.com");
    assert_eq!(allowed.status, 200);
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    let methods = allowed.header("access-control-allow-methods").unwrap();
    assert!(methods.contains("PATCH"), "{methods}");
    let headers = allowed.header("access-control-allow-headers").unwrap();
    assert!(headers.contains("authorization"), "{headers}");

    let simple = server
        .client
        .get_with("/api/v1/health", &[("Origin", "https://app.example.com")]);
    assert_eq!(
        simple.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    let exposed = simple.header("access-control-expose-headers").unwrap();
    assert!(
        exposed.contains("retry-after") && exposed.contains("etag"),
        "{exposed}"
    );
}

#[test]
fn other_origins_are_refused_with_a_problem() {
    let server = TestServer::start_with(ServerOptions::new().env("CORS_ORIGINS", "https://app.example.com"));
    let refused = preflight(&server, "https://evil.example");
    refused.problem(400);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    // A simple request still works for non-browser clients, but a browser gets no permission.
    let simple = server
        .client
        .get_with("/api/v1/health", &[("Origin", "https://evil.example")]);
    assert_eq!(simple.status, 200);
    assert_eq!(simple.header("access-control-allow-origin"), None);
}

#[test]
fn without_configuration_no_origin_is_allowed() {
    let server = TestServer::start();
    let res = server
        .client
        .get_with("/api/v1/health", &[("Origin", "http://localhost:5173")]);
    assert_eq!(res.header("access-control-allow-origin"), None);
}
