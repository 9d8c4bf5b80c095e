//! Delivering the mail outbox. Messages are stored first (one per user, day and kind, enforced by a unique
//! index), then delivered and marked sent; a delivery that dies half-way is retried on the next run, and the
//! file outbox names each file after its message, so a retry rewrites the same file instead of adding one.

use crate::{ServiceError, ServiceResult, entity::mail_outbox};
use chrono::{DateTime, Utc};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use std::path::{Path, PathBuf};

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    /// One `.eml` file per message in this directory (no SMTP server configured).
    Outbox(PathBuf),
    /// An SMTP server; messages to users without an email address go to the outbox directory instead.
    Smtp {
        /// The server (boxed: it is large, and the outbox variant is common).
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        /// The sender, e.g. `Budaya <budaya@kaltimprov.go.id>`.
        from: Mailbox,
        /// Where messages without an address are kept.
        outbox: PathBuf,
    },
}

// By hand: the transport's own Debug would print the server's credentials.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Outbox(dir) => f.debug_tuple("Outbox").field(dir).finish(),
            Mailer::Smtp { from, .. } => {
                f.debug_struct("Smtp").field("from", &from.to_string()).finish_non_exhaustive()
            }
        }
    }
}

impl Mailer {
    /// An SMTP mailer for `url` (`smtp://user:password@host:587?tls=required`, `smtps://host:465`, or
    /// `smtp://host:25` without TLS for a relay on the same machine) sending as `from`.
    pub fn smtp(url: &str, from: &str, outbox: PathBuf) -> Result<Self, String> {
        let transport =
            Box::new(AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|err| err.to_string())?.build());
        let from = from.parse().map_err(|err| format!("{from:?} is not an address: {err}"))?;
        Ok(Mailer::Smtp { transport, from, outbox })
    }

    async fn deliver(&self, message: &mail_outbox::Model) -> ServiceResult<()> {
        match self {
            Mailer::Outbox(dir) => write_file(dir, message),
            Mailer::Smtp { transport, from, outbox } => {
                let Some(to) = message.to_address.as_deref().and_then(|a| a.parse::<Mailbox>().ok()) else {
                    tracing::info!(user = %message.user_id, "no email address: the message stays in the outbox");
                    return write_file(outbox, message);
                };
                let failed = |err: String| ServiceError::Invalid(format!("SMTP: {err}"));
                let email = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(message.subject.clone())
                    .date(message.created_at.into())
                    .message_id(Some(format!("<{}@budaya>", message.id)))
                    .header(ContentType::TEXT_PLAIN)
                    .body(message.body.clone())
                    .map_err(|err| failed(err.to_string()))?;
                transport.send(email).await.map(drop).map_err(|err| failed(err.to_string()))
            }
        }
    }
}

fn write_file(dir: &Path, message: &mail_outbox::Model) -> ServiceResult<()> {
    let io = |err: std::io::Error| ServiceError::Invalid(format!("outbox {}: {err}", dir.display()));
    std::fs::create_dir_all(dir).map_err(io)?;
    let name = format!("{}-{}-{}.eml", message.day, message.kind, message.user_id);
    let temporary = dir.join(format!(".{name}.tmp"));
    std::fs::write(&temporary, render(message)).map_err(io)?;
    std::fs::rename(&temporary, dir.join(name)).map_err(io)
}

/// The message as an RFC 5322 text file.
fn render(message: &mail_outbox::Model) -> String {
    let to = message.to_address.clone().unwrap_or_else(|| format!("<pengguna {}>", message.user_id));
    format!(
        "To: {to}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}@budaya>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        message.subject,
        message.created_at.to_rfc2822(),
        message.id,
        message.body.replace('\n', "\r\n"),
    )
}

/// Delivers every message not yet sent, oldest first; returns how many went out.
pub async fn deliver_pending(db: &DatabaseConnection, mailer: &Mailer, now: DateTime<Utc>) -> ServiceResult<usize> {
    let pending = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .order_by_asc(mail_outbox::Column::CreatedAt)
        .all(db)
        .await?;
    let mut sent = 0;
    for message in pending {
        mailer.deliver(&message).await?;
        let mut model: mail_outbox::ActiveModel = message.into();
        model.sent_at = Set(Some(now));
        model.update(db).await?;
        sent += 1;
    }
    Ok(sent)
}
