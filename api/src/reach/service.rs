//! Reach: the codes a campaign's audience arrives through. Managers open channels (a newsletter,
//! a forum, a partner), each with a shareable link; every participant can get a personal
//! referral code. What the codes bring is counted by `attribution`.

use chrono::NaiveDateTime;

use super::dto::{ChannelResponse, CreateChannelRequest, ReferralResponse};
use crate::attribution::codes::{link, new_code};
use crate::attribution::repo::{self, SourceRow};
use crate::campaigns::repo::CampaignRow;
use crate::campaigns::view as campaigns;
use crate::counters::{self, Metric, Scope};
use crate::db::{DbConnection, write_transaction};
use crate::domain::SourceKind;
use crate::error::{ApiError, ErrorCode};
use crate::ids::new_id;
use crate::organizations::access::require_manager;
use crate::pagination::KeyedPage;

fn respond_channel(row: SourceRow, slug: &str) -> ChannelResponse {
    ChannelResponse {
        link: link(slug, &row.code),
        // Channels have a channel kind; referral codes never reach here.
        kind: row.kind.channel().unwrap_or(crate::domain::ChannelKind::Other),
        name: row.name.unwrap_or_default(),
        created_at: row.created_at.and_utc(),
        id: row.id,
        code: row.code,
    }
}

/// The campaign, for its owners and managers only.
pub fn managed(conn: &mut DbConnection, actor: &str, campaign_key: &str) -> Result<CampaignRow, ApiError> {
    let (campaign, role) = campaigns::for_participation(conn, Some(actor), campaign_key)?;
    require_manager(role)?;
    Ok(campaign)
}

/// Inserts a source under a fresh code (drawing again on the rare collision); `None` when
/// another of its unique keys is taken (the channel's name, the referrer's code).
fn insert_with_code(conn: &mut DbConnection, mut row: SourceRow) -> Result<Option<SourceRow>, ApiError> {
    for _ in 0..5 {
        if repo::insert_source(conn, &row)? {
            return Ok(Some(row));
        }
        if repo::source_by_code(conn, &row.code)?.is_none() {
            return Ok(None);
        }
        row.code = new_code();
    }
    Err(ApiError::internal("no free invitation code after 5 tries"))
}

pub fn create_channel(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    request: CreateChannelRequest,
    now: NaiveDateTime,
) -> Result<ChannelResponse, ApiError> {
    write_transaction(conn, |conn| {
        let campaign = managed(conn, actor, campaign_key)?;
        let name = request.name.trim().to_owned();
        let taken = || {
            ApiError::new(
                ErrorCode::ChannelNameTaken,
                format!("this campaign has a channel named `{name}`"),
            )
            .param("name", name.clone())
        };
        let row = insert_with_code(
            conn,
            SourceRow {
                id: new_id(),
                campaign_id: campaign.id.clone(),
                code: new_code(),
                kind: SourceKind::from(request.kind),
                name: Some(name.clone()),
                referrer_id: None,
                created_at: now,
            },
        )?
        .ok_or_else(taken)?;
        Ok(respond_channel(row, &campaign.slug))
    })
}

pub fn list_channels(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<ChannelResponse>, ApiError> {
    let campaign = managed(conn, actor, campaign_key)?;
    let rows = repo::channels(conn, &campaign.id, after, limit as i64 + 1)?;
    Ok(KeyedPage::from_rows(rows, limit, |row| row.id.clone())
        .map(|row| respond_channel(row, &campaign.slug)))
}

/// The participant's referral code for the campaign, made on first request; `true` when new.
pub fn my_referral(
    conn: &mut DbConnection,
    user_id: &str,
    campaign_key: &str,
    now: NaiveDateTime,
) -> Result<(ReferralResponse, bool), ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, _) = campaigns::for_participation(conn, Some(user_id), campaign_key)?;
        let (row, created) = match repo::referral_of(conn, &campaign.id, user_id)? {
            Some(row) => (row, false),
            None => {
                let row = SourceRow {
                    id: new_id(),
                    campaign_id: campaign.id.clone(),
                    code: new_code(),
                    kind: SourceKind::Referral,
                    name: None,
                    referrer_id: Some(user_id.to_owned()),
                    created_at: now,
                };
                // A parallel request may have made it first: the UNIQUE (campaign, referrer) keeps
                // one, and this request answers with that one.
                match insert_with_code(conn, row)? {
                    Some(row) => (row, true),
                    None => (
                        repo::referral_of(conn, &campaign.id, user_id)?
                            .ok_or_else(|| ApiError::internal("a referral code vanished"))?,
                        false,
                    ),
                }
            }
        };
        let values = counters::read(
            conn,
            &campaign.id,
            Scope::Referrer,
            Some(std::slice::from_ref(&row.id)),
        )?;
        let value = |metric: Metric| values.get(&(row.id.clone(), metric)).copied().unwrap_or(0);
        Ok((
            ReferralResponse {
                campaign_id: campaign.id.clone(),
                link: link(&campaign.slug, &row.code),
                visitors: value(Metric::Visitors),
                sign_ups: value(Metric::SignUps),
                conversions: value(Metric::Conversions),
                created_at: row.created_at.and_utc(),
                code: row.code,
            },
            created,
        ))
    })
}

/// A channel's link as a QR code (SVG) for printed matter: posters, packaging, event signs.
/// `public_url` makes the link absolute, as a phone camera needs it.
pub fn channel_qr(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    channel_id: &str,
    public_url: &str,
) -> Result<String, ApiError> {
    let campaign = managed(conn, actor, campaign_key)?;
    let no_such = || ApiError::not_found("channel");
    if !crate::ids::looks_like_id(channel_id) {
        return Err(no_such());
    }
    let channel = repo::sources_by_id(conn, &[channel_id.to_owned()])?
        .into_iter()
        .find(|row| row.campaign_id == campaign.id && row.referrer_id.is_none())
        .ok_or_else(no_such)?;
    let url = format!("{public_url}{}", link(&campaign.slug, &channel.code));
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|error| ApiError::internal(format!("a QR code for {url}: {error}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}
