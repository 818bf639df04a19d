//! The built single-page app is served at `/` with history fallback, without ever hiding the API.

use schwarm_tests::{ServerOptions, TestServer};

fn spa_server() -> (TestServer, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><div id=\"root\">schwarm-spa</div>",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("assets/app-1234.js"), "console.log('schwarm')").unwrap();
    let server = TestServer::start_with(ServerOptions::new().env("STATIC_DIR", dir.path().to_str().unwrap()));
    (server, dir)
}

#[test]
fn root_serves_the_app_shell() {
    let (server, _dir) = spa_server();
    let res = server.get("/");
    assert_eq!(res.status, 200);
    assert!(
        res.content_type().starts_with("text/html"),
        "{}",
        res.content_type()
    );
    assert!(res.text().contains("schwarm-spa"));
    let head =
        schwarm_tests::http::raw_request(server.addr(), "HEAD /c/spring-contest HTTP/1.1\r\nHost: test");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn client_side_routes_fall_back_to_the_app_shell() {
    let (server, _dir) = spa_server();
    for path in ["/c/spring-contest", "/campaigns/01J/contributions", "/me"] {
        let res = server.get(path);
        assert_eq!(res.status, 200, "{path}");
        assert!(res.text().contains("schwarm-spa"), "{path}");
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
    }
}

#[test]
fn assets_are_served_and_missing_assets_stay_404() {
    let (server, _dir) = spa_server();
    let js = server.get("/assets/app-1234.js");
    assert_eq!(js.status, 200);
    assert!(js.content_type().contains("javascript"), "{}", js.content_type());
    server.get("/assets/app-9999.js").problem(404);
}

#[test]
fn the_api_is_never_answered_by_the_app_shell() {
    let (server, _dir) = spa_server();
    server.get("/api/v1/not-a-route").problem(404);
    assert_eq!(server.get("/api/v1/health").json()["status"], "ok");
    // Only GET and HEAD reach the app shell; other methods get a problem, not HTML.
    let res = server
        .client
        .send("POST", "/c/spring-contest", "application/json", b"{}");
    res.problem(404);
}
