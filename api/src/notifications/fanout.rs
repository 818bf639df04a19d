//! Who hears about an event: one rule per kind of notification, each a set of recipients
//! resolved in SQL and written with one `INSERT ... SELECT` (never a job or a row per
//! recipient). An unread notification of the same kind about the same subject absorbs the new
//! one, so a burst of comments is one "12 new comments on X".

use serde_json::{Map, Value};

use super::Kind;
use super::repo::{self, Recipients};
use crate::db::DbConnection;
use crate::domain::{ContributionStatus, Phase};
use crate::error::ApiError;
use crate::events::{EventType, StoredEvent};

/// One rule: notify `recipients` with `kind` about `subject_id`.
struct Rule {
    kind: Kind,
    subject_id: String,
    recipients: Recipients,
}

/// Writes the notifications `event` causes (in the dispatcher's transaction).
pub fn fan_out(conn: &mut DbConnection, event: &StoredEvent) -> Result<usize, ApiError> {
    let rules = rules_for(event);
    if rules.is_empty() {
        return Ok(0);
    }
    let data = display_data(conn, event)?;
    let mut written = 0;
    for rule in rules {
        written += repo::notify(conn, event, rule.kind, &rule.subject_id, &rule.recipients, &data)?;
    }
    Ok(written)
}

fn text(event: &StoredEvent, field: &str) -> Option<String> {
    event.data.get(field).and_then(Value::as_str).map(str::to_owned)
}

fn rules_for(event: &StoredEvent) -> Vec<Rule> {
    let subject = event.subject_id.clone();
    let campaign = event.campaign_id.clone().unwrap_or_default();
    let organization = event.organization_id.clone().unwrap_or_default();
    let rule = |kind, subject_id: &str, recipients| Rule {
        kind,
        subject_id: subject_id.to_owned(),
        recipients,
    };
    match event.event_type {
        EventType::ContributionPublished => {
            vec![rule(
                Kind::ContributionPublished,
                &subject,
                Recipients::Authors(subject.clone()),
            )]
        }
        EventType::ContributionRejected => {
            vec![rule(
                Kind::ContributionRejected,
                &subject,
                Recipients::Authors(subject.clone()),
            )]
        }
        EventType::ContributionHidden => {
            vec![rule(
                Kind::ContributionHidden,
                &subject,
                Recipients::Authors(subject.clone()),
            )]
        }
        EventType::ContributionSubmitted => {
            let mut rules = vec![rule(
                Kind::CoAuthorInvited,
                &subject,
                Recipients::InvitedCoAuthors(subject.clone()),
            )];
            if text(event, "status").as_deref() == Some(ContributionStatus::Submitted.as_str()) {
                rules.push(rule(
                    Kind::EntriesWaiting,
                    &campaign,
                    Recipients::Staff(organization),
                ));
            }
            rules
        }
        EventType::CommentCreated => {
            let contribution = text(event, "contribution_id").unwrap_or_default();
            vec![rule(
                Kind::CommentReceived,
                &contribution,
                Recipients::AuthorsAndParentCommenter {
                    contribution: contribution.clone(),
                    parent_comment: text(event, "parent_id"),
                },
            )]
        }
        EventType::ReportCreated => vec![rule(
            Kind::ReportReceived,
            &campaign,
            Recipients::Staff(organization),
        )],
        EventType::CampaignPhaseChanged if text(event, "to").as_deref() == Some(Phase::Voting.as_str()) => {
            vec![rule(
                Kind::VotingOpened,
                &campaign,
                Recipients::Participants(campaign.clone()),
            )]
        }
        EventType::CampaignClosed => vec![rule(
            Kind::WinnersAnnounced,
            &campaign,
            Recipients::Participants(campaign.clone()),
        )],
        EventType::AwardsFinalized => vec![rule(
            Kind::AwardReceived,
            &campaign,
            Recipients::CampaignAwardWinners(campaign.clone()),
        )],
        EventType::AwardApproved | EventType::AwardPaid | EventType::AwardCancelled => {
            vec![rule(
                Kind::AwardStatusChanged,
                &subject,
                Recipients::AwardWinners(subject.clone()),
            )]
        }
        EventType::PledgePaymentFailed => vec![rule(
            Kind::PaymentFailed,
            &subject,
            Recipients::Backer(subject.clone()),
        )],
        EventType::PledgeDropped => vec![rule(
            Kind::PledgeDropped,
            &subject,
            Recipients::Backer(subject.clone()),
        )],
        EventType::CampaignFunded | EventType::CampaignFailed => vec![rule(
            Kind::FundingDecided,
            &campaign,
            Recipients::Backers(campaign.clone()),
        )],
        EventType::ClaimRejected => vec![rule(
            Kind::AnswerRejected,
            &subject,
            Recipients::Worker(subject.clone()),
        )],
        EventType::WorkerPaused => vec![rule(
            Kind::WorkerPaused,
            &campaign,
            Recipients::User(subject.clone()),
        )],
        EventType::WebhookDisabled => vec![rule(
            Kind::WebhookDisabled,
            &subject,
            Recipients::Owners(organization),
        )],
        _ => Vec::new(),
    }
}

/// What a notification shows: the event's fields, its type, its campaign's title and slug, and
/// its organization's slug (so a client can link without another request).
fn display_data(conn: &mut DbConnection, event: &StoredEvent) -> Result<String, ApiError> {
    let mut data = match &event.data {
        Value::Object(fields) => fields.clone(),
        _ => Map::new(),
    };
    data.insert("event_type".into(), event.event_type.as_str().into());
    if let Some(campaign_id) = &event.campaign_id
        && let Some((slug, title)) = repo::campaign_name(conn, campaign_id)?
    {
        data.insert("campaign_slug".into(), slug.into());
        data.insert("campaign_title".into(), title.into());
    }
    if let Some(organization_id) = &event.organization_id
        && let Some(slug) = repo::organization_slug(conn, organization_id)?
    {
        data.insert("organization_slug".into(), slug.into());
    }
    Ok(Value::Object(data).to_string())
}
