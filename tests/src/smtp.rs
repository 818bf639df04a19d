//! A real SMTP server on loopback for mail tests: Python's `aiosmtpd` (started per test, storing
//! every message in a Maildir), read back with the `mailparse` crate.
//!
//! `scripts/test.sh` installs `aiosmtpd` into a virtual environment and names its Python in
//! `TEST_PYTHON`; without it, `python3` is tried. `REQUIRE_SMTP=1` (CI) makes a missing
//! `aiosmtpd` a failure rather than a skip.

use crate::peers;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running SMTP sink; stopped when dropped.
pub struct SmtpSink {
    /// `smtp://127.0.0.1:PORT`, for `SMTP_URL`.
    pub url: String,
    dir: tempfile::TempDir,
    child: Child,
}

/// One received message.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub list_unsubscribe: String,
    pub list_unsubscribe_post: String,
}

impl Mail {
    /// Whether this is the mail asking to confirm the address (sent at every sign-up).
    pub fn confirms_address(&self) -> bool {
        self.body.contains("/verify-email/vfy_")
    }

    /// The first link in the body that contains `marker`.
    pub fn link_with(&self, marker: &str) -> Option<String> {
        self.body
            .split_whitespace()
            .find(|word| word.contains(marker))
            .map(str::to_owned)
    }
}

impl SmtpSink {
    /// Starts a sink, or `None` when `aiosmtpd` is not installed (a failure with
    /// `REQUIRE_SMTP=1`).
    pub fn start() -> Option<SmtpSink> {
        if !peers::available("aiosmtpd", "REQUIRE_SMTP", "the SMTP sink", "aiosmtpd") {
            return None;
        }
        let port = peers::free_port();
        let dir = tempfile::tempdir().expect("temp dir");
        let maildir = dir.path().join("maildir");
        let child = Command::new(peers::python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        peers::wait_listening(port, "aiosmtpd", Duration::from_secs(20));
        Some(SmtpSink {
            url: format!("smtp://127.0.0.1:{port}"),
            dir,
            child,
        })
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("maildir")
    }

    /// Every message received so far, in arrival order.
    pub fn all_messages(&self) -> Vec<Mail> {
        let mut files: Vec<PathBuf> = ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.maildir().join(sub)).ok())
            .flatten()
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        files.sort_by_key(|path| arrival_number(path));
        files
            .iter()
            .filter_map(|path| std::fs::read(path).ok())
            .map(|raw| parse(&raw))
            .collect()
    }

    /// Every message received so far except the address confirmations that every sign-up
    /// sends (a test of other mail counts only its own; [`Self::confirmations`] has those).
    pub fn messages(&self) -> Vec<Mail> {
        self.all_messages()
            .into_iter()
            .filter(|mail| !mail.confirms_address())
            .collect()
    }

    /// The address confirmations received so far.
    pub fn confirmations(&self) -> Vec<Mail> {
        self.all_messages()
            .into_iter()
            .filter(Mail::confirms_address)
            .collect()
    }

    /// Waits until at least `count` messages arrived (or `timeout` passed).
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Mail> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() > deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Where a stored message came in the sink's arrival order. Python's Maildir names a file
/// `SECONDS.M<microseconds>P<pid>Q<count>.<host>` with the microseconds not padded, so the names
/// do not sort by time (`M98765` after `M123456`); the count does, as one sink is one process.
fn arrival_number(path: &std::path::Path) -> u64 {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    name.split_once('Q')
        .and_then(|(_, rest)| rest.split('.').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("a Maildir file name with its count: {name}"))
}

/// Parses a stored message (headers decoded, body in its charset).
pub fn parse(raw: &[u8]) -> Mail {
    use mailparse::MailHeaderMap;
    let parsed = mailparse::parse_mail(raw).expect("a parsable message");
    let header = |name: &str| parsed.headers.get_first_value(name).unwrap_or_default();
    Mail {
        to: header("To"),
        subject: header("Subject"),
        body: parsed.get_body().expect("a readable body"),
        message_id: header("Message-ID"),
        list_unsubscribe: header("List-Unsubscribe"),
        list_unsubscribe_post: header("List-Unsubscribe-Post"),
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::arrival_number;
    use std::path::PathBuf;

    #[test]
    fn messages_sort_by_the_sinks_count_not_by_their_unpadded_microseconds() {
        let mut files = [
            PathBuf::from("new/1764158000.M98765P41Q2.host"),
            PathBuf::from("cur/1764158000.M123456P41Q1.host:2,S"),
            PathBuf::from("new/1764158001.M5P41Q10.host.example"),
        ];
        files.sort_by_key(|path| arrival_number(path));
        let counts: Vec<u64> = files.iter().map(|path| arrival_number(path)).collect();
        assert_eq!(counts, [1, 2, 10]);
    }
}
