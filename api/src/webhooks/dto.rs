//! Wire types of `/webhooks`. The secret appears only when it is made (creation, rotation).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::DeliveryStatus;
use crate::events::EventType;
use crate::validate::not_blank;

/// A new subscription.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookRequest {
    /// An `https://` address on the public internet (no credentials in it).
    #[validate(length(min = 1, max = 2000))]
    #[schema(
        min_length = 1,
        max_length = 2000,
        example = "https://hooks.example.com/schwarm"
    )]
    pub url: String,
    #[validate(length(max = 200))]
    #[serde(default)]
    #[schema(max_length = 200)]
    pub description: String,
    /// The event types to receive; absent or `null`: every type, also those added later.
    #[validate(length(min = 1, max = 100))]
    #[schema(min_items = 1, max_items = 100)]
    pub event_types: Option<Vec<EventType>>,
    /// Only events of this campaign (id or slug).
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100)]
    pub campaign: Option<String>,
}

/// Changes to a subscription; omitted fields stay.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookRequest {
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub url: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub description: Option<String>,
    /// `null`: every type; a list needs at least one (as when subscribing).
    #[serde(default, deserialize_with = "crate::http::json::present")]
    #[validate(length(min = 1, max = 100))]
    #[schema(value_type = Option<Vec<EventType>>, nullable, min_items = 1, max_items = 100)]
    pub event_types: Option<Option<Vec<EventType>>>,
    /// `null`: every campaign.
    #[serde(default, deserialize_with = "crate::http::json::present")]
    #[schema(value_type = Option<String>, nullable)]
    pub campaign: Option<Option<String>>,
    /// `true` enables a disabled endpoint again (its failure streak starts over).
    pub enabled: Option<bool>,
}

/// A subscription.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    pub id: String,
    pub organization: String,
    pub url: String,
    pub description: String,
    /// `null`: every type.
    pub event_types: Option<Vec<EventType>>,
    pub campaign_id: Option<String>,
    pub enabled: bool,
    /// Why it is switched off, if it is.
    pub disabled_reason: Option<super::DisabledReason>,
    /// Since when deliveries keep failing (it is disabled after 5 days of that).
    pub failing_since: Option<DateTime<Utc>>,
    /// Until when the secret before the last rotation still signs too.
    pub previous_secret_valid_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new subscription, or a rotated secret: the secret is shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    /// `whsec_...`: verify every message's `webhook-signature` with it. Store it now.
    pub secret: String,
    #[serde(flatten)]
    pub webhook: WebhookResponse,
}

/// One attempt to deliver a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptResponse {
    pub attempt: i32,
    pub attempted_at: DateTime<Utc>,
    /// The endpoint's answer; `null` when none came (timeout, refused, blocked).
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    /// The first kilobyte of the answer.
    pub response: Option<String>,
    pub error: Option<String>,
}

/// One message to an endpoint and its attempts.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResponse {
    /// The message's `webhook-id` (the same on every attempt: deduplicate by it).
    pub id: String,
    pub event_id: Option<String>,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub attempt_log: Vec<AttemptResponse>,
}
