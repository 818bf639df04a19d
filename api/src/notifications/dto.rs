//! Wire types of the inbox and the notification settings.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{Category, EmailFrequency, Kind};

/// Something that happened that concerns the signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationResponse {
    pub id: String,
    pub kind: Kind,
    pub category: Category,
    /// What it is about: a contribution, a campaign, an award or a webhook (by `kind`).
    pub subject_id: String,
    pub campaign_id: Option<String>,
    /// Who caused the latest of it, if a person did.
    pub actor_id: Option<String>,
    /// How many events this notification gathers ("12 new comments").
    pub count: i32,
    /// Display fields: `title`, `campaign_title`, `campaign_slug`, `organization_slug`,
    /// `status`, `reason`, ... as the event that caused it carries them.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
    /// When the latest event was gathered into it.
    pub updated_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only notifications not read yet.
    pub unread_only: Option<bool>,
    /// Only notifications of this kind.
    pub kind: Option<Kind>,
}

/// Unread notifications, in all and by kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCounts {
    pub total: i64,
    pub by_kind: BTreeMap<String, i64>,
}

/// Which notifications to mark read: `all: true` marks every unread one (then `ids` adds
/// nothing); otherwise those of `ids` that are the caller's; an empty request marks none.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkReadRequest {
    #[validate(length(max = 200))]
    #[serde(default)]
    #[schema(max_items = 200)]
    pub ids: Vec<String>,
    /// Every unread notification.
    #[serde(default)]
    pub all: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MarkReadResponse {
    /// How many notifications were unread and are read now.
    pub marked: i64,
}

/// One category's channels.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategorySetting {
    pub category: Category,
    /// Shown in the inbox.
    pub in_app: bool,
    /// How often mail goes out.
    pub email: EmailFrequency,
}

/// The signed-in user's notification settings: every category, with what they chose or the
/// default.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    #[schema(max_items = 20)]
    pub categories: Vec<CategorySetting>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnsubscribeQuery {
    /// The signed token from a mail's unsubscribe link.
    #[param(max_length = 300)]
    pub token: String,
}

/// What an unsubscribe link switched off.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnsubscribeResponse {
    /// The category whose mail stopped; `null`: all mail.
    pub category: Option<Category>,
    pub email: EmailFrequency,
}
