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
fn hashed_assets_are_immutable_and_served_precompressed_to_who_accepts_it() {
    let (server, dir) = spa_server();
    // What the build writes beside each asset (contents marked, so the choice is visible).
    std::fs::write(dir.path().join("assets/app-1234.js.gz"), "gzip twin").unwrap();
    std::fs::write(dir.path().join("assets/app-1234.js.br"), "brotli twin").unwrap();
    let fetch = |accept: &str| {
        let res = server
            .client
            .get_with("/assets/app-1234.js", &[("accept-encoding", accept)]);
        assert_eq!(res.status, 200, "{accept}");
        assert!(
            res.content_type().contains("javascript"),
            "{accept}: {}",
            res.content_type()
        );
        assert_eq!(
            res.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{accept}"
        );
        let vary = res.header("vary").unwrap_or_default().to_lowercase();
        assert!(
            vary.split(',').any(|v| v.trim() == "accept-encoding"),
            "{accept}: {vary}"
        );
        (res.header("content-encoding").map(str::to_owned), res.text())
    };
    assert_eq!(
        fetch("gzip, deflate, br"),
        (Some("br".into()), "brotli twin".into())
    );
    assert_eq!(fetch("gzip"), (Some("gzip".into()), "gzip twin".into()));
    assert_eq!(
        fetch("br;q=0, gzip;q=0.5"),
        (Some("gzip".into()), "gzip twin".into())
    );
    assert_eq!(fetch("identity"), (None, "console.log('schwarm')".into()));
    // No twin: the plain file, whatever the client accepts.
    std::fs::write(dir.path().join("assets/logo-99.svg"), "<svg/>").unwrap();
    let svg = server
        .client
        .get_with("/assets/logo-99.svg", &[("accept-encoding", "br, gzip")]);
    assert_eq!((svg.status, svg.header("content-encoding")), (200, None));
    // Only plain names under /assets/ are looked up.
    server.get("/assets/..%2Findex.html").problem(404);
    server.get("/assets/.hidden").problem(404);
    // The shell itself is revalidated on every load.
    assert_eq!(server.get("/").header("cache-control"), Some("no-cache"));
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
