//! Links mailed to an account's holder: a password reset and the confirmation of the address.
//! The secret travels only in the mail; the server keeps its SHA-256. A link works once, until
//! it expires, and only for the address it went to.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

use crate::auth::opaque;
use crate::db::DbConnection;
use crate::domain::Locale;
use crate::error::{ApiError, ErrorCode};
use crate::ids::new_id;
use crate::jobs::{self, NewJob};
use crate::mail::{self, OutgoingMail, outbox};
use crate::schema::account_links;
use crate::text_enum;
use crate::users::repo::UserRow;

text_enum! {
    /// What a mailed link is for.
    pub enum LinkPurpose {
        PasswordReset = "password_reset",
        EmailVerification = "email_verification",
    }
}

impl LinkPurpose {
    /// How long a link stays good: a reset is urgent and powerful, a confirmation may wait
    /// until the holder reads their mail.
    fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::PasswordReset => Duration::hours(1),
            LinkPurpose::EmailVerification => Duration::days(7),
        }
    }

    /// The secret's prefix, recognisable in logs and leak scans.
    fn prefix(self) -> &'static str {
        match self {
            LinkPurpose::PasswordReset => "pwr_",
            LinkPurpose::EmailVerification => "vfy_",
        }
    }

    /// The SPA's page the link opens.
    fn page(self) -> &'static str {
        match self {
            LinkPurpose::PasswordReset => "password-reset",
            LinkPurpose::EmailVerification => "verify-email",
        }
    }
}

#[derive(Debug, Queryable, Insertable)]
#[diesel(table_name = account_links)]
pub struct LinkRow {
    pub id: String,
    pub user_id: String,
    pub purpose: LinkPurpose,
    pub email: String,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// Mails `user` a new link for `purpose`, in their language, through the mail queue (in the
/// caller's transaction). Earlier unused links of the same purpose stop working: only the
/// newest mail counts.
pub fn send(
    conn: &mut DbConnection,
    user: &UserRow,
    purpose: LinkPurpose,
    public_url: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(
        account_links::table
            .filter(account_links::user_id.eq(&user.id))
            .filter(account_links::purpose.eq(purpose))
            .filter(account_links::used_at.is_null()),
    )
    .set(account_links::used_at.eq(now))
    .execute(conn)?;
    let token = opaque::generate(purpose.prefix());
    diesel::insert_into(account_links::table)
        .values(&LinkRow {
            id: new_id(),
            user_id: user.id.clone(),
            purpose,
            email: user.email.clone(),
            token_hash: opaque::digest(&token),
            expires_at: now + purpose.lifetime(),
            used_at: None,
            created_at: now,
        })
        .execute(conn)?;
    let url = format!("{public_url}/{}/{token}", purpose.page());
    let mail = OutgoingMail {
        id: new_id(),
        to: user.email.clone(),
        subject: subject(user.locale, purpose),
        body: body(user.locale, purpose, &user.display_name, &url),
        unsubscribe_url: None,
    };
    outbox::insert(conn, Some(&user.id), &mail, now)?;
    jobs::enqueue(
        conn,
        NewJob::now(mail::SEND_JOB, json!({ "email_id": mail.id }), 10).unique(format!("mail:{}", mail.id)),
    )?;
    Ok(())
}

/// Why a link no longer works.
fn unavailable(reason: &str) -> ApiError {
    ApiError::new(
        ErrorCode::AccountLinkUnavailable,
        "this link no longer works: ask for a new one",
    )
    .param("reason", reason)
}

/// Uses the link `token` for `purpose`: one conditional update, so of two parallel uses one
/// wins. The link as it was, or 410 `account_link.unavailable` (`unknown`, `used`, `expired`).
pub fn redeem(
    conn: &mut DbConnection,
    token: &str,
    purpose: LinkPurpose,
    now: NaiveDateTime,
) -> Result<LinkRow, ApiError> {
    let link = peek(conn, token, purpose)?;
    if link.used_at.is_some() {
        return Err(unavailable("used"));
    }
    if link.expires_at <= now {
        return Err(unavailable("expired"));
    }
    let taken = diesel::update(
        account_links::table
            .find(&link.id)
            .filter(account_links::used_at.is_null())
            .filter(account_links::expires_at.gt(now)),
    )
    .set(account_links::used_at.eq(now))
    .execute(conn)?;
    match taken {
        1 => Ok(link),
        _ => Err(unavailable("used")),
    }
}

/// The link `token` for `purpose`, used or not (to check a new password against its account
/// before the slow hashing); 410 when there is none.
pub fn peek(conn: &mut DbConnection, token: &str, purpose: LinkPurpose) -> Result<LinkRow, ApiError> {
    account_links::table
        .filter(account_links::token_hash.eq(opaque::digest(token)))
        .filter(account_links::purpose.eq(purpose))
        .first::<LinkRow>(conn)
        .optional()?
        .ok_or_else(|| unavailable("unknown"))
}

/// Forgets every link of an account (its deletion).
pub fn forget(conn: &mut DbConnection, user_id: &str) -> QueryResult<usize> {
    diesel::delete(account_links::table.filter(account_links::user_id.eq(user_id))).execute(conn)
}

fn subject(locale: Locale, purpose: LinkPurpose) -> String {
    match (locale, purpose) {
        (Locale::De, LinkPurpose::PasswordReset) => "Neues Passwort für Schwarm".to_owned(),
        (Locale::En, LinkPurpose::PasswordReset) => "A new password for Schwarm".to_owned(),
        (Locale::De, LinkPurpose::EmailVerification) => "Bitte bestätige deine E-Mail-Adresse".to_owned(),
        (Locale::En, LinkPurpose::EmailVerification) => "Please confirm your email address".to_owned(),
    }
}

fn body(locale: Locale, purpose: LinkPurpose, name: &str, url: &str) -> String {
    match (locale, purpose) {
        (Locale::De, LinkPurpose::PasswordReset) => format!(
            "Hallo {name},\n\njemand (hoffentlich du) möchte das Passwort deines Schwarm-Kontos neu \
             setzen. Hier geht es weiter (eine Stunde lang, einmal):\n\n{url}\n\nDanach bist du auf \
             allen Geräten abgemeldet. Warst du es nicht, ignoriere diese Mail: dein Passwort bleibt.\n"
        ),
        (Locale::En, LinkPurpose::PasswordReset) => format!(
            "Hello {name},\n\nsomeone (hopefully you) asked to set a new password for your Schwarm \
             account. Continue here (for one hour, once):\n\n{url}\n\nAfterwards you are signed out \
             everywhere. If it was not you, ignore this mail: your password stays.\n"
        ),
        (Locale::De, LinkPurpose::EmailVerification) => format!(
            "Hallo {name},\n\nwillkommen bei Schwarm! Bitte bestätige, dass diese Adresse dir gehört \
             (sieben Tage lang):\n\n{url}\n\nHast du kein Konto angelegt, ignoriere diese Mail.\n"
        ),
        (Locale::En, LinkPurpose::EmailVerification) => format!(
            "Hello {name},\n\nwelcome to Schwarm! Please confirm that this address is yours (within \
             seven days):\n\n{url}\n\nIf you did not sign up, ignore this mail.\n"
        ),
    }
}
