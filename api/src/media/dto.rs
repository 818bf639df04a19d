//! Wire types of media.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::repo::MediaRow;
use crate::API_PREFIX;

/// An uploaded image.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MediaResponse {
    pub id: String,
    /// Where the image is served (relative to the API's origin).
    #[schema(example = "/api/v1/media/0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10")]
    pub url: String,
    /// Read from the file's content: `image/png`, `image/jpeg`, `image/webp` or `image/gif`.
    pub content_type: String,
    /// In bytes.
    pub size: i64,
    pub width: i32,
    pub height: i32,
    /// Smaller JPEG copies (for `srcset`), narrowest first; none for a small image.
    pub variants: Vec<MediaVariant>,
    pub created_at: DateTime<Utc>,
}

/// A smaller copy of an image.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MediaVariant {
    pub width: i32,
    pub height: i32,
    #[schema(example = "/api/v1/media/0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10?w=480")]
    pub url: String,
}

impl From<MediaRow> for MediaResponse {
    fn from(row: MediaRow) -> Self {
        let variants = row
            .variants()
            .into_iter()
            .map(|width| MediaVariant {
                width: i32::try_from(width).unwrap_or(i32::MAX),
                height: i32::try_from(i64::from(row.height) * i64::from(width) / i64::from(row.width.max(1)))
                    .unwrap_or(i32::MAX)
                    .max(1),
                url: format!("{}?w={width}", media_url(&row.id)),
            })
            .collect();
        MediaResponse {
            url: media_url(&row.id),
            variants,
            id: row.id,
            content_type: row.content_type,
            size: row.size_bytes,
            width: row.width,
            height: row.height,
            created_at: row.created_at.and_utc(),
        }
    }
}

pub fn media_url(id: &str) -> String {
    format!("{API_PREFIX}/media/{id}")
}

/// A `multipart/form-data` upload: one part named `file`, nothing else.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(
    dead_code,
    reason = "describes the multipart form in the OpenAPI document only"
)]
pub struct UploadMediaForm {
    /// The image: PNG, JPEG, WebP or GIF, recognised by its content.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// What an upload may be.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediaLimits {
    /// The largest file accepted (`MEDIA_MAX_BYTES`).
    pub max_bytes: i64,
    /// The image types accepted (recognised by their content, not their name).
    pub content_types: Vec<String>,
    /// Images per contribution.
    pub max_per_contribution: i64,
}
