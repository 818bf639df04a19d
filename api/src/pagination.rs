//! Keyset pagination: `?limit=` (clamped) and an opaque `?cursor=`; lists answer
//! `{"items": [...], "next_cursor": string|null}`.
//!
//! Services page by raw sort keys ([`KeyedPage`]); only handlers see cursors. A cursor is the
//! last item's key sealed with an HMAC over the list's path and order, so it is opaque and
//! tamper-evident: a cursor the server never issued, one altered, or one taken from another
//! list or order answers 422 naming `cursor`, instead of silently restarting or skipping.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use utoipa::{IntoParams, ToSchema};

use crate::error::extractors::from_query;
use crate::error::{ApiError, ErrorCode, FieldError};

const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;
/// Bytes of the HMAC kept in a cursor: enough that guessing one is hopeless.
const TAG_BYTES: usize = 12;
/// The longest cursor accepted (keys are a few ids and numbers).
const MAX_CURSOR_CHARS: usize = 400;

/// The documented query parameters of every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page: 1 to 100 (larger values are clamped), default 20.
    #[param(minimum = 1)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page of the same list; omit for the first page.
    #[param(pattern = "^[A-Za-z0-9_-]*$", max_length = 400)]
    pub cursor: Option<String>,
}

/// The secret that seals cursors (app data), derived from the token signing key so that every
/// replica accepts the others' cursors.
#[derive(Clone)]
pub struct CursorKey([u8; 32]);

impl CursorKey {
    pub fn derive(secret: &[u8]) -> Self {
        let mut mac = keyed(secret);
        mac.update(b"schwarm cursor key v1");
        CursorKey(mac.finalize().into_bytes().into())
    }

    fn mac(&self, list: &str, order: &str, key: &[u8]) -> Hmac<Sha256> {
        let mut mac = keyed(&self.0);
        for part in [list.as_bytes(), b"\0", order.as_bytes(), b"\0", key] {
            mac.update(part);
        }
        mac
    }

    fn tag(&self, list: &str, order: &str, key: &[u8]) -> [u8; TAG_BYTES] {
        let full = self.mac(list, order, key).finalize().into_bytes();
        let mut tag = [0u8; TAG_BYTES];
        tag.copy_from_slice(&full[..TAG_BYTES]);
        tag
    }

    fn seal(&self, list: &str, order: &str, key: &str) -> String {
        let mut bytes = self.tag(list, order, key.as_bytes()).to_vec();
        bytes.extend_from_slice(key.as_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn open(&self, list: &str, order: &str, cursor: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
        if bytes.len() < TAG_BYTES {
            return None;
        }
        let (tag, key) = bytes.split_at(TAG_BYTES);
        // Constant-time comparison of the truncated tag.
        self.mac(list, order, key).verify_truncated_left(tag).ok()?;
        String::from_utf8(key.to_vec()).ok()
    }
}

fn keyed(key: &[u8]) -> Hmac<Sha256> {
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of every length"),
    }
}

/// A list request's paging, checked: the page size and the sealed cursor, bound to the
/// request's path. Extract it in every list handler.
pub struct Paging {
    limit: usize,
    cursor: Option<String>,
    list: String,
    key: CursorKey,
}

impl FromRequest for Paging {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Paging::of(req))
    }
}

impl Paging {
    fn of(req: &HttpRequest) -> Result<Self, ApiError> {
        let key = req
            .app_data::<web::Data<CursorKey>>()
            .map(|key| key.get_ref().clone())
            .ok_or_else(|| ApiError::internal("CursorKey missing from app data"))?;
        // Only `limit` and `cursor`: a list's other parameters are its handler's.
        let query: PageQuery = from_query(req.query_string())?;
        let limit = match query.limit.unwrap_or(DEFAULT_LIMIT) {
            limit if limit < 1 => {
                return Err(ApiError::fields(vec![
                    FieldError::new("limit", ErrorCode::FieldRange, "must be at least 1").param("min", 1),
                ]));
            }
            limit => limit.min(MAX_LIMIT) as usize,
        };
        Ok(Paging {
            limit,
            // An empty cursor (`?cursor=`) is the start, like none.
            cursor: query.cursor.filter(|cursor| !cursor.is_empty()),
            list: req.path().to_owned(),
            key,
        })
    }

    /// Paging for tests and internal callers: a list with its own cursor key.
    pub fn for_list(list: &str, limit: usize, cursor: Option<String>, key: CursorKey) -> Self {
        Paging {
            limit,
            cursor,
            list: list.to_owned(),
            key,
        }
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The sort key to continue after in the list's `order` (`new`, `top`, ...; a list with one
    /// order passes `""`), if a cursor was given. A cursor not sealed for this list and order
    /// is a 422 naming `cursor`.
    pub fn after(&self, order: &str) -> Result<Option<String>, ApiError> {
        let Some(cursor) = &self.cursor else {
            return Ok(None);
        };
        let opened = (cursor.len() <= MAX_CURSOR_CHARS)
            .then(|| self.key.open(&self.list, order, cursor))
            .flatten();
        match opened {
            Some(key) => Ok(Some(key)),
            None => Err(ApiError::invalid(
                "cursor",
                ErrorCode::CursorInvalid,
                "not a cursor this API issued for this list and order; start again without one",
            )),
        }
    }

    /// The cursor for the position after `key` in `order`.
    pub fn cursor(&self, order: &str, key: Option<String>) -> Option<String> {
        key.map(|key| self.key.seal(&self.list, order, &key))
    }

    /// A page for the client: the next key sealed into a cursor.
    pub fn page<T>(&self, order: &str, keyed: KeyedPage<T>) -> Page<T> {
        Page {
            next_cursor: self.cursor(order, keyed.next_key),
            items: keyed.items,
        }
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page of the same list; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// One page as a service builds it: the items and the raw sort key after the last one.
#[derive(Debug)]
pub struct KeyedPage<T> {
    pub items: Vec<T>,
    /// The key to continue after; `None` on the last page.
    pub next_key: Option<String>,
}

impl<T> KeyedPage<T> {
    pub fn empty() -> Self {
        KeyedPage {
            items: Vec::new(),
            next_key: None,
        }
    }

    /// Builds a page from up to `limit + 1` rows fetched after the cursor: the extra row only
    /// tells that another page exists.
    pub fn from_rows(mut rows: Vec<T>, limit: usize, key: impl Fn(&T) -> String) -> Self {
        let next_key = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(key)
        } else {
            None
        };
        KeyedPage {
            items: rows,
            next_key,
        }
    }

    /// Pages a list ordered in memory (a shuffle, a ranking by report count) by position: the
    /// key is the index to continue at.
    pub fn by_position(ordered: Vec<T>, after: Option<&str>, limit: usize) -> Result<Self, ApiError> {
        let start = match after {
            None => 0,
            Some(key) => key.parse::<usize>().map_err(|_| {
                ApiError::invalid("cursor", ErrorCode::CursorInvalid, "not a position in this list")
            })?,
        };
        let total = ordered.len();
        let items = ordered.into_iter().skip(start).take(limit).collect();
        let next = start.saturating_add(limit);
        Ok(KeyedPage {
            items,
            next_key: (next < total).then(|| next.to_string()),
        })
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> KeyedPage<U> {
        KeyedPage {
            items: self.items.into_iter().map(f).collect(),
            next_key: self.next_key,
        }
    }

    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<KeyedPage<U>, E> {
        Ok(KeyedPage {
            items: self.items.into_iter().map(f).collect::<Result<_, E>>()?,
            next_key: self.next_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn paging(uri: &str) -> Result<Paging, ApiError> {
        let req = TestRequest::get()
            .uri(uri)
            .app_data(web::Data::new(CursorKey::derive(b"test secret")))
            .to_http_request();
        Paging::of(&req)
    }

    #[test]
    fn limit_is_clamped_and_zero_refused() {
        assert_eq!(paging("/things").unwrap().limit(), 20);
        assert_eq!(paging("/things?limit=5000").unwrap().limit(), 100);
        let refused = paging("/things?limit=0").err().unwrap();
        assert_eq!(refused.code(), ErrorCode::FieldRange);
        assert_eq!(refused.field_errors()[0].field, "limit");
        assert!(paging("/things?limit=-3").is_err());
        for uri in [
            "/things?limit=lots",
            "/things?cursor=abc&limit=lots",
            "/things?limit=2.5",
        ] {
            let refused = paging(uri).err().unwrap();
            assert_eq!(refused.code(), ErrorCode::FieldType, "{uri}");
            assert_eq!(refused.field_errors()[0].field, "limit", "{uri}");
        }
    }

    #[test]
    fn a_cursor_round_trips_within_its_list_and_order_only() {
        let first = paging("/campaigns/a/contributions").unwrap();
        let page = first.page(
            "top",
            KeyedPage::from_rows(vec!["a", "b", "c"], 2, |s| (*s).to_owned()),
        );
        assert_eq!(page.items, ["a", "b"]);
        let cursor = page.next_cursor.unwrap();
        let next = paging(&format!("/campaigns/a/contributions?cursor={cursor}")).unwrap();
        assert_eq!(next.after("top").unwrap().as_deref(), Some("b"));
        for refused in [
            next.after("new"),
            paging(&format!("/campaigns/b/contributions?cursor={cursor}"))
                .unwrap()
                .after("top"),
        ] {
            assert_eq!(refused.unwrap_err().code(), ErrorCode::CursorInvalid);
        }
    }

    #[test]
    fn forged_truncated_and_garbage_cursors_are_refused() {
        let forged = URL_SAFE_NO_PAD.encode(b"not-a-cursor-but-long-enough");
        let issued = paging("/l")
            .unwrap()
            .cursor("", Some("0193-some-id".into()))
            .unwrap();
        let truncated = &issued[..issued.len() - 2];
        let mut altered = issued.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).unwrap();
        for cursor in [forged.as_str(), "AAAA", truncated, altered.as_str(), "%%%"] {
            let err = paging(&format!("/l?cursor={cursor}")).and_then(|p| p.after(""));
            assert_eq!(err.unwrap_err().code(), ErrorCode::CursorInvalid, "{cursor}");
        }
        assert!(
            paging("/l?cursor=").unwrap().after("").unwrap().is_none(),
            "empty is the start"
        );
    }

    #[test]
    fn positions_page_in_memory_lists() {
        let page = KeyedPage::by_position(vec![1, 2, 3, 4, 5], None, 2).unwrap();
        assert_eq!((page.items, page.next_key.as_deref()), (vec![1, 2], Some("2")));
        let last = KeyedPage::by_position(vec![1, 2, 3, 4, 5], Some("4"), 2).unwrap();
        assert_eq!((last.items, last.next_key), (vec![5], None));
        assert!(KeyedPage::<i32>::by_position(vec![], Some("x"), 2).is_err());
    }
}
