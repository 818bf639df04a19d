//! Discovery: `GET /campaigns` by phase, kind, organization and text, newest first or closing
//! soonest, paged by keyset.

use chrono::NaiveDateTime;

use super::dto::CampaignResponse;
use super::repo::{self, ListFilter, ListSort, WindowBound};
use super::view::respond;
use crate::db::DbConnection;
use crate::db::search::contains_pattern;
use crate::domain::{CampaignKind, CampaignStatus, Phase};
use crate::error::{ApiError, ErrorCode};
use crate::organizations::access::{require_manager, role_of};
use crate::organizations::service as organizations;
use crate::pagination::KeyedPage;

/// Filters of `GET /campaigns`.
pub struct Discovery {
    pub phase: Option<Phase>,
    pub kind: Option<CampaignKind>,
    pub organization: Option<String>,
    pub text: Option<String>,
    pub closing_soon: bool,
    pub after: Option<String>,
    pub limit: usize,
    /// The signed-in viewer: with `organization` naming a brand they manage, its drafts are
    /// listed too.
    pub viewer: Option<String>,
}

pub fn list(
    conn: &mut DbConnection,
    query: Discovery,
    now: NaiveDateTime,
) -> Result<KeyedPage<CampaignResponse>, ApiError> {
    use WindowBound::*;
    let organization_id = match &query.organization {
        Some(slug) => match organizations::find(conn, slug) {
            Ok(organization) => Some(organization.id),
            Err(err) if err.code() == ErrorCode::NotFound => return Ok(KeyedPage::empty()),
            Err(err) => return Err(err),
        },
        None => None,
    };
    // Drafts are never public; a brand's owners and managers see theirs when they list it.
    let sees_drafts = match (&organization_id, &query.viewer) {
        (Some(organization), Some(viewer)) => require_manager(role_of(conn, organization, viewer)?).is_ok(),
        _ => false,
    };
    use CampaignStatus::*;
    let published = vec![Published];
    let (statuses, window) = match query.phase {
        None if sees_drafts => (vec![Draft, Published, Closed, Cancelled], vec![]),
        None => (vec![Published, Closed, Cancelled], vec![]),
        Some(Phase::Draft) if sees_drafts => (vec![Draft], vec![]),
        Some(Phase::Draft) => return Ok(KeyedPage::empty()),
        Some(Phase::Scheduled) => (published, vec![SubmissionsOpenAfter(now)]),
        Some(Phase::Submission) => (
            published,
            vec![SubmissionsOpenBy(now), SubmissionsCloseAfter(now)],
        ),
        Some(Phase::Review) => (published, vec![SubmissionsCloseBy(now), VotingOpenAfter(now)]),
        Some(Phase::Voting) => (published, vec![VotingOpenBy(now), VotingCloseAfter(now)]),
        Some(Phase::Judging) => (published, vec![VotingCloseBy(now)]),
        Some(Phase::Closed) => (vec![Closed], vec![]),
        Some(Phase::Cancelled) => (vec![Cancelled], vec![]),
    };
    let sort = if query.closing_soon {
        let after = match query.after.as_deref() {
            None => None,
            Some(key) => Some(parse_closing_key(key).ok_or_else(|| {
                ApiError::invalid("cursor", ErrorCode::CursorInvalid, "not a position in this list")
            })?),
        };
        ListSort::ClosingSoon { after }
    } else {
        ListSort::Newest {
            after: query.after.clone(),
        }
    };
    let filter = ListFilter {
        statuses,
        window,
        kind: query.kind,
        organization_id,
        text: query.text.as_deref().map(contains_pattern),
        sort,
        limit: query.limit as i64 + 1,
    };
    let rows = repo::list(conn, &filter)?;
    let closing_soon = query.closing_soon;
    let page = KeyedPage::from_rows(rows, query.limit, |row| match closing_soon {
        true => format!(
            "{}|{}",
            row.voting_close_at
                .map(|t| t.and_utc().timestamp_micros())
                .unwrap_or_default(),
            row.id
        ),
        false => row.id.clone(),
    });
    let items = respond(conn, page.items, now)?;
    Ok(KeyedPage {
        items,
        next_key: page.next_key,
    })
}

fn parse_closing_key(raw: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, id) = raw.split_once('|')?;
    let close = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((close, id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_cursors_round_trip() {
        let (close, id) = parse_closing_key("1772359200000000|abc").unwrap();
        assert_eq!(close.and_utc().timestamp_micros(), 1_772_359_200_000_000);
        assert_eq!(id, "abc");
        assert!(parse_closing_key("garbage").is_none());
    }
}
