//! Who may take part in a campaign: anyone in an open campaign; in an invite-only one, the
//! organization's staff and the people an invitation admitted (for this campaign or for all of
//! the organization's). The one check contributing, voting, pledging and task work make.

use super::repo;
use crate::campaigns::repo::CampaignRow;
use crate::db::DbConnection;
use crate::domain::{Eligibility, Role};
use crate::error::{ApiError, ErrorCode};

/// Refuses `user_id` (whose staff role in the campaign's organization is `role`) unless they may
/// take part in `campaign`.
pub fn require_eligible(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    user_id: &str,
    role: Option<Role>,
) -> Result<(), ApiError> {
    if campaign.eligibility == Eligibility::Open || role.is_some() {
        return Ok(());
    }
    if repo::holds_grant(conn, &campaign.organization_id, &campaign.id, user_id)? {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::InviteOnly,
        "this campaign is open to invited people only",
    ))
}
