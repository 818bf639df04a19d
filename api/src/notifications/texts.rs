//! What a notification says in a mail, in the recipient's language. (The SPA renders the inbox
//! itself from `kind` and `data`.)

use serde_json::Value;

use super::Kind;
use super::repo::NotificationRow;
use crate::domain::Locale;

fn field<'a>(data: &'a Value, name: &str) -> &'a str {
    data.get(name).and_then(Value::as_str).unwrap_or("")
}

/// The date of an RFC 3339 instant in `data` (`YYYY-MM-DD`).
fn day(data: &Value, name: &str) -> String {
    field(data, name).chars().take(10).collect()
}

/// One line about one notification.
pub fn line(row: &NotificationRow, locale: Locale) -> String {
    let data: Value = serde_json::from_str(&row.data).unwrap_or(Value::Null);
    let title = field(&data, "title");
    let campaign = field(&data, "campaign_title");
    let reason = field(&data, "reason");
    let count = row.count;
    let de = locale == Locale::De;
    match row.kind {
        Kind::ContributionPublished if de => format!("Dein Beitrag „{title}“ ist veröffentlicht."),
        Kind::ContributionPublished => format!("Your contribution “{title}” is published."),
        Kind::ContributionRejected if de => format!("Dein Beitrag „{title}“ wurde abgelehnt: {reason}"),
        Kind::ContributionRejected => format!("Your contribution “{title}” was rejected: {reason}"),
        Kind::ContributionHidden if de => format!("Dein Beitrag „{title}“ wurde ausgeblendet: {reason}"),
        Kind::ContributionHidden => format!("Your contribution “{title}” was hidden: {reason}"),
        Kind::CoAuthorInvited if de => {
            format!(
                "Du bist als Mitautor*in von „{title}“ genannt. Bitte nimm deinen Anteil an oder lehne ihn ab."
            )
        }
        Kind::CoAuthorInvited => {
            format!("You are named as a co-author of “{title}”. Please accept or decline your share.")
        }
        Kind::CommentReceived => {
            let title = field(&data, "contribution_title");
            match (de, count) {
                (true, 1) => format!("Ein neuer Kommentar zu „{title}“."),
                (true, n) => format!("{n} neue Kommentare zu „{title}“."),
                (false, 1) => format!("A new comment on “{title}”."),
                (false, n) => format!("{n} new comments on “{title}”."),
            }
        }
        Kind::EntriesWaiting => match (de, count) {
            (true, 1) => format!("Ein Beitrag in „{campaign}“ wartet auf Moderation."),
            (true, n) => format!("{n} Beiträge in „{campaign}“ warten auf Moderation."),
            (false, 1) => format!("An entry in “{campaign}” waits for moderation."),
            (false, n) => format!("{n} entries in “{campaign}” wait for moderation."),
        },
        Kind::ReportReceived => match (de, count) {
            (true, 1) => format!("Eine neue Meldung in „{campaign}“."),
            (true, n) => format!("{n} neue Meldungen in „{campaign}“."),
            (false, 1) => format!("A new report in “{campaign}”."),
            (false, n) => format!("{n} new reports in “{campaign}”."),
        },
        Kind::VotingOpened if de => format!("Die Abstimmung in „{campaign}“ ist eröffnet."),
        Kind::VotingOpened => format!("Voting has opened in “{campaign}”."),
        Kind::WinnersAnnounced if de => format!("Die Gewinner von „{campaign}“ stehen fest."),
        Kind::WinnersAnnounced => format!("The winners of “{campaign}” are announced."),
        Kind::AwardReceived if de => format!("Glückwunsch: Du hast einen Preis in „{campaign}“ gewonnen."),
        Kind::AwardReceived => format!("Congratulations: you won a prize in “{campaign}”."),
        Kind::AwardStatusChanged => {
            let status = field(&data, "status");
            match (de, status) {
                (true, "approved") => format!("Dein Preis „{title}“ ist bestätigt."),
                (true, "paid") => format!("Dein Preis „{title}“ ist ausgezahlt."),
                (true, _) => format!("Dein Preis „{title}“ wurde storniert."),
                (false, "approved") => format!("Your award “{title}” is approved."),
                (false, "paid") => format!("Your award “{title}” is paid."),
                (false, _) => format!("Your award “{title}” was cancelled."),
            }
        }
        Kind::PaymentFailed if de => format!(
            "Die Zahlung deiner Zusage für „{campaign}“ ist fehlgeschlagen. Bitte ändere die Zahlungsart bis {}.",
            day(&data, "grace_until")
        ),
        Kind::PaymentFailed => format!(
            "The payment for your pledge to “{campaign}” failed. Please update your payment method by {}.",
            day(&data, "grace_until")
        ),
        Kind::PledgeDropped if de => {
            format!("Deine Zusage für „{campaign}“ wurde gestrichen: Die Zahlung kam nicht rechtzeitig.")
        }
        Kind::PledgeDropped => {
            format!("Your pledge to “{campaign}” was dropped: its payment did not arrive in time.")
        }
        Kind::FundingDecided => match (de, field(&data, "outcome")) {
            (true, "funded") => format!("„{campaign}“ ist finanziert. Danke für deine Zusage!"),
            (true, _) => format!("„{campaign}“ hat sein Ziel nicht erreicht. Dein Geld geht zurück."),
            (false, "funded") => format!("“{campaign}” is funded. Thank you for backing it!"),
            (false, _) => format!("“{campaign}” did not reach its goal. Your money goes back to you."),
        },
        Kind::AnswerRejected if de => format!(
            "Deine Antwort in „{campaign}“ wurde abgelehnt: {}",
            field(&data, "reason")
        ),
        Kind::AnswerRejected => format!(
            "Your answer in “{campaign}” was rejected: {}",
            field(&data, "reason")
        ),
        Kind::WorkerPaused if de => format!("Du bist in „{campaign}“ pausiert: {}", field(&data, "reason")),
        Kind::WorkerPaused => format!("You are paused in “{campaign}”: {}", field(&data, "reason")),
        Kind::WebhookDisabled if de => format!(
            "Der Webhook an {} wurde nach Tagen voller Fehler abgeschaltet.",
            field(&data, "url")
        ),
        Kind::WebhookDisabled => format!(
            "The webhook to {} was disabled after failing for days.",
            field(&data, "url")
        ),
    }
}

/// How a mail is framed.
pub enum Digest {
    /// Sent within a minute of what it reports.
    Immediate,
    Daily,
    Weekly,
}

/// The subject of a mail reporting `total` notifications, `lines` the first of them.
pub fn subject(digest: &Digest, lines: &[String], total: usize, locale: Locale) -> String {
    let de = locale == Locale::De;
    let n = total;
    match (digest, lines.first()) {
        (Digest::Immediate, Some(only)) if n == 1 => only.clone(),
        _ => subject_of_many(digest, n, de),
    }
}

/// The line that stands for the notifications a mail does not list one by one.
pub fn more(n: usize, locale: Locale) -> String {
    match locale {
        Locale::De => format!("… und {n} weitere in deinem Posteingang"),
        Locale::En => format!("… and {n} more in your inbox"),
    }
}

fn subject_of_many(digest: &Digest, n: usize, de: bool) -> String {
    if n == 1 {
        return match (digest, de) {
            (Digest::Daily, true) => "Deine tägliche Zusammenfassung: 1 Neuigkeit".into(),
            (Digest::Daily, false) => "Your daily digest: 1 update".into(),
            (Digest::Weekly, true) => "Deine Wochenzusammenfassung: 1 Neuigkeit".into(),
            (Digest::Weekly, false) => "Your weekly digest: 1 update".into(),
            (Digest::Immediate, true) => "1 Neuigkeit auf Schwarm".into(),
            (Digest::Immediate, false) => "1 update on Schwarm".into(),
        };
    }
    match digest {
        Digest::Immediate if de => format!("{n} Neuigkeiten auf Schwarm"),
        Digest::Immediate => format!("{n} updates on Schwarm"),
        Digest::Daily if de => format!("Deine tägliche Zusammenfassung: {n} Neuigkeiten"),
        Digest::Daily => format!("Your daily digest: {n} updates"),
        Digest::Weekly if de => format!("Deine Wochenzusammenfassung: {n} Neuigkeiten"),
        Digest::Weekly => format!("Your weekly digest: {n} updates"),
    }
}

pub fn body(name: &str, lines: &[String], public_url: &str, unsubscribe_url: &str, locale: Locale) -> String {
    let items: String = lines.iter().map(|line| format!("- {line}\n")).collect();
    match locale {
        Locale::De => format!(
            "Hallo {name},\n\n{items}\nAlles ansehen: {public_url}/notifications\n\
             Benachrichtigungen einstellen: {public_url}/me#notifications\n\
             Diese E-Mails abbestellen: {unsubscribe_url}\n"
        ),
        Locale::En => format!(
            "Hello {name},\n\n{items}\nSee everything: {public_url}/notifications\n\
             Choose your notifications: {public_url}/me#notifications\n\
             Unsubscribe from these mails: {unsubscribe_url}\n"
        ),
    }
}
