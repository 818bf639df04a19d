//! The analytics of one campaign, assembled from its counters: every read is bounded by the
//! number of days, sources and segments, never by the visits or votes behind them.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::analytics::{self, BASELINE_RATE};
use super::disclosure::Disclosure;
use super::dto::{
    AnalyticsResponse, AnalyticsSummary, DailyAnalytics, Funnel, ProjectionAnalytics, Rates,
    ReferralAnalytics, ReferrerAnalytics, SegmentAnalytics, SourceAnalytics, SourceRef,
};
use super::publication;
use crate::attribution::repo::{self as attribution_repo, SourceRow};
use crate::attribution::{DIRECT, REFERRAL};
use crate::campaigns::repo::CampaignRow;
use crate::counters::{self, Metric, Scope, Values};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::reach::service as reach;

/// Referrers listed by name in the analytics.
const TOP_REFERRERS: i64 = 10;
/// The daily series never spans more than this (ten years), whatever the counters say.
const MAX_DAYS: i64 = 3660;

fn value(values: &Values, bucket: &str, metric: Metric) -> i64 {
    values.get(&(bucket.to_owned(), metric)).copied().unwrap_or(0)
}

fn funnel_of(values: &Values, bucket: &str) -> Funnel {
    Funnel {
        visitors: value(values, bucket, Metric::Visitors),
        registered: value(values, bucket, Metric::Registered),
        sign_ups: value(values, bucket, Metric::SignUps),
        voters: value(values, bucket, Metric::Voters),
        contributors: value(values, bucket, Metric::Contributors),
        participants: value(values, bucket, Metric::Participants),
        backers: value(values, bucket, Metric::Backers),
        workers: value(values, bucket, Metric::Workers),
    }
}

fn rates_of(funnel: &Funnel) -> Rates {
    Rates {
        contribution_rate: analytics::rate(funnel.contributors, funnel.visitors),
        contributors_per_participant: analytics::rate(funnel.contributors, funnel.participants),
        voter_rate: analytics::rate(funnel.voters, funnel.visitors),
        sign_up_rate: analytics::rate(funnel.sign_ups, funnel.visitors),
    }
}

fn add(total: &mut Funnel, part: &Funnel) {
    total.visitors += part.visitors;
    total.registered += part.registered;
    total.sign_ups += part.sign_ups;
    total.voters += part.voters;
    total.contributors += part.contributors;
    total.participants += part.participants;
    total.backers += part.backers;
    total.workers += part.workers;
}

fn channel_ref(row: &SourceRow) -> SourceRef {
    SourceRef {
        kind: row.kind.as_str().to_owned(),
        channel_id: Some(row.id.clone()),
        name: row.name.clone(),
    }
}

fn plain_ref(kind: &str) -> SourceRef {
    SourceRef {
        kind: kind.to_owned(),
        channel_id: None,
        name: None,
    }
}

/// The analytics of a campaign its owners and managers see.
pub fn analytics(
    conn: &mut DbConnection,
    actor: &str,
    campaign_key: &str,
    now: NaiveDateTime,
    rule: Disclosure,
) -> Result<AnalyticsResponse, ApiError> {
    let campaign = reach::managed(conn, actor, campaign_key)?;
    let by_source = counters::read(conn, &campaign.id, Scope::Source, None)?;
    let channels = attribution_repo::all_channels(conn, &campaign.id)?;
    let mut sources: Vec<SourceAnalytics> = channels
        .iter()
        .map(|row| (channel_ref(row), funnel_of(&by_source, &row.id)))
        .chain([REFERRAL, DIRECT].map(|kind| (plain_ref(kind), funnel_of(&by_source, kind))))
        .map(|(source, funnel)| SourceAnalytics {
            source,
            rates: rates_of(&funnel),
            funnel,
        })
        .collect();
    let mut funnel = Funnel::default();
    for source in &sources {
        add(&mut funnel, &source.funnel);
    }
    let rates = rates_of(&funnel);
    let target_rate = campaign
        .participation_target_percent
        .map(|percent| percent / 100.0);
    let referrals = referral_analytics(conn, &campaign, &by_source, funnel.participants)?;
    let daily = daily(conn, &campaign.id)?;
    let projection = projection(&campaign, daily.iter().map(|day| day.contributions).sum(), now);
    let best_channel = sources
        .iter()
        .filter(|source| source.source.channel_id.is_some())
        .filter_map(|source| Some((source.rates.contribution_rate?, source)))
        .filter(|(rate, _)| *rate > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, source)| source.source.clone());
    let summary = AnalyticsSummary {
        best_channel,
        beats_baseline: rates.contribution_rate.map(|rate| rate > BASELINE_RATE),
        meets_target: rates
            .contribution_rate
            .zip(target_rate)
            .map(|(rate, target)| rate >= target),
        k_factor: referrals.k_factor,
        will_reach_critical_mass: projection.will_reach_target,
    };
    sources.sort_by_key(|source| source.source.channel_id.is_none());
    let published = publication::current(conn, &campaign.id, now, rule)?;
    let segments = published
        .figures
        .overall
        .into_iter()
        .map(|group| SegmentAnalytics {
            dimension: group.dimension,
            value: group.value,
            voters: group.voters,
            votes: group.votes,
        })
        .collect();
    Ok(AnalyticsResponse {
        campaign_id: campaign.id,
        generated_at: now.and_utc(),
        summary,
        funnel,
        rates,
        baseline_rate: BASELINE_RATE,
        target_rate,
        sources,
        referrals,
        daily,
        projection,
        min_group_size: rule.min_group,
        min_group_networks: rule.min_networks,
        segments_published_at: published.at,
        segments,
    })
}

fn referral_analytics(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    by_source: &Values,
    participants: i64,
) -> Result<ReferralAnalytics, ApiError> {
    let conversions = value(by_source, REFERRAL, Metric::Conversions);
    let top = counters::top(
        conn,
        &campaign.id,
        Scope::Referrer,
        Metric::Conversions,
        TOP_REFERRERS,
    )?;
    let ids: Vec<String> = top.iter().map(|(id, _)| id.clone()).collect();
    let by_referrer = counters::read(conn, &campaign.id, Scope::Referrer, Some(&ids))?;
    let sources: HashMap<String, SourceRow> = attribution_repo::sources_by_id(conn, &ids)?
        .into_iter()
        .map(|row| (row.id.clone(), row))
        .collect();
    let user_ids: Vec<String> = sources
        .values()
        .filter_map(|row| row.referrer_id.clone())
        .collect();
    let names: HashMap<String, String> = crate::users::repo::display_names(conn, &user_ids)?
        .into_iter()
        .collect();
    let top_referrers = top
        .iter()
        .filter_map(|(id, converted)| {
            let user_id = sources.get(id)?.referrer_id.clone()?;
            Some(ReferrerAnalytics {
                display_name: names.get(&user_id).cloned().unwrap_or_default(),
                user_id,
                visitors: value(&by_referrer, id, Metric::Visitors),
                sign_ups: value(&by_referrer, id, Metric::SignUps),
                conversions: *converted,
            })
        })
        .collect();
    Ok(ReferralAnalytics {
        conversions,
        k_factor: analytics::k_factor(conversions, participants),
        referral_share: analytics::rate(value(by_source, REFERRAL, Metric::Participants), participants),
        top_referrers,
    })
}

fn daily(conn: &mut DbConnection, campaign_id: &str) -> Result<Vec<DailyAnalytics>, ApiError> {
    let by_day = counters::read(conn, campaign_id, Scope::Day, None)?;
    let days: Vec<NaiveDate> = by_day
        .keys()
        .filter_map(|(day, _)| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .collect();
    let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
        return Ok(Vec::new());
    };
    let span = (*last - *first).num_days().min(MAX_DAYS);
    Ok((0..=span)
        .filter_map(|offset| first.checked_add_signed(chrono::TimeDelta::days(offset)))
        .map(|day| {
            let key = day.format("%Y-%m-%d").to_string();
            DailyAnalytics {
                day,
                visits: value(&by_day, &key, Metric::Visits),
                new_visitors: value(&by_day, &key, Metric::Visitors),
                sign_ups: value(&by_day, &key, Metric::SignUps),
                votes: value(&by_day, &key, Metric::Votes),
                contributions: value(&by_day, &key, Metric::Contributions),
            }
        })
        .collect())
}

fn projection(campaign: &CampaignRow, contributions: i64, now: NaiveDateTime) -> ProjectionAnalytics {
    let window = campaign.submissions_open_at.zip(campaign.submissions_close_at);
    let projected = window.map(|(open, close)| analytics::project(contributions, open, close, now));
    let at_close = projected.and_then(|projection| projection.at_close);
    let target = campaign.contribution_target;
    ProjectionAnalytics {
        contributions,
        elapsed: projected.map(|projection| projection.elapsed),
        projected_at_close: at_close,
        target,
        will_reach_target: at_close
            .zip(target)
            .map(|(at_close, target)| at_close >= f64::from(target)),
    }
}
