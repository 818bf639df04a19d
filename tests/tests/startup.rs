//! Start-up from a user's point of view: an empty environment just works, a bad setting stops
//! the server with a message naming the variable, SIGTERM lets in-flight requests finish.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use schwarm_tests::{ServerOptions, TestServer, run_to_exit};

#[test]
fn empty_environment_starts_on_embedded_sqlite_under_data() {
    let server = TestServer::start_with(ServerOptions::new().default_database());
    let ready = server.get("/api/v1/ready");
    assert_eq!(ready.status, 200, "{}", ready.text());
    assert_eq!(ready.json()["database"], "sqlite");
    let data = server.work_dir.path().join("data");
    assert!(
        data.join("schwarm.db").is_file(),
        "the SQLite file is created under ./data"
    );
    let secret = data.join("jwt_secret");
    assert!(secret.is_file(), "a development JWT secret is generated");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert!(
        server
            .logs()
            .iter()
            .any(|line| line.contains("JWT_SECRET is not set")),
        "a warning says so"
    );
}

#[test]
fn unknown_database_scheme_stops_startup_naming_database_url() {
    let (status, stderr) = run_to_exit(&[("DATABASE_URL", "mysql://x")], Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("DATABASE_URL=\"mysql://x\" is invalid: unsupported scheme `mysql`"),
        "{stderr}"
    );
}

#[test]
fn unparsable_bind_addr_stops_startup_naming_it() {
    let (status, stderr) = run_to_exit(&[("BIND_ADDR", "nonsense")], Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("BIND_ADDR=\"nonsense\" is invalid"), "{stderr}");
}

#[test]
fn bad_numbers_stop_startup_naming_the_variable() {
    let (status, stderr) = run_to_exit(&[("DB_POOL_SIZE", "zero")], Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("DB_POOL_SIZE=\"zero\" is invalid"), "{stderr}");
    // Less than one argon2 hash (12 MiB) could never sign anyone up.
    let (status, stderr) = run_to_exit(&[("PASSWORD_HASHING_MEMORY_MB", "8")], Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("PASSWORD_HASHING_MEMORY_MB=\"8\" is invalid"),
        "{stderr}"
    );
}

#[test]
fn port_in_use_stops_startup_naming_bind_addr() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/x.db", dir.path().display());
    let (status, stderr) = run_to_exit(
        &[("BIND_ADDR", &addr), ("DATABASE_URL", &url)],
        Duration::from_secs(20),
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("BIND_ADDR={addr}: cannot listen")),
        "{stderr}"
    );
}

#[test]
fn unreachable_postgres_stops_startup_with_the_real_cause() {
    // Port 1 on localhost: nothing listens there, so the connection is refused at once.
    let (status, stderr) = run_to_exit(
        &[(
            "DATABASE_URL",
            "postgres://postgres:hunter2pw@127.0.0.1:1/schwarm",
        )],
        Duration::from_secs(30),
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("DATABASE_URL: cannot connect to the database"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Connection refused") || stderr.contains("connection refused"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("hunter2pw"),
        "the password is never logged: {stderr}"
    );
}

#[test]
fn sigterm_lets_an_in_flight_download_finish() {
    const SIZE: usize = 64 * 1024 * 1024;
    let spa = tempfile::tempdir().unwrap();
    std::fs::write(
        spa.path().join("index.html"),
        "<!doctype html><title>Schwarm</title>",
    )
    .unwrap();
    std::fs::write(spa.path().join("big.bin"), vec![7u8; SIZE]).unwrap();
    let mut server =
        TestServer::start_with(ServerOptions::new().env("STATIC_DIR", spa.path().to_str().unwrap()));

    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        stream,
        "GET /big.bin HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Read a little, so the response is under way and far larger than any socket buffer.
    let mut received = vec![0u8; 1024 * 1024];
    stream.read_exact(&mut received).unwrap();

    server.terminate();
    std::thread::sleep(Duration::from_millis(500));
    stream.read_to_end(&mut received).unwrap();

    let split = received.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&received[..split]).to_string();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let body = &received[split + 4..];
    assert_eq!(body.len(), SIZE, "the whole file arrived after SIGTERM");
    assert!(body.iter().all(|&b| b == 7));

    let status = server.wait_exit(Duration::from_secs(30));
    assert!(status.success(), "clean exit after SIGTERM: {status}");
    assert!(
        server
            .logs()
            .iter()
            .any(|line| line.contains("shut down cleanly")),
        "{}",
        server.logs().join("\n")
    );
}
