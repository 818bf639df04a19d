//! Keyset pagination: `?limit=` (clamped) and an opaque `?cursor=`; lists answer
//! `{"items": [...], "next_cursor": string|null}`. Cursors encode the last item's sort key, so
//! pages stay correct while new rows arrive.

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

/// Reads any unpadded base64url text, whatever its last bits: every string matching the
/// documented cursor pattern is a well-defined position (keys compare as text), so a
/// well-formed cursor is never refused.
const CURSOR: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page: 1 to 100 (larger values are clamped), default 20.
    #[param(minimum = 1)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; omit for the first page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$", max_length = 400)]
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The page size, checked: 0 is refused, anything over the maximum is clamped.
    pub fn limit(&self) -> Result<usize, ApiError> {
        match self.limit.unwrap_or(DEFAULT_LIMIT) {
            limit if limit < 1 => Err(ApiError::invalid("limit", "must be at least 1")),
            limit => Ok(limit.min(MAX_LIMIT) as usize),
        }
    }

    /// The sort key to continue after, if a cursor was given.
    pub fn after(&self) -> Result<Option<String>, ApiError> {
        // An empty cursor (`?cursor=`) is the start, like none.
        let Some(cursor) = self.cursor.as_ref().filter(|cursor| !cursor.is_empty()) else {
            return Ok(None);
        };
        if cursor.len() > 400 {
            return Err(ApiError::invalid("cursor", "not a cursor this API issued"));
        }
        // A cursor we never issued is still a position; NULs are dropped because PostgreSQL
        // cannot compare text holding them.
        CURSOR
            .decode(cursor)
            .map(|bytes| Some(String::from_utf8_lossy(&bytes).replace('\0', "")))
            .map_err(|_| ApiError::invalid("cursor", "not a cursor this API issued"))
    }
}

/// The opaque form of a sort key, as `next_cursor` carries it.
pub fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key)
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows fetched after the cursor: the extra row only
    /// tells that another page exists.
    pub fn from_rows(mut rows: Vec<T>, limit: usize, key: impl Fn(&T) -> String) -> Self {
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|last| encode_cursor(&key(last)))
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    /// Pages a list ordered in memory (a shuffle, a ranking by report count) by position: the
    /// cursor is the index to continue at. A cursor of another shape reads as the start.
    pub fn by_position(ordered: Vec<T>, after: Option<String>, limit: usize) -> Self {
        let start = after.and_then(|cursor| cursor.parse::<usize>().ok()).unwrap_or(0);
        let total = ordered.len();
        let items = ordered.into_iter().skip(start).take(limit).collect();
        let next = start.saturating_add(limit);
        Page {
            items,
            next_cursor: (next < total).then(|| encode_cursor(&next.to_string())),
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_clamped_and_zero_refused() {
        let query = |limit| PageQuery { limit, cursor: None };
        assert_eq!(query(None).limit().unwrap(), 20);
        assert_eq!(query(Some(5000)).limit().unwrap(), 100);
        assert_eq!(query(Some(i64::MAX)).limit().unwrap(), 100);
        assert!(matches!(query(Some(-3)).limit(), Err(ApiError::Validation(_))));
        assert!(matches!(query(Some(0)).limit(), Err(ApiError::Validation(_))));
    }

    #[test]
    fn cursor_round_trips_and_garbage_is_a_validation_error() {
        let page = Page::from_rows(vec!["a", "b", "c"], 2, |s| (*s).to_owned());
        assert_eq!(page.items, ["a", "b"]);
        let next = PageQuery {
            limit: None,
            cursor: page.next_cursor,
        };
        assert_eq!(next.after().unwrap().as_deref(), Some("b"));
        let last = Page::from_rows(vec!["c"], 2, |s| (*s).to_owned());
        assert!(last.next_cursor.is_none());
        let bad = PageQuery {
            limit: None,
            cursor: Some("%%%".into()),
        };
        assert!(matches!(bad.after(), Err(ApiError::Validation(_))));
    }
}
