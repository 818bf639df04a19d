//! Mail about notifications. Composing and sending are apart: a compose job writes each mail
//! into `emails` in the same transaction that marks its notifications mailed (so nothing is
//! reported twice or lost), and enqueues a send job for it; the send job hands it to the mailer
//! (at least once: after a crash mid-send, the same `Message-ID` comes again).
//!
//! - Immediate mail goes out once a notification has been quiet for the coalescing window, so
//!   a burst of comments is one mail.
//! - Daily digests gather what was not mailed before the day's digest hour (UTC); weekly ones
//!   before that hour on Monday. They read only recipients with unsent news, in batches, and a
//!   run that finds nothing changes nothing, so running them again is safe.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{Datelike, NaiveDateTime, NaiveTime, TimeDelta, Weekday};
use serde_json::json;

use super::texts::{self, Digest};
use super::unsubscribe::UnsubscribeKey;
use super::{EmailFrequency, repo};
use crate::clock::Clock;
use crate::db::{Db, DbConnection, write_transaction};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::jobs::{self, ClaimedJob, Finished, NewJob, Next};
use crate::mail::{Mailer, OutgoingMail, outbox};
use crate::users::repo as users;

/// Job kinds.
pub const COMPOSE_IMMEDIATE: &str = "mail.compose_immediate";
pub const COMPOSE_DIGESTS: &str = "mail.compose_digests";
pub const SEND: &str = crate::mail::SEND_JOB;

/// Notifications before this instant have been quiet for the coalescing window.
fn quiet_since(now: NaiveDateTime, coalesce: Duration) -> NaiveDateTime {
    now - TimeDelta::from_std(coalesce).unwrap_or_default()
}

/// The last daily and the last weekly (Monday) digest boundary at or before `now`.
fn digest_boundaries(now: NaiveDateTime, hour: u32) -> (NaiveDateTime, NaiveDateTime) {
    (
        last_boundary(now, hour, None),
        last_boundary(now, hour, Some(Weekday::Mon)),
    )
}

/// Recipients composed per transaction.
const BATCH: i64 = 100;
/// Notifications one mail lists line by line; more are summed up in one line.
const LINES_PER_MAIL: i64 = 50;

/// What the mail jobs need.
#[derive(Clone)]
pub struct MailSettings {
    pub public_url: String,
    /// How long a notification must be quiet before its immediate mail goes.
    pub coalesce: Duration,
    /// The hour (UTC) digests go out.
    pub digest_hour: u32,
}

#[derive(Clone)]
pub struct MailJobs {
    pub db: Db,
    pub clock: Clock,
    pub mailer: Mailer,
    pub key: UnsubscribeKey,
    pub settings: MailSettings,
}

impl MailJobs {
    /// Composes the immediate mail that is due; runs again at once while there is more, and
    /// parks when there is none ([`Self::immediate_due`] wakes it).
    pub async fn compose_immediate(&self, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
        let this = self.clone();
        self.db
            .run(move |conn| {
                let now = this.clock.now();
                let quiet_since = quiet_since(now, this.settings.coalesce);
                write_transaction(conn, |conn| {
                    let composed = this.compose(conn, EmailFrequency::Immediate, quiet_since, now)?;
                    jobs::finish(conn, &job, Next::after_batch_or_park(composed, BATCH, every))
                })
            })
            .await
    }

    /// Composes the daily and weekly digests that are due; parks when there are none
    /// ([`Self::digests_due`] wakes it).
    pub async fn compose_digests(&self, job: ClaimedJob, every: Duration) -> Result<Finished, ApiError> {
        let this = self.clone();
        self.db
            .run(move |conn| {
                let now = this.clock.now();
                let (daily, weekly) = digest_boundaries(now, this.settings.digest_hour);
                write_transaction(conn, |conn| {
                    let composed = this.compose(conn, EmailFrequency::Daily, daily, now)?
                        + this.compose(conn, EmailFrequency::Weekly, weekly, now)?;
                    jobs::finish(conn, &job, Next::after_batch_or_park(composed, BATCH, every))
                })
            })
            .await
    }

    /// The immediate mail's wake-up check while it is parked: someone's notifications have
    /// been quiet for the coalescing window.
    pub fn immediate_due(
        &self,
    ) -> impl Fn(&mut DbConnection) -> Result<bool, ApiError> + Send + Sync + 'static {
        let (clock, coalesce) = (self.clock.clone(), self.settings.coalesce);
        move |conn| {
            let before = quiet_since(clock.now(), coalesce);
            Ok(!repo::recipients_due(conn, EmailFrequency::Immediate, before, 1)?.is_empty())
        }
    }

    /// The digests' wake-up check while they are parked: someone has unsent news from before
    /// the last daily or weekly boundary.
    pub fn digests_due(
        &self,
    ) -> impl Fn(&mut DbConnection) -> Result<bool, ApiError> + Send + Sync + 'static {
        let (clock, hour) = (self.clock.clone(), self.settings.digest_hour);
        move |conn| {
            let (daily, weekly) = digest_boundaries(clock.now(), hour);
            Ok(
                !repo::recipients_due(conn, EmailFrequency::Daily, daily, 1)?.is_empty()
                    || !repo::recipients_due(conn, EmailFrequency::Weekly, weekly, 1)?.is_empty(),
            )
        }
    }

    /// One mail per recipient with notifications of `frequency` quiet since `before`.
    fn compose(
        &self,
        conn: &mut DbConnection,
        frequency: EmailFrequency,
        before: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<usize, ApiError> {
        let recipients = repo::recipients_due(conn, frequency, before, BATCH)?;
        let digest = match frequency {
            EmailFrequency::Daily => Digest::Daily,
            EmailFrequency::Weekly => Digest::Weekly,
            _ => Digest::Immediate,
        };
        for recipient in &recipients {
            let rows = repo::take_due(conn, recipient, frequency, before, LINES_PER_MAIL)?;
            if rows.is_empty() {
                // Re-armed or switched off since the recipients were listed: nothing to send.
                continue;
            }
            let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
            repo::mark_emailed(conn, &ids, now)?;
            // The rest is counted, not listed: one mail stays readable however much happened.
            let more = repo::mark_due_emailed(conn, recipient, frequency, before, now)?;
            let Some(user) = users::find(conn, recipient)? else {
                continue;
            };
            let mut lines: Vec<String> = rows.iter().map(|row| texts::line(row, user.locale)).collect();
            let total = lines.len() + more;
            if more > 0 {
                lines.push(texts::more(more, user.locale));
            }
            let categories: BTreeSet<&str> = rows.iter().map(|row| row.category.as_str()).collect();
            let category = match categories.len() {
                1 => rows.first().map(|row| row.category),
                _ => None,
            };
            let token = self.key.token(recipient, category);
            let page_link = format!("{}/unsubscribe?token={token}", self.settings.public_url);
            let mail = OutgoingMail {
                id: new_id(),
                to: user.email.clone(),
                subject: texts::subject(&digest, &lines, total, user.locale),
                body: texts::body(
                    &user.display_name,
                    &lines,
                    &self.settings.public_url,
                    &page_link,
                    user.locale,
                ),
                unsubscribe_url: Some(format!(
                    "{}/api/v1/notifications/unsubscribe?token={token}",
                    self.settings.public_url
                )),
            };
            outbox::insert(conn, Some(recipient), &mail, now)?;
            jobs::enqueue(
                conn,
                NewJob::now(SEND, json!({ "email_id": mail.id }), 10).unique(format!("mail:{}", mail.id)),
            )?;
        }
        Ok(recipients.len())
    }

    /// Sends one composed mail, then marks it sent.
    pub async fn send(&self, job: ClaimedJob) -> Result<Finished, ApiError> {
        let email_id = job.payload["email_id"].as_str().unwrap_or_default().to_owned();
        let mail = {
            let id = email_id.clone();
            self.db.run(move |conn| Ok(outbox::unsent(conn, &id)?)).await?
        };
        if let Some(mail) = mail {
            let mailer = self.mailer.clone();
            actix_web::web::block(move || mailer.send(&mail))
                .await
                .map_err(ApiError::internal)?
                .map_err(|err| ApiError::unavailable(format!("the mail server refused: {err}")))?;
        }
        self.db
            .run(move |conn| {
                write_transaction(conn, |conn| {
                    outbox::mark_sent(conn, &email_id, crate::ids::now())?;
                    jobs::finish(conn, &job, Next::Done)
                })
            })
            .await
    }
}

/// The latest `hour`:00 UTC at or before `now` (on `weekday`, if given).
fn last_boundary(now: NaiveDateTime, hour: u32, weekday: Option<Weekday>) -> NaiveDateTime {
    let at_hour = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    let mut day = now.date();
    if now.time() < at_hour {
        day = day.pred_opt().unwrap_or(day);
    }
    if let Some(weekday) = weekday {
        while day.weekday() != weekday {
            day = day.pred_opt().unwrap_or(day);
        }
    }
    day.and_time(at_hour)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 30, 0)
            .unwrap()
    }

    #[test]
    fn digests_gather_what_came_before_the_last_digest_hour() {
        // 2026-11-25 is a Wednesday.
        assert_eq!(
            last_boundary(at(25, 8), 7, None),
            at(25, 7) - TimeDelta::minutes(30)
        );
        assert_eq!(
            last_boundary(at(25, 6), 7, None),
            at(24, 7) - TimeDelta::minutes(30)
        );
        assert_eq!(
            last_boundary(at(25, 8), 7, Some(Weekday::Mon)),
            at(23, 7) - TimeDelta::minutes(30)
        );
        assert_eq!(
            last_boundary(at(23, 6), 7, Some(Weekday::Mon)),
            at(16, 7) - TimeDelta::minutes(30)
        );
    }
}
