//! A real S3 API on loopback for media tests with several replicas: `moto_server` from PyPI
//! (`scripts/test.sh` installs it beside aiosmtpd; its Python is `TEST_PYTHON`).

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn python() -> String {
    std::env::var("TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// A running S3 server with one bucket; stopped when dropped.
pub struct S3Server {
    pub endpoint: String,
    pub bucket: String,
    child: Child,
}

impl S3Server {
    /// Starts moto with a bucket, or `None` when moto is not installed (a failure with
    /// `REQUIRE_S3=1`).
    pub fn start(bucket: &str) -> Option<S3Server> {
        let available = Command::new(python())
            .args(["-c", "import moto.server"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !available {
            assert!(
                std::env::var("REQUIRE_S3").as_deref() != Ok("1"),
                "REQUIRE_S3=1 but moto is not installed for {}: pip install 'moto[server]'",
                python()
            );
            eprintln!("SKIPPED: the S3 server (install moto[server], or set TEST_PYTHON)");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(python())
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not start listening");
            std::thread::sleep(Duration::from_millis(100));
        }
        let endpoint = format!("http://127.0.0.1:{port}");
        let created = ureq::put(&format!("{endpoint}/{bucket}")).send_empty();
        assert!(created.is_ok(), "create the bucket: {created:?}");
        Some(S3Server {
            endpoint,
            bucket: bucket.to_owned(),
            child,
        })
    }

    /// The environment a server needs to keep its media in this bucket.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("MEDIA_STORE", format!("s3://{}/media", self.bucket)),
            ("AWS_ENDPOINT", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("AWS_REGION", "us-east-1".into()),
        ]
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
