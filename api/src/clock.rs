//! The clock the campaign domain reads: phases, submission windows, votes and moderation all ask
//! it for "now", so that tests can stand a server exactly on a phase boundary instead of sleeping
//! towards it.
//!
//! Production reads the system clock. With `TEST_CLOCK_FILE` set, a file holding an RFC 3339
//! instant stops the clock at that instant; while the file is missing or empty, the system clock
//! runs. Sign-in and token lifetimes always use the system clock, so a stopped clock never
//! expires or revives credentials.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime, SubsecRound};

use crate::ids;

#[derive(Debug, Clone)]
pub enum Clock {
    System,
    /// Reads the instant from this file on every call (tests only).
    File(PathBuf),
}

impl Clock {
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => ids::now(),
            Clock::File(path) => Self::read(path).unwrap_or_else(ids::now),
        }
    }

    fn read(path: &PathBuf) -> Option<NaiveDateTime> {
        let raw = std::fs::read_to_string(path).ok()?;
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match DateTime::parse_from_rfc3339(raw) {
            Ok(instant) => Some(instant.naive_utc().trunc_subsecs(6)),
            Err(err) => {
                log::warn!(
                    "TEST_CLOCK_FILE {} holds {raw:?}, not an RFC 3339 instant: {err}",
                    path.display()
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_file_stops_the_clock_and_an_empty_one_lets_it_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clock");
        let clock = Clock::File(path.clone());
        let before = ids::now();
        assert!(clock.now() >= before, "no file: the system clock");

        std::fs::write(&path, "2030-01-02T03:04:05.678901Z\n").unwrap();
        let stopped = clock.now();
        assert_eq!(stopped.to_string(), "2030-01-02 03:04:05.678901");
        assert_eq!(clock.now(), stopped, "a stopped clock does not move");

        std::fs::write(&path, "").unwrap();
        assert!(
            clock.now() < stopped,
            "an empty file lets the system clock run again"
        );
    }
}
