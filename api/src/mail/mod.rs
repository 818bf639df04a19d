//! Sending mail with `lettre`: through SMTP when `SMTP_URL` names a server, otherwise as `.eml`
//! files under `DATA_DIR/mail` (so the embedded default shows every mail it would send).

pub mod outbox;

use std::path::PathBuf;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MessageBuilder};
use lettre::{FileTransport, Message, SmtpTransport, Transport};

/// The job that sends one composed mail (`{"email_id": ...}`), whoever composed it.
pub const SEND_JOB: &str = "mail.send";

/// The address people open the site at (no trailing slash), for links in mail.
#[derive(Debug, Clone)]
pub struct PublicUrl(pub String);

/// One mail to send.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// Also its `Message-ID`, so a mail sent twice (after a crash) can be recognised.
    pub id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Where one POST stops this kind of mail (RFC 8058 `List-Unsubscribe`).
    pub unsubscribe_url: Option<String>,
}

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: SmtpTransport,
        from: Mailbox,
    },
    Files {
        transport: FileTransport,
        dir: PathBuf,
        from: Mailbox,
    },
}

impl Mailer {
    /// SMTP when `smtp_url` is set (`smtp://host:port`, `smtp://user:pass@host?tls=required`,
    /// `smtps://...`), files under `dir` otherwise.
    pub fn open(smtp_url: Option<&str>, dir: PathBuf, from: &str) -> Result<Self, String> {
        let from: Mailbox = from.parse().map_err(|err| format!("MAIL_FROM={from:?}: {err}"))?;
        match smtp_url {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|err| format!("SMTP_URL: {err}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                std::fs::create_dir_all(&dir)
                    .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
                Ok(Mailer::Files {
                    transport: FileTransport::new(&dir),
                    dir,
                    from,
                })
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp { .. } => "SMTP".to_owned(),
            Mailer::Files { dir, .. } => format!(".eml files in {}", dir.display()),
        }
    }

    fn from(&self) -> &Mailbox {
        match self {
            Mailer::Smtp { from, .. } | Mailer::Files { from, .. } => from,
        }
    }

    fn message(&self, mail: &OutgoingMail) -> Result<Message, String> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|err| format!("bad recipient {:?}: {err}", mail.to))?;
        let mut builder: MessageBuilder = Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{}@schwarm>", mail.id)))
            .header(ContentType::TEXT_PLAIN);
        if let Some(url) = &mail.unsubscribe_url {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder.body(mail.body.clone()).map_err(|err| err.to_string())
    }

    /// Sends one mail (blocking: call it off the HTTP workers).
    pub fn send(&self, mail: &OutgoingMail) -> Result<(), String> {
        let message = self.message(mail)?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(&message).map(drop).map_err(|err| err.to_string())
            }
            Mailer::Files { transport, .. } => {
                transport.send(&message).map(drop).map_err(|err| err.to_string())
            }
        }
    }
}
