//! Delivering one message: a signed POST, 10 s at most, no redirects followed, only to addresses
//! the SSRF guard allows; only a 2xx answer counts. Failures are retried on a schedule close to
//! 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (±20 %), a `Retry-After` is honoured
//! within bounds, and an endpoint that keeps failing is disabled and its owners told. Every
//! attempt is logged with its status, duration and the first kilobyte of the answer.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use actix_tls::connect::{Resolve, Resolver};
use chrono::{NaiveDateTime, TimeDelta};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use rand::Rng;
use serde::Deserialize;

use super::guard::{self, TargetPolicy};
use super::repo::{self, AttemptRow, DeliveryRow, WebhookChanges, WebhookRow};
use super::{DeliveryStatus, sign};
use crate::db::{Db, write_transaction};
use crate::error::ApiError;
use crate::events::catalogue::WebhookEventData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::jobs::{self, ClaimedJob, Finished, Next};

/// The job kind.
pub const DELIVER: &str = "webhook.deliver";

/// Seconds between an attempt and the next: the nth entry follows the nth failed attempt.
const SCHEDULE: [i64; 9] = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400];
/// The longest an endpoint's `Retry-After` may put the next attempt off.
const MAX_RETRY_AFTER: i64 = 86_400;
const TIMEOUT: Duration = Duration::from_secs(10);
/// How much of an answer is kept in the log.
const SNIPPET_BYTES: usize = 1024;

#[derive(Debug, Deserialize)]
struct Payload {
    delivery_id: String,
    /// A redelivery by hand: one attempt, no schedule after it.
    #[serde(default)]
    manual: bool,
}

/// What deliveries need.
#[derive(Clone)]
pub struct Deliverer {
    pub db: Db,
    pub policy: TargetPolicy,
    /// An endpoint failing this long is disabled.
    pub disable_after: Duration,
}

/// What one attempt brought back.
struct Outcome {
    status_code: Option<u16>,
    retry_after: Option<i64>,
    snippet: Option<String>,
    error: Option<String>,
    duration_ms: i32,
}

impl Outcome {
    fn succeeded(&self) -> bool {
        self.status_code.is_some_and(|code| (200..300).contains(&code))
    }
}

impl Deliverer {
    pub async fn run(&self, job: ClaimedJob) -> Result<Finished, ApiError> {
        let payload: Payload = serde_json::from_value(job.payload.clone()).map_err(ApiError::internal)?;
        let found = {
            let id = payload.delivery_id.clone();
            self.db
                .run(move |conn| {
                    let Some(delivery) = repo::find_delivery(conn, &id)? else {
                        return Ok(None);
                    };
                    Ok(repo::find(conn, &delivery.webhook_id)?.map(|webhook| (delivery, webhook)))
                })
                .await?
        };
        let Some((delivery, webhook)) = found else {
            // The endpoint (and with it the message) was deleted meanwhile.
            return self
                .db
                .run(move |conn| jobs::finish(conn, &job, Next::Done))
                .await;
        };
        // A ping and a redelivery by hand go even to a disabled endpoint (to test it).
        let manual = payload.manual || delivery.event_type == EventType::WebhookPing.as_str();
        if delivery.status == DeliveryStatus::Succeeded && !manual {
            return self
                .db
                .run(move |conn| jobs::finish(conn, &job, Next::Done))
                .await;
        }
        if !webhook.enabled && !manual {
            // Switched off: the message is not sent; it shows as failed and can be redelivered
            // by hand once the endpoint works again.
            let id = delivery.id.clone();
            return self
                .db
                .run(move |conn| {
                    write_transaction(conn, |conn| {
                        repo::skip_disabled(conn, &id, crate::ids::now())?;
                        jobs::finish(conn, &job, Next::Done)
                    })
                })
                .await;
        }
        let outcome = self.attempt(&webhook, &delivery).await;
        let this = self.clone();
        self.db
            .run(move |conn| {
                write_transaction(conn, |conn| {
                    let next = this.record(conn, &webhook.id, &delivery.id, &outcome, manual)?;
                    jobs::finish(conn, &job, next)
                })
            })
            .await
    }

    /// One signed POST.
    async fn attempt(&self, webhook: &WebhookRow, delivery: &DeliveryRow) -> Outcome {
        let started = Instant::now();
        let elapsed = |started: Instant| i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
        let failed = |error: String| Outcome {
            status_code: None,
            retry_after: None,
            snippet: None,
            error: Some(error),
            duration_ms: elapsed(started),
        };
        // IP literals never reach the resolver: check the URL itself too, every time.
        if let Err(refusal) = guard::check_url(&webhook.url, self.policy) {
            return failed(format!("blocked: {refusal}"));
        }
        let timestamp = crate::ids::now().and_utc().timestamp();
        let now = crate::ids::now();
        let mut secrets = vec![webhook.secret.as_str()];
        if let (Some(previous), Some(until)) = (&webhook.previous_secret, webhook.previous_secret_until)
            && until > now
        {
            secrets.push(previous.as_str());
        }
        let signature = sign::header(&secrets, &delivery.id, timestamp, &delivery.payload);
        let client = client(self.policy);
        let sent = client
            .post(webhook.url.as_str())
            .insert_header(("content-type", "application/json"))
            .insert_header(("user-agent", "Schwarm-Webhooks/1"))
            .insert_header(("webhook-id", delivery.id.as_str()))
            .insert_header(("webhook-timestamp", timestamp.to_string()))
            .insert_header(("webhook-signature", signature))
            .send_body(delivery.payload.clone())
            .await;
        let mut response = match sent {
            Ok(response) => response,
            Err(err) => return failed(printable(&err.to_string())),
        };
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<i64>().ok());
        let mut snippet = Vec::new();
        let status = response.status().as_u16();
        let deadline = started + TIMEOUT;
        while snippet.len() < SNIPPET_BYTES {
            let left = deadline.saturating_duration_since(Instant::now());
            match actix_web::rt::time::timeout(left, response.next()).await {
                Ok(Some(Ok(chunk))) => {
                    snippet.extend_from_slice(&chunk[..chunk.len().min(SNIPPET_BYTES - snippet.len())])
                }
                _ => break,
            }
        }
        Outcome {
            status_code: Some(status),
            retry_after,
            snippet: (!snippet.is_empty()).then(|| printable(&String::from_utf8_lossy(&snippet))),
            error: None,
            duration_ms: elapsed(started),
        }
    }

    /// Logs the attempt and decides what comes next (in the job's transaction), from the
    /// endpoint and message as they are now (locked), not as they were before the request: a
    /// success recorded meanwhile stays a success, and only a scheduled attempt moves the
    /// endpoint's failure streak.
    fn record(
        &self,
        conn: &mut crate::db::DbConnection,
        webhook_id: &str,
        delivery_id: &str,
        outcome: &Outcome,
        manual: bool,
    ) -> Result<Next, ApiError> {
        let Some((webhook, delivery)) = repo::lock_for_record(conn, webhook_id, delivery_id)? else {
            // Deleted while the request ran.
            return Ok(Next::Done);
        };
        let now = crate::ids::now();
        let attempt = delivery.attempts + 1;
        repo::insert_attempt(
            conn,
            &AttemptRow {
                id: new_id(),
                delivery_id: delivery.id.clone(),
                attempt,
                attempted_at: now,
                status_code: outcome.status_code.map(i32::from),
                duration_ms: outcome.duration_ms,
                response_snippet: outcome.snippet.clone(),
                error: outcome.error.clone(),
            },
        )?;
        if outcome.succeeded() {
            repo::set_delivery(conn, &delivery.id, DeliveryStatus::Succeeded, attempt, None, now)?;
            if webhook.failing_since.is_some() {
                repo::update(
                    conn,
                    &webhook.id,
                    &WebhookChanges {
                        failing_since: Some(None),
                        ..WebhookChanges::default()
                    },
                )?;
            }
            return Ok(Next::Done);
        }
        if delivery.status == DeliveryStatus::Succeeded {
            // Another attempt got through meanwhile: this failure changes nothing.
            repo::set_delivery(conn, &delivery.id, DeliveryStatus::Succeeded, attempt, None, now)?;
            return Ok(Next::Done);
        }
        if manual {
            // A test by hand neither starts nor lengthens a streak, and has no schedule of its
            // own: the message stays pending if a scheduled retry is still ahead.
            let status = match delivery.next_attempt_at {
                Some(at) if at > now => DeliveryStatus::Pending,
                _ => DeliveryStatus::Failed,
            };
            let next_at = delivery.next_attempt_at.filter(|at| *at > now);
            repo::set_delivery(conn, &delivery.id, status, attempt, next_at, now)?;
            return Ok(Next::Done);
        }
        let failing_since = webhook.failing_since.unwrap_or(now);
        if webhook.failing_since.is_none() {
            repo::update(
                conn,
                &webhook.id,
                &WebhookChanges {
                    failing_since: Some(Some(now)),
                    ..WebhookChanges::default()
                },
            )?;
        }
        if webhook.enabled
            && now - failing_since >= TimeDelta::from_std(self.disable_after).unwrap_or(TimeDelta::MAX)
        {
            self.disable(conn, &webhook, now)?;
            repo::set_delivery(conn, &delivery.id, DeliveryStatus::Failed, attempt, None, now)?;
            return Ok(Next::Done);
        }
        let schedule_index = usize::try_from(delivery.attempts).unwrap_or(usize::MAX);
        match SCHEDULE.get(schedule_index) {
            Some(delay) => {
                let next_at = now + next_delay(*delay, outcome.retry_after);
                repo::set_delivery(
                    conn,
                    &delivery.id,
                    DeliveryStatus::Pending,
                    attempt,
                    Some(next_at),
                    now,
                )?;
                Ok(Next::At(next_at))
            }
            None => {
                repo::set_delivery(conn, &delivery.id, DeliveryStatus::Failed, attempt, None, now)?;
                Ok(Next::Done)
            }
        }
    }

    /// Disables an endpoint that kept failing and tells its organization's owners, once: of
    /// failures recorded together, only the one that switches it off records the event.
    fn disable(
        &self,
        conn: &mut crate::db::DbConnection,
        webhook: &WebhookRow,
        now: NaiveDateTime,
    ) -> Result<(), ApiError> {
        if !repo::disable_failing(conn, &webhook.id, now)? {
            return Ok(());
        }
        let reason = format!(
            "every delivery failed for {} hours",
            self.disable_after.as_secs() / 3600
        );
        events::record(
            conn,
            Event::new(
                EventType::WebhookDisabled,
                &webhook.id,
                WebhookEventData {
                    webhook_id: webhook.id.clone(),
                    url: webhook.url.clone(),
                    reason: Some(reason),
                },
            )
            .of_organization(&webhook.organization_id),
            now,
        )?;
        Ok(())
    }
}

/// What an endpoint answered, as text any database keeps: NUL and other control characters
/// (PostgreSQL refuses NUL in text) become U+FFFD; line breaks and tabs stay.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => c,
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The scheduled delay ±20 %, or the endpoint's `Retry-After` when it asks for longer (at most
/// a day).
fn next_delay(scheduled_secs: i64, retry_after: Option<i64>) -> TimeDelta {
    let jittered = (scheduled_secs as f64 * rand::rng().random_range(0.8..1.2)) as i64;
    let asked = retry_after.unwrap_or(0).clamp(0, MAX_RETRY_AFTER);
    TimeDelta::seconds(jittered.max(asked).max(1))
}

/// Resolves names through the SSRF guard, so the connection goes only to checked addresses.
struct GuardedResolver(TargetPolicy);

impl Resolve for GuardedResolver {
    fn lookup<'a>(
        &'a self,
        host: &'a str,
        port: u16,
    ) -> LocalBoxFuture<'a, Result<Vec<SocketAddr>, Box<dyn std::error::Error>>> {
        let (host, policy) = (host.to_owned(), self.0);
        Box::pin(async move {
            let resolved =
                actix_web::rt::task::spawn_blocking(move || guard::resolve(&host, port, policy)).await;
            match resolved {
                Ok(Ok(addrs)) => Ok(addrs),
                Ok(Err(err)) => Err(Box::new(err) as Box<dyn std::error::Error>),
                Err(err) => {
                    Err(Box::new(std::io::Error::other(err.to_string())) as Box<dyn std::error::Error>)
                }
            }
        })
    }
}

fn client(policy: TargetPolicy) -> awc::Client {
    let connector = awc::Connector::new()
        .connector(actix_tls::connect::Connector::new(Resolver::custom(GuardedResolver(policy))).service())
        .timeout(TIMEOUT);
    awc::Client::builder()
        .connector(connector)
        .timeout(TIMEOUT)
        .disable_redirects()
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_follow_the_schedule_with_jitter_and_honour_retry_after() {
        for (index, secs) in SCHEDULE.iter().enumerate() {
            let delay = next_delay(*secs, None).num_seconds();
            assert!(
                delay as f64 >= *secs as f64 * 0.79 && delay as f64 <= *secs as f64 * 1.21,
                "attempt {index}: {delay}"
            );
        }
        assert_eq!(
            next_delay(5, Some(600)).num_seconds(),
            600,
            "asked for longer: granted"
        );
        assert!(
            next_delay(5, Some(1)).num_seconds() >= 4,
            "never sooner than the schedule"
        );
        assert_eq!(next_delay(5, Some(10_000_000)).num_seconds(), MAX_RETRY_AFTER);
    }
}
