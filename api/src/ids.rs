//! Identifiers and timestamps as stored and exposed.

use chrono::{NaiveDateTime, SubsecRound, Utc};

/// A new opaque id: UUIDv7 text, time-ordered (good index locality, and keyset pagination by id
/// follows creation order) and not enumerable.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The server's clock in UTC, to the microsecond: PostgreSQL keeps microseconds, so values read
/// back compare equal on both backends.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Whether `id` has the shape of an id we issue; anything else cannot exist, so lookups can
/// answer 404 without asking the database.
pub fn looks_like_id(id: &str) -> bool {
    uuid::Uuid::try_parse(id).is_ok()
}
