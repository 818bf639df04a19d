//! Wire types of invitations and invited participants.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::text_enum;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    /// The invite-only campaign the invitation is for; omitted, it admits to every invite-only
    /// campaign of the organization (now and later).
    #[schema(example = "0192f7c4-7d2a-7c3e-9d55-1a2b3c4d5e6f")]
    pub campaign_id: Option<String>,
    /// Mail the invitation to this address (one use). Omitted, the answer carries a link to
    /// share.
    #[validate(email(message = "must be an email address"), length(max = 254))]
    #[schema(format = Email, max_length = 254, example = "ada@example.com")]
    pub email: Option<String>,
    /// How many people may accept a shared link (omitted: no limit). An emailed invitation is
    /// always for one person.
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub max_uses: Option<i32>,
    /// When the invitation stops working (omitted: never); in the future.
    pub expires_at: Option<DateTime<Utc>>,
}

text_enum! {
    /// Whether an invitation can still be accepted.
    pub enum InvitationStatus {
        /// It can be accepted.
        Active = "active",
        /// Its time ran out.
        Expired = "expired",
        /// The organization withdrew it.
        Revoked = "revoked",
        /// As many people accepted it as it admits.
        UsedUp = "used_up",
    }
}

/// An invitation as its organization's managers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationResponse {
    pub id: String,
    /// `null`: every invite-only campaign of the organization.
    pub campaign_id: Option<String>,
    /// Where it was mailed; `null` for a link to share.
    pub email: Option<String>,
    pub max_uses: Option<i32>,
    /// How many people accepted it.
    pub uses: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub status: InvitationStatus,
    /// The link to share: only in the answer that created a link invitation (the server keeps
    /// a digest of it, never the link itself). Mailed invitations carry it in the mail only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What anyone holding an invitation's link sees before accepting it.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPreview {
    pub organization_slug: String,
    pub organization_name: String,
    /// `null`: every invite-only campaign of the organization.
    pub campaign_id: Option<String>,
    pub campaign_slug: Option<String>,
    pub campaign_title: Option<String>,
    pub status: InvitationStatus,
    pub expires_at: Option<DateTime<Utc>>,
}

/// The right an accepted invitation gave.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantResponse {
    /// The right's id (to withdraw it).
    pub id: String,
    pub user_id: String,
    pub display_name: String,
    /// `null`: every invite-only campaign of the organization.
    pub campaign_id: Option<String>,
    /// The invitation it came from (`null` once that invitation is gone).
    pub invitation_id: Option<String>,
    pub granted_at: DateTime<Utc>,
}

/// The answer to accepting an invitation.
#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptedInvitation {
    pub organization_slug: String,
    pub campaign_id: Option<String>,
    pub campaign_slug: Option<String>,
    /// `false` when the person held this right already (no use of the invitation was taken).
    pub new: bool,
}
