//! Real servers the tests start on loopback from Python packages (aiosmtpd for SMTP, moto for
//! S3): `scripts/test.sh` installs them into a virtual environment and names its Python in
//! `TEST_PYTHON` (else `python3` is tried). A peer that is missing skips its test with one
//! `SKIPPED:` line, or fails it when the peer's `REQUIRE_*` variable is `1` (CI).

use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Python that has the peers installed.
pub fn python() -> String {
    std::env::var("TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Whether `module` imports; if not, says SKIPPED for `what`, or panics when `require` is set.
pub fn available(module: &str, require: &str, what: &str, install: &str) -> bool {
    let found = Command::new(python())
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        assert!(
            std::env::var(require).as_deref() != Ok("1"),
            "{require}=1 but `{} -c 'import {module}'` fails: pip install {install}",
            python()
        );
        eprintln!("SKIPPED: {what} (pip install {install}, or set TEST_PYTHON)");
    }
    found
}

/// A port free on loopback right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// Waits until something listens on `port` (at most `timeout`).
pub fn wait_listening(port: u16, what: &str, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start listening");
        std::thread::sleep(Duration::from_millis(50));
    }
}
