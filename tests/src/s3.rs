//! A real S3 API on loopback for media tests with several replicas: `moto_server` from PyPI
//! (`scripts/test.sh` installs it beside aiosmtpd; its Python is `TEST_PYTHON`).

use crate::peers;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

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
        if !peers::available("moto.server", "REQUIRE_S3", "the S3 server", "'moto[server]'") {
            return None;
        }
        let port = peers::free_port();
        let child = Command::new(peers::python())
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto");
        peers::wait_listening(port, "moto", Duration::from_secs(30));
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
